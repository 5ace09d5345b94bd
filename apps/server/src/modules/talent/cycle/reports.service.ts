import { sql } from 'kysely';
import { recordAudit } from '../../../core/audit/audit';
import { writeXlsxSheets, type Sheet } from '../../../core/excel/write-xlsx';
import type { Ctx, Tx } from '../../../core/context';
import { histogram, niceBinWidth, pointsGrowth, tierChanges, type Bin, type TierOf } from '../domain/cycle';
import { publishedYear } from './tiers.service';

async function enterpriseEntries(db: Tx, cycleId: string) {
  const rows = await db.selectFrom('talent_cycle_enterprise_entries').select(['enterprise_id', 'enterprise_name', 'points', 'tier', 'tier_order', 'tier_label'])
    .where('cycle_id', '=', cycleId).orderBy('enterprise_id').execute();
  return rows.map((r) => ({ enterpriseId: r.enterprise_id, name: r.enterprise_name, points: Number(r.points), tier: r.tier, tierOrder: r.tier_order, tierLabel: r.tier_label ?? null }));
}

/**
 * Talents served by resource in the year: placed in an allocated or final redemption round whose
 * period is the year or a part of it (2026, 2026-H1 …). "Distinct talents" counts a talent placed
 * in two resources once.
 */
async function servedByResource(db: Tx, year: number) {
  const period = sql<boolean>`(ro.period = ${String(year)} OR ro.period LIKE ${`${year}-%`})`;
  const rows = await db
    .selectFrom('talent_round_results as x')
    .innerJoin('talent_rounds as ro', 'ro.id', 'x.round_id')
    .innerJoin('talent_resources as r', 'r.id', 'ro.resource_id')
    .select(['r.id', 'r.name', 'r.unit', (eb) => eb.fn.count<number>(sql`DISTINCT x.talent_id`).as('talents'), (eb) => eb.fn.countAll<number>().as('places')])
    .where('x.option_id', 'is not', null)
    .where('ro.status', 'in', ['allocated', 'final'])
    .where(period)
    .groupBy(['r.id', 'r.name', 'r.unit'])
    .orderBy('r.name')
    .execute();
  const distinct = await db
    .selectFrom('talent_round_results as x')
    .innerJoin('talent_rounds as ro', 'ro.id', 'x.round_id')
    .select((eb) => eb.fn.count<number>(sql`DISTINCT x.talent_id`).as('n'))
    .where('x.option_id', 'is not', null)
    .where('ro.status', 'in', ['allocated', 'final'])
    .where(period)
    .executeTakeFirstOrThrow();
  return {
    resources: rows.map((r) => ({ resourceId: r.id, name: r.name, unit: r.unit, talents: Number(r.talents), places: Number(r.places) })),
    distinctTalents: Number(distinct.n),
  };
}

/**
 * The office's reports for a published year (docs/talent/CYCLE.md#reports), all from the published
 * entries (so they do not move when points are recomputed) and the redemption results.
 */
export async function cycleReports(ctx: Ctx, year: number) {
  const { cur, prev } = await publishedYear(ctx.db, year);
  const [curE, prevE, talentPoints, served] = await Promise.all([
    enterpriseEntries(ctx.db, cur.id),
    prev ? enterpriseEntries(ctx.db, prev.id) : Promise.resolve(null),
    ctx.db.selectFrom('talent_cycle_talent_entries').select('points').where('cycle_id', '=', cur.id).execute(),
    servedByResource(ctx.db, year),
  ]);
  const tierList = new Map<string, { tier: string; tierOrder: number; label: { zh: string; en: string }; thisYear: number; lastYear: number }>();
  const addTier = (e: (typeof curE)[number], key: 'thisYear' | 'lastYear') => {
    if (!e.tier || e.tierOrder === null) return;
    const t = tierList.get(e.tier) ?? { tier: e.tier, tierOrder: e.tierOrder, label: e.tierLabel ?? { zh: e.tier, en: e.tier }, thisYear: 0, lastYear: 0 };
    t[key] += 1;
    tierList.set(e.tier, t);
  };
  curE.forEach((e) => addTier(e, 'thisYear'));
  prevE?.forEach((e) => addTier(e, 'lastYear'));
  const tp = talentPoints.map((r) => Number(r.points));
  const tWidth = niceBinWidth(Math.max(0, ...tp));
  const eWidth = niceBinWidth(Math.max(0, ...curE.map((e) => e.points)));
  const asTier = (e: (typeof curE)[number]): TierOf => ({ enterpriseId: e.enterpriseId, points: e.points, tier: e.tier, tierOrder: e.tierOrder });
  return {
    year, previousYear: prev?.year ?? null, status: cur.status as 'notice' | 'final',
    served,
    tiers: [...tierList.values()].sort((a, b) => a.tierOrder - b.tierOrder),
    tierChanges: prevE ? tierChanges(prevE.map(asTier), curE.map(asTier)) : null,
    distribution: {
      talents: { binWidth: tWidth, bins: histogram(tp, tWidth), count: tp.length },
      enterprises: { binWidth: eWidth, bins: histogram(curE.map((e) => e.points), eWidth), count: curE.length },
    },
    growth: pointsGrowth(prevE ? prevE.map(asTier) : null, curE.map(asTier)),
  };
}

type Kv = { figure: string; value: string | number | null; definition: string };

export async function exportReports(ctx: Ctx, year: number) {
  const r = await cycleReports(ctx, year);
  const pct = (x: number | null) => (x === null ? null : `${(x * 100).toFixed(1)}%`);
  const summary: Kv[] = [
    { figure: '获得兑现服务的人才（去重）', value: r.served.distinctTalents, definition: `${year} 年度（含分期）已分配或已确定的兑现轮次中获得名额的人才，同一人才获得多项资源只计一次` },
    { figure: '公示人才数', value: r.distribution.talents.count, definition: '公示名单中积分完整的人才' },
    { figure: '公示企业数', value: r.distribution.enterprises.count, definition: '公示名单中积分完整的企业' },
    { figure: '升档企业', value: r.tierChanges?.up ?? null, definition: `${year - 1} 年已定档、${year} 年档次更高的企业` },
    { figure: '降档企业', value: r.tierChanges?.down ?? null, definition: `${year - 1} 年已定档、${year} 年档次更低的企业` },
    { figure: '档次持平', value: r.tierChanges?.same ?? null, definition: '两年档次相同的企业' },
    { figure: '新进档企业', value: r.tierChanges?.new ?? null, definition: `${year - 1} 年未公示或未定档、${year} 年定档的企业` },
    { figure: '企业积分合计', value: r.growth.totalThisYear, definition: `${year} 年公示企业的积分之和` },
    { figure: '上年企业积分合计', value: r.previousYear ? r.growth.totalLastYear : null, definition: `${year - 1} 年公示企业的积分之和` },
    { figure: '企业积分同比增长', value: pct(r.growth.totalGrowth), definition: '（本年合计 − 上年合计）÷ 上年合计' },
    { figure: '两年均公示企业积分同比增长', value: pct(r.growth.bothGrowth), definition: `仅计两年均公示的 ${r.growth.both} 家企业：（本年合计 − 上年合计）÷ 上年合计` },
    { figure: '积分增长的企业', value: r.growth.grew, definition: '两年均公示且本年积分高于上年的企业' },
  ];
  const kv = [{ header: '指标', width: 30, value: (x: Kv) => x.figure }, { header: '数值', width: 14, value: (x: Kv) => x.value }, { header: '口径', width: 70, value: (x: Kv) => x.definition }];
  const bins = (label: string) => [
    { header: `${label}（下限，含）`, width: 16, value: (b: Bin) => b.min },
    { header: `${label}（上限，不含）`, width: 16, value: (b: Bin) => b.max },
    { header: '人数/企业数', width: 12, value: (b: Bin) => b.count },
  ];
  type Served = (typeof r.served.resources)[number];
  type TierRow = (typeof r.tiers)[number];
  const sheets: Sheet<unknown>[] = [
    { name: '汇总', columns: kv, rows: summary } as Sheet<unknown>,
    { name: '按资源兑现人才', columns: [
      { header: '资源', width: 24, value: (x: Served) => x.name }, { header: '获得人才数', width: 12, value: (x: Served) => x.talents },
      { header: '名额数', width: 10, value: (x: Served) => x.places }, { header: '单位', width: 8, value: (x: Served) => x.unit },
    ], rows: r.served.resources } as Sheet<unknown>,
    { name: '各档次企业数', columns: [
      { header: '档次', width: 10, value: (x: TierRow) => x.label.zh }, { header: `${year} 年`, width: 10, value: (x: TierRow) => x.thisYear },
      { header: `${year - 1} 年`, width: 10, value: (x: TierRow) => (r.previousYear ? x.lastYear : null) },
    ], rows: r.tiers } as Sheet<unknown>,
    { name: '人才积分分布', columns: bins('积分'), rows: r.distribution.talents.bins } as Sheet<unknown>,
    { name: '企业积分分布', columns: bins('积分'), rows: r.distribution.enterprises.bins } as Sheet<unknown>,
  ];
  const buffer = await writeXlsxSheets(sheets);
  await recordAudit(ctx.db, ctx, { action: 'talent.cycle.reports.export', entityType: 'talent_cycle', after: { year } });
  return { buffer, fileName: `人才积分报表-${year}.xlsx` };
}
