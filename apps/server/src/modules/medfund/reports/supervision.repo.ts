import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema';
import type { EffectivenessCase, EffectivenessGroup } from './domain/rule-effectiveness';
import { settlementRankSql } from '../domain/settlement-amount';
import type { DecisionCountRow, StageCountRow, SupervisionMonthRow, WarningCountRow, WarningLevel, WarningMoney } from './domain/supervision-summary';

/**
 * What the report and rule effectiveness read of warnings (modules/medfund/warnings, 0032) and
 * cases (modules/medfund/cases, 0033). Periods are local days (Asia/Shanghai) [from, until):
 * a warning counts when it was raised, a case when opened or decided, a recovery on its date.
 */
const TZ = 'Asia/Shanghai';
const localTs = (day: string) => sql<Date>`(${day}::timestamp AT TIME ZONE ${TZ})`;
const localMonth = (col: string) => sql<string>`to_char(${sql.ref(col)} AT TIME ZONE ${TZ}, 'YYYY-MM')`;
/** Each settlement once per case and outcome, at its largest finding (domain/settlement-amount.ts). */
const SETTLEMENT_RANK = sql.raw(settlementRankSql({ id: 'x.id', setlId: 'x.setl_id', amountFen: 'x.amount_fen' }));
const LEVEL_SETTLEMENT_RANK = sql.raw(settlementRankSql({ id: 'x.id', setlId: 'x.setl_id', amountFen: 'x.amount_fen' }, ['x.level']));
const STAGE_SETTLEMENT_RANK = sql.raw(settlementRankSql({ id: 'x.id', setlId: 'x.setl_id', amountFen: 'x.amount_fen' }, ['x.stage']));
const CASE_SETTLEMENT_RANK = sql.raw(settlementRankSql({ id: 'x.id', setlId: 'x.setl_id', amountFen: 'x.amount_fen' }, ['x.case_id', 'x.outcome']));

export async function warningCounts(db: Kysely<DB>, from: string, until: string): Promise<WarningCountRow[]> {
  const rows = await db.selectFrom('medfund_warnings')
    .select(['level', 'status', sql<number>`count(*)`.as('n'), sql<number>`coalesce(sum(amount_fen), 0)`.as('amount')])
    .where('created_at', '>=', localTs(from)).where('created_at', '<', localTs(until))
    .groupBy(['level', 'status']).execute();
  return rows.map((r) => ({ level: r.level, status: r.status, warnings: Number(r.n), amountFen: Number(r.amount) }));
}

/**
 * The money at risk of the warnings raised in the period: their findings (each once), each
 * settlement once at its largest finding, per level and in all. A finding is in its person's and
 * its provider's warning: the warnings' own amounts added would count it twice.
 */
export async function warningMoney(db: Kysely<DB>, from: string, until: string): Promise<WarningMoney> {
  const findings = sql`
    SELECT DISTINCT w.level, f.id, f.setl_id, f.amount_fen
      FROM medfund_warnings w JOIN medfund_warning_findings wf ON wf.warning_id = w.id JOIN medfund_findings f ON f.id = wf.finding_id
     WHERE w.created_at >= ${localTs(from)} AND w.created_at < ${localTs(until)}`;
  const [byLevel, total] = await Promise.all([
    sql<{ level: WarningLevel; amount: number }>`
      SELECT level, coalesce(sum(amount_fen) FILTER (WHERE setl_rank = 1), 0) AS amount
        FROM (SELECT x.level, x.amount_fen, ${LEVEL_SETTLEMENT_RANK} AS setl_rank FROM (${findings}) x) z GROUP BY level`.execute(db),
    sql<{ amount: number }>`
      SELECT coalesce(sum(amount_fen) FILTER (WHERE setl_rank = 1), 0) AS amount
        FROM (SELECT x.amount_fen, ${SETTLEMENT_RANK} AS setl_rank FROM (SELECT DISTINCT id, setl_id, amount_fen FROM (${findings}) y) x) z`.execute(db),
  ]);
  return { byLevel: Object.fromEntries(byLevel.rows.map((r) => [r.level, Number(r.amount)])), totalFen: Number(total.rows[0]?.amount ?? 0) };
}

export async function casesOpened(db: Kysely<DB>, from: string, until: string): Promise<number> {
  const r = await db.selectFrom('medfund_cases').select(sql<number>`count(*)`.as('n'))
    .where('opened_at', '>=', localTs(from)).where('opened_at', '<', localTs(until)).executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * Open cases now, by stage; overdue = the stage's deadline has passed (before `today`). A stage's
 * amount at risk is that of its cases' findings, each settlement once at its largest finding (a
 * finding is in one open case at most).
 */
export async function openStages(db: Kysely<DB>, today: string): Promise<StageCountRow[]> {
  const [rows, money] = await Promise.all([
    db.selectFrom('medfund_cases')
      .select(['stage', sql<number>`count(*)`.as('n'), sql<number>`count(*) FILTER (WHERE stage_due_on < ${today}::date)`.as('overdue')])
      .where('stage', '<>', 'closed').groupBy('stage').execute(),
    sql<{ stage: string; amount: number }>`
      SELECT stage, coalesce(sum(amount_fen) FILTER (WHERE setl_rank = 1), 0) AS amount
        FROM (SELECT x.stage, x.amount_fen, ${STAGE_SETTLEMENT_RANK} AS setl_rank
                FROM (SELECT DISTINCT c.stage, f.id, f.setl_id, f.amount_fen
                        FROM medfund_cases c JOIN medfund_case_findings cf ON cf.case_id = c.id JOIN medfund_findings f ON f.id = cf.finding_id
                       WHERE c.stage <> 'closed') x) z
       GROUP BY stage`.execute(db),
  ]);
  const amount = new Map(money.rows.map((m) => [m.stage, Number(m.amount)]));
  return rows.map((r) => ({ stage: r.stage as StageCountRow['stage'], cases: Number(r.n), overdue: Number(r.overdue), amountAtRiskFen: amount.get(r.stage) ?? 0 }));
}

export async function decisions(db: Kysely<DB>, from: string, until: string): Promise<DecisionCountRow[]> {
  const rows = await db.selectFrom('medfund_cases')
    .select(['decision', sql<number>`count(*)`.as('n'), sql<number>`coalesce(sum(confirmed_fen), 0)`.as('confirmed'), sql<number>`coalesce(sum(recovery_decided_fen), 0)`.as('decided')])
    .where('decision', 'is not', null).where('decided_at', '>=', localTs(from)).where('decided_at', '<', localTs(until))
    .groupBy('decision').execute();
  return rows.map((r) => ({ decision: r.decision!, cases: Number(r.n), confirmedFen: Number(r.confirmed), recoveryDecidedFen: Number(r.decided) }));
}

export async function recoveries(db: Kysely<DB>, from: string, until: string): Promise<{ recoveredFen: number; payments: number; outstandingFen: number }> {
  const [paid, outstanding] = await Promise.all([
    db.selectFrom('medfund_recoveries').select([sql<number>`coalesce(sum(amount_fen), 0)`.as('amount'), sql<number>`count(*)`.as('n')])
      .where('recovered_on', '>=', from).where('recovered_on', '<', until).executeTakeFirstOrThrow(),
    db.selectFrom('medfund_cases').select(sql<number>`coalesce(sum(greatest(recovery_decided_fen - recovered_fen, 0)), 0)`.as('amount'))
      .where('decision', 'is not', null).executeTakeFirstOrThrow(),
  ]);
  return { recoveredFen: Number(paid.amount), payments: Number(paid.n), outstandingFen: Number(outstanding.amount) };
}

export async function supervisionMonths(db: Kysely<DB>, from: string, until: string): Promise<SupervisionMonthRow[]> {
  const [w, c, r] = await Promise.all([
    db.selectFrom('medfund_warnings').select([localMonth('created_at').as('month'), sql<number>`count(*)`.as('n'), sql<number>`count(*) FILTER (WHERE level = 'red')`.as('red')])
      .where('created_at', '>=', localTs(from)).where('created_at', '<', localTs(until)).groupBy(sql`1`).execute(),
    db.selectFrom('medfund_cases').select([localMonth('opened_at').as('month'), sql<number>`count(*)`.as('n')])
      .where('opened_at', '>=', localTs(from)).where('opened_at', '<', localTs(until)).groupBy(sql`1`).execute(),
    db.selectFrom('medfund_recoveries').select([sql<string>`to_char(recovered_on, 'YYYY-MM')`.as('month'), sql<number>`coalesce(sum(amount_fen), 0)`.as('amount')])
      .where('recovered_on', '>=', from).where('recovered_on', '<', until).groupBy(sql`1`).execute(),
  ]);
  const months = new Map<string, SupervisionMonthRow>();
  const at = (m: string) => months.get(m) ?? months.set(m, { month: m, warnings: 0, redWarnings: 0, casesOpened: 0, recoveredFen: 0 }).get(m)!;
  for (const x of w) Object.assign(at(x.month), { warnings: Number(x.n), redWarnings: Number(x.red) });
  for (const x of c) at(x.month).casesOpened = Number(x.n);
  for (const x of r) at(x.month).recoveredFen = Number(x.amount);
  return [...months.values()];
}

/** The first and last months ('YYYY-MM', local) with a warning, a case or a recovery; null when none. */
export async function activityMonths(db: Kysely<DB>): Promise<{ first: string; last: string } | null> {
  const r = await db.selectNoFrom([
    sql<string | null>`(SELECT to_char(min(created_at) AT TIME ZONE ${TZ}, 'YYYY-MM') FROM medfund_warnings)`.as('w0'),
    sql<string | null>`(SELECT to_char(max(created_at) AT TIME ZONE ${TZ}, 'YYYY-MM') FROM medfund_warnings)`.as('w1'),
    sql<string | null>`(SELECT to_char(min(opened_at) AT TIME ZONE ${TZ}, 'YYYY-MM') FROM medfund_cases)`.as('c0'),
    sql<string | null>`(SELECT to_char(max(opened_at) AT TIME ZONE ${TZ}, 'YYYY-MM') FROM medfund_cases)`.as('c1'),
    sql<string | null>`(SELECT to_char(min(recovered_on), 'YYYY-MM') FROM medfund_recoveries)`.as('r0'),
    sql<string | null>`(SELECT to_char(max(recovered_on), 'YYYY-MM') FROM medfund_recoveries)`.as('r1'),
  ]).executeTakeFirstOrThrow();
  const firsts = [r.w0, r.c0, r.r0].filter((x): x is string => !!x).sort();
  const lasts = [r.w1, r.c1, r.r1].filter((x): x is string => !!x).sort();
  return firsts.length ? { first: firsts[0]!, last: lasts[lasts.length - 1]! } : null;
}

/**
 * Findings grouped by rule version, case (a finding's latest case) and outcome; and every case
 * that has an amount decided or recovered. Over all findings to date: a case's recovery is shared
 * over all its confirmed findings, which a period filter would cut.
 */
export async function effectivenessRows(db: Kysely<DB>): Promise<{ groups: EffectivenessGroup[]; cases: EffectivenessCase[] }> {
  const [groups, cases] = await Promise.all([
    sql<{ rule_code: string; rule_version: number; case_id: number | null; outcome: EffectivenessGroup['outcome']; n: number; amount: number; counted: number }>`
      WITH x AS (
        SELECT f.id, f.setl_id, f.amount_fen, f.rule_code, f.rule_version, cf.case_id, cf.outcome
          FROM medfund_findings f
          LEFT JOIN LATERAL (SELECT c.case_id, c.outcome FROM medfund_case_findings c WHERE c.finding_id = f.id ORDER BY c.case_id DESC LIMIT 1) cf ON true
      ), ranked AS (SELECT x.*, ${CASE_SETTLEMENT_RANK} AS setl_rank FROM x)
      SELECT rule_code, rule_version, case_id, outcome, count(*) AS n, coalesce(sum(amount_fen), 0) AS amount,
             coalesce(sum(amount_fen) FILTER (WHERE setl_rank = 1), 0) AS counted
        FROM ranked
       GROUP BY 1, 2, 3, 4`.execute(db),
    db.selectFrom('medfund_cases').select(['id', 'recovery_decided_fen', 'recovered_fen'])
      .where((eb) => eb.or([eb('recovery_decided_fen', '>', 0), eb('recovered_fen', '>', 0)])).execute(),
  ]);
  return {
    groups: groups.rows.map((g) => ({
      ruleCode: g.rule_code, ruleVersion: Number(g.rule_version), caseId: g.case_id === null ? null : Number(g.case_id), outcome: g.outcome, findings: Number(g.n), amountFen: Number(g.amount), countedFen: Number(g.counted),
    })),
    cases: cases.map((c) => ({ caseId: Number(c.id), recoveryDecidedFen: Number(c.recovery_decided_fen), recoveredFen: Number(c.recovered_fen) })),
  };
}
