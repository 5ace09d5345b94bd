import { sql, type RawBuilder } from 'kysely';
import { can, type Actor } from '../../core/identity/actor';
import { divisionPrefix } from '../../core/identity/scope';
import type { Actor as LifecycleActor, ActorRole } from './domain';

/**
 * How a user takes part in the enterprise service. One rule for every query and action:
 * - bound to an enterprise → the enterprise (企业): its own requests (raised by it, or merged into
 *   one that answers it), whatever else the user holds;
 * - `service.all` (the office, leaders) → every request, narrowed to their street when bound to one;
 * - `service.handle` / `service.agent` with a department or section → the requests whose current
 *   dispatch names that unit (lead or assisting), and those the user recorded (a problem found on
 *   a visit, 走访, becomes a request through the agent);
 * - anyone else → nothing (403).
 */
export type ServiceView = 'enterprise' | 'all' | 'unit';

export function serviceView(actor: Actor): ServiceView | null {
  if (actor.scope.enterpriseId) return 'enterprise';
  if (can(actor, 'service.all')) return 'all';
  if ((can(actor, 'service.handle') || can(actor, 'service.agent')) && actor.scope.departmentId) return 'unit';
  return null;
}

/** SQL condition: request `alias` is visible to the actor. Callers check serviceView first (null → 403). */
export function requestInScope(actor: Actor, alias = 'r'): RawBuilder<boolean> {
  const col = (c: string) => sql.ref(`${alias}.${c}`);
  switch (serviceView(actor)) {
    case 'enterprise':
      return sql<boolean>`(${actor.scope.enterpriseId} = ANY(${col('enterprise_ids')}))`;
    case 'all':
      if (!actor.scope.divisionCode) return sql<boolean>`true`;
      return sql<boolean>`(${col('division_code')} LIKE ${`${divisionPrefix(actor.scope.divisionCode)}%`})`;
    case 'unit':
      // … and the requests the user recorded (an agent's problems found on a visit, before dispatch)
      return sql<boolean>`(EXISTS (SELECT 1 FROM service_request_units su WHERE su.request_id = ${col('id')} AND su.unit_id = ${actor.scope.departmentId}) OR ${col('created_by')} = ${actor.userId})`;
    default:
      return sql<boolean>`false`;
  }
}

/**
 * Whether the actor sees the request only as an enterprise it answers through a merge (the request
 * was raised by another enterprise): then the other enterprise's contact, name and location are
 * not theirs to see, and its phone cannot be revealed. Only the request's own enterprise (and the
 * office, units) see them.
 */
export function isOtherEnterprisesRequest(actor: Actor, requestEnterpriseId: string | null): boolean {
  return serviceView(actor) === 'enterprise' && requestEnterpriseId !== actor.scope.enterpriseId;
}

/** The lifecycle roles the user can act in, most specific first (an office user may be both). */
export function lifecycleRoles(actor: Actor): ActorRole[] {
  if (actor.scope.enterpriseId) return ['enterprise'];
  const roles: ActorRole[] = [];
  if (can(actor, 'service.dispatch')) roles.push('office_dispatcher');
  if (can(actor, 'service.operate')) roles.push('office_operator');
  if (actor.scope.departmentId) {
    if (can(actor, 'service.handle')) roles.push('handling_unit');
    if (can(actor, 'service.agent')) roles.push('service_agent');
  }
  return roles;
}

/** The actor as the lifecycle sees it, in one of its roles. */
export function lifecycleActor(actor: Actor, role: ActorRole): LifecycleActor {
  return {
    role,
    id: actor.userId,
    ...(role === 'handling_unit' || role === 'service_agent' ? { unitId: actor.scope.departmentId ?? undefined } : {}),
    ...(role === 'enterprise' ? { enterpriseId: actor.scope.enterpriseId ?? undefined } : {}),
  };
}

/** The system (escalation sweep, timed actions). */
export const SYSTEM_ACTOR: LifecycleActor = { role: 'system', id: 'system' };
