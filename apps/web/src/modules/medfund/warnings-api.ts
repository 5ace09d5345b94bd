import type { WarningHandlingView } from './reports/WarningHandling';
/** Answer shapes of /api/medfund/warnings… (docs/medfund/WARNINGS.md); dates arrive as ISO strings. */
export type WarningLevel = 'red' | 'orange' | 'yellow';
export type WarningStatus = 'open' | 'in_case' | 'closed' | 'dismissed';
export type SubjectKind = 'person' | 'provider';
export const WARNING_LEVELS: WarningLevel[] = ['red', 'orange', 'yellow'];
export const WARNING_STATUSES: WarningStatus[] = ['open', 'in_case', 'closed', 'dismissed'];
export const LEVEL_COLORS: Record<WarningLevel, string> = { red: '#d9534f', orange: '#f0a020', yellow: '#e6c700' };
export const TAG_COLORS: Record<WarningLevel, string> = { red: 'red', orange: 'orange', yellow: 'gold' };

export interface WarningItem {
  id: number; subjectKind: SubjectKind; subjectKey: string; subjectName: string; subjectCertno: string; level: WarningLevel;
  computedLevel: WarningLevel | null; levelPinned: boolean; status: WarningStatus; amountFen: number; findingsCount: number; redFindings: number;
  reasons: string[]; providers: string[]; ruleCodes: string[]; firstOccurredOn: string | null; lastOccurredOn: string | null; ruleVersion: number;
  notifiedAt: string | null; handledByName: string; handledAt: string | null; createdAt: string; updatedAt: string;
  /** The case opened from it (reports/WarningHandling.tsx). */
  handling?: WarningHandlingView | null;
}
export interface WarningPage {
  total: number; amountFen: number; byLevel: Record<WarningLevel, number>; scope: 'all' | 'red'; items: WarningItem[];
}
export interface WarningEvent { id: number; kind: 'created' | 'level' | 'status' | 'findings' | 'notified' | 'note'; from: string | null; to: string | null; reason: string; actorName: string; rollupId: number | null; at: string }
export interface WarningFinding {
  id: number; ruleCode: string; ruleName: string; ruleNameEn: string; severity: 'red' | 'orange'; psnNo: string; psnName: string; certno: string;
  fixmedinsCode: string; fixmedinsName: string; setlId: string; occurredOn: string; amountFen: number; departmentName: string;
}
export interface WarningDetail extends WarningItem { findings: WarningFinding[]; events: WarningEvent[] }

export interface LevelCriteria { singleRedFen: number | null; count: number | null; withinDays: number; sumFen: number | null }
export interface SubjectRules { red: LevelCriteria; orange: LevelCriteria; yellow: { minFindings: number | null; sumFen: number | null } }
export interface RollupRules { periodDays: number; person: SubjectRules; provider: SubjectRules }
export interface RollupRuleVersion { version: number; rules: RollupRules; changeNote: string; createdByName: string; createdAt: string }
export interface RulesAnswer { current: RollupRuleVersion; versions: RollupRuleVersion[]; ranges: Record<string, { min: number; max: number }> }
export interface Rollup {
  id: number; trigger: 'screening' | 'manual' | 'rules'; mode: 'full' | 'incremental'; runId: number | null; ruleVersion: number | null; status: 'queued' | 'running' | 'done' | 'failed';
  asOf: string | null; periodFrom: string | null; counts: Record<string, number>; error: string | null; requestedByName: string; requestedAt: string; finishedAt: string | null;
}

export const canSeeWarnings = (permissions: string[]) => permissions.includes('medfund.warnings.read') || permissions.includes('medfund.warnings.oversee');
