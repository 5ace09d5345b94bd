-- Issue 8: the warning roll-up under 10 s (docs/medfund/WARNINGS.md "Full and incremental").
-- After a screening run the roll-up weighs only the run's subjects and the subjects whose warnings
-- changed outside the roll-up since (this pending list); a full roll-up weighs every subject.

ALTER TABLE medfund_warning_rollups ADD COLUMN mode text NOT NULL DEFAULT 'full' CHECK (mode IN ('full', 'incremental'));

-- Subjects to weigh again at the next roll-up, whatever its kind: a warning's level or status
-- changed by an analyst or a case, a warning or a finding deleted, a roll-up that failed. The
-- roll-up takes (deletes) the marks at its start, in its transaction.
CREATE TABLE medfund_warning_dirty (
  subject_kind    text NOT NULL CHECK (subject_kind IN ('person', 'provider')),
  subject_key     text NOT NULL,
  PRIMARY KEY (subject_kind, subject_key)
);

-- The roll-up sets zhizhi.medfund_rollup = 'on' in its transaction: its own writes are its result, not a change to follow.
CREATE FUNCTION medfund_warning_mark_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('zhizhi.medfund_rollup', true) = 'on' THEN RETURN NULL; END IF;
  INSERT INTO medfund_warning_dirty (subject_kind, subject_key) VALUES (OLD.subject_kind, OLD.subject_key) ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

CREATE TRIGGER medfund_warnings_changed AFTER UPDATE OF level, level_pinned, status ON medfund_warnings
  FOR EACH ROW WHEN (OLD.level IS DISTINCT FROM NEW.level OR OLD.level_pinned IS DISTINCT FROM NEW.level_pinned OR OLD.status IS DISTINCT FROM NEW.status)
  EXECUTE FUNCTION medfund_warning_mark_dirty();
CREATE TRIGGER medfund_warnings_deleted AFTER DELETE ON medfund_warnings
  FOR EACH ROW EXECUTE FUNCTION medfund_warning_mark_dirty();

-- The links carry no foreign keys: each link row ran two checks that also row-locked its finding
-- and its warning (bench/RESULTS.md run 22). A link is only written
-- in the roll-up statement that reads its warning and its findings; deleting either deletes its
-- links here, under the roll-up's advisory lock, so a deletion never interleaves with a roll-up.
ALTER TABLE medfund_warning_findings DROP CONSTRAINT medfund_warning_findings_warning_id_fkey;
ALTER TABLE medfund_warning_findings DROP CONSTRAINT medfund_warning_findings_finding_id_fkey;

CREATE FUNCTION medfund_warnings_unlink() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('medfund.warnings.rollup'));
  DELETE FROM medfund_warning_findings WHERE warning_id IN (SELECT id FROM gone);
  RETURN NULL;
END $$;
CREATE TRIGGER medfund_warnings_unlink AFTER DELETE ON medfund_warnings
  REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION medfund_warnings_unlink();

-- A deleted finding (the application never deletes one; a data correction might): its links go,
-- its person and provider are weighed again.
CREATE FUNCTION medfund_findings_unlink() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('medfund.warnings.rollup'));
  DELETE FROM medfund_warning_findings WHERE finding_id IN (SELECT id FROM gone);
  INSERT INTO medfund_warning_dirty (subject_kind, subject_key)
  SELECT DISTINCT 'person', psn_no FROM gone UNION SELECT DISTINCT 'provider', fixmedins_code FROM gone
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER medfund_findings_unlink AFTER DELETE ON medfund_findings
  REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION medfund_findings_unlink();
