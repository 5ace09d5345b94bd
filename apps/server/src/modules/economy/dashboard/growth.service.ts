import type { Ctx } from '../../../core/context';
import { AppError } from '../../../http/app-error';
import { INDICATORS, UNIT_LABELS, enteredValue, formatPeriod, growthRate, isQuarter, parsePeriod, shareChange, type IndicatorKey, type Period } from '../domain';
import type { GrowthQuery, GrowthReport } from '../schemas';
import { growthSums, periodsWithFigures, type GrowthSums, type Grouping } from './growth.repo';
import { officialRates } from './official-rates';

export const METHOD_ZH = '同口径增速：本期纳入统计的企业（默认为本年规上企业名录）本期数之和 ÷ 同一批企业上年同期数之和 − 1；只计两期都有数的企业。不是本年总量与上年公布总量之比。占比变化以百分点计。';

/** The latest month with figures (or quarter when only quarters were loaded). */
export async function defaultPeriod(ctx: Ctx): Promise<Period | null> {
  return defaultPeriodOf(await periodsWithFigures(ctx.db));
}

/** The latest month with figures, else the latest quarter. */
export function defaultPeriodOf(periods: readonly Period[]): Period | null {
  return periods.find((p) => !isQuarter(p)) ?? periods[0] ?? null;
}

export async function groupNames(ctx: Ctx, groupBy: Grouping, keys: string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>([['', groupBy === 'none' ? '全区' : groupBy === 'park' ? '不在园区' : '（无）']]);
  const ids = keys.filter((k) => k !== '');
  if (!ids.length) return names;
  if (groupBy === 'street') for (const d of await ctx.db.selectFrom('divisions').select(['code', 'name']).where('code', 'in', ids).execute()) names.set(d.code, d.name);
  if (groupBy === 'park') for (const p of await ctx.db.selectFrom('parks').select(['id', 'name']).where('id', 'in', ids).execute()) names.set(p.id, p.name);
  if (groupBy === 'ecosystem') for (const e of await ctx.db.selectFrom('economy_ecosystems').select(['id', 'name']).where('id', 'in', ids).execute()) names.set(e.id, e.name);
  if (groupBy === 'industry') for (const i of await ctx.db.selectFrom('industries').select(['code', 'name']).where('code', 'in', ids).execute()) names.set(i.code, `${i.code} ${i.name}`);
  return names;
}

const round = (x: number | null, d = 2) => (x === null ? null : Math.round(x * 10 ** d) / 10 ** d);

/** Growth rows for every group and the total, in the indicator's display unit, with shares in points. */
export async function growthReport(ctx: Ctx, q: GrowthQuery): Promise<GrowthReport> {
  const period = q.period ? parsePeriod(q.period)! : await defaultPeriod(ctx);
  if (!period) throw new AppError('ECONOMY_NO_FIGURES');
  const args = { period, basis: q.basis, indicator: q.indicator, cohort: q.cohort };
  const [totalRows, groupRows] = await Promise.all([
    growthSums(ctx.db, ctx.actor, { ...args, groupBy: 'none' }),
    q.groupBy === 'none' ? Promise.resolve([] as GrowthSums[]) : growthSums(ctx.db, ctx.actor, { ...args, groupBy: q.groupBy }),
  ]);
  const total = totalRows[0] ?? { key: '', cohortSize: 0, reported: 0, compared: 0, total: 0, comparableCurrent: 0, comparableBase: 0 };
  const names = await groupNames(ctx, q.groupBy, groupRows.map((g) => g.key));
  const official = await officialRates(ctx.db, { indicator: q.indicator, period, basis: q.basis });
  const kind = q.groupBy === 'none' ? 'county' : q.groupBy;
  const rowOf = (g: GrowthSums, name: string, officialKey: [string, string]) => toRow(q.indicator, g, total, name, official.get(officialKey.join('|')) ?? null);
  return {
    period: formatPeriod(period), basis: q.basis, indicator: q.indicator, unit: UNIT_LABELS[INDICATORS[q.indicator].unit].zh, cohort: q.cohort, groupBy: q.groupBy,
    total: rowOf(total, '全区', ['county', '']),
    groups: groupRows.map((g) => rowOf(g, names.get(g.key) ?? g.key, [kind, g.key])).sort((a, b) => b.total - a.total),
    method: METHOD_ZH,
  };
}

export function toRow(indicator: IndicatorKey, g: GrowthSums, whole: GrowthSums, name: string, official: { ratePercent: number; source: string } | null) {
  const unit = INDICATORS[indicator].unit;
  const show = (v: number) => round(enteredValue(unit, v), 2)!;
  const rate = growthRate(g.comparableCurrent, g.comparableBase);
  const share = shareChange(g.comparableCurrent, whole.comparableCurrent, g.comparableBase, whole.comparableBase);
  return {
    key: g.key, name, total: show(g.total), comparableCurrent: show(g.comparableCurrent), comparableBase: show(g.comparableBase),
    growthPercent: round(rate === null ? null : rate * 100), cohortSize: g.cohortSize, compared: g.compared,
    withoutBase: g.reported - g.compared, withoutCurrent: g.cohortSize - g.reported,
    sharePercent: round(whole.total > 0 ? (g.total / whole.total) * 100 : null), shareChangePoints: round(share.changePoints), official,
  };
}
