-- 医保基金监管 part 2 (issue 8), the reports and the glue between warnings and cases.

-- The periodic fund risk report and rule effectiveness: leaders (viewer) and analysts read them.
-- New installations get it from the role definitions (modules/medfund/access.ts); existing ones here.
UPDATE roles SET permissions = array_append(permissions, 'medfund.reports.read'), updated_at = now()
 WHERE code IN ('medfund_viewer', 'medfund_analyst') AND NOT ('medfund.reports.read' = ANY (permissions));
