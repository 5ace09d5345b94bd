/**
 * The national review chain of a case (医保发〔2022〕 两库 measures): 初审 → 复审 → 申诉 → 调查核实 →
 * 违规处理, as a pure state machine. Every refusal says what was asked, where the case stands and
 * what to do instead. No database, no clock: the caller gives today's local date.
 */
import { amountAtRisk, type SettlementFinding } from '../../domain/settlement-amount';

export const OPEN_STAGES = ['first_review', 'second_review', 'appeal', 'investigation'] as const;
export type OpenStage = (typeof OPEN_STAGES)[number];
export type Stage = OpenStage | 'closed';
export type Decision = 'confirmed' | 'dismissed' | 'data_quality';
export const MEASURES = ['recovery', 'refuse_payment', 'penalty', 'transfer_police', 'transfer_discipline'] as const;
export type Measure = (typeof MEASURES)[number];

export const STAGE_NAMES: Record<Stage, { zh: string; en: string }> = {
  first_review: { zh: '初审', en: 'first review' },
  second_review: { zh: '复审', en: 'second review' },
  appeal: { zh: '申诉', en: 'appeal' },
  investigation: { zh: '调查核实', en: 'investigation' },
  closed: { zh: '已处理', en: 'closed' },
};
export const DECISION_NAMES: Record<Decision, { zh: string; en: string }> = {
  confirmed: { zh: '确认违规', en: 'confirmed' },
  dismissed: { zh: '排除疑点', en: 'dismissed' },
  data_quality: { zh: '数据质量问题（整改不处罚）', en: 'data quality problem (correct, not punish)' },
};
export const MEASURE_NAMES: Record<Measure, { zh: string; en: string }> = {
  recovery: { zh: '追回基金', en: 'recovery' },
  refuse_payment: { zh: '拒付', en: 'refusal of payment' },
  penalty: { zh: '行政处罚', en: 'penalty' },
  transfer_police: { zh: '移送公安', en: 'transfer to the police' },
  transfer_discipline: { zh: '移送纪委监委', en: 'transfer to the discipline commission' },
};

/** A refusal: the error code and the message naming what and where. */
export interface Refusal {
  code: 'MEDFUND_CASE_STAGE_ORDER' | 'MEDFUND_APPEAL_LATE' | 'MEDFUND_DECISION_INVALID' | 'MEDFUND_RECOVERY_OVER_RISK' | 'MEDFUND_RECOVERY_NOT_DECIDED';
  zh: string;
  en: string;
  fields?: Record<string, string>;
}
export class CaseRefusal extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.en);
    this.name = 'CaseRefusal';
  }
}
const refuse = (r: Refusal): never => {
  throw new CaseRefusal(r);
};

/** The moves along the chain (a decision is `decide`, below). */
export type StageAction =
  | { action: 'pass_first_review'; note?: string }
  | { action: 'confirm_second_review'; note?: string }
  | { action: 'record_appeal'; statement: string }
  | { action: 'start_investigation'; note?: string };

/** Which stage each move is taken from. */
export const ACTION_FROM: Record<StageAction['action'], OpenStage> = {
  pass_first_review: 'first_review',
  confirm_second_review: 'second_review',
  record_appeal: 'appeal',
  start_investigation: 'appeal',
};
const ACTION_NAMES: Record<StageAction['action'], { zh: string; en: string }> = {
  pass_first_review: { zh: '初审通过，转复审', en: 'pass the first review' },
  confirm_second_review: { zh: '复审确认疑点，告知机构申诉', en: 'confirm in the second review' },
  record_appeal: { zh: '登记申诉', en: 'record an appeal' },
  start_investigation: { zh: '转入调查核实', en: 'start the investigation' },
};

export interface CaseState {
  stage: Stage;
  /** Last day (local) the provider may appeal; set on entering the appeal stage. */
  appealDeadline: string | null;
  appealed: boolean;
}

/** Working days allowed per stage; the appeal stage's limit is the provider's appeal window. */
export type StageLimits = Record<OpenStage, number>;
export const DEFAULT_STAGE_LIMITS: StageLimits = { first_review: 10, second_review: 10, appeal: 5, investigation: 30 };

/** The calendar the chain needs (the app's working-day calendar). */
export interface Workdays {
  addWorkdays(date: string, n: number): string;
}

/** The deadline (local date) of a stage entered on `today`. */
export function stageDueOn(stage: OpenStage, today: string, limits: StageLimits, cal: Workdays): string {
  return cal.addWorkdays(today, limits[stage]);
}

export interface Transition {
  stage: Stage;
  /** Whether the stage changes (record_appeal stays in the appeal stage). */
  entersStage: OpenStage | null;
  appealDeadline: string | null;
  appealed: boolean;
}

function outOfOrder(state: CaseState, wanted: { zh: string; en: string }, from: OpenStage): never {
  const now = STAGE_NAMES[state.stage];
  return refuse({
    code: 'MEDFUND_CASE_STAGE_ORDER',
    zh: `案件当前处于「${now.zh}」阶段，不能${wanted.zh}（该操作只能在「${STAGE_NAMES[from].zh}」阶段进行）`,
    en: `The case is at the ${now.en} stage; "${wanted.en}" can only be done at the ${STAGE_NAMES[from].en} stage`,
  });
}

/** Applies one move to the case, or refuses it. */
export function applyStageAction(state: CaseState, a: StageAction, today: string, limits: StageLimits, cal: Workdays): Transition {
  const from = ACTION_FROM[a.action];
  if (state.stage !== from) outOfOrder(state, ACTION_NAMES[a.action], from);
  switch (a.action) {
    case 'pass_first_review':
      return { stage: 'second_review', entersStage: 'second_review', appealDeadline: null, appealed: false };
    case 'confirm_second_review':
      return { stage: 'appeal', entersStage: 'appeal', appealDeadline: stageDueOn('appeal', today, limits, cal), appealed: false };
    case 'record_appeal': {
      if (!a.statement.trim()) refuse({ code: 'MEDFUND_DECISION_INVALID', zh: '请填写申诉理由', en: 'Enter the appeal statement', fields: { statement: '请填写申诉理由' } });
      if (state.appealed) refuse({ code: 'MEDFUND_CASE_STAGE_ORDER', zh: '该案件已登记过申诉，一个案件只受理一次申诉', en: 'An appeal was already recorded for this case' });
      if (state.appealDeadline && today > state.appealDeadline) {
        refuse({
          code: 'MEDFUND_APPEAL_LATE',
          zh: `申诉期已于 ${state.appealDeadline} 届满，今天（${today}）不能再登记申诉`,
          en: `The appeal period ended on ${state.appealDeadline}; an appeal cannot be recorded today (${today})`,
          fields: { statement: `申诉期已于 ${state.appealDeadline} 届满` },
        });
      }
      return { stage: 'appeal', entersStage: null, appealDeadline: state.appealDeadline, appealed: true };
    }
    case 'start_investigation':
      if (!state.appealed && state.appealDeadline && today <= state.appealDeadline) {
        refuse({
          code: 'MEDFUND_CASE_STAGE_ORDER',
          zh: `申诉期至 ${state.appealDeadline} 尚未届满，且机构未提出申诉：请待申诉期满或登记申诉后再转入调查核实`,
          en: `The appeal period runs until ${state.appealDeadline} and no appeal was recorded: wait for it to end, or record the appeal, before investigating`,
        });
      }
      return { stage: 'investigation', entersStage: 'investigation', appealDeadline: state.appealDeadline, appealed: state.appealed };
  }
}

export interface DecisionInput {
  decision: Decision;
  basis: string;
  measures?: Measure[];
  recoveryFen?: number;
  refusedFen?: number;
  penaltyFen?: number;
  overReason?: string;
  /** Per-finding outcomes of a confirmed decision; findings not named are confirmed. */
  findingOutcomes?: { findingId: number; outcome: Decision }[];
}

export interface DecisionResult {
  decision: Decision;
  measures: Measure[];
  outcomes: Map<number, Decision>;
  confirmedFen: number;
  recoveryFen: number;
  refusedFen: number;
  penaltyFen: number;
  overReason: string | null;
}

const invalid = (fields: Record<string, string>, zh: string, en: string): never => refuse({ code: 'MEDFUND_DECISION_INVALID', zh, en, fields });

/**
 * A decision (违规处理) closes the case and sets each finding's outcome. Dismissed and data-quality
 * decisions may close the case at any open stage; a confirmed one only after the investigation.
 * Required: the basis; for confirmed, at least one measure, the amount of each money measure, at
 * least one confirmed finding; a recovery above the confirmed amount at risk needs a reason.
 */
export function decide(state: CaseState, input: DecisionInput, findings: SettlementFinding[]): DecisionResult {
  if (state.stage === 'closed') refuse({ code: 'MEDFUND_CASE_STAGE_ORDER', zh: '案件已处理完毕，不能再次作出处理决定', en: 'The case is closed; it cannot be decided again' });
  if (input.decision === 'confirmed' && state.stage !== 'investigation') {
    refuse({
      code: 'MEDFUND_CASE_STAGE_ORDER',
      zh: `案件当前处于「${STAGE_NAMES[state.stage].zh}」阶段：确认违规须在调查核实之后作出（排除疑点或认定数据质量问题可在任一阶段作出）`,
      en: `The case is at the ${STAGE_NAMES[state.stage].en} stage: a confirmed decision needs the investigation first (dismissal or a data-quality outcome may close any stage)`,
    });
  }
  if (!input.basis?.trim()) invalid({ basis: '请填写处理依据' }, '处理决定缺少处理依据', 'The decision needs its basis');
  const known = new Set(findings.map((f) => f.id));
  const outcomes = new Map<number, Decision>(findings.map((f) => [f.id, input.decision]));
  for (const o of input.findingOutcomes ?? []) {
    if (!known.has(o.findingId)) invalid({ findingOutcomes: `疑点 #${o.findingId} 不属于本案件` }, `疑点 #${o.findingId} 不属于本案件`, `Finding #${o.findingId} is not part of this case`);
    if (input.decision !== 'confirmed' && o.outcome !== input.decision) {
      invalid({ findingOutcomes: '只有确认违规的决定可以逐条认定疑点' }, '只有确认违规的决定可以逐条认定疑点', 'Only a confirmed decision may set findings one by one');
    }
    outcomes.set(o.findingId, o.outcome);
  }
  // the confirmed findings' money: each settlement once, at its largest confirmed finding
  const confirmedFen = amountAtRisk(findings.filter((f) => outcomes.get(f.id) === 'confirmed'));
  if (input.decision !== 'confirmed') {
    return { decision: input.decision, measures: [], outcomes, confirmedFen: 0, recoveryFen: 0, refusedFen: 0, penaltyFen: 0, overReason: null };
  }
  const measures = [...new Set(input.measures ?? [])];
  if (measures.length === 0) invalid({ measures: '请选择至少一项处理措施' }, '确认违规须选择至少一项处理措施（追回、拒付、处罚、移送）', 'A confirmed decision needs at least one measure');
  if (![...outcomes.values()].includes('confirmed')) invalid({ findingOutcomes: '确认违规须至少认定一条疑点' }, '确认违规须至少认定一条疑点', 'A confirmed decision must confirm at least one finding');
  const amount = (m: Measure, v: number | undefined, field: string, zh: string): number => {
    if (!measures.includes(m)) return 0;
    if (!Number.isInteger(v) || (v as number) <= 0) invalid({ [field]: `请填写${zh}（分，大于 0）` }, `选择了「${MEASURE_NAMES[m].zh}」，但缺少${zh}`, `The measure "${MEASURE_NAMES[m].en}" needs its amount`);
    return v as number;
  };
  const recoveryFen = amount('recovery', input.recoveryFen, 'recoveryFen', '追回金额');
  const refusedFen = amount('refuse_payment', input.refusedFen, 'refusedFen', '拒付金额');
  const penaltyFen = amount('penalty', input.penaltyFen, 'penaltyFen', '罚款金额');
  const overReason = input.overReason?.trim() || null;
  if (recoveryFen > confirmedFen && !overReason) {
    refuse({
      code: 'MEDFUND_RECOVERY_OVER_RISK',
      zh: `追回金额 ${yuan(recoveryFen)} 元超过认定的疑点金额 ${yuan(confirmedFen)} 元，请说明理由`,
      en: `The recovery of ${yuan(recoveryFen)} yuan exceeds the confirmed amount at risk of ${yuan(confirmedFen)} yuan; give a reason`,
      fields: { overReason: '超出疑点金额须说明理由' },
    });
  }
  return { decision: 'confirmed', measures, outcomes, confirmedFen, recoveryFen, refusedFen, penaltyFen, overReason };
}

/**
 * A recovered payment: only on a case decided with a recovery; the total recovered past the
 * confirmed amount at risk needs a reason.
 */
export function checkRecoveryPayment(
  c: { stage: Stage; decision: Decision | null; measures: Measure[]; confirmedFen: number; recoveredFen: number },
  amountFen: number,
  overReason: string | undefined,
): { overReason: string | null } {
  if (c.stage !== 'closed' || c.decision !== 'confirmed' || !c.measures.includes('recovery')) {
    refuse({ code: 'MEDFUND_RECOVERY_NOT_DECIDED', zh: '该案件尚未作出追回基金的处理决定，不能登记追回款', en: 'The case has no recovery decision; no recovered payment can be recorded' });
  }
  if (!Number.isInteger(amountFen) || amountFen <= 0) invalid({ amountFen: '追回金额须大于 0' }, '追回金额须大于 0', 'The recovered amount must be above 0');
  const total = c.recoveredFen + amountFen;
  const reason = overReason?.trim() || null;
  if (total > c.confirmedFen && !reason) {
    refuse({
      code: 'MEDFUND_RECOVERY_OVER_RISK',
      zh: `追回合计 ${yuan(total)} 元将超过认定的疑点金额 ${yuan(c.confirmedFen)} 元，请说明理由`,
      en: `The total recovered, ${yuan(total)} yuan, would exceed the confirmed amount at risk of ${yuan(c.confirmedFen)} yuan; give a reason`,
      fields: { overReason: '超出疑点金额须说明理由' },
    });
  }
  return { overReason: reason };
}

/** Fen as yuan with two decimals (1133.81). */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const a = Math.abs(fen);
  return `${sign}${Math.floor(a / 100).toLocaleString('en-US')}.${String(a % 100).padStart(2, '0')}`;
}

/** An open stage is overdue the day after its deadline (local dates). */
export function isOverdue(dueOn: string, today: string): boolean {
  return today > dueOn;
}
