import { sql } from 'kysely';
import { AppError } from '../../../http/app-error';
import type { Tx } from '../../../core/context';
import { pickAgent, type AgentLoad } from '../domain';

/** Statuses in which a request still weighs on its agent (the load least_loaded compares). */
export const AGENT_OPEN_STATUSES = ['accepted', 'dispatched', 'signed', 'returned', 'responded', 'waiting_for_enterprise'] as const;

export interface UnitAgent {
  id: string;
  name: string;
  /** Open requests the agent holds now. */
  openRequests: number;
}

/**
 * A unit's service agents (助企服务员): active users bound to exactly this department or section
 * whose roles hold service.agent, with their open load, in a stable order (by id) — the order
 * round-robin walks.
 */
export async function unitAgents(db: Tx, unitId: string): Promise<UnitAgent[]> {
  const rows = await db
    .selectFrom('users as u')
    .select(['u.id', 'u.display_name'])
    .select(sql<number>`(SELECT count(*)::int FROM service_requests r WHERE r.agent_id = u.id AND r.status IN (${sql.join([...AGENT_OPEN_STATUSES])}))`.as('open_requests'))
    .where('u.department_id', '=', unitId)
    .where('u.status', '=', 'active')
    .where(sql<boolean>`EXISTS (SELECT 1 FROM user_roles ur JOIN roles ro ON ro.code = ur.role_code
      WHERE ur.user_id = u.id AND 'service.agent' = ANY(ro.permissions))`)
    .orderBy('u.id')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.display_name, openRequests: r.open_requests }));
}

/** The unit's agent list for the dispatcher: 404 when the unit does not exist. */
export async function listUnitAgents(db: Tx, unitId: string): Promise<UnitAgent[]> {
  const unit = await db.selectFrom('departments').select('id').where('id', '=', unitId).executeTakeFirst();
  if (!unit) throw new AppError('DEPARTMENT_NOT_FOUND');
  return unitAgents(db, unitId);
}

/** A named agent must be an active agent of the lead unit; otherwise 400 naming the agent. */
export async function assertUnitAgent(db: Tx, unitId: string, agentId: string): Promise<void> {
  if ((await unitAgents(db, unitId)).some((a) => a.id === agentId)) return;
  const user = await db.selectFrom('users').select(['display_name']).where('id', '=', agentId).executeTakeFirst();
  const name = user?.display_name ?? agentId;
  throw new AppError('SERVICE_AGENT_INVALID', { agentId: `${name} 不是主办单位在岗的助企服务员` }, {
    zh: `助企服务员“${name}”不是主办单位在岗的服务员（须在职、属于主办单位并持有助企服务员权限）`,
    en: `"${name}" is not an active service agent of the lead unit (active, of the lead unit, holding the service-agent permission)`,
  });
}

export type AgentStrategy = 'none' | 'round_robin' | 'least_loaded';

/**
 * Picks the agent for a dispatch that names none, by the strategy (the routing rule's, else the
 * unit's). Concurrent dispatches to one unit are serialised on the unit's service_units row
 * (created if missing, then locked FOR UPDATE): the second waits, then reads the first one's
 * last_agent_id and committed load. Returns null when the strategy is none or no agent is available.
 */
export async function autoAssignAgent(tx: Tx, unitId: string, ruleStrategy: AgentStrategy | null, now: Date): Promise<string | null> {
  await tx.insertInto('service_units').values({ department_id: unitId, updated_at: now }).onConflict((oc) => oc.column('department_id').doNothing()).execute();
  const unit = await tx.selectFrom('service_units').select(['agent_strategy', 'last_agent_id']).where('department_id', '=', unitId).forUpdate().executeTakeFirstOrThrow();
  const strategy = ruleStrategy && ruleStrategy !== 'none' ? ruleStrategy : (unit.agent_strategy as AgentStrategy);
  if (strategy === 'none') return null;
  const agents: AgentLoad[] = (await unitAgents(tx, unitId)).map((a) => ({ id: a.id, openRequests: a.openRequests, available: true }));
  const picked = pickAgent(agents, strategy, { lastAgentId: unit.last_agent_id });
  if (!picked) return null;
  await tx.updateTable('service_units').set({ last_agent_id: picked.agentId, updated_at: now }).where('department_id', '=', unitId).execute();
  return picked.agentId;
}
