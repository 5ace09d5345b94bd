import type { Ctx } from '../../../core/context';
import { localDateOf } from '../../../core/reference/domain/workday';
import type { ClaimsStore } from '../claims/claims-store';
import { buildPeriodicReport, type PeriodicReport } from './domain/periodic-report';
import {
  formatReportPeriod, parseReportPeriod, periodOfMonth, periodRange, shiftPeriod, trailingPeriods, type PeriodKind, type ReportPeriod,
} from './domain/periods';
import { findingGroups, findingMonthsRange, findingsByMonth, fundByMonth, fundByProvider, ruleNames, settlementMonths } from './report.repo';

export interface ReportQuery {
  /** 'YYYY-MM' or 'YYYY-Qn'; without it the latest month (or quarter) with settlements. */
  period?: string;
  kind?: PeriodKind;
  /** How many periods the trend shows, the chosen one last. */
  trend?: number;
}

export interface ReportView extends PeriodicReport {
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
  const [claimsSpan, findingSpan] = await Promise.all([settlementMonths(store), findingMonthsRange(ctx.db)]);
  const today = localDateOf(ctx.now).slice(0, 7);
  const first = [claimsSpan?.first, findingSpan?.first].filter(Boolean).sort()[0] ?? today;
  const last = [claimsSpan?.last, findingSpan?.last].filter(Boolean).sort().reverse()[0] ?? today;
  const kind = q.period ? parseReportPeriod(q.period)!.kind : q.kind ?? 'month';
  const period = q.period ? parseReportPeriod(q.period)! : periodOfMonth(last, kind);
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
  const report = buildPeriodicReport({ period, trend, fundMonths, findingMonths, findingGroups: groups, providerFund, rules });
  return { ...report, available: availablePeriods(first, last) };
}
