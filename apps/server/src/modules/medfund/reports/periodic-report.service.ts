import type { Ctx } from '../../../core/context';
import { localDateOf } from '../../../core/reference/domain/workday';
import type { ClaimsStore } from '../claims/claims-store';
import { buildPeriodicReport, type PeriodicReport } from './domain/periodic-report';
import {
  formatReportPeriod, parseReportPeriod, periodOfMonth, periodRange, shiftPeriod, trailingPeriods, type PeriodKind, type ReportPeriod,
} from './domain/periods';
import { findingGroups, findingMonthsRange, findingsByMonth, fundByMonth, fundByProvider, ruleNames, settlementMonths } from './report.repo';
import { buildSupervision, type SupervisionSummary } from './domain/supervision-summary';
import { casesOpened, decisions, activityMonths, openStages, recoveries, supervisionMonths, warningCounts, warningMoney } from './supervision.repo';

export interface ReportQuery {
  /** 'YYYY-MM' or 'YYYY-Qn'; without it the latest month (or quarter) with settlements. */
  period?: string;
  kind?: PeriodKind;
  /** How many periods the trend shows, the chosen one last. */
  trend?: number;
}

export interface ReportView extends PeriodicReport {
  /** Warnings, cases and recovery (docs/medfund/REPORT.md). */
  supervision: SupervisionSummary;
  /** The periods there is data for, newest first: what the period picker offers. */
  available: { months: string[]; quarters: string[] };
}

const DEFAULT_TREND: Record<PeriodKind, number> = { month: 12, quarter: 4 };

/** Every month from first to last ('YYYY-MM'), newest first, with the quarters they make. */
function availablePeriods(first: string, last: string): ReportView['available'] {
  const months: string[] = [];
  let p: ReportPeriod = periodOfMonth(last, 'month');
  const stop = formatReportPeriod(periodOfMonth(first, 'month'));
  for (let i = 0; i < 240; i += 1) {
    months.push(formatReportPeriod(p));
    if (formatReportPeriod(p) === stop) break;
    p = shiftPeriod(p, -1);
  }
  const quarters = [...new Set(months.map((m) => formatReportPeriod(periodOfMonth(m, 'quarter'))))];
  return { months, quarters };
}

/** The periodic fund risk report (docs/medfund/REPORT.md): counts and amounts only, no personal data. */
export async function periodicReport(ctx: Ctx, store: ClaimsStore, q: ReportQuery): Promise<ReportView> {
  const [claimsSpan, findingSpan, activity] = await Promise.all([settlementMonths(store), findingMonthsRange(ctx.db), activityMonths(ctx.db)]);
  const today = localDateOf(ctx.now);
  const thisMonth = today.slice(0, 7);
  const first = [claimsSpan?.first, findingSpan?.first, activity?.first].filter((x): x is string => !!x).sort()[0] ?? thisMonth;
  const last = [claimsSpan?.last, findingSpan?.last, activity?.last].filter((x): x is string => !!x).sort().pop() ?? thisMonth;
  // by default the latest month with settlements: the fund paid is what the report is about
  const dataLast = [claimsSpan?.last, findingSpan?.last].filter((x): x is string => !!x).sort().pop() ?? last;
  const kind = q.period ? parseReportPeriod(q.period)!.kind : q.kind ?? 'month';
  const period = q.period ? parseReportPeriod(q.period)! : periodOfMonth(claimsSpan?.last ?? dataLast, kind);
  const trend = trailingPeriods(period, q.trend ?? DEFAULT_TREND[kind]);
  const window = { from: periodRange(trend[0]!).from, until: periodRange(period).until };
  const own = periodRange(period);
  const [fundMonths, findingMonths, groups, providerFund, rules] = await Promise.all([
    fundByMonth(store, window.from, window.until),
    findingsByMonth(ctx.db, window.from, window.until),
    findingGroups(ctx.db, own.from, own.until),
    fundByProvider(store, own.from, own.until),
    ruleNames(ctx.db),
  ]);
  const [warnings, money, opened, stages, decided, paid, months] = await Promise.all([
    warningCounts(ctx.db, own.from, own.until),
    warningMoney(ctx.db, own.from, own.until),
    casesOpened(ctx.db, own.from, own.until),
    openStages(ctx.db, today),
    decisions(ctx.db, own.from, own.until),
    recoveries(ctx.db, own.from, own.until),
    supervisionMonths(ctx.db, window.from, window.until),
  ]);
  const report = buildPeriodicReport({ period, trend, fundMonths, findingMonths, findingGroups: groups, providerFund, rules });
  const supervision = buildSupervision({
    warnings, warningMoney: money, casesOpened: opened, stages, decisions: decided, recoveredFen: paid.recoveredFen, recoveryPayments: paid.payments, outstandingFen: paid.outstandingFen, months, trend,
  });
  return { ...report, supervision, available: availablePeriods(first, last) };
}
