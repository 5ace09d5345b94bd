// Picking a service agent (助企服务员) within a unit: round-robin or least-loaded. Pure: the
// caller passes the agents with their open-request counts and the last one assigned, and stores
// the returned state.

export interface AgentLoad {
  id: string;
  /** Open requests the agent holds now. */
  openRequests: number;
  /** Off duty, on leave: not picked. */
  available: boolean;
}

export interface AssignmentState {
  /** The agent picked last in this unit, or null. */
  lastAgentId: string | null;
}

/**
 * round_robin: the next available agent after the last one, in the order given (the unit's
 * agent list, e.g. by id), wrapping around. least_loaded: the available agent with the fewest
 * open requests; ties go round-robin from the last one, so equal loads take turns.
 * Returns null when no agent is available.
 */
export function pickAgent(
  agents: readonly AgentLoad[],
  strategy: 'round_robin' | 'least_loaded',
  state: AssignmentState,
): { agentId: string; state: AssignmentState } | null {
  const n = agents.length;
  if (n === 0) return null;
  const last = state.lastAgentId === null ? -1 : agents.findIndex((a) => a.id === state.lastAgentId);
  // Candidates in round-robin order, starting after the last one picked.
  const order: AgentLoad[] = [];
  for (let k = 1; k <= n; k++) {
    const a = agents[(((last + k) % n) + n) % n]!;
    if (a.available) order.push(a);
  }
  if (order.length === 0) return null;
  let chosen = order[0]!;
  if (strategy === 'least_loaded') for (const a of order) if (a.openRequests < chosen.openRequests) chosen = a;
  return { agentId: chosen.id, state: { lastAgentId: chosen.id } };
}
