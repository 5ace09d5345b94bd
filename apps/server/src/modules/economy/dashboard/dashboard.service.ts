import { sql } from 'kysely';
import type { Ctx } from '../../../core/context';
import { recordAudit } from '../../../core/audit/audit';
import { enterpriseInScope } from '../../../core/identity/scope';
import { localDateOf } from '../../../core/reference/domain/workday';
import { writeXlsxSheets, type SheetColumn } from '../../../core/excel/write-xlsx';
import { FEN_PER_WAN, formatPeriod, growthRate, lastMonthOf, monthsBetween, parsePeriod, type Period } from '../domain';
import type { DashboardHeadline, DashboardView } from '../schemas';
import { growthSums, monthlyAboveScale, periodsWithFigures, type Grouping, type GrowthSums, type MonthSums } from './growth.repo';
import { periodSumRows, sumsServeScope } from './period-sums.store';
import { growthFromRows, monthsFromRows, type EcosystemPrefixes, type SumsIndicator } from './sum-rows';
import { defaultPeriodOf, groupNames, toRow } from './growth.service';
import { officialRates } from './official-rates';

const pct = (r: number | null) => (r === null ? null : Math.round(r * 10000) / 100);
type Official = { ratePercent: number; source: string };
const wan = (fen: number) => Math.round((fen / FEN_PER_WAN) * 100) / 100;

/** Headline counts of the registry in scope (tags 独角兽 / 准独角兽 / 专精特新), above-scale from this year's derived list. */
async function counts(ctx: Ctx, year: number): Promise<DashboardView['counts']> {
  const r = await ctx.db.selectFrom('enterprises as e')
    .select((eb) => [
      eb.fn.countAll<number>().as('enterprises'),
      sql<number>`count(*) FILTER (WHERE e.listed)`.as('listed'),
      sql<number>`count(*) FILTER (WHERE e.high_tech)`.as('high_tech'),
      sql<number>`count(*) FILTER (WHERE '独角兽' = ANY (e.tags))`.as('unicorns'),
      sql<number>`count(*) FILTER (WHERE '准独角兽' = ANY (e.tags))`.as('prospective'),
      sql<number>`count(*) FILTER (WHERE '专精特新' = ANY (e.tags))`.as('specialised'),
      sql<number>`count(*) FILTER (WHERE EXISTS (SELECT 1 FROM economy_scale_status s WHERE s.enterprise_id = e.id AND s.year = ${year} AND s.above_scale))`.as('above_scale'),
    ])
    .where('e.status', '=', 'active').where(enterpriseInScope(ctx.actor)).executeTakeFirstOrThrow();
  return {
    enterprises: Number(r.enterprises), aboveScale: Number(r.above_scale), listed: Number(r.listed), highTech: Number(r.high_tech),
    unicorns: Number(r.unicorns), prospectiveUnicorns: Number(r.prospective), specialised: Number(r.specialised),
  };
}

/** Where the screen's sums come from: the stored period sums, or (one enterprise's user) the live statements. */
interface ScreenSums {
  growth(indicator: SumsIndicator, groupBy: Grouping): Promise<GrowthSums[]>;
  months(from: Period, to: Period): Promise<MonthSums[]>;
}

function liveSums(ctx: Ctx, period: Period): ScreenSums {
  const cum = { period, basis: 'cumulative' as const };
  return {
    growth: (indicator, groupBy) => growthSums(ctx.db, ctx.actor, { ...cum, indicator, groupBy, cohort: indicator === 'employees' ? 'all' : 'above_scale' }),
    months: (from, to) => monthlyAboveScale(ctx.db, ctx.actor, from, to),
  };
}

async function storedSums(ctx: Ctx, period: Period): Promise<ScreenSums> {
  const rows = await periodSumRows(ctx.db, ctx.actor, [period], 'cumulative');
  let ecosystems: Promise<EcosystemPrefixes[]> | null = null;
  return {
    growth: async (indicator, groupBy) => {
      if (groupBy === 'ecosystem') {
        ecosystems ??= ctx.db.selectFrom('economy_ecosystems').select(['id', 'industry_prefixes']).execute()
          .then((es) => es.map((e) => ({ id: e.id, prefixes: e.industry_prefixes })));
      }
      return growthFromRows(rows, indicator, groupBy, groupBy === 'ecosystem' ? await ecosystems! : []);
    },
    months: async (from, to) => {
      const months = monthsBetween(from, to);
      return monthsFromRows(await periodSumRows(ctx.db, ctx.actor, months, 'cumulative'));
    },
  };
}

const sumsOf = (ctx: Ctx, period: Period) => (sumsServeScope(ctx.actor) ? storedSums(ctx, period) : Promise.resolve(liveSums(ctx, period)));
const ZERO: GrowthSums = { key: '', cohortSize: 0, reported: 0, compared: 0, total: 0, comparableCurrent: 0, comparableBase: 0 };
const EMPTY = { value: null, growthPercent: null, official: null };

/**
 * What the first screen shows: the counts, and above-scale revenue, tax and employees with their
 * comparable growth — from the stored period sums (a few hundred rows), not the 1.8 M figure rows.
 */
export async function dashboardHeadline(ctx: Ctx, q: { period?: string }): Promise<DashboardHeadline> {
  const loaded = await periodsWithFigures(ctx.db);
  const period = q.period ? parsePeriod(q.period) : defaultPeriodOf(loaded);
  const year = period?.year ?? Number(localDateOf(ctx.now).slice(0, 4));
  const base = { period: period ? formatPeriod(period) : null, year, periods: loaded.map(formatPeriod) };
  if (!period) return { ...base, counts: await counts(ctx, year), aboveScaleRevenueWan: EMPTY, aboveScaleTaxWan: EMPTY, employees: EMPTY };
  const cum = { period, basis: 'cumulative' as const };
  const [c, sums, revOfficial, taxOfficial] = await Promise.all([
    counts(ctx, year), sumsOf(ctx, period), officialRates(ctx.db, { ...cum, indicator: 'revenue' }), officialRates(ctx.db, { ...cum, indicator: 'tax' }),
  ]);
  const [rev, tx, emp] = await Promise.all([sums.growth('revenue', 'none'), sums.growth('tax', 'none'), sums.growth('employees', 'none')]);
  return { ...base, counts: c, ...headlineOf(rev[0] ?? ZERO, tx[0] ?? ZERO, emp[0] ?? ZERO, revOfficial.get('county|') ?? null, taxOfficial.get('county|') ?? null) };
}

function headlineOf(rev: GrowthSums, tx: GrowthSums, emp: GrowthSums, revOfficial: Official | null, taxOfficial: Official | null) {
  return {
    aboveScaleRevenueWan: { value: wan(rev.total), growthPercent: pct(growthRate(rev.comparableCurrent, rev.comparableBase)), official: revOfficial },
    aboveScaleTaxWan: { value: wan(tx.total), growthPercent: pct(growthRate(tx.comparableCurrent, tx.comparableBase)), official: taxOfficial },
    employees: { value: emp.total, growthPercent: pct(growthRate(emp.comparableCurrent, emp.comparableBase)), official: null },
  };
}

export async function dashboard(ctx: Ctx, q: { period?: string; months: number }): Promise<DashboardView> {
  const loaded = await periodsWithFigures(ctx.db);
  const period = q.period ? parsePeriod(q.period) : defaultPeriodOf(loaded);
  const year = period?.year ?? Number(localDateOf(ctx.now).slice(0, 4));
  const periods = loaded.map(formatPeriod);
  const base = { period: period ? formatPeriod(period) : null, year, counts: await counts(ctx, year), periods };
  if (!period) return { ...base, aboveScaleRevenueWan: EMPTY, aboveScaleTaxWan: EMPTY, employees: EMPTY, series: [], byEcosystem: [], byStreet: [], byPark: [] };

  const cum = { period, basis: 'cumulative' as const };
  const sums = await sumsOf(ctx, period);
  const [revenue, tax, employees, byEco, byStreet, byPark, revOfficial, taxOfficial] = await Promise.all([
    sums.growth('revenue', 'none'),
    sums.growth('tax', 'none'),
    sums.growth('employees', 'none'),
    sums.growth('revenue', 'ecosystem'),
    sums.growth('revenue', 'street'),
    sums.growth('revenue', 'park'),
    officialRates(ctx.db, { ...cum, indicator: 'revenue' }),
    officialRates(ctx.db, { ...cum, indicator: 'tax' }),
  ]);
  const rev = revenue[0] ?? ZERO;
  const grouped = async (rows: typeof byEco, groupBy: 'ecosystem' | 'street' | 'park') => {
    const names = await groupNames(ctx, groupBy, rows.map((r) => r.key));
    return rows.map((r) => toRow('revenue', r, rev, names.get(r.key) ?? r.key, revOfficial.get(`${groupBy}|${r.key}`) ?? null)).sort((a, b) => b.total - a.total);
  };
  // over time: the last `months` months up to the period (a quarter: its last month)
  const to: Period = { year: period.year, part: String(lastMonthOf(period)).padStart(2, '0') };
  const fromIndex = to.year * 12 + lastMonthOf(to) - q.months;
  const from: Period = { year: Math.floor(fromIndex / 12), part: String((fromIndex % 12) + 1).padStart(2, '0') };
  const monthly = new Map((await sums.months(from, to)).map((m) => [formatPeriod(m), m]));
  const series = monthsBetween(from, to).map(formatPeriod).filter((p) => monthly.has(p)).map((p) => {
    const m = monthly.get(p)!;
    return {
      period: p, revenueWan: wan(m.revenue.total), revenueGrowthPercent: pct(growthRate(m.revenue.cur, m.revenue.base)),
      taxWan: wan(m.tax.total), taxGrowthPercent: pct(growthRate(m.tax.cur, m.tax.base)),
    };
  });
  return {
    ...base,
    ...headlineOf(rev, tax[0] ?? ZERO, employees[0] ?? ZERO, revOfficial.get('county|') ?? null, taxOfficial.get('county|') ?? null),
    series,
    byEcosystem: await grouped(byEco, 'ecosystem'),
    byStreet: await grouped(byStreet, 'street'),
    byPark: await grouped(byPark, 'park'),
  };
}

type Row = DashboardView['byStreet'][number];
const groupColumns = (label: string): SheetColumn<Row>[] => [
  { header: label, width: 24, value: (r) => r.name },
  { header: '规上营业收入（万元）', width: 20, value: (r) => r.total },
  { header: '同口径增速（%）', width: 16, value: (r) => r.growthPercent },
  { header: '占比（%）', width: 12, value: (r) => r.sharePercent },
  { header: '占比变化（百分点）', width: 18, value: (r) => r.shareChangePoints },
  { header: '规上企业数', width: 12, value: (r) => r.cohortSize },
  { header: '参与同比企业数', width: 14, value: (r) => r.compared },
  { header: '公布增速（%）', width: 14, value: (r) => r.official?.ratePercent ?? null },
  { header: '公布来源', width: 28, value: (r) => r.official?.source ?? null },
];

/** The screen as a workbook: headline, months, and the groups. Audited. */
export async function exportDashboard(ctx: Ctx, q: { period?: string; months: number }): Promise<{ fileName: string; buffer: Buffer }> {
  const d = await dashboard(ctx, q);
  type Line = { name: string; value: number | null; growth: number | null; official: string | null };
  const headline: Line[] = [
    { name: '企业总数', value: d.counts.enterprises, growth: null, official: null },
    { name: `规上企业数（${d.year} 年名录）`, value: d.counts.aboveScale, growth: null, official: null },
    { name: '上市企业', value: d.counts.listed, growth: null, official: null },
    { name: '高新技术企业', value: d.counts.highTech, growth: null, official: null },
    { name: '独角兽企业', value: d.counts.unicorns, growth: null, official: null },
    { name: '准独角兽企业', value: d.counts.prospectiveUnicorns, growth: null, official: null },
    { name: `规上营业收入（万元，${d.period ?? ''} 累计）`, value: d.aboveScaleRevenueWan.value, growth: d.aboveScaleRevenueWan.growthPercent, official: d.aboveScaleRevenueWan.official ? `${d.aboveScaleRevenueWan.official.ratePercent}%（${d.aboveScaleRevenueWan.official.source}）` : null },
    { name: `规上税收（万元，${d.period ?? ''} 累计）`, value: d.aboveScaleTaxWan.value, growth: d.aboveScaleTaxWan.growthPercent, official: d.aboveScaleTaxWan.official ? `${d.aboveScaleTaxWan.official.ratePercent}%（${d.aboveScaleTaxWan.official.source}）` : null },
    { name: '从业人员（人）', value: d.employees.value, growth: d.employees.growthPercent, official: null },
  ];
  const buffer = await writeXlsxSheets([
    { name: '核心指标', columns: [
      { header: '指标', width: 34, value: (r: Line) => r.name }, { header: '数值', width: 18, value: (r: Line) => r.value },
      { header: '同口径增速（%）', width: 16, value: (r: Line) => r.growth }, { header: '公布增速', width: 36, value: (r: Line) => r.official },
    ], rows: headline },
    { name: '逐月走势', columns: [
      { header: '期间', width: 10, value: (r: DashboardView['series'][number]) => r.period },
      { header: '规上营业收入累计（万元）', width: 22, value: (r: DashboardView['series'][number]) => r.revenueWan },
      { header: '营收同口径增速（%）', width: 18, value: (r: DashboardView['series'][number]) => r.revenueGrowthPercent },
      { header: '规上税收累计（万元）', width: 20, value: (r: DashboardView['series'][number]) => r.taxWan },
      { header: '税收同口径增速（%）', width: 18, value: (r: DashboardView['series'][number]) => r.taxGrowthPercent },
    ], rows: d.series },
    { name: '产业生态圈', columns: groupColumns('产业生态圈'), rows: d.byEcosystem },
    { name: '街道', columns: groupColumns('街道'), rows: d.byStreet },
    { name: '园区', columns: groupColumns('园区'), rows: d.byPark },
  ]);
  await recordAudit(ctx.db, ctx, { action: 'economy.dashboard.export', entityType: 'economy_dashboard', after: { period: d.period } });
  return { fileName: `经济运行-${d.period ?? localDateOf(ctx.now)}.xlsx`, buffer };
}
