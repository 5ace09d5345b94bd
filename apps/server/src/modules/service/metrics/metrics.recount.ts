import { sql, type RawBuilder } from 'kysely';
import type { Actor } from '../../../core/identity/actor';
import type { Tx } from '../../../core/context';
import { emptyRateCounts, SERVICE_STEPS, type ServiceStep } from '../domain';
import { loadCategories } from '../settings/catalog';
import { heldBy, metricRequests, NONE, BY_HOLDER, type GroupCounts, type MetricsScope } from './metrics.repo';
import type { MetricGroup, MetricsFilter } from './schemas';

/**
 * The straightforward recount: the figures counted from the step rows themselves, joined to the
 * requests (how the report counted before migration 0023's figures rows). Not used by the routes:
 * the tests compare the report (countMetrics, over service_request_figures) with it on varied data,
 * and bench/service-metrics.ts times it as the "old way". Same result shape as countMetrics.
 */
/** A request's own key (not per step), in SQL over `req`. */
function requestKey(groupBy: MetricGroup | null): RawBuilder<string> {
  switch (groupBy) {
    case 'street': return sql<string>`CASE WHEN length(req.division_code) >= 9 THEN left(req.division_code, 9) ELSE ${sql.lit(NONE)} END`;
    case 'channel': return sql<string>`req.channel`;
    case 'park': return sql<string>`coalesce(req.park_id::text, ${sql.lit(NONE)})`;
    // Local (Asia/Shanghai, UTC+8 all year) month and ISO week of submission, as ranking.ts's localMonth / localIsoWeek.
    case 'month': return sql<string>`to_char((req.submitted_at AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM')`;
    case 'week': return sql<string>`to_char((req.submitted_at AT TIME ZONE 'UTC') + interval '8 hours', 'IYYY-"W"IW')`;
    case 'category': return sql<string>`coalesce(cat.k, ${sql.lit(NONE)})`;
    default: return sql<string>`''`;
  }
}

const num = (v: unknown) => Number(v ?? 0);

export async function recountMetrics(db: Tx, actor: Actor, scope: MetricsScope, f: MetricsFilter, groupBy: MetricGroup | null, asOf: Date): Promise<{ total: GroupCounts; groups: GroupCounts[] }> {
  const req = (await metricRequests(db, actor, scope, f)).select([
    'r.id', 'r.status', 'r.reopen_count', 'r.resolved_at', 'r.category_id', 'r.division_code', 'r.channel', 'r.park_id', 'r.submitted_at',
  ]);
  const unit = heldBy(actor, scope, f);

  // Category groups overlap (a request counts in every category on its path): a mapping table.
  let catValues: RawBuilder<unknown> = sql`SELECT NULL::text AS id, NULL::text AS k WHERE false`;
  if (groupBy === 'category') {
    const categories = await loadCategories(db);
    const parent = new Map(categories.map((c) => [c.id, c.parent_id]));
    const pairs: RawBuilder<unknown>[] = [];
    for (const c of categories) for (let p: string | null | undefined = c.id; p; p = parent.get(p)) pairs.push(sql`(${c.id}::text, ${p}::text)`);
    if (pairs.length) catValues = sql`SELECT * FROM (VALUES ${sql.join(pairs)}) AS v(id, k)`;
  }
  // Overlapping keys cannot share one pass with the total (it would count a request once per key).
  // Counted apart from the total: overlapping category keys; and the holders (unit, agent), whose
  // groups count every holding while the total counts each request's step once (its last holding).
  const apart = groupBy === 'category' || (groupBy !== null && BY_HOLDER.includes(groupBy));
  const sets = groupBy === null ? [null] : apart ? [null, groupBy] : [groupBy];
  const withTotal = groupBy !== null && !apart;

  const stepKey = (g: MetricGroup | null): RawBuilder<string> =>
    g === 'unit' ? sql<string>`coalesce(s.unit_id::text, ${sql.lit(NONE)})` : g === 'agent' ? sql<string>`coalesce(s.agent_id::text, ${sql.lit(NONE)})` : requestKey(g);
  const resolverKey = (g: MetricGroup | null): RawBuilder<string> =>
    g === 'unit' ? sql<string>`coalesce(rs.unit_id::text, ${sql.lit(NONE)})` : g === 'agent' ? sql<string>`coalesce(rs.agent_id::text, ${sql.lit(NONE)})` : requestKey(g);
  // `${key}` twice must be the same SQL text for grouping(): keys use literals (sql.lit), never parameters.
  const grouping = (key: RawBuilder<string>, g: MetricGroup | null) =>
    g === null ? sql`` : withTotal ? sql`GROUP BY GROUPING SETS ((${key}), ())` : sql`GROUP BY ${key}`;
  const keyCol = (key: RawBuilder<string>, g: MetricGroup | null) =>
    g === null ? sql`NULL::text AS k` : withTotal ? sql`CASE WHEN grouping(${key}) = 1 THEN NULL ELSE ${key} END AS k` : sql`${key} AS k`;
  const catJoin = (g: MetricGroup | null) => (g === 'category' ? sql`LEFT JOIN cat ON cat.id = req.category_id` : sql``);

  const ms = (col: string) => sql.raw(`(extract(epoch FROM ${col}) * 1000)::float8`);
  const judged = sql`s.due_at IS NOT NULL AND (s.completed_at IS NOT NULL OR s.due_at < coalesce(s.cancelled_at, ${asOf}))`;
  const perStep = SERVICE_STEPS.map((st) => sql`
    count(*) FILTER (WHERE s.step = ${st} AND ${judged}) AS ${sql.raw(`${st}_due`)},
    count(*) FILTER (WHERE s.step = ${st} AND s.completed_at <= s.due_at) AS ${sql.raw(`${st}_met`)},
    count(*) FILTER (WHERE s.step = ${st} AND s.completed_at IS NOT NULL) AS ${sql.raw(`${st}_done`)},
    sum(${ms('s.completed_at - s.started_at')}) FILTER (WHERE s.step = ${st} AND s.completed_at IS NOT NULL) AS ${sql.raw(`${st}_ms`)}`);
  const open = sql`s.completed_at IS NULL AND s.cancelled_at IS NULL`;

  const results: { steps: Record<string, unknown>[]; flags: Record<string, unknown>[]; requests: Record<string, unknown>[]; g: MetricGroup | null; holderBased: boolean }[] = [];
  for (const g of sets) {
    const byHolder = g !== null && BY_HOLDER.includes(g);
    const holderBased = byHolder || unit !== null;
    const sKey = byHolder && g !== null ? stepKey(g) : requestKey(g);
    const rKey = byHolder && g !== null ? resolverKey(g) : requestKey(g);
    // Every holding by holder (returned ones and re-dispatches too: extra holdings, RATES.md);
    // otherwise each step once, by its final holding — but an open re-dispatch past its deadline
    // makes its request overdue (`forOverdue`).
    const stepRows = (forOverdue = false) => sql`
      FROM req JOIN service_request_steps s ON s.request_id = req.id ${catJoin(g)}
      WHERE req.status <> 'merged' AND NOT s.superseded
        ${holderBased ? sql`` : forOverdue ? sql`AND NOT s.returned` : sql`AND NOT s.returned AND NOT s.redispatch`}
        ${unit ? sql`AND s.unit_id = ${unit}` : sql``}
        ${g === 'agent' ? sql`AND s.unit_id IS NOT NULL` : sql``}`;
    // Plain aggregates only (a hash aggregate, no sort) …
    const { rows: steps } = await sql<Record<string, unknown>>`
      WITH req AS (${req}), cat AS (${catValues})
      SELECT ${keyCol(sKey, g)}, ${sql.join(perStep)}
      ${stepRows()}
      ${grouping(sKey, g)}`.execute(db);
    // … and the requests per group (by holder: every request it held a step of; otherwise only the
    // overdue ones, a few rows through the open-steps index), one row per (group, request) first.
    const { rows: flags } = await sql<Record<string, unknown>>`
      WITH req AS (${req}), cat AS (${catValues}),
      x AS (
        SELECT ${sKey} AS k, s.request_id,
          bool_or(${open} AND s.step <> 'follow_up') AS is_open, bool_or(${open} AND s.due_at < ${asOf}) AS is_overdue
        ${stepRows(true)} ${holderBased ? sql`` : sql`AND ${open} AND s.due_at < ${asOf}`}
        GROUP BY 1, 2
      )
      SELECT ${keyCol(sql<string>`x.k`, g)}, count(*) AS requests, count(*) FILTER (WHERE x.is_open) AS open, count(*) FILTER (WHERE x.is_overdue) AS overdue
      FROM x ${grouping(sql<string>`x.k`, g)}`.execute(db);
    const resolved = sql`req.resolved_at IS NOT NULL AND req.status IN ('resolved', 'followed_up', 'closed')`;
    // The standing follow-up and the resolver joined straight to the step table (at most one row
    // each: unique per request, step and round among rows not returned), never as CTEs — a CTE read
    // twice is materialized without statistics, and the planner then nests loops over it.
    const { rows: requests } = await sql<Record<string, unknown>>`
      WITH req AS (${req}), cat AS (${catValues})
      SELECT ${keyCol(rKey, g)},
        count(*) FILTER (WHERE req.status <> 'merged') AS requests,
        count(*) FILTER (WHERE req.status = 'merged') AS merged,
        count(*) FILTER (WHERE req.status NOT IN ('resolved', 'followed_up', 'closed', 'merged')) AS open,
        count(*) FILTER (WHERE ${resolved}) AS resolved,
        count(fu.request_id) FILTER (WHERE req.status <> 'merged') AS followed_up,
        count(fu.request_id) FILTER (WHERE ${resolved}) AS resolved_followed_up,
        count(*) FILTER (WHERE fu.solved AND req.status <> 'merged') AS solved,
        count(*) FILTER (WHERE fu.satisfaction = 'satisfied' AND req.status <> 'merged') AS satisfied,
        count(*) FILTER (WHERE fu.satisfaction = 'basically_satisfied' AND req.status <> 'merged') AS basically_satisfied,
        count(*) FILTER (WHERE fu.satisfaction = 'dissatisfied' AND req.status <> 'merged') AS dissatisfied
      FROM req
      LEFT JOIN service_request_steps fu ON fu.request_id = req.id AND fu.step = 'follow_up' AND NOT fu.superseded AND NOT fu.returned
        AND fu.satisfaction IS NOT NULL AND fu.round = req.reopen_count
      ${holderBased ? sql`LEFT JOIN service_request_steps rs ON rs.request_id = req.id AND rs.step = 'resolve' AND NOT rs.superseded
        AND NOT rs.returned AND rs.completed_at IS NOT NULL` : sql``}
      ${catJoin(g)}
      ${unit ? sql`WHERE rs.unit_id = ${unit}` : sql``}
      ${grouping(rKey, g)}`.execute(db);
    results.push({ steps, flags, requests, g, holderBased });
  }

  const groups = new Map<string | null, GroupCounts>();
  const get = (key: string | null) => {
    let c = groups.get(key);
    if (!c) groups.set(key, (c = { key, counts: emptyRateCounts(), open: 0, overdue: 0 }));
    return c;
  };
  for (const { steps, flags, requests, g, holderBased } of results) {
    // The category pass gives the groups only; the total comes from the pass without grouping.
    const keep = (k: unknown) => (g === null ? null : (k as string | null));
    for (const row of steps) {
      const c = get(keep(row.k));
      for (const st of SERVICE_STEPS as readonly ServiceStep[]) {
        c.counts.steps[st] = { due: num(row[`${st}_due`]), met: num(row[`${st}_met`]), done: num(row[`${st}_done`]), durationMs: num(row[`${st}_ms`]) };
      }
    }
    for (const row of flags) {
      const c = get(keep(row.k));
      c.overdue = num(row.overdue);
      if (holderBased) {
        c.counts.requests = num(row.requests);
        c.open = num(row.open);
      }
    }
    for (const row of requests) {
      const c = get(keep(row.k));
      const n = c.counts;
      n.followedUp = num(row.followed_up);
      n.solved = num(row.solved);
      n.resolved = num(row.resolved);
      n.resolvedFollowedUp = num(row.resolved_followed_up);
      n.satisfactionCounts = { satisfied: num(row.satisfied), basically_satisfied: num(row.basically_satisfied), dissatisfied: num(row.dissatisfied) };
      if (!holderBased) {
        n.requests = num(row.requests);
        n.merged = num(row.merged);
        c.open = num(row.open);
      }
    }
  }
  const total = get(null);
  return { total, groups: [...groups.values()].filter((c) => c.key !== null).sort((a, b) => (a.key! < b.key! ? -1 : a.key! > b.key! ? 1 : 0)) };
}
