/**
 * The money at risk of a set of findings (疑点金额): **each settlement counts once, at its largest
 * finding**. Two rules flagging the same settlement (WI_DUPLICATE and WI_PAID_BY_MEDICAL on one
 * stay) found the same fund payment twice; adding both would double it. One rule for warnings,
 * cases, recoveries and reports: this file, in TypeScript and as the SQL the aggregates run.
 *
 * The finding that carries a settlement's money (its "carrier") is its largest finding; between
 * findings of the same amount, the lowest id. Only the carriers' amounts are added; the others
 * count 0. Per-rule figures (how much each rule found: rule effectiveness, the report's top rules)
 * still add every finding: there the question is what the rule found, not what the fund lost.
 */
export interface SettlementFinding {
  id: number;
  setlId: string;
  amountFen: number;
}

/** Is `a` the better carrier of its settlement than `b`: larger, or as large with a lower id. */
function carries(a: SettlementFinding, b: SettlementFinding): boolean {
  return a.amountFen > b.amountFen || (a.amountFen === b.amountFen && a.id < b.id);
}

/** The finding that carries each settlement's amount, by settlement id. */
export function settlementCarriers<F extends SettlementFinding>(findings: readonly F[]): Map<string, F> {
  const out = new Map<string, F>();
  for (const f of findings) {
    const best = out.get(f.setlId);
    if (!best || carries(f, best)) out.set(f.setlId, f);
  }
  return out;
}

/**
 * What each finding counts toward the money at risk: its amount when it carries its settlement,
 * else 0 (by finding id). The counted amounts add up to `amountAtRisk`; used as the weights when a
 * case's recovery is shared among its findings, so a settlement's share is not doubled either.
 */
export function countedAmounts(findings: readonly SettlementFinding[]): Map<number, number> {
  const carriers = new Set([...settlementCarriers(findings).values()].map((f) => f.id));
  return new Map(findings.map((f) => [f.id, carriers.has(f.id) ? f.amountFen : 0]));
}

/** The money at risk of these findings, in fen: each settlement once, at its largest finding. */
export function amountAtRisk(findings: readonly SettlementFinding[]): number {
  let sum = 0;
  for (const f of settlementCarriers(findings).values()) sum += f.amountFen;
  return sum;
}

/**
 * The same rule as SQL (PostgreSQL 15): a window expression that is 1 on the finding carrying its
 * settlement and > 1 on the others, among the rows of one partition. `cols` name the columns of the
 * row source (a table alias's, e.g. `f.`); `partition` adds the groups within which a settlement
 * counts once (a warning's subject, a report's stage). Sum `amount_fen` where it is 1.
 * Text, not a query builder: domain code stays free of the database layer; the callers wrap it
 * in `sql.raw`. Only column names written in code go in, never user input.
 */
export function settlementRankSql(cols: { id: string; setlId: string; amountFen: string }, partition: readonly string[] = []): string {
  return `row_number() OVER (PARTITION BY ${[...partition, cols.setlId].join(', ')} ORDER BY ${cols.amountFen} DESC, ${cols.id})`;
}
