import { sqlDate, sqlInt } from '../domain/sql-literals';
import type { ParamValues } from '../domain/parameters';

/**
 * DRUG_OVERSUPPLY's SQL before the windows-first rewrite (template supply_per_window up to
 * 2565d43): the rolling self-join of every dispensing, over the screening views, full window. Kept
 * to check the new SQL returns the same findings (screening/supply-rewrite.engines.test.ts) and to
 * measure both (bench/medfund-oversupply.ts).
 */
export function oldSupplySql(p: ParamValues, window: { from: string; to: string }): string {
  const x = 'medfund.';
  const win = p.windowDays as number;
  const limit = sqlInt(p.maxDays as number);
  const share = (fundFen: string, part: string, whole: string) => `CAST(floor(CAST(${fundFen} AS DOUBLE PRECISION) * (${part}) / (${whole}) + 0.5) AS BIGINT)`;
  const OUT = 'setl_id, psn_no, fixmedins_code, occurred_on, line_ids, subject_key, amount_fen, severity, ev_ref, ev_num, ev_text';
  return `WITH groups AS (SELECT code, min(drug_group) AS drug_group FROM ${x}mf_cat GROUP BY code),
supply AS (
  SELECT l.line_id, l.setl_id, l.psn_no, l.fixmedins_code, l.item_code, COALESCE(g.drug_group, l.item_code) AS drug_group,
    l.fee_date, l.days_supply, l.fund_fen, s.setl_date
  FROM ${x}mf_line l JOIN ${x}mf_setl s ON s.setl_id = l.setl_id
  LEFT JOIN groups g ON g.code = l.item_code
  WHERE l.days_supply > 0 AND s.med_kind IN ('outpatient', 'pharmacy')
),
rolling AS (
  SELECT d.line_id, d.setl_id, d.psn_no, d.fixmedins_code, d.drug_group, d.fee_date, d.fund_fen, d.days_supply,
    sum(h.days_supply) AS days_total, count(DISTINCT h.fixmedins_code) AS providers
  FROM supply d JOIN supply h ON h.psn_no = d.psn_no AND h.drug_group = d.drug_group
    AND h.fee_date BETWEEN d.fee_date - ${sqlInt(win - 1)} AND d.fee_date
    AND (h.fee_date < d.fee_date OR h.line_id <= d.line_id)
  WHERE d.setl_date BETWEEN ${sqlDate(window.from)} AND ${sqlDate(window.to)}
  GROUP BY d.line_id, d.setl_id, d.psn_no, d.fixmedins_code, d.drug_group, d.fee_date, d.fund_fen, d.days_supply
)
SELECT ${OUT} FROM (
SELECT setl_id, psn_no, fixmedins_code, fee_date AS occurred_on, line_id AS line_ids, 'supply:' || line_id AS subject_key,
  ${share('fund_fen', `CASE WHEN days_total - ${limit} < days_supply THEN days_total - ${limit} ELSE days_supply END`, 'days_supply')} AS amount_fen,
  CAST(NULL AS VARCHAR) AS severity, drug_group AS ev_ref, days_total AS ev_num, CAST(providers AS VARCHAR) AS ev_text
FROM rolling WHERE days_total > ${limit} AND providers >= ${sqlInt(p.minProviders as number)}
) q`;
}
