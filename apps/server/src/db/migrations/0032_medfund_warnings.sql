-- 医保基金监管 part 2 (issue 8, part A): warnings (预警). Findings (0028) roll up into one warning
-- per person or per provider by the roll-up rules below; red warnings notify the discipline
-- inspection group. modules/medfund/warnings, docs/medfund/WARNINGS.md.

-- The roll-up rules: one JSON document of thresholds per version; a change is a new row, never an
-- update (each warning names the version that last evaluated it).
CREATE TABLE medfund_warning_rule_versions (
  version         integer PRIMARY KEY CHECK (version >= 1),
  rules           jsonb NOT NULL,
  change_note     text NOT NULL DEFAULT '',
  created_by      uuid REFERENCES users (id) ON DELETE SET NULL,
  created_by_name text NOT NULL DEFAULT '',
  created_at      timestamptz NOT NULL DEFAULT now()
);

-- One roll-up: after a screening run (trigger 'screening'), on demand ('manual') or after a rules
-- change ('rules').
CREATE TABLE medfund_warning_rollups (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  trigger         text NOT NULL CHECK (trigger IN ('screening', 'manual', 'rules')),
  run_id          bigint REFERENCES medfund_screening_runs (id) ON DELETE SET NULL,
  rule_version    integer REFERENCES medfund_warning_rule_versions (version),
  status          text NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
  as_of           date,
  period_from     date,
  counts          jsonb NOT NULL DEFAULT '{}',
  error           text,
  requested_by    uuid REFERENCES users (id) ON DELETE SET NULL,
  requested_by_name text NOT NULL DEFAULT '',
  requested_at    timestamptz NOT NULL DEFAULT now(),
  started_at      timestamptz,
  finished_at     timestamptz
);
CREATE INDEX medfund_warning_rollups_recent ON medfund_warning_rollups (id DESC);

-- A warning: one subject (a person by 人员编号, or a designated provider by 定点机构编码) and the
-- findings rolled into it. At most one open warning per subject (the partial unique index); a
-- handled one (in_case / closed / dismissed) keeps its findings and is never changed by the roll-up.
CREATE TABLE medfund_warnings (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  subject_kind    text NOT NULL CHECK (subject_kind IN ('person', 'provider')),
  subject_key     text NOT NULL,
  subject_name    text NOT NULL DEFAULT '',
  subject_certno  text NOT NULL DEFAULT '',
  level           text NOT NULL CHECK (level IN ('red', 'orange', 'yellow')),
  computed_level  text CHECK (computed_level IN ('red', 'orange', 'yellow')),
  level_pinned    boolean NOT NULL DEFAULT false,
  status          text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_case', 'closed', 'dismissed')),
  amount_fen      bigint NOT NULL DEFAULT 0 CHECK (amount_fen >= 0),
  findings_count  integer NOT NULL DEFAULT 0,
  red_findings    integer NOT NULL DEFAULT 0,
  max_red_fen     bigint NOT NULL DEFAULT 0,
  reasons         jsonb NOT NULL DEFAULT '[]',
  providers       text[] NOT NULL DEFAULT '{}',
  rule_codes      text[] NOT NULL DEFAULT '{}',
  first_occurred_on date,
  last_occurred_on  date,
  rule_version    integer NOT NULL REFERENCES medfund_warning_rule_versions (version),
  last_rollup_id  bigint REFERENCES medfund_warning_rollups (id) ON DELETE SET NULL,
  notified_at     timestamptz,
  handled_by      uuid REFERENCES users (id) ON DELETE SET NULL,
  handled_by_name text NOT NULL DEFAULT '',
  handled_at      timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX medfund_warnings_one_open ON medfund_warnings (subject_kind, subject_key) WHERE status = 'open';
CREATE INDEX medfund_warnings_subject ON medfund_warnings (subject_kind, subject_key);
CREATE INDEX medfund_warnings_level ON medfund_warnings (level, id DESC);
CREATE INDEX medfund_warnings_recent ON medfund_warnings (id DESC);
CREATE INDEX medfund_warnings_providers ON medfund_warnings USING gin (providers);

CREATE TABLE medfund_warning_findings (
  warning_id      bigint NOT NULL REFERENCES medfund_warnings (id) ON DELETE CASCADE,
  finding_id      bigint NOT NULL REFERENCES medfund_findings (id) ON DELETE CASCADE,
  PRIMARY KEY (warning_id, finding_id)
);
CREATE INDEX medfund_warning_findings_finding ON medfund_warning_findings (finding_id);

-- A warning's history: created, level and status changes (by the roll-up, actor NULL, or by an
-- analyst with the reason), findings added, notes. Never updated.
CREATE TABLE medfund_warning_events (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  warning_id      bigint NOT NULL REFERENCES medfund_warnings (id) ON DELETE CASCADE,
  kind            text NOT NULL CHECK (kind IN ('created', 'level', 'status', 'findings', 'notified', 'note')),
  from_value      text,
  to_value        text,
  reason          text NOT NULL DEFAULT '',
  rollup_id       bigint REFERENCES medfund_warning_rollups (id) ON DELETE SET NULL,
  actor_id        uuid REFERENCES users (id) ON DELETE SET NULL,
  actor_name      text NOT NULL DEFAULT '',
  at              timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX medfund_warning_events_warning ON medfund_warning_events (warning_id, id);
