import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '../../../../core/context';
import type { SubjectKind } from '../domain/rollup-rules';
import { settlementRankSql } from '../../domain/settlement-amount';

/** One subject's findings, aggregated by the database (what levelOf needs, and what the warning shows). */
export interface SubjectRow {
  k: string;
  name: string;
  certno: string;
  n: number;
  amount: number;
  reds: number;
  max_red: number | null;
  win_red: number;
  win_orange: number;
  first_on: string;
  last_on: string;
  providers: string[];
  rules: string[];
  /** The findings' ids (the warning's links). */
  ids: number[];
}

const KEY = { person: sql.ref('f.psn_no'), provider: sql.ref('f.fixmedins_code') };
const day0 = sql`DATE '2000-01-01'`;
/** Each settlement once per subject, at its largest finding (domain/settlement-amount.ts, the rule cases and reports use too). */
const SETTLEMENT_RANK = sql.raw(settlementRankSql({ id: 'c.id', setlId: 'c.setl_id', amountFen: 'c.amount_fen' }, ['c.k']));

/**
 * The findings a roll-up weighs for one subject kind: those of the period not already under a
 * handled warning (in_case / closed / dismissed) of that kind, plus those on the kind's open
 * warnings from before the period (an open warning never loses a finding).
 */
// keys compared byte-wise (COLLATE "C"): codes need no linguistic order, and the sorts are several times cheaper
// keys: the subjects to weigh (an incremental roll-up, rollup-scope.ts), as a SELECT of one column; null = all
export function candidates(kind: SubjectKind, from: string, to: string, keys: RawBuilder<unknown> | null = null): RawBuilder<unknown> {
  const cols = sql`f.id, ${KEY[kind]} COLLATE "C" AS k, f.setl_id COLLATE "C" AS setl_id, f.severity, f.amount_fen, f.occurred_on, f.fixmedins_code, f.rule_code, f.psn_name, f.certno, f.fixmedins_name`;
  const ofFinding = keys ? sql`AND ${KEY[kind]} IN (${keys})` : sql``;
  const ofWarning = keys ? sql`AND w.subject_key IN (${keys})` : sql``;
  return sql`
    SELECT ${cols} FROM medfund_findings f
    WHERE f.occurred_on BETWEEN ${from} AND ${to} ${ofFinding}
      AND NOT EXISTS (SELECT 1 FROM medfund_warning_findings wf JOIN medfund_warnings w ON w.id = wf.warning_id
                      WHERE wf.finding_id = f.id AND w.subject_kind = ${kind} AND w.status <> 'open')
    UNION ALL
    SELECT ${cols} FROM medfund_warnings w
      JOIN medfund_warning_findings wf ON wf.warning_id = w.id
      JOIN medfund_findings f ON f.id = wf.finding_id
    WHERE w.subject_kind = ${kind} AND w.status = 'open' AND f.occurred_on NOT BETWEEN ${from} AND ${to} ${ofWarning}`;
}

/**
 * One row per subject, in one statement: count, the amount (each settlement counted once, at its
 * largest finding: two rules flagging one settlement do not double its money), the largest red finding, and the most
 * findings within the red and the orange rules' day windows (a window function over the days;
 * RANGE n PRECEDING over day numbers = the n + 1 days ending on each finding's day).
 */
export async function subjectStats(db: Tx, kind: SubjectKind, from: string, to: string, redDays: number, orangeDays: number, keys: RawBuilder<unknown> | null = null): Promise<SubjectRow[]> {
  const day = sql`(c.occurred_on - ${day0})`;
  const res = await sql<SubjectRow>`
    WITH ${keys ? sql`scope (k) AS MATERIALIZED (${keys}),` : sql``}
    c AS (${candidates(kind, from, to, keys ? sql`SELECT k FROM scope` : null)}),
    win AS (
      SELECT c.*,
        count(*) OVER (PARTITION BY c.k ORDER BY ${day} RANGE BETWEEN ${sql.raw(String(redDays - 1))} PRECEDING AND CURRENT ROW) AS n_red,
        count(*) OVER (PARTITION BY c.k ORDER BY ${day} RANGE BETWEEN ${sql.raw(String(orangeDays - 1))} PRECEDING AND CURRENT ROW) AS n_orange,
        ${SETTLEMENT_RANK} AS setl_rank
      FROM c
    )
    SELECT k COLLATE "C" AS k,
      ${kind === 'person' ? sql`max(psn_name)` : sql`max(fixmedins_name)`} AS name,
      ${kind === 'person' ? sql`max(certno)` : sql`''`} AS certno,
      count(*)::int AS n, (sum(amount_fen) FILTER (WHERE setl_rank = 1))::bigint AS amount,
      (count(*) FILTER (WHERE severity = 'red'))::int AS reds,
      max(amount_fen) FILTER (WHERE severity = 'red') AS max_red,
      max(n_red)::int AS win_red, max(n_orange)::int AS win_orange,
      min(occurred_on) AS first_on, max(occurred_on) AS last_on,
      array_agg(DISTINCT fixmedins_code) AS providers, array_agg(DISTINCT rule_code) AS rules, array_agg(id) AS ids
    FROM win GROUP BY k`.execute(db);
  return res.rows.map((r) => ({ ...r, n: Number(r.n), amount: Number(r.amount), reds: Number(r.reds), max_red: r.max_red === null ? null : Number(r.max_red), win_red: Number(r.win_red), win_orange: Number(r.win_orange), ids: r.ids.map(Number) }));
}
