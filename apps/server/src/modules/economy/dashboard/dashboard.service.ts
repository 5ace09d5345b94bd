import { sql } from 'kysely';
import type { Ctx } from '../../../core/context';
import { recordAudit } from '../../../core/audit/audit';
import { enterpriseInScope } from '../../../core/identity/scope';
import { localDateOf } from '../../../core/reference/domain/workday';
import { writeXlsxSheets, type SheetColumn } from '../../../core/excel/write-xlsx';
import { FEN_PER_WAN, formatPeriod, growthRate, lastMonthOf, monthsBetween, parsePeriod, type Period } from '../domain';
import type { DashboardView } from '../schemas';
import { growthSums, monthlyAboveScale, periodsWithFigures } from './growth.repo';
import { defaultPeriodOf, groupNames, toRow } from './growth.service';
import { officialRates } from './official-rates';

const pct = (r: number | null) => (r === null ? null : Math.round(r * 10000) / 100);
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

export async function dashboard(ctx: Ctx, q: { period?: string; months: number }): Promise<DashboardView> {
  const loaded = await periodsWithFigures(ctx.db);
  const period = q.period ? parsePeriod(q.period) : defaultPeriodOf(loaded);
  const year = period?.year ?? Number(localDateOf(ctx.now).slice(0, 4));
  const periods = loaded.map(formatPeriod);
  const base = { period: period ? formatPeriod(period) : null, year, counts: await counts(ctx, year), periods };
  const empty = { value: null, growthPercent: null, official: null };
  if (!period) return { ...base, aboveScaleRevenueWan: empty, aboveScaleTaxWan: empty, employees: empty, series: [], byEcosystem: [], byStreet: [], byPark: [] };

  const cum = { period, basis: 'cumulative' as const };
  const [revenue, tax, employees, byEco, byStreet, byPark, revOfficial, taxOfficial] = await Promise.all([
    growthSums(ctx.db, ctx.actor, { ...cum, indicator: 'revenue', groupBy: 'none', cohort: 'above_scale' }),
    growthSums(ctx.db, ctx.actor, { ...cum, indicator: 'tax', groupBy: 'none', cohort: 'above_scale' }),
    growthSums(ctx.db, ctx.actor, { ...cum, indicator: 'employees', groupBy: 'none', cohort: 'all' }),
    growthSums(ctx.db, ctx.actor, { ...cum, indicator: 'revenue', groupBy: 'ecosystem', cohort: 'above_scale' }),
    growthSums(ctx.db, ctx.actor, { ...cum, indicator: 'revenue', groupBy: 'street', cohort: 'above_scale' }),
    growthSums(ctx.db, ctx.actor, { ...cum, indicator: 'revenue', groupBy: 'park', cohort: 'above_scale' }),
    officialRates(ctx.db, { ...cum, indicator: 'revenue' }),
    officialRates(ctx.db, { ...cum, indicator: 'tax' }),
  ]);
  const zero = { key: '', cohortSize: 0, reported: 0, compared: 0, total: 0, comparableCurrent: 0, comparableBase: 0 };
  const rev = revenue[0] ?? zero;
  const tx = tax[0] ?? zero;
  const emp = employees[0] ?? zero;
  const grouped = async (rows: typeof byEco, groupBy: 'ecosystem' | 'street' | 'park') => {
    const names = await groupNames(ctx, groupBy, rows.map((r) => r.key));
    return rows.map((r) => toRow('revenue', r, rev, names.get(r.key) ?? r.key, revOfficial.get(`${groupBy}|${r.key}`) ?? null)).sort((a, b) => b.total - a.total);
  };
  // over time: the last `months` months up to the period (a quarter: its last month)
  const to: Period = { year: period.year, part: String(lastMonthOf(period)).padStart(2, '0') };
  const fromIndex = to.year * 12 + lastMonthOf(to) - q.months;
  const from: Period = { year: Math.floor(fromIndex / 12), part: String((fromIndex % 12) + 1).padStart(2, '0') };
  const monthly = new Map((await monthlyAboveScale(ctx.db, ctx.actor, from, to)).map((m) => [formatPeriod(m), m]));
  const series = monthsBetween(from, to).map(formatPeriod).filter((p) => monthly.has(p)).map((p) => {
    const m = monthly.get(p)!;
    return {
      period: p, revenueWan: wan(m.revenue.total), revenueGrowthPercent: pct(growthRate(m.revenue.cur, m.revenue.base)),
      taxWan: wan(m.tax.total), taxGrowthPercent: pct(growthRate(m.tax.cur, m.tax.base)),
    };
  });
  return {
    ...base,
    aboveScaleRevenueWan: { value: wan(rev.total), growthPercent: pct(growthRate(rev.comparableCurrent, rev.comparableBase)), official: revOfficial.get('county|') ?? null },
    aboveScaleTaxWan: { value: wan(tx.total), growthPercent: pct(growthRate(tx.comparableCurrent, tx.comparableBase)), official: taxOfficial.get('county|') ?? null },
    employees: { value: emp.total, growthPercent: pct(growthRate(emp.comparableCurrent, emp.comparableBase)), official: null },
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
