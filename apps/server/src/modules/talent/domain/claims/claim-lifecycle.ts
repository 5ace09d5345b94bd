import { canonicalJson } from '../../../../core/json/canonical-json';

/**
 * The life of a claim (申报) of talent facts — pure rules, no database (docs/talent/EVIDENCE.md).
 *
 *   submitted ──request_info──▶ more_info_requested ──resubmit──▶ resubmitted
 *       │  ▲                         │                               │
 *       │  └────────── amend (any open state; back to the facts claimed) ┘
 *       ├──approve──▶ approved        (submitted or resubmitted)
 *       ├──reject───▶ rejected        (any open state, with a reason)
 *       └──withdraw─▶ withdrawn       (an amendment that claims nothing any more)
 */
export const CLAIM_STATUSES = ['submitted', 'more_info_requested', 'resubmitted', 'approved', 'rejected', 'withdrawn'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];
export const OPEN_CLAIM_STATUSES = ['submitted', 'more_info_requested', 'resubmitted'] as const satisfies readonly ClaimStatus[];
export const isOpenClaim = (s: ClaimStatus) => (OPEN_CLAIM_STATUSES as readonly ClaimStatus[]).includes(s);

export const CLAIM_STATUS_LABELS: Record<ClaimStatus, { zh: string; en: string }> = {
  submitted: { zh: '待审核', en: 'Awaiting review' },
  more_info_requested: { zh: '待补充材料', en: 'More information requested' },
  resubmitted: { zh: '已补充，待审核', en: 'Resubmitted, awaiting review' },
  approved: { zh: '已通过', en: 'Approved' },
  rejected: { zh: '已驳回', en: 'Rejected' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
};

/** A step someone takes on an existing claim. */
export type ClaimStep = 'approve' | 'reject' | 'request_info' | 'resubmit' | 'amend' | 'evidence';

const STEP_LABELS: Record<ClaimStep, { zh: string; en: string }> = {
  approve: { zh: '通过', en: 'approved' },
  reject: { zh: '驳回', en: 'rejected' },
  request_info: { zh: '要求补充材料', en: 'asked for more' },
  resubmit: { zh: '重新提交', en: 'resubmitted' },
  amend: { zh: '修改', en: 'amended' },
  evidence: { zh: '增删证明材料', en: 'given evidence' },
};

const ALLOWED: Record<ClaimStep, readonly ClaimStatus[]> = {
  approve: ['submitted', 'resubmitted'],
  reject: OPEN_CLAIM_STATUSES,
  request_info: ['submitted', 'resubmitted'],
  resubmit: ['more_info_requested'],
  amend: OPEN_CLAIM_STATUSES,
  evidence: OPEN_CLAIM_STATUSES,
};

/** The status a step leads to (amend and evidence keep the status). */
export function nextStatus(step: ClaimStep, from: ClaimStatus): ClaimStatus {
  switch (step) {
    case 'approve': return 'approved';
    case 'reject': return 'rejected';
    case 'request_info': return 'more_info_requested';
    case 'resubmit': return 'resubmitted';
    default: return from;
  }
}

/** Why a step is refused in a status (a message that says what and where), or null when allowed. */
export function refuseClaimStep(step: ClaimStep, status: ClaimStatus): { zh: string; en: string } | null {
  if (ALLOWED[step].includes(status)) return null;
  const s = CLAIM_STATUS_LABELS[status];
  const l = STEP_LABELS[step];
  const why = status === 'more_info_requested' && (step === 'approve' || step === 'request_info')
    ? { zh: '，须等企业补充材料并重新提交', en: '; the enterprise has to add what is missing and resubmit first' }
    : { zh: '', en: '' };
  return { zh: `申报当前为“${s.zh}”，不能${l.zh}${why.zh}`, en: `The claim is “${s.en}”; it cannot be ${l.en}${why.en}` };
}

/** One claimed fact: the approved value when claimed and the value claimed (null = absent). */
export interface FactChange {
  fact: string;
  before: unknown;
  claimed: unknown;
}

/**
 * Two fact values are the same when their canonical JSON is: PostgreSQL's jsonb reorders object
 * keys ({"year", "level"}), so a plain JSON.stringify would see a change where there is none.
 */
export const sameFactValue = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);
const same = sameFactValue;

/** Two lists of changes claim the same thing. */
export const sameChanges = (a: readonly FactChange[], b: readonly FactChange[]) => canonicalJson(a) === canonicalJson(b);

/** The facts that `next` changes with respect to the approved `approved`, in a stable order. */
export function diffFacts(approved: Record<string, unknown>, next: Record<string, unknown>): FactChange[] {
  const keys = [...new Set([...Object.keys(approved), ...Object.keys(next)])].sort();
  return keys
    .filter((k) => !same(approved[k], next[k]))
    .map((k) => ({ fact: k, before: approved[k] ?? null, claimed: next[k] ?? null }));
}

/** The approved facts with a claim's values laid over them (what the claimant sees as theirs). */
export function applyChanges(approved: Record<string, unknown>, changes: readonly FactChange[]): Record<string, unknown> {
  const out: Record<string, unknown> = { ...approved };
  for (const c of changes) {
    if (c.claimed === null || c.claimed === undefined) delete out[c.fact];
    else out[c.fact] = c.claimed;
  }
  return out;
}

/** The facts whose approved value is no longer the one the claim started from. */
export function staleFacts(changes: readonly FactChange[], current: Record<string, unknown>): string[] {
  return changes.filter((c) => !same(current[c.fact], c.before)).map((c) => c.fact);
}
