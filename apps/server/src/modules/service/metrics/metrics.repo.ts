import { sql, type RawBuilder } from 'kysely';
import type { Actor } from '../../../core/identity/actor';
import type { Tx } from '../../../core/context';
import { divisionPrefix } from '../../../core/identity/scope';
import { SERVICE_STEPS, type RequestStatus, type RequestSummary, type Satisfaction, type ServiceStep, type StepRecord } from '../domain';
import { requestInScope, serviceView } from '../service-actor';
import { categoryTreeOf, loadCategories } from '../settings/catalog';
import type { MetricsFilter } from './schemas';

/**
 * The compact rows the figures are computed from: one per request, with its latest round of each
 * step (start, deadline, completion as epoch ms), its latest follow-up that still stands, and the
 * keys it is grouped by. One SQL statement: the steps are pivoted and the follow-ups picked in the
 * database, so 100,000 requests come back as 100,000 flat rows (docs/service/METRICS.md).
 */
export interface MetricRow extends RequestSummary {
  unitId: string | null;
  agentId: string | null;
  categoryId: string | null;
  /** The street (9-digit code), or null. */
  street: string | null;
  channel: string;
  submittedAt: Date;
}

/** Who sees which figures: the office and leaders all (their street if bound), a handling unit its own lead requests. */
export type MetricsScope = 'all' | 'unit';

export function metricsScope(actor: Actor): MetricsScope | null {
  const view = serviceView(actor);
  return view === 'all' || view === 'unit' ? view : null;
}

function scopeCondition(actor: Actor, scope: MetricsScope, alias = 'r'): RawBuilder<boolean> {
  // A unit is judged on the requests it leads (docs/service/RATES.md, "Grouping"): not on those it assists.
  if (scope === 'unit') return sql<boolean>`(${sql.ref(`${alias}.lead_unit_id`)} = ${actor.scope.departmentId})`;
  return requestInScope(actor, alias);
}

const localDayStart = (date: string) => new Date(`${date}T00:00:00+08:00`);
const DAY_MS = 86_400_000;

/** The requests in scope and filter, as a query on `service_requests as r`. */
export async function metricRequests(db: Tx, actor: Actor, scope: MetricsScope, f: MetricsFilter) {
  let qb = db.selectFrom('service_requests as r').where(scopeCondition(actor, scope));
  if (f.from) qb = qb.where('r.submitted_at', '>=', localDayStart(f.from));
  if (f.to) qb = qb.where('r.submitted_at', '<', new Date(localDayStart(f.to).getTime() + DAY_MS));
  if (f.categoryId) {
    const categories = await loadCategories(db);
    const tree = categoryTreeOf(categories);
    const ids = categories.map((c) => c.id).filter((id) => tree.isWithin(id, f.categoryId!));
    qb = qb.where('r.category_id', 'in', ids.length ? ids : ['-']);
  }
  if (f.unitId) qb = qb.where('r.lead_unit_id', '=', f.unitId);
  if (f.divisionCode) qb = qb.where(sql<boolean>`r.division_code LIKE ${`${divisionPrefix(f.divisionCode)}%`}`);
  if (f.channel) qb = qb.where('r.channel', '=', f.channel);
  return qb;
}

type Pivot = Record<`${ServiceStep}_${'s' | 'd' | 'c'}`, number | null>;
type Raw = Pivot & {
  id: string;
  status: string;
  resolved_ms: number | null;
  lead_unit_id: string | null;
  agent_id: string | null;
  category_id: string | null;
  division_code: string | null;
  channel: string;
  submitted_ms: number;
  satisfaction: string | null;
  solved: boolean | null;
};

const ms = (col: string) => sql.raw(`(extract(epoch FROM ${col}) * 1000)::float8`);

export async function loadMetricRows(db: Tx, actor: Actor, scope: MetricsScope, f: MetricsFilter): Promise<MetricRow[]> {
  const req = (await metricRequests(db, actor, scope, f)).select([
    'r.id', 'r.status', 'r.resolved_at', 'r.lead_unit_id', 'r.agent_id', 'r.category_id', 'r.division_code', 'r.channel', 'r.submitted_at',
  ]);
  const pivot = SERVICE_STEPS.map((s) => sql.raw(
    `max(${'started'}) FILTER (WHERE step = '${s}') AS ${s}_s, max(due) FILTER (WHERE step = '${s}') AS ${s}_d, max(completed) FILTER (WHERE step = '${s}') AS ${s}_c`,
  ));
  const { rows } = await sql<Raw>`
    WITH req AS (${req}),
    st AS (
      SELECT DISTINCT ON (s.request_id, s.step) s.request_id, s.step,
        ${ms('s.started_at')} AS started, ${ms('s.due_at')} AS due, ${ms('s.completed_at')} AS completed
      FROM service_request_steps s JOIN req ON req.id = s.request_id
      ORDER BY s.request_id, s.step, s.round DESC
    ),
    sp AS (SELECT request_id, ${sql.join(pivot, sql`, `)} FROM st GROUP BY request_id),
    fu AS (
      SELECT DISTINCT ON (e.request_id) e.request_id, e.type, e.payload->>'satisfaction' AS satisfaction, (e.payload->>'solved')::boolean AS solved
      FROM service_request_events e JOIN req ON req.id = e.request_id
      WHERE e.type IN ('followed_up', 'reopened')
      ORDER BY e.request_id, e.id DESC
    )
    SELECT req.id, req.status, ${ms('req.resolved_at')} AS resolved_ms, req.lead_unit_id, req.agent_id, req.category_id,
      req.division_code, req.channel, ${ms('req.submitted_at')} AS submitted_ms,
      CASE WHEN fu.type = 'followed_up' THEN fu.satisfaction END AS satisfaction,
      CASE WHEN fu.type = 'followed_up' THEN fu.solved END AS solved,
      ${sql.join(SERVICE_STEPS.map((s) => sql.raw(`sp.${s}_s, sp.${s}_d, sp.${s}_c`)), sql`, `)}
    FROM req LEFT JOIN sp ON sp.request_id = req.id LEFT JOIN fu ON fu.request_id = req.id
  `.execute(db);
  return rows.map(toMetricRow);
}

const date = (v: number | null) => (v === null ? null : new Date(v));

function toMetricRow(r: Raw): MetricRow {
  const steps: Partial<Record<ServiceStep, StepRecord>> = {};
  for (const s of SERVICE_STEPS) {
    const started = r[`${s}_s`];
    if (started === null || started === undefined) continue;
    steps[s] = { startedAt: new Date(started), dueAt: date(r[`${s}_d`]), completedAt: date(r[`${s}_c`]) };
  }
  return {
    id: r.id,
    status: r.status as RequestStatus,
    steps,
    resolvedAt: date(r.resolved_ms),
    // A follow-up counts while it stands: a reopen after it (dissatisfied) sets it aside until the next one.
    followUp: r.satisfaction ? { satisfaction: r.satisfaction as Satisfaction, solved: r.solved === true } : null,
    unitId: r.lead_unit_id,
    agentId: r.agent_id,
    categoryId: r.category_id,
    street: r.division_code && r.division_code.length >= 9 ? r.division_code.slice(0, 9) : null,
    channel: r.channel,
    submittedAt: new Date(r.submitted_ms),
  };
}
