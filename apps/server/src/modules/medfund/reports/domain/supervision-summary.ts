import { formatReportPeriod, periodOfMonth, type ReportPeriod } from './periods';

/**
 * The supervision half of the periodic report: warnings raised, cases along the review chain,
 * recovery. Pure, over rows the repository counts:
 * - warnings raised in the period, by level and their status now;
 * - cases: opened in the period; decided in the period, by decision; open now, by stage (a stage
 *   past its deadline is overdue);
 * - recovery: decided on the cases decided in the period; recovered = the payments dated in the
 *   period; outstanding = decided but not yet recovered, over every decided case, now.
 */
export type WarningLevel = 'red' | 'orange' | 'yellow';
export type WarningStatus = 'open' | 'in_case' | 'closed' | 'dismissed';
export type CaseStage = 'first_review' | 'second_review' | 'appeal' | 'investigation' | 'closed';
export type CaseDecision = 'confirmed' | 'dismissed' | 'data_quality';

export const WARNING_LEVELS: readonly WarningLevel[] = ['red', 'orange', 'yellow'];
export const OPEN_STAGES: readonly Exclude<CaseStage, 'closed'>[] = ['first_review', 'second_review', 'appeal', 'investigation'];
export const DECISIONS: readonly CaseDecision[] = ['confirmed', 'dismissed', 'data_quality'];

export interface WarningCountRow { level: WarningLevel; status: WarningStatus; warnings: number; amountFen: number }
export interface StageCountRow { stage: Exclude<CaseStage, 'closed'>; cases: number; overdue: number; amountAtRiskFen: number }
export interface DecisionCountRow { decision: CaseDecision; cases: number; confirmedFen: number; recoveryDecidedFen: number }
export interface SupervisionMonthRow { month: string; warnings: number; redWarnings: number; casesOpened: number; recoveredFen: number }

/**
 * The money at risk of the period's warnings, each settlement once (at its largest finding) per
 * level and in the total: a finding counts toward its person's and its provider's warning, so
 * adding the warnings' own amounts would count it twice. Without it, the warnings' amounts are added.
 */
export interface WarningMoney { byLevel: Partial<Record<WarningLevel, number>>; totalFen: number }

export interface SupervisionInput {
  warnings: WarningCountRow[];
  warningMoney?: WarningMoney;
  casesOpened: number;
  stages: StageCountRow[];
  decisions: DecisionCountRow[];
  recoveredFen: number;
  recoveryPayments: number;
  outstandingFen: number;
  months: SupervisionMonthRow[];
  trend: ReportPeriod[];
}

export interface SupervisionSummary {
  warnings: {
    raised: number; amountFen: number;
    byLevel: { level: WarningLevel; raised: number; amountFen: number; open: number; inCase: number; closed: number; dismissed: number }[];
  };
  cases: {
    opened: number; decided: number; open: number; overdue: number;
    byStage: { stage: Exclude<CaseStage, 'closed'>; cases: number; overdue: number; amountAtRiskFen: number }[];
    byDecision: { decision: CaseDecision; cases: number; confirmedFen: number; recoveryDecidedFen: number }[];
  };
  recovery: { decidedFen: number; recoveredFen: number; payments: number; outstandingFen: number; recoveredPercent: number | null };
  trend: { period: string; warnings: number; redWarnings: number; casesOpened: number; recoveredFen: number }[];
}

const STATUS_KEY: Record<WarningStatus, 'open' | 'inCase' | 'closed' | 'dismissed'> = { open: 'open', in_case: 'inCase', closed: 'closed', dismissed: 'dismissed' };

export function buildSupervision(input: SupervisionInput): SupervisionSummary {
  const byLevel = WARNING_LEVELS.map((level) => {
    const row = { level, raised: 0, amountFen: 0, open: 0, inCase: 0, closed: 0, dismissed: 0 };
    for (const w of input.warnings.filter((x) => x.level === level)) {
      row.raised += w.warnings;
      row.amountFen += w.amountFen;
      row[STATUS_KEY[w.status]] += w.warnings;
    }
    if (input.warningMoney) row.amountFen = input.warningMoney.byLevel[level] ?? 0;
    return row;
  });
  const byStage = OPEN_STAGES.map((stage) => {
    const rows = input.stages.filter((s) => s.stage === stage);
    return { stage, cases: sum(rows, 'cases'), overdue: sum(rows, 'overdue'), amountAtRiskFen: sum(rows, 'amountAtRiskFen') };
  });
  const byDecision = DECISIONS.map((decision) => {
    const rows = input.decisions.filter((d) => d.decision === decision);
    return { decision, cases: sum(rows, 'cases'), confirmedFen: sum(rows, 'confirmedFen'), recoveryDecidedFen: sum(rows, 'recoveryDecidedFen') };
  });
  const decidedFen = sum(byDecision, 'recoveryDecidedFen');
  const points = new Map(input.trend.map((p) => [formatReportPeriod(p), { period: formatReportPeriod(p), warnings: 0, redWarnings: 0, casesOpened: 0, recoveredFen: 0 }]));
  const kind = input.trend[0]?.kind ?? 'month';
  for (const m of input.months) {
    const pt = points.get(formatReportPeriod(periodOfMonth(m.month, kind)));
    if (!pt) continue;
    pt.warnings += m.warnings;
    pt.redWarnings += m.redWarnings;
    pt.casesOpened += m.casesOpened;
    pt.recoveredFen += m.recoveredFen;
  }
  return {
    warnings: { raised: sum(byLevel, 'raised'), amountFen: input.warningMoney ? input.warningMoney.totalFen : sum(byLevel, 'amountFen'), byLevel },
    cases: {
      opened: input.casesOpened, decided: sum(byDecision, 'cases'), open: sum(byStage, 'cases'), overdue: sum(byStage, 'overdue'), byStage, byDecision,
    },
    recovery: {
      decidedFen, recoveredFen: input.recoveredFen, payments: input.recoveryPayments, outstandingFen: input.outstandingFen,
      recoveredPercent: decidedFen ? Math.round((input.recoveredFen / decidedFen) * 1000) / 10 : null,
    },
    trend: [...points.values()],
  };
}

function sum<T, K extends keyof T>(rows: readonly T[], key: K): number {
  return rows.reduce((s, r) => s + Number(r[key]), 0);
}
