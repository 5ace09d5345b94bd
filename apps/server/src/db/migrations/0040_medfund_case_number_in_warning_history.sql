-- 医保基金监管 (issue 8): a case opened from a warning (立案 on the warning's page) was inserted
-- with its provisional number (pending-…) and the warning in one statement, so 0034's trigger wrote
-- the warning's history entry "立案：案件 pending-…" before the case got its number. Since this
-- change the case is inserted first and the warning linked together with its number
-- (cases/case.service.ts: openCase). The entries already written get the case's number: the case
-- of that warning opened closest to the entry.
UPDATE medfund_warning_events e
   SET reason = '立案：案件 ' || (
         SELECT c.number FROM medfund_cases c
          WHERE c.warning_id = e.warning_id
          ORDER BY abs(extract(epoch FROM c.opened_at - e.at)), c.id
          LIMIT 1)
 WHERE e.kind = 'status' AND e.reason LIKE '立案：案件 pending-%'
   AND EXISTS (SELECT 1 FROM medfund_cases c WHERE c.warning_id = e.warning_id);
