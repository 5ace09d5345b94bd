import { sql } from 'kysely';
import { AppError } from '../../../http/app-error';
import { enterpriseInScope } from '../../../core/identity/scope';
import type { Ctx } from '../../../core/context';
import { FEN_PER_WAN, formatPeriod, growthRate, lastMonthOf, parsePeriod, type Period } from '../domain';
import { growthSums, monthlyAboveScale } from './growth.repo';
import { defaultPeriod } from './growth.service';

const pct = (r: number | null) => (r === null ? null : Math.round(r * 10000) / 100);
const wan = (fen: number) => Math.round((fen / FEN_PER_WAN) * 100) / 100;

/**
 * 一园一档·经济指标: the park's enterprises (within the actor's scope) — above-scale revenue and
 * tax with comparable growth for the period, employees, the park's 亩均税收 (tax of the year so far
 * over the park's area), and the months of the year.
 */
export async function parkFigures(ctx: Ctx, parkId: string, periodText?: string) {
  const park = await ctx.db.selectFrom('parks').select(['id', 'name', 'area_mu']).where('id', '=', parkId).executeTakeFirst();
  if (!park) throw new AppError('PARK_NOT_FOUND');
  const period: Period | null = periodText ? parsePeriod(periodText) : await defaultPeriod(ctx);
  const enterprises = await ctx.db.selectFrom('enterprises as e')
    .select((eb) => [eb.fn.countAll<number>().as('n'), sql<number>`count(*) FILTER (WHERE e.high_tech)`.as('high_tech')])
    .where('e.park_id', '=', parkId).where('e.status', '=', 'active').where(enterpriseInScope(ctx.actor)).executeTakeFirstOrThrow();
  const base = { parkId, name: park.name, areaMu: park.area_mu, enterprises: Number(enterprises.n), highTech: Number(enterprises.high_tech) };
  if (!period) return { ...base, period: null, aboveScale: 0, revenueWan: null, revenueGrowthPercent: null, taxWan: null, taxGrowthPercent: null, employees: null, taxPerMuWan: null, months: [] };
  const cum = { period, basis: 'cumulative' as const, groupBy: 'none' as const, parkId };
  const [rev, tax, emp, allTax] = (await Promise.all([
    growthSums(ctx.db, ctx.actor, { ...cum, indicator: 'revenue', cohort: 'above_scale' }),
    growthSums(ctx.db, ctx.actor, { ...cum, indicator: 'tax', cohort: 'above_scale' }),
    growthSums(ctx.db, ctx.actor, { ...cum, indicator: 'employees', cohort: 'all' }),
    growthSums(ctx.db, ctx.actor, { ...cum, indicator: 'tax', cohort: 'all' }),
  ])).map((r) => r[0] ?? { key: '', cohortSize: 0, reported: 0, compared: 0, total: 0, comparableCurrent: 0, comparableBase: 0 });
  const to: Period = { year: period.year, part: String(lastMonthOf(period)).padStart(2, '0') };
  const months = await monthlyAboveScale(ctx.db, ctx.actor, { year: period.year, part: '01' }, to, parkId);
  return {
    ...base, period: formatPeriod(period), aboveScale: rev!.cohortSize,
    revenueWan: wan(rev!.total), revenueGrowthPercent: pct(growthRate(rev!.comparableCurrent, rev!.comparableBase)),
    taxWan: wan(tax!.total), taxGrowthPercent: pct(growthRate(tax!.comparableCurrent, tax!.comparableBase)),
    employees: emp!.total,
    taxPerMuWan: park.area_mu ? Math.round((allTax!.total / FEN_PER_WAN / park.area_mu) * 100) / 100 : null,
    months: months.map((m) => ({
      period: formatPeriod(m), revenueWan: wan(m.revenue.total), revenueGrowthPercent: pct(growthRate(m.revenue.cur, m.revenue.base)),
      taxWan: wan(m.tax.total), taxGrowthPercent: pct(growthRate(m.tax.cur, m.tax.base)),
    })),
  };
}
