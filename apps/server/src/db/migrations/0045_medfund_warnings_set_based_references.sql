-- 医保基金监管 (issue 8): the warnings' and their history's references checked once per statement
-- instead of once per row.
--
-- A first roll-up over a year's findings writes about 100,000 warnings and 150,000 history rows in
-- a few dozen statements (warnings/rollup/write-warnings.ts). Each row ran a foreign key check per
-- reference — a query of its own, four per warning with its history — and those checks were a
-- third of the roll-up (bench/RESULTS.md run 40). The same guarantees, set-based: after each
-- INSERT or UPDATE statement, one anti-join of the rows it wrote against the referenced table
-- (a violation is an error with SQLSTATE 23503, as a foreign key's); the deletes the foreign keys
-- handled (CASCADE, SET NULL, refusal) by statement triggers on the referenced tables. The
-- application never deletes any of these rows; a data correction may.

ALTER TABLE medfund_warnings DROP CONSTRAINT medfund_warnings_rule_version_fkey;
ALTER TABLE medfund_warnings DROP CONSTRAINT medfund_warnings_last_rollup_id_fkey;
ALTER TABLE medfund_warning_events DROP CONSTRAINT medfund_warning_events_warning_id_fkey;
ALTER TABLE medfund_warning_events DROP CONSTRAINT medfund_warning_events_rollup_id_fkey;

CREATE FUNCTION medfund_warnings_check_references() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM written n WHERE NOT EXISTS (SELECT 1 FROM medfund_warning_rule_versions v WHERE v.version = n.rule_version)) THEN
    RAISE EXCEPTION 'medfund_warnings.rule_version refers to a rule version that does not exist' USING ERRCODE = 'foreign_key_violation';
  END IF;
  IF EXISTS (SELECT 1 FROM written n WHERE n.last_rollup_id IS NOT NULL
             AND NOT EXISTS (SELECT 1 FROM medfund_warning_rollups r WHERE r.id = n.last_rollup_id)) THEN
    RAISE EXCEPTION 'medfund_warnings.last_rollup_id refers to a roll-up that does not exist' USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER medfund_warnings_references_insert AFTER INSERT ON medfund_warnings
  REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION medfund_warnings_check_references();
CREATE TRIGGER medfund_warnings_references_update AFTER UPDATE ON medfund_warnings
  REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION medfund_warnings_check_references();

CREATE FUNCTION medfund_warning_events_check_references() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM written n WHERE NOT EXISTS (SELECT 1 FROM medfund_warnings w WHERE w.id = n.warning_id)) THEN
    RAISE EXCEPTION 'medfund_warning_events.warning_id refers to a warning that does not exist' USING ERRCODE = 'foreign_key_violation';
  END IF;
  IF EXISTS (SELECT 1 FROM written n WHERE n.rollup_id IS NOT NULL
             AND NOT EXISTS (SELECT 1 FROM medfund_warning_rollups r WHERE r.id = n.rollup_id)) THEN
    RAISE EXCEPTION 'medfund_warning_events.rollup_id refers to a roll-up that does not exist' USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER medfund_warning_events_references_insert AFTER INSERT ON medfund_warning_events
  REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION medfund_warning_events_check_references();
CREATE TRIGGER medfund_warning_events_references_update AFTER UPDATE ON medfund_warning_events
  REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION medfund_warning_events_check_references();

-- A deleted warning takes its links (0037) and now its history (was ON DELETE CASCADE).
CREATE OR REPLACE FUNCTION medfund_warnings_unlink() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('medfund.warnings.rollup'));
  DELETE FROM medfund_warning_findings WHERE warning_id IN (SELECT id FROM gone);
  DELETE FROM medfund_warning_events WHERE warning_id IN (SELECT id FROM gone);
  RETURN NULL;
END $$;

-- A deleted roll-up: the warnings and history rows that name it keep their row, without it (was ON DELETE SET NULL).
CREATE FUNCTION medfund_warning_rollups_forget() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE medfund_warnings SET last_rollup_id = NULL WHERE last_rollup_id IN (SELECT id FROM gone);
  UPDATE medfund_warning_events SET rollup_id = NULL WHERE rollup_id IN (SELECT id FROM gone);
  RETURN NULL;
END $$;
CREATE TRIGGER medfund_warning_rollups_forget AFTER DELETE ON medfund_warning_rollups
  REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION medfund_warning_rollups_forget();

-- A rule version a warning was rolled up under cannot be deleted (was the foreign key's refusal).
CREATE FUNCTION medfund_warning_rule_versions_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM medfund_warnings w WHERE w.rule_version IN (SELECT version FROM gone)) THEN
    RAISE EXCEPTION 'a warning was rolled up under this rule version: it cannot be deleted' USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER medfund_warning_rule_versions_keep AFTER DELETE ON medfund_warning_rule_versions
  REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION medfund_warning_rule_versions_keep();
