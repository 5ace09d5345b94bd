-- 医保基金监管 part 2 (issue 8), the reports and the glue between warnings and cases.

-- The periodic fund risk report and rule effectiveness: leaders (viewer) and analysts read them.
-- New installations get it from the role definitions (modules/medfund/access.ts); existing ones here.
UPDATE roles SET permissions = array_append(permissions, 'medfund.reports.read'), updated_at = now()
 WHERE code IN ('medfund_viewer', 'medfund_analyst') AND NOT ('medfund.reports.read' = ANY (permissions));

-- A case opened from a warning points at it (0033 left the column without a key, the warnings
-- table being another branch's). A pointer to a warning that does not exist is cleared first.
UPDATE medfund_cases SET warning_id = NULL
 WHERE warning_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM medfund_warnings w WHERE w.id = medfund_cases.warning_id);
ALTER TABLE medfund_cases ADD CONSTRAINT medfund_cases_warning_fk
  FOREIGN KEY (warning_id) REFERENCES medfund_warnings (id) ON DELETE RESTRICT;

-- The warning follows its case, in the same transaction as the case's own change (so neither
-- service needs the other's code): opening a case from an open warning marks it 'in_case'; the
-- case's close (any decision) closes it. Each change is a 'status' event in the warning's history,
-- by the case's actor, naming the case — the oversight view reads how each warning was handled.
CREATE FUNCTION medfund_warning_follows_case() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  w_status text;
  target   text;
  actor    uuid;
  actor_nm text;
  why      text;
BEGIN
  IF NEW.warning_id IS NULL THEN RETURN NEW; END IF;
  SELECT status INTO w_status FROM medfund_warnings WHERE id = NEW.warning_id FOR UPDATE;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND OLD.warning_id IS DISTINCT FROM NEW.warning_id) THEN
    IF NEW.stage = 'closed' THEN
      target := 'closed';
      actor := NEW.decided_by; actor_nm := NEW.decided_by_name;
      why := '案件 ' || NEW.number || ' 已办结：' || CASE NEW.decision
        WHEN 'confirmed' THEN '确认违规' WHEN 'dismissed' THEN '排除' WHEN 'data_quality' THEN '数据问题（纠正不处罚）' ELSE coalesce(NEW.decision, '') END;
    ELSE
      target := 'in_case';
      actor := NEW.opened_by; actor_nm := NEW.opened_by_name;
      why := '立案：案件 ' || NEW.number;
    END IF;
  ELSIF TG_OP = 'UPDATE' AND OLD.stage <> 'closed' AND NEW.stage = 'closed' THEN
    target := 'closed';
    actor := NEW.decided_by; actor_nm := NEW.decided_by_name;
    why := '案件 ' || NEW.number || ' 办结：' || CASE NEW.decision
      WHEN 'confirmed' THEN '确认违规' WHEN 'dismissed' THEN '排除' WHEN 'data_quality' THEN '数据问题（纠正不处罚）' ELSE coalesce(NEW.decision, '') END;
  ELSE
    RETURN NEW;
  END IF;
  -- a warning the analysts dismissed, or one already where the case puts it, is left as it is
  IF w_status IS NULL OR w_status = target OR w_status = 'dismissed' OR (w_status = 'closed' AND target = 'in_case') THEN
    RETURN NEW;
  END IF;
  UPDATE medfund_warnings
     SET status = target, handled_by = actor, handled_by_name = coalesce(actor_nm, ''), handled_at = now(), updated_at = now()
   WHERE id = NEW.warning_id;
  INSERT INTO medfund_warning_events (warning_id, kind, from_value, to_value, reason, actor_id, actor_name)
  VALUES (NEW.warning_id, 'status', w_status, target, why, actor, coalesce(actor_nm, ''));
  RETURN NEW;
END $$;

CREATE TRIGGER medfund_cases_warning_status
  AFTER INSERT OR UPDATE OF stage, warning_id ON medfund_cases
  FOR EACH ROW EXECUTE FUNCTION medfund_warning_follows_case();

-- Cases opened before this migration: their warnings catch up (no event: the history starts here).
UPDATE medfund_warnings w SET status = CASE WHEN c.stage = 'closed' THEN 'closed' ELSE 'in_case' END, updated_at = now()
  FROM medfund_cases c
 WHERE c.warning_id = w.id AND w.status IN ('open', 'in_case') AND w.status <> CASE WHEN c.stage = 'closed' THEN 'closed' ELSE 'in_case' END;
