/** Answer shapes of /api/medfund/cases, /inbox, /partners, /recovery (docs/medfund/CASES.md); dates arrive as ISO strings. */
export const STAGES = ['first_review', 'second_review', 'appeal', 'investigation', 'closed'] as const;
export type Stage = (typeof STAGES)[number];
export type Decision = 'confirmed' | 'dismissed' | 'data_quality';
export const MEASURES = ['recovery', 'refuse_payment', 'penalty', 'transfer_police', 'transfer_discipline'] as const;
export type Measure = (typeof MEASURES)[number];
export type CheckResult = 'violation' | 'no_violation' | 'partly';

export interface CaseSummary {
  id: number; number: string; title: string; warningId: number | null; subjectKind: 'person' | 'provider'; subjectKey: string; subjectName: string;
  providerCodes: string[]; providerNames: string[]; stage: Stage; stageDueOn: string | null; overdue: boolean; appealDeadline: string | null;
  ownerId: string | null; ownerName: string; amountAtRiskFen: number; decision: Decision | null; measures: Measure[]; confirmedFen: number;
  recoveryDecidedFen: number; recoveredFen: number; openedAt: string; openedByName: string; decidedAt: string | null;
}
export interface CaseFinding {
  id: number; ruleCode: string; ruleName: string; ruleNameEn: string; severity: 'red' | 'orange'; psnNo: string; psnName: string; certno: string;
  fixmedinsCode: string; fixmedinsName: string; setlId: string; occurredOn: string; amountFen: number; outcome: Decision | null;
}
export interface Transfer {
  id: number; caseId: number; departmentId: string; departmentName: string; purpose: 'clue' | 'joint_check'; note: string; transferredByName: string;
  transferredAt: string; receivedByName: string | null; receivedAt: string | null; checkResult: CheckResult | null; report: string | null;
  reportedByName: string | null; reportedAt: string | null; actions: { id: number; action: string; actedOn: string; recordedByName: string; recordedAt: string }[];
}
export interface CaseDetail extends CaseSummary {
  appealedAt: string | null; appealStatement: string | null; refusedFen: number; penaltyFen: number; decisionBasis: string | null; overReason: string | null;
  decidedByName: string; version: number; canHandle: boolean; findings: CaseFinding[];
  stages: { stage: Exclude<Stage, 'closed'>; startedAt: string; dueOn: string; endedAt: string | null; escalatedAt: string | null; overdue: boolean }[];
  events: { id: number; type: string; stage: string; note: string; payload: Record<string, unknown>; actorName: string; at: string }[];
  transfers: Transfer[];
  recoveries: { id: number; amountFen: number; recoveredOn: string; reference: string; overReason: string | null; recordedByName: string; createdAt: string }[];
}
export interface InspectorArea {
  userId: string; username: string; displayName: string; active: boolean; inspector: boolean; areaName: string | null; updatedAt: string | null; openCases: number;
  providers: { code: string; name: string; known: boolean }[];
}
export interface AreaProvider { code: string; name: string; type: string; area: { userId: string; displayName: string; areaName: string } | null }
export interface Partner { departmentId: string; name: string; active: boolean; duty: string; sortOrder: number; transfers: number; openTransfers: number }
export interface InboxEntry {
  id: number; purpose: 'clue' | 'joint_check'; note: string; transferredAt: string; transferredByName: string; receivedAt: string | null; receivedByName: string | null;
  reportedAt: string | null; checkResult: CheckResult | null; caseId: number; caseNumber: string; caseTitle: string; caseStage: Stage; subjectName: string;
  providerNames: string[]; amountAtRiskFen: number;
}
export interface InboxItem {
  transfer: Transfer; otherTransfers: Transfer[];
  case: { id: number; number: string; title: string; stage: Stage; stageDueOn: string | null; overdue: boolean; subjectKind: 'person' | 'provider'; subjectName: string; providerNames: string[]; amountAtRiskFen: number; decision: Decision | null; ownerName: string; openedAt: string };
  findings: CaseFinding[];
}
export interface TotalRow { key: string; name: string; recoveredFen: number; cases: number }
export interface RecoveryTotals { totalRecoveredFen: number; payments: number; decidedFen: number; casesWithRecovery: number; byRule: TotalRow[]; byProvider: TotalRow[]; byMonth: TotalRow[] }

export const stageColor = (s: Stage) => ({ first_review: 'blue', second_review: 'geekblue', appeal: 'purple', investigation: 'orange', closed: 'default' })[s];
export const decisionColor = (d: Decision) => ({ confirmed: 'red', dismissed: 'green', data_quality: 'gold' })[d];
