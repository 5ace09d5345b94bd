import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client';

/** Answer shapes of /api/medfund/reports (docs/medfund/REPORT.md). Amounts in fen. */
export type PeriodKind = 'month' | 'quarter';
export type WarningLevel = 'red' | 'orange' | 'yellow';
export type OpenStage = 'first_review' | 'second_review' | 'appeal' | 'investigation';
export type Decision = 'confirmed' | 'dismissed' | 'data_quality';

export interface TrendPoint { period: string; settlements: number; medfeeFen: number; fundFen: number; findings: number; findingsAmountFen: number }
export interface PeriodicReport {
  period: string; kind: PeriodKind; from: string; until: string;
  fund: { settlements: number; medfeeFen: number; fundFen: number; fundChangePercent: number | null; settlementsChangePercent: number | null };
  findings: { count: number; amountFen: number; providers: number; rules: number; changePercent: number | null; amountChangePercent: number | null; perMilleOfFund: number | null };
  bySeverity: { severity: 'red' | 'orange'; findings: number; amountFen: number }[];
  topRules: { ruleCode: string; ruleName: string; ruleNameEn: string; findings: number; amountFen: number; sharePercent: number | null; red: number; orange: number }[];
  topProviders: { fixmedinsCode: string; fixmedinsName: string; findings: number; amountFen: number; rules: number; settlements: number; fundFen: number; perMilleOfFund: number | null }[];
  trend: TrendPoint[];
  supervision: {
    warnings: { raised: number; amountFen: number; byLevel: { level: WarningLevel; raised: number; amountFen: number; open: number; inCase: number; closed: number; dismissed: number }[] };
    cases: {
      opened: number; decided: number; open: number; overdue: number;
      byStage: { stage: OpenStage; cases: number; overdue: number; amountAtRiskFen: number }[];
      byDecision: { decision: Decision; cases: number; confirmedFen: number; recoveryDecidedFen: number }[];
    };
    recovery: { decidedFen: number; recoveredFen: number; payments: number; outstandingFen: number; recoveredPercent: number | null };
    trend: { period: string; warnings: number; redWarnings: number; casesOpened: number; recoveredFen: number }[];
  };
  available: { months: string[]; quarters: string[] };
}

export interface EffectivenessRow {
  ruleCode: string; ruleVersion: number | null; findings: number; amountFen: number; inCase: number; pending: number; confirmed: number; dismissed: number;
  dataQuality: number; decided: number; precision: number | null; confirmedAmountFen: number; recoveryDecidedFen: number; recoveredFen: number;
  lowPrecision: boolean; mostlyDataQuality: boolean;
}
export interface RuleEffectiveness {
  rules: (EffectivenessRow & { name: string; nameEn: string; enabled: boolean; currentVersion: number; versions: EffectivenessRow[] })[];
  totals: EffectivenessRow;
  unattributed: { cases: number; recoveryDecidedFen: number; recoveredFen: number };
}

export function usePeriodicReport(q: { period?: string; kind: PeriodKind }) {
  return useQuery({
    queryKey: ['medfund', 'report', q.period ?? '', q.kind],
    queryFn: () => api.get<PeriodicReport>('/api/medfund/reports/periodic', q.period ? { period: q.period } : { kind: q.kind }),
  });
}

export function useRuleEffectiveness() {
  return useQuery({ queryKey: ['medfund', 'rule-effectiveness'], queryFn: () => api.get<RuleEffectiveness>('/api/medfund/reports/rule-effectiveness') });
}

/** 万元 with two decimals from fen, for charts and cards. */
export const wan = (fen: number) => Math.round(fen / 10_000) / 100;
export const fmtChange = (p: number | null) => (p === null ? '—' : `${p > 0 ? '+' : ''}${p.toFixed(1)}%`);
