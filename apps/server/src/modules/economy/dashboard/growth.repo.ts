import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '../../../core/context';
import type { Actor } from '../../../core/identity/actor';
import { enterpriseInScope } from '../../../core/identity/scope';
import { INDICATORS, type IndicatorKey, type Period } from '../domain';

export type Grouping = 'none' | 'ecosystem' | 'street' | 'park' | 'industry';
export type CohortRule = 'above_scale' | 'all';

export interface GrowthSums {
  key: string;
  cohortSize: number;
  reported: number;
  compared: number;
  total: number;
  comparableCurrent: number;
  comparableBase: number;
}

const KEY: Record<Grouping, RawBuilder<string>> = {
  none: sql<string>`''`,
  street: sql<string>`e.division_code`,
  park: sql<string>`coalesce(e.park_id::text, '')`,
  industry: sql<string>`left(e.industry_code, 2)`,
  ecosystem: sql<string>`eco.id::text`,
};

/** An enterprise is in an ecosystem when its industry code starts with one of the ecosystem's prefixes. */
const ECOSYSTEM_JOIN = sql`JOIN economy_ecosystems eco ON EXISTS (SELECT 1 FROM unnest(eco.industry_prefixes) AS p(prefix) WHERE e.industry_code LIKE p.prefix || '%')`;

/**
 * The sums of comparable-basis growth (domain/comparable-growth.ts) in one statement, per group:
 * the cohort (this year's above-scale list, or every enterprise that reported) joined with this
 * period's figure and the same period a year earlier, inside the actor's scope. The domain
 * function is the definition; api tests check the two agree.
 */
export async function growthSums(db: Tx, actor: Actor, q: { period: Period; basis: 'cumulative' | 'current'; indicator: IndicatorKey; groupBy: Grouping; cohort: CohortRule; parkId?: string }): Promise<GrowthSums[]> {
  const col = sql.ref(INDICATORS[q.indicator].column);
  const { year, part } = q.period;
  const cohort = q.cohort === 'above_scale'
    ? sql`SELECT enterprise_id FROM economy_scale_status WHERE year = ${year} AND above_scale`
    : sql`SELECT enterprise_id FROM economy_figures WHERE year = ${year} AND period = ${part} AND basis = ${q.basis} AND ${col} IS NOT NULL`;
  const fcol = sql`f.${col}`;
  const bcol = sql`b.${col}`;
  const result = await sql<{ key: string; cohort_size: number; reported: number; compared: number; total: number | null; cmp_current: number | null; cmp_base: number | null }>`
    SELECT ${KEY[q.groupBy]} AS key,
      count(*)::int AS cohort_size,
      count(${fcol})::int AS reported,
      (count(*) FILTER (WHERE ${fcol} IS NOT NULL AND ${bcol} IS NOT NULL))::int AS compared,
      sum(${fcol}) AS total,
      sum(${fcol}) FILTER (WHERE ${bcol} IS NOT NULL) AS cmp_current,
      sum(${bcol}) FILTER (WHERE ${fcol} IS NOT NULL) AS cmp_base
    FROM (${cohort}) c
    JOIN enterprises e ON e.id = c.enterprise_id
    ${q.groupBy === 'ecosystem' ? ECOSYSTEM_JOIN : sql``}
    LEFT JOIN economy_figures f ON f.enterprise_id = e.id AND f.year = ${year} AND f.period = ${part} AND f.basis = ${q.basis}
    LEFT JOIN economy_figures b ON b.enterprise_id = e.id AND b.year = ${year - 1} AND b.period = ${part} AND b.basis = ${q.basis}
    WHERE ${enterpriseInScope(actor)} ${q.parkId ? sql`AND e.park_id = ${q.parkId}` : sql``}
    GROUP BY 1
    ORDER BY 1`.execute(db);
  return result.rows.map((r) => ({
    key: r.key, cohortSize: Number(r.cohort_size), reported: Number(r.reported), compared: Number(r.compared),
    total: Number(r.total ?? 0), comparableCurrent: Number(r.cmp_current ?? 0), comparableBase: Number(r.cmp_base ?? 0),
  }));
}

export interface MonthSums {
  year: number;
  part: string;
  revenue: { total: number; cur: number; base: number };
  tax: { total: number; cur: number; base: number };
}

/** Above-scale revenue and tax, cumulative, month by month in [from, to], on a comparable basis (each year's own list). */
export async function monthlyAboveScale(db: Tx, actor: Actor, from: Period, to: Period, parkId?: string): Promise<MonthSums[]> {
  const lo = `${from.year}${from.part}`;
  const hi = `${to.year}${to.part}`;
  const r = await sql<{ year: number; period: string; rt: number | null; rc: number | null; rb: number | null; tt: number | null; tc: number | null; tb: number | null }>`
    SELECT f.year, f.period,
      sum(f.revenue_fen) AS rt,
      sum(f.revenue_fen) FILTER (WHERE b.revenue_fen IS NOT NULL) AS rc,
      sum(b.revenue_fen) FILTER (WHERE f.revenue_fen IS NOT NULL) AS rb,
      sum(f.tax_fen) AS tt,
      sum(f.tax_fen) FILTER (WHERE b.tax_fen IS NOT NULL) AS tc,
      sum(b.tax_fen) FILTER (WHERE f.tax_fen IS NOT NULL) AS tb
    FROM economy_figures f
    JOIN economy_scale_status s ON s.enterprise_id = f.enterprise_id AND s.year = f.year AND s.above_scale
    JOIN enterprises e ON e.id = f.enterprise_id
    LEFT JOIN economy_figures b ON b.enterprise_id = f.enterprise_id AND b.year = f.year - 1 AND b.period = f.period AND b.basis = f.basis
    WHERE f.basis = 'cumulative' AND f.period ~ '^[0-9]{2}$'
      AND f.year BETWEEN ${from.year} AND ${to.year} AND (f.year::text || f.period) BETWEEN ${lo} AND ${hi}
      AND ${enterpriseInScope(actor)} ${parkId ? sql`AND e.park_id = ${parkId}` : sql``}
    GROUP BY f.year, f.period
    ORDER BY f.year, f.period`.execute(db);
  return r.rows.map((x) => ({
    year: Number(x.year), part: x.period,
    revenue: { total: Number(x.rt ?? 0), cur: Number(x.rc ?? 0), base: Number(x.rb ?? 0) },
    tax: { total: Number(x.tt ?? 0), cur: Number(x.tc ?? 0), base: Number(x.tb ?? 0) },
  }));
}

/**
 * The periods that have figures (anywhere: which months were loaded is no secret), newest first.
 * A loose index scan over economy_figures_period (year, period, basis): one index probe per
 * period found, instead of a DISTINCT over every figure row (1.8 M rows at 50,000 enterprises ×
 * 36 months: the slowest part of the screen, bench/RESULTS.md run 18).
 */
export async function periodsWithFigures(db: Tx): Promise<Period[]> {
  const r = await sql<{ year: number; period: string }>`
    WITH RECURSIVE p(year, period) AS (
      (SELECT year, period FROM economy_figures ORDER BY year DESC, period DESC LIMIT 1)
      UNION ALL
      SELECT n.year, n.period FROM p CROSS JOIN LATERAL (
        SELECT f.year, f.period FROM economy_figures f WHERE (f.year, f.period) < (p.year, p.period) ORDER BY f.year DESC, f.period DESC LIMIT 1
      ) n
    )
    SELECT year, period FROM p LIMIT 120`.execute(db);
  return r.rows.map((x) => ({ year: Number(x.year), part: x.period }));
}
