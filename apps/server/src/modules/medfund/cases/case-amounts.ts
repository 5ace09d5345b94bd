import { sql, type Expression } from 'kysely';
import type { Ctx } from '../../../core/context';
import { settlementRankSql } from '../domain/settlement-amount';

/** Each settlement once, at its largest finding, among the distinct findings `d` (domain/settlement-amount.ts). */
const RANK = sql.raw(settlementRankSql({ id: 'd.id', setlId: 'd.setl_id', amountFen: 'd.amount_fen' }));

/**
 * The money at risk of a set of cases taken together (a list's total): their findings, each once,
 * each settlement once at its largest finding. `caseIds` is a query selecting the cases' ids.
 */
export async function moneyAtRiskOfCases(db: Ctx['db'], caseIds: Expression<unknown>): Promise<number> {
  const r = await sql<{ risk: number }>`
    SELECT coalesce(sum(amount_fen) FILTER (WHERE setl_rank = 1), 0) AS risk
      FROM (SELECT d.amount_fen, ${RANK} AS setl_rank
              FROM (SELECT DISTINCT f.id, f.setl_id, f.amount_fen
                      FROM medfund_case_findings cf JOIN medfund_findings f ON f.id = cf.finding_id
                     WHERE cf.case_id IN (${caseIds})) d) z`.execute(db);
  return Number(r.rows[0]?.risk ?? 0);
}
