import { sql, type RawBuilder } from 'kysely';
import type { Actor } from '../../../core/identity/actor';
import type { Tx } from '../../../core/context';
import { divisionPrefix } from '../../../core/identity/scope';
import { emptyRateCounts, SERVICE_STEPS, type Satisfaction, type ServiceStep } from '../domain';
import { requestInScope, serviceView } from '../service-actor';
import { categoryTreeOf, loadCategories } from '../settings/catalog';
import { heldBy, NONE, type GroupCounts, type MetricsScope } from './metrics.repo';
import type { MetricGroup, MetricsFilter } from './schemas';

const localDayStart = (date: string) => new Date(`${date}T00:00:00+08:00`);
const DAY_MS = 86_400_000;
const num = (v: unknown) => Number(v ?? 0);
const col = (step: ServiceStep, c: string) => sql.ref(`f.${step}_${c}`);

/** The filters of the report on the figures rows (`service_request_figures as f`): scope, window, category, street, channel, park. */
async function figuresWhere(db: Tx, actor: Actor, scope: MetricsScope, f: MetricsFilter): Promise<RawBuilder<boolean>> {
  // The office's scope (its street) is on the figures row; any other (a caller counting a unit's
  // requests in the 'all' scope, as the park file does) goes through the request row.
  const inScope = serviceView(actor) === 'all' ? requestInScope(actor, 'f')
    : sql<boolean>`EXISTS (SELECT 1 FROM service_requests r WHERE r.id = f.request_id AND ${requestInScope(actor, 'r')})`;
  const parts: RawBuilder<boolean>[] = [scope === 'unit' ? sql<boolean>`true` : inScope];
  // A unit asking about another unit's figures gets nothing (out of scope).
  if (scope === 'unit' && f.unitId && f.unitId !== actor.scope.departmentId) parts.push(sql<boolean>`false`);
  if (f.from) parts.push(sql<boolean>`f.submitted_at >= ${localDayStart(f.from)}`);
  if (f.to) parts.push(sql<boolean>`f.submitted_at < ${new Date(localDayStart(f.to).getTime() + DAY_MS)}`);
  if (f.categoryId) {
    const categories = await loadCategories(db);
    const tree = categoryTreeOf(categories);
    const ids = categories.map((c) => c.id).filter((id) => tree.isWithin(id, f.categoryId!));
    parts.push(ids.length ? sql<boolean>`f.category_id IN (${sql.join(ids)})` : sql<boolean>`false`);
  }
  if (f.divisionCode) parts.push(sql<boolean>`f.division_code LIKE ${`${divisionPrefix(f.divisionCode)}%`}`);
  if (f.channel) parts.push(sql<boolean>`f.channel = ${f.channel}`);
  if (f.parkId) parts.push(sql<boolean>`f.park_id = ${f.parkId}`);
  return sql.join(parts, sql` AND `) as RawBuilder<boolean>;
}

/** A request's own key on its figures row; category = its own (leaf) category, rolled up to the ancestors afterwards. */
function requestKey(groupBy: MetricGroup | null): RawBuilder<string> {
  switch (groupBy) {
    case 'street': return sql<string>`CASE WHEN length(f.division_code) >= 9 THEN left(f.division_code, 9) ELSE ${sql.lit(NONE)} END`;
    case 'channel': return sql<string>`f.channel`;
    case 'park': return sql<string>`coalesce(f.park_id::text, ${sql.lit(NONE)})`;
    // Local (Asia/Shanghai, UTC+8 all year) month and ISO week of submission, as ranking.ts's localMonth / localIsoWeek.
    case 'month': return sql<string>`to_char((f.submitted_at AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM')`;
    case 'week': return sql<string>`to_char((f.submitted_at AT TIME ZONE 'UTC') + interval '8 hours', 'IYYY-"W"IW')`;
    case 'category': return sql<string>`coalesce(f.category_id, ${sql.lit(NONE)})`;
    default: return sql<string>`${sql.lit(NONE)}`;
  }
}

/** The step figures of the final holdings on the figures rows: due, met, done, Σ duration per step. */
function finalStepAggregates(asOf: Date): RawBuilder<unknown> {
  return sql.join(SERVICE_STEPS.map((st) => {
    const [due, done, cancelled] = [col(st, 'due_at'), col(st, 'completed_at'), col(st, 'cancelled_at')];
    return sql`
      count(*) FILTER (WHERE ${due} IS NOT NULL AND (${done} IS NOT NULL OR ${due} < coalesce(${cancelled}, ${asOf}))) AS ${sql.raw(`${st}_due`)},
      count(*) FILTER (WHERE ${done} <= ${due}) AS ${sql.raw(`${st}_met`)},
      count(${done}) AS ${sql.raw(`${st}_done`)},
      sum(${col(st, 'duration_ms')}) AS ${sql.raw(`${st}_ms`)}`;
  }));
}

const openFinal = (st: ServiceStep) => sql`${col(st, 'started_at')} IS NOT NULL AND ${col(st, 'completed_at')} IS NULL AND ${col(st, 'cancelled_at')} IS NULL`;
/** The request's open re-dispatch (migration 0029: the office holds the request again after a return), and past its deadline. */
const openRedispatch = sql`f.redispatch_open_started_at IS NOT NULL`;
const overdueRedispatch = (asOf: Date) => sql`(${openRedispatch} AND f.redispatch_open_due_at < ${asOf})`;
const any = (parts: RawBuilder<unknown>[]) => sql`(${sql.join(parts, sql` OR `)})`;

type Row = Record<string, unknown>;
type Groups = Map<string | null, GroupCounts>;

function getGroup(groups: Groups, key: string | null): GroupCounts {
  let c = groups.get(key);
  if (!c) groups.set(key, (c = { key, counts: emptyRateCounts(), open: 0, overdue: 0 }));
  return c;
}

function addSteps(c: GroupCounts, row: Row, only?: (st: ServiceStep) => boolean) {
  for (const st of SERVICE_STEPS) {
    if (only && !only(st)) continue;
    const n = c.counts.steps[st];
    n.due += num(row[`${st}_due`]);
    n.met += num(row[`${st}_met`]);
    n.done += num(row[`${st}_done`]);
    n.durationMs += num(row[`${st}_ms`]);
  }
}

/** The request figures of a figures-pass row (grouped by status, resolved and the standing answers); merged rows count only as merged. */
function addRequests(c: GroupCounts, row: Row, withOwnCounts: boolean) {
  const n = num(row.n);
  const status = row.status as string;
  const counts = c.counts;
  if (status === 'merged') {
    if (withOwnCounts) counts.merged += n;
    return;
  }
  if (withOwnCounts) {
    counts.requests += n;
    if (!['resolved', 'followed_up', 'closed'].includes(status)) c.open += n;
  }
  const resolved = row.resolved === true;
  if (resolved) counts.resolved += n;
  if (row.satisfaction !== null && row.satisfaction !== undefined) {
    counts.followedUp += n;
    if (resolved) counts.resolvedFollowedUp += n;
    if (row.solved === true) counts.solved += n;
    counts.satisfactionCounts[row.satisfaction as Satisfaction] += n;
  }
}

/** Each request counts in every category on its path: the leaf groups added into their ancestors (the total is counted apart). */
async function rollUpCategories(db: Tx, groups: Groups): Promise<Groups> {
  const parent = new Map((await loadCategories(db)).map((c) => [c.id, c.parent_id]));
  const out: Groups = new Map();
  for (const [key, g] of groups) {
    if (key === null) { out.set(null, g); continue; }
    const path: string[] = [];
    if (key === NONE) path.push(NONE);
    else for (let p: string | null | undefined = key; p; p = parent.get(p)) path.push(p);
    for (const k of path) mergeInto(getGroup(out, k), g);
  }
  return out;
}

function mergeInto(to: GroupCounts, from: GroupCounts) {
  const a = to.counts;
  const b = from.counts;
  for (const st of SERVICE_STEPS) {
    a.steps[st].due += b.steps[st].due;
    a.steps[st].met += b.steps[st].met;
    a.steps[st].done += b.steps[st].done;
    a.steps[st].durationMs += b.steps[st].durationMs;
  }
  a.requests += b.requests;
  a.merged += b.merged;
  a.followedUp += b.followedUp;
  a.solved += b.solved;
  a.resolved += b.resolved;
  a.resolvedFollowedUp += b.resolvedFollowedUp;
  for (const k of Object.keys(a.satisfactionCounts) as Satisfaction[]) a.satisfactionCounts[k] += b.satisfactionCounts[k];
  to.open += from.open;
  to.overdue += from.overdue;
}

/**
 * The figures' counts per group and in total (docs/service/METRICS.md "How the figures are
 * counted"), the same counts as the straightforward recount over the step rows (metrics.recount.ts,
 * which the tests compare it with), read from the figures rows of migration 0023 (one narrow row per
 * request: its keys, its resolver and standing follow-up, the final holding of each step):
 *
 * - Requests pass: grouped by the request's key (or by its resolver's, by unit or agent) and by
 *   status, resolved and the standing answers, so the request figures are plain counts; with the
 *   final holdings' step figures as aggregates when those are what the groups count. A request's
 *   groups are disjoint, so the total is their sum (categories: counted on the request's own
 *   category, then added into each ancestor).
 * - By unit or agent: the final holdings grouped by who held each step and whether it is open or
 *   overdue, so each holder's requests, open and overdue are counted once per request in Node;
 *   plus the returned holdings (never a final holding; few) from the step table.
 * - One unit (its own view, the unitId filter): its holdings from the step table (by unit_id).
 */
export async function countMetrics(db: Tx, actor: Actor, scope: MetricsScope, f: MetricsFilter, groupBy: MetricGroup | null, asOf: Date): Promise<{ total: GroupCounts; groups: GroupCounts[] }> {
  const unit = heldBy(actor, scope, f);
  const where = await figuresWhere(db, actor, scope, f);
  const byHolder = groupBy === 'unit' || groupBy === 'agent';
  const holderBased = byHolder || unit !== null;
  let groups: Groups = new Map();
  const total: GroupCounts = { key: null, counts: emptyRateCounts(), open: 0, overdue: 0 };
  const group = (k: string) => getGroup(groups, k);

  // ---- Requests pass.
  const rKey = groupBy === 'unit' ? sql<string>`coalesce(f.resolver_unit_id::text, ${sql.lit(NONE)})`
    : groupBy === 'agent' ? sql<string>`coalesce(f.resolver_agent_id::text, ${sql.lit(NONE)})` : requestKey(groupBy);
  const finalSteps = !holderBased; // the final holdings counted here; by holder they are counted below
  const overdueAny = any([...SERVICE_STEPS.map((st) => sql`(${openFinal(st)} AND ${col(st, 'due_at')} < ${asOf})`), overdueRedispatch(asOf)]);
  const { rows: requestRows } = await sql<Row>`
    SELECT f.status || '|' || f.resolved::text || '|' || coalesce(f.satisfaction, '') || '|' || coalesce(f.solved::text, '') || '|' || ${rKey} AS g,
      count(*) AS n ${finalSteps ? sql`, ${finalStepAggregates(asOf)}, count(*) FILTER (WHERE ${overdueAny}) AS overdue` : sql``}
    FROM service_request_figures f
    WHERE ${where} ${unit ? sql`AND f.resolver_unit_id = ${unit}` : sql``}
    GROUP BY 1`.execute(db);
  for (const row of requestRows) {
    // One grouping key (status|resolved|answer|solved|key), hashed: with several the planner sorts every row.
    const [status, resolved, satisfaction, solved, ...key] = (row.g as string).split('|');
    Object.assign(row, { status, resolved: resolved === 'true', satisfaction: satisfaction || null, solved: solved === 'true', k: key.join('|') });
    const merged = row.status === 'merged';
    // The total: every request (by its final holdings), or one unit's resolved requests.
    addRequests(total, row, unit === null);
    if (finalSteps && !merged) {
      addSteps(total, row);
      total.overdue += num(row.overdue);
    }
    if (groupBy === null) continue;
    const g = group(row.k as string);
    addRequests(g, row, !holderBased);
    if (finalSteps && !merged) {
      addSteps(g, row);
      g.overdue += num(row.overdue);
    }
  }

  // ---- By unit or agent, every unit: the final holdings by holder (the total's step figures too).
  if (byHolder && unit === null) {
    // One text key per request: for each step, who held its final holding — the unit (- = the
    // office's steps), or by agent the agent of a unit step (- = none); empty = not counted — then
    // 'o' open or 'x' overdue (those count in the total whoever held them). One key, so that the planner hashes the few hundred combinations
    // rather than sorting every row (it cannot know how few there are).
    const part = (st: ServiceStep) => {
      const who = groupBy === 'unit'
        ? sql`CASE WHEN ${col(st, 'started_at')} IS NOT NULL THEN coalesce(${col(st, 'unit_id')}::text, ${sql.lit(NONE)}) END`
        : sql`CASE WHEN ${col(st, 'started_at')} IS NOT NULL AND ${col(st, 'unit_id')} IS NOT NULL THEN coalesce(${col(st, 'agent_id')}::text, ${sql.lit(NONE)}) END`;
      return sql`coalesce(${who}, '') || CASE WHEN ${openFinal(st)} THEN CASE WHEN ${col(st, 'due_at')} < ${asOf} THEN 'x' ELSE 'o' END ELSE '' END`;
    };
    // Last, the open re-dispatch: the office's (by agent nobody's, but overdue in the total); its
    // step figures are counted with the returned holdings below.
    const redispatch = sql`CASE WHEN ${openRedispatch} THEN ${sql.lit(groupBy === 'unit' ? NONE : '')} || CASE WHEN ${overdueRedispatch(asOf)} THEN 'x' ELSE 'o' END ELSE '' END`;
    const { rows } = await sql<Row>`
      SELECT ${sql.join([...SERVICE_STEPS.map(part), redispatch], sql` || ',' || `)} AS h, count(*) AS n, ${finalStepAggregates(asOf)}
      FROM service_request_figures f
      WHERE ${where} AND f.status <> 'merged'
      GROUP BY 1`.execute(db);
    for (const row of rows) {
      const n = num(row.n);
      addSteps(total, row);
      const held = (row.h as string).split(',').map((p, i) => {
        const flag = p.endsWith('x') || p.endsWith('o') ? p.slice(-1) : '';
        const holder = p.slice(0, p.length - flag.length);
        return { step: SERVICE_STEPS[i] ?? null, holder: holder === '' ? null : holder, open: flag !== '', overdue: flag === 'x' };
      });
      if (held.some((x) => x.overdue)) total.overdue += n;
      for (const h of new Set(held.map((x) => x.holder))) {
        if (h === null) continue;
        const g = group(h);
        const mine = held.filter((x) => x.holder === h);
        for (const x of mine) if (x.step) addSteps(g, row, (st) => st === x.step);
        g.counts.requests += n;
        if (mine.some((x) => x.step !== 'follow_up' && x.open)) g.open += n;
        if (mine.some((x) => x.overdue)) g.overdue += n;
      }
    }
  }

  // ---- Holdings from the step table: the returned ones by unit or agent; every one of a single unit.
  if (holderBased) {
    const held = async (key: RawBuilder<string>, rows: RawBuilder<boolean>, counted: RawBuilder<boolean>, into: (k: string) => GroupCounts) => {
      const judged = sql`s.due_at IS NOT NULL AND (s.completed_at IS NOT NULL OR s.due_at < coalesce(s.cancelled_at, ${asOf}))`;
      const open = sql`s.completed_at IS NULL AND s.cancelled_at IS NULL`;
      // An open re-dispatch's open / overdue come from the figures row (the by-holder pass above); a returned holding is never open.
      const perStep = SERVICE_STEPS.map((st) => sql`
        count(*) FILTER (WHERE s.step = ${st} AND ${judged}) AS ${sql.raw(`${st}_due`)},
        count(*) FILTER (WHERE s.step = ${st} AND s.completed_at <= s.due_at) AS ${sql.raw(`${st}_met`)},
        count(*) FILTER (WHERE s.step = ${st} AND s.completed_at IS NOT NULL) AS ${sql.raw(`${st}_done`)},
        sum((extract(epoch FROM s.completed_at - s.started_at) * 1000)::float8) FILTER (WHERE s.step = ${st} AND s.completed_at IS NOT NULL) AS ${sql.raw(`${st}_ms`)}`);
      const sums = SERVICE_STEPS.flatMap((st) => ['due', 'met', 'done', 'ms'].map((m) => sql.raw(`sum(${st}_${m}) AS ${st}_${m}`)));
      const { rows: out } = await sql<Row>`
        WITH x AS (
          SELECT ${key} AS k, f.request_id, ${sql.join(perStep)},
            bool_or(${open} AND s.step <> 'follow_up' AND NOT s.redispatch) AS is_open, bool_or(${open} AND s.due_at < ${asOf} AND NOT s.redispatch) AS is_overdue,
            bool_and(${counted}) AS counted
          FROM service_request_steps s JOIN service_request_figures f ON f.request_id = s.request_id
          WHERE NOT s.superseded AND f.status <> 'merged' AND ${where} AND ${rows}
          GROUP BY 1, 2
        )
        SELECT k, ${sql.join(sums)}, count(*) FILTER (WHERE counted) AS requests, count(*) FILTER (WHERE is_open) AS open, count(*) FILTER (WHERE is_overdue) AS overdue
        FROM x GROUP BY k`.execute(db);
      for (const row of out) {
        const c = into(row.k as string);
        addSteps(c, row);
        c.counts.requests += num(row.requests);
        c.open += num(row.open);
        c.overdue += num(row.overdue);
      }
    };
    const holderKey = groupBy === 'unit' ? sql<string>`coalesce(s.unit_id::text, ${sql.lit(NONE)})`
      : groupBy === 'agent' ? sql<string>`coalesce(s.agent_id::text, ${sql.lit(NONE)})` : requestKey(groupBy);
    if (unit) {
      const mine = sql<boolean>`s.unit_id = ${unit}`;
      if (groupBy !== null) await held(holderKey, mine, sql<boolean>`true`, group);
      // Its total: its holdings once per request (a request it held under two agents or keys counts once).
      // A re-dispatch is the office's: no unit holds one.
      await held(sql<string>`${sql.lit(NONE)}`, mine, sql<boolean>`true`, () => total);
    } else if (byHolder) {
      // An extra holding's request is counted for its holder already when the holder also has one of its
      // final holdings (the office always has: the accept step).
      const alsoFinal = any(SERVICE_STEPS.map((st) => groupBy === 'unit'
        ? sql`(${col(st, 'started_at')} IS NOT NULL AND coalesce(${col(st, 'unit_id')}::text, ${sql.lit(NONE)}) = ${holderKey})`
        : sql`(${col(st, 'started_at')} IS NOT NULL AND ${col(st, 'unit_id')} IS NOT NULL AND coalesce(${col(st, 'agent_id')}::text, ${sql.lit(NONE)}) = ${holderKey})`));
      // The extra holdings (never a final holding; few, through service_request_steps_extra_holdings of
      // 0029): returned ones, and by unit the office's re-dispatches (by agent they have none).
      const extra = sql<boolean>`(s.returned OR s.redispatch)`;
      await held(holderKey, groupBy === 'agent' ? sql<boolean>`${extra} AND s.unit_id IS NOT NULL` : extra, sql<boolean>`NOT ${alsoFinal}`, group);
    }
  }

  if (groupBy === 'category') groups = await rollUpCategories(db, groups);
  groups.delete(null);
  return { total, groups: [...groups.values()].sort((a, b) => (a.key! < b.key! ? -1 : a.key! > b.key! ? 1 : 0)) };
}
