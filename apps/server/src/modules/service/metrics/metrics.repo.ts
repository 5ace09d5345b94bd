import { sql } from 'kysely';
import type { Actor } from '../../../core/identity/actor';
import type { Tx } from '../../../core/context';
import { divisionPrefix } from '../../../core/identity/scope';
import type { RateCounts } from '../domain';
import { requestInScope, serviceView } from '../service-actor';
import { categoryTreeOf, loadCategories } from '../settings/catalog';
import type { MetricGroup, MetricsFilter } from './schemas';

/** Who sees which figures: the office and leaders all (their street if bound), a handling unit the steps it held. */
export type MetricsScope = 'all' | 'unit';

export function metricsScope(actor: Actor): MetricsScope | null {
  const view = serviceView(actor);
  return view === 'all' || view === 'unit' ? view : null;
}

/** The group key of requests and steps that have none (not dispatched, no agent, no category, no street). */
export const NONE = '-';

const localDayStart = (date: string) => new Date(`${date}T00:00:00+08:00`);
const DAY_MS = 86_400_000;

/** The unit whose figures are asked for: a unit user's own, or the `unitId` filter. */
export function heldBy(actor: Actor, scope: MetricsScope, f: MetricsFilter): string | null {
  return scope === 'unit' ? actor.scope.departmentId : f.unitId ?? null;
}

/**
 * The requests in scope and filter, as a query on `service_requests as r`. A unit (its own view, or
 * the `unitId` filter) covers the requests in which it held a step or which it leads now.
 */
export async function metricRequests(db: Tx, actor: Actor, scope: MetricsScope, f: MetricsFilter) {
  let qb = db.selectFrom('service_requests as r').where(scope === 'unit' ? sql<boolean>`true` : requestInScope(actor, 'r'));
  const unit = heldBy(actor, scope, f);
  // A unit asking about another unit's figures gets nothing (out of scope).
  if (scope === 'unit' && f.unitId && f.unitId !== unit) qb = qb.where(sql<boolean>`false`);
  if (unit) {
    qb = qb.where(sql<boolean>`(r.lead_unit_id = ${unit} OR EXISTS (SELECT 1 FROM service_request_steps hs WHERE hs.request_id = r.id AND hs.unit_id = ${unit}))`);
  }
  if (f.from) qb = qb.where('r.submitted_at', '>=', localDayStart(f.from));
  if (f.to) qb = qb.where('r.submitted_at', '<', new Date(localDayStart(f.to).getTime() + DAY_MS));
  if (f.categoryId) {
    const categories = await loadCategories(db);
    const tree = categoryTreeOf(categories);
    const ids = categories.map((c) => c.id).filter((id) => tree.isWithin(id, f.categoryId!));
    qb = qb.where('r.category_id', 'in', ids.length ? ids : ['-']);
  }
  if (f.divisionCode) qb = qb.where(sql<boolean>`r.division_code LIKE ${`${divisionPrefix(f.divisionCode)}%`}`);
  if (f.channel) qb = qb.where('r.channel', '=', f.channel);
  if (f.parkId) qb = qb.where('r.park_id', '=', f.parkId);
  return qb;
}

/** The counts of one group (or the total: key null), as the SQL below counted them. */
export interface GroupCounts {
  key: string | null;
  counts: RateCounts;
  open: number;
  overdue: number;
}

/** Grouped by the unit or agent that held the steps: the step figures by holder, the request figures by the unit that resolved it. */
export const BY_HOLDER: readonly MetricGroup[] = ['unit', 'agent'];

