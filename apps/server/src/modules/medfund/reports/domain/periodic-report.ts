import { formatReportPeriod, periodMonths, periodOfMonth, periodRange, type ReportPeriod } from './periods';

/**
 * The periodic fund risk report (基金运行风险分析报告), computed from plain rows the repository
 * reads: the fund paid per month (claims store), findings per month and, for the period itself,
 * findings per rule × severity × provider, and the fund paid per provider. Pure: no database.
 * Amounts are integer fen; a change is a percentage with one decimal, null when there is no base.
 * The money at risk (the findings' amount, by severity, by provider, per ‰ of the fund, the trend)
 * counts each settlement once, at its largest finding; a rule's amount counts every finding of the
 * rule (what it found), so a rule's share of the money at risk is its amount ÷ the money at risk,
 * and rules overlapping on one settlement make the shares add up to more than 100 %.
 */
export interface FundMonthRow { month: string; settlements: number; medfeeFen: number; fundFen: number }
/** A month's findings and their money at risk (each settlement once). */
export interface FindingMonthRow { month: string; findings: number; amountFen: number }
export interface FindingGroupRow {
  ruleCode: string;
  severity: 'red' | 'orange';
  fixmedinsCode: string;
  fixmedinsName: string;
  findings: number;
  /** Every finding's amount: what the rule found (per finding). */
  amountFen: number;
  /** The money at risk these findings carry: each settlement once, at its largest finding (domain/settlement-amount.ts). */
  countedFen: number;
}
export interface ProviderFundRow { fixmedinsCode: string; fixmedinsName: string; settlements: number; fundFen: number }
export interface RuleName { code: string; name: string; nameEn: string }

export interface PeriodicReportInput {
  period: ReportPeriod;
  trend: ReportPeriod[];
  fundMonths: FundMonthRow[];
  findingMonths: FindingMonthRow[];
  findingGroups: FindingGroupRow[];
  providerFund: ProviderFundRow[];
  rules: RuleName[];
  top?: number;
}

export interface TrendPoint { period: string; settlements: number; medfeeFen: number; fundFen: number; findings: number; findingsAmountFen: number }
export interface TopRule { ruleCode: string; ruleName: string; ruleNameEn: string; findings: number; amountFen: number; sharePercent: number | null; red: number; orange: number }
export interface TopProvider {
  fixmedinsCode: string; fixmedinsName: string; findings: number; amountFen: number; rules: number;
  settlements: number; fundFen: number; perMilleOfFund: number | null;
}

export interface PeriodicReport {
  period: string;
  kind: ReportPeriod['kind'];
  from: string;
  until: string;
  fund: { settlements: number; medfeeFen: number; fundFen: number; fundChangePercent: number | null; settlementsChangePercent: number | null };
  findings: {
    count: number; amountFen: number; providers: number; rules: number; changePercent: number | null; amountChangePercent: number | null;
    perMilleOfFund: number | null;
  };
  bySeverity: { severity: 'red' | 'orange'; findings: number; amountFen: number }[];
  topRules: TopRule[];
  topProviders: TopProvider[];
  trend: TrendPoint[];
}

/** (current − base) / base in percent, one decimal; null without a base. */
export function changePercent(current: number, base: number | null | undefined): number | null {
  if (!base) return null;
  return Math.round(((current - base) / base) * 1000) / 10;
}

/** part / whole in per mille (‰), two decimals; null when whole is 0. */
export function perMille(part: number, whole: number): number | null {
  if (!whole) return null;
  return Math.round((part / whole) * 100_000) / 100;
}

/** Sums the month rows into the given periods (oldest first), zero where a period has no rows. */
export function trendOf(periods: ReportPeriod[], fund: FundMonthRow[], findings: FindingMonthRow[]): TrendPoint[] {
  const points = new Map(periods.map((p) => [formatReportPeriod(p), { period: formatReportPeriod(p), settlements: 0, medfeeFen: 0, fundFen: 0, findings: 0, findingsAmountFen: 0 }]));
  const kind = periods[0]?.kind ?? 'month';
  for (const f of fund) {
    const pt = points.get(formatReportPeriod(periodOfMonth(f.month, kind)));
    if (!pt) continue;
    pt.settlements += f.settlements;
    pt.medfeeFen += f.medfeeFen;
    pt.fundFen += f.fundFen;
  }
  for (const f of findings) {
    const pt = points.get(formatReportPeriod(periodOfMonth(f.month, kind)));
    if (!pt) continue;
    pt.findings += f.findings;
    pt.findingsAmountFen += f.amountFen;
  }
  return [...points.values()];
}

const byAmount = <T extends { amountFen: number; findings: number }>(a: T, b: T, key: (x: T) => string) =>
  b.amountFen - a.amountFen || b.findings - a.findings || key(a).localeCompare(key(b));

export function buildPeriodicReport(input: PeriodicReportInput): PeriodicReport {
  const top = input.top ?? 10;
  const months = new Set(periodMonths(input.period));
  const trend = trendOf(input.trend, input.fundMonths, input.findingMonths);
  const current = trend[trend.length - 1] ?? { settlements: 0, medfeeFen: 0, fundFen: 0, findings: 0, findingsAmountFen: 0 };
  const previous = trend.length > 1 ? trend[trend.length - 2]! : null;
  // the period's own fund figures come from its months (the trend may not include it when asked oddly)
  const fund = input.fundMonths.filter((f) => months.has(f.month)).reduce(
    (s, f) => ({ settlements: s.settlements + f.settlements, medfeeFen: s.medfeeFen + f.medfeeFen, fundFen: s.fundFen + f.fundFen }),
    { settlements: 0, medfeeFen: 0, fundFen: 0 },
  );

  const names = new Map(input.rules.map((r) => [r.code, r]));
  const rules = new Map<string, TopRule>();
  const providers = new Map<string, TopProvider & { ruleSet: Set<string> }>();
  const severity = new Map<'red' | 'orange', { findings: number; amountFen: number }>([['red', { findings: 0, amountFen: 0 }], ['orange', { findings: 0, amountFen: 0 }]]);
  let count = 0;
  let amount = 0;
  for (const g of input.findingGroups) {
    count += g.findings;
    // the money at risk (total, severity, provider): each settlement once; a rule's amount: all it found
    amount += g.countedFen;
    const s = severity.get(g.severity)!;
    s.findings += g.findings;
    s.amountFen += g.countedFen;
    const n = names.get(g.ruleCode);
    const r = rules.get(g.ruleCode) ?? { ruleCode: g.ruleCode, ruleName: n?.name ?? g.ruleCode, ruleNameEn: n?.nameEn ?? g.ruleCode, findings: 0, amountFen: 0, sharePercent: null, red: 0, orange: 0 };
    r.findings += g.findings;
    r.amountFen += g.amountFen;
    r[g.severity] += g.findings;
    rules.set(g.ruleCode, r);
    const p = providers.get(g.fixmedinsCode) ?? {
      fixmedinsCode: g.fixmedinsCode, fixmedinsName: g.fixmedinsName, findings: 0, amountFen: 0, rules: 0, settlements: 0, fundFen: 0, perMilleOfFund: null, ruleSet: new Set<string>(),
    };
    p.findings += g.findings;
    p.amountFen += g.countedFen;
    p.ruleSet.add(g.ruleCode);
    providers.set(g.fixmedinsCode, p);
  }
  const fundOf = new Map(input.providerFund.map((f) => [f.fixmedinsCode, f]));
  const topRules = [...rules.values()]
    .map((r) => ({ ...r, sharePercent: amount ? Math.round((r.amountFen / amount) * 1000) / 10 : null }))
    .sort((a, b) => byAmount(a, b, (x) => x.ruleCode))
    .slice(0, top);
  const topProviders = [...providers.values()]
    .map(({ ruleSet, ...p }) => {
      const f = fundOf.get(p.fixmedinsCode);
      return { ...p, fixmedinsName: p.fixmedinsName || f?.fixmedinsName || p.fixmedinsCode, rules: ruleSet.size, settlements: f?.settlements ?? 0, fundFen: f?.fundFen ?? 0, perMilleOfFund: perMille(p.amountFen, f?.fundFen ?? 0) };
    })
    .sort((a, b) => byAmount(a, b, (x) => x.fixmedinsCode))
    .slice(0, top);

  const range = periodRange(input.period);
  return {
    period: formatReportPeriod(input.period),
    kind: input.period.kind,
    from: range.from,
    until: range.until,
    fund: {
      ...fund,
      fundChangePercent: changePercent(current.fundFen, previous?.fundFen),
      settlementsChangePercent: changePercent(current.settlements, previous?.settlements),
    },
    findings: {
      count, amountFen: amount, providers: providers.size, rules: rules.size,
      changePercent: changePercent(current.findings, previous?.findings),
      amountChangePercent: changePercent(current.findingsAmountFen, previous?.findingsAmountFen),
      perMilleOfFund: perMille(amount, fund.fundFen),
    },
    bySeverity: [...severity.entries()].map(([sev, v]) => ({ severity: sev, ...v })),
    topRules,
    topProviders,
    trend,
  };
}
