-- 医保基金监管 (issue 8): a case's amount at risk and its confirmed amount added every finding's
-- amount, so a settlement two rules flagged (WI_DUPLICATE and WI_PAID_BY_MEDICAL on one stay)
-- counted twice — twice its warning's amount. Since this change both follow the warning's rule,
-- each settlement once, at its largest finding (modules/medfund/domain/settlement-amount.ts).
-- The cases already stored are recomputed the same way: the amount at risk from all the case's
-- findings, the confirmed amount (confirmed decisions only) from its confirmed findings. Each
-- corrected case gets a timeline entry with both figures before and after. The decided recovery,
-- refusal and penalty are the inspector's decisions and stay as decided. Idempotent: a case whose
-- figures are already right is neither changed nor noted; a case without findings is left alone.
WITH per_setl AS (
  SELECT cf.case_id, f.setl_id, max(f.amount_fen) AS risk,
         max(f.amount_fen) FILTER (WHERE cf.outcome = 'confirmed') AS confirmed
    FROM medfund_case_findings cf JOIN medfund_findings f ON f.id = cf.finding_id
   GROUP BY cf.case_id, f.setl_id
), per_case AS (
  SELECT case_id, sum(risk)::bigint AS risk, coalesce(sum(confirmed), 0)::bigint AS confirmed FROM per_setl GROUP BY case_id
), changed AS (
  SELECT c.id, c.stage, c.amount_at_risk_fen AS risk_before, p.risk AS risk_after, c.confirmed_fen AS confirmed_before,
         CASE WHEN c.decision = 'confirmed' THEN p.confirmed ELSE c.confirmed_fen END AS confirmed_after
    FROM medfund_cases c JOIN per_case p ON p.case_id = c.id
   WHERE c.amount_at_risk_fen <> p.risk OR (c.decision = 'confirmed' AND c.confirmed_fen <> p.confirmed)
), fixed AS (
  UPDATE medfund_cases c SET amount_at_risk_fen = ch.risk_after, confirmed_fen = ch.confirmed_after
    FROM changed ch WHERE c.id = ch.id
  RETURNING c.id
)
INSERT INTO medfund_case_events (case_id, type, stage, note, payload, actor_name)
SELECT ch.id, 'amounts_corrected', ch.stage,
       '同一结算被多条规则命中时只计一次（按其最大的一条疑点），疑点金额与认定金额据此重算；追回、拒付、罚款金额为原处理决定，不变',
       jsonb_build_object('riskBeforeFen', ch.risk_before, 'riskAfterFen', ch.risk_after,
                          'confirmedBeforeFen', ch.confirmed_before, 'confirmedAfterFen', ch.confirmed_after),
       '系统'
  FROM changed ch JOIN fixed f ON f.id = ch.id;
