/**
 * The annual cycle's steps (docs/talent/CYCLE.md):
 *
 *   open ──review──▶ reviewing ──compute──▶ computed ──publish──▶ notice ──finalize──▶ final
 *                        ▲                     │
 *                        └──────reopen─────────┘   (recompute after a correction, before publishing)
 *
 * Pure: which action is allowed from which status. The services check the rest (the notice has
 * ended, no objection is pending, the points day is complete).
 */
export type CycleStatus = 'open' | 'reviewing' | 'computed' | 'notice' | 'final';
export type CycleAction = 'review' | 'compute' | 'reopen' | 'publish' | 'finalize';

export const CYCLE_STATUSES: readonly CycleStatus[] = ['open', 'reviewing', 'computed', 'notice', 'final'];

const MOVES: Record<CycleAction, { from: CycleStatus[]; to: CycleStatus }> = {
  review: { from: ['open'], to: 'reviewing' },
  compute: { from: ['reviewing', 'computed'], to: 'computed' },
  reopen: { from: ['computed'], to: 'reviewing' },
  publish: { from: ['computed'], to: 'notice' },
  finalize: { from: ['notice'], to: 'final' },
};

/** The status the action leads to, or null when the action is not allowed from `status`. */
export function nextStatus(status: CycleStatus, action: CycleAction): CycleStatus | null {
  const m = MOVES[action];
  return m.from.includes(status) ? m.to : null;
}

/** The actions allowed from a status (the dashboard offers these buttons). */
export function allowedActions(status: CycleStatus): CycleAction[] {
  return (Object.keys(MOVES) as CycleAction[]).filter((a) => MOVES[a].from.includes(status));
}

/** Published results (the notice and the final list) are readable by the public. */
export const isPublished = (status: CycleStatus) => status === 'notice' || status === 'final';

export const CYCLE_STATUS_LABEL: Record<CycleStatus, { zh: string; en: string }> = {
  open: { zh: '企业申报中', en: 'open for submissions' },
  reviewing: { zh: '审核中', en: 'under review' },
  computed: { zh: '积分已计算', en: 'points computed' },
  notice: { zh: '公示中', en: 'in public notice' },
  final: { zh: '已确定', en: 'final' },
};

export const CYCLE_ACTION_LABEL: Record<CycleAction, { zh: string; en: string }> = {
  review: { zh: '截止申报、进入审核', en: 'close submissions and start the review' },
  compute: { zh: '确定积分', en: 'fix the points' },
  reopen: { zh: '退回审核', en: 'go back to the review' },
  publish: { zh: '发布公示', en: 'publish for public notice' },
  finalize: { zh: '确定结果', en: 'make the results final' },
};
