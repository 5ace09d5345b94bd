-- 医保基金监管 part B (issue 7): screening rules as versioned rule tables, screening runs,
-- findings (疑点) and provider risk. The claims themselves live in the claims store
-- (DuckDB by default, or PostgreSQL: modules/medfund/claims); these tables are the platform's.

-- A rule: one template (modules/medfund/rules/domain/templates.ts) with versioned values.
-- Which version screening uses: the newest whose effective period covers the screened day.
CREATE TABLE medfund_rules (
  code            text PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z0-9_-]{1,31}$'),
  template        text NOT NULL,
  name            text NOT NULL,
  name_en         text NOT NULL,
  enabled         boolean NOT NULL DEFAULT true,
  current_version integer NOT NULL DEFAULT 1,
  sort_order      integer NOT NULL DEFAULT 0,
  updated_at      timestamptz NOT NULL DEFAULT now()
);

-- Every change of a rule's values is a new row; a row is never updated (runs and findings point
-- at the version they used).
CREATE TABLE medfund_rule_versions (
  rule_code       text NOT NULL REFERENCES medfund_rules (code) ON DELETE RESTRICT,
  version         integer NOT NULL CHECK (version >= 1),
  severity        text NOT NULL CHECK (severity IN ('red', 'orange')),
  effective_from  date NOT NULL,
  effective_to    date,
  params          jsonb NOT NULL DEFAULT '{}',
  tables          jsonb NOT NULL DEFAULT '{}',
  department_id   uuid REFERENCES departments (id) ON DELETE SET NULL,
  department_name text NOT NULL DEFAULT '',
  change_note     text NOT NULL DEFAULT '',
  created_by      uuid REFERENCES users (id) ON DELETE SET NULL,
  created_by_name text NOT NULL DEFAULT '',
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (rule_code, version),
  CHECK (effective_to IS NULL OR effective_to >= effective_from)
);

-- A screening run (筛查批次): full, or incremental (the new days against the history).
-- At most one queued or running run per claims store (the partial unique index: a second is a 409).
CREATE TABLE medfund_screening_runs (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind            text NOT NULL CHECK (kind IN ('full', 'incremental')),
  status          text NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
  engine          text NOT NULL,
  store_key       text NOT NULL,
  period_from     date,
  period_to       date,
  data_version    text NOT NULL DEFAULT '',
  rule_versions   jsonb NOT NULL DEFAULT '[]',
  job_id          bigint,
  progress_done   integer NOT NULL DEFAULT 0,
  progress_total  integer NOT NULL DEFAULT 0,
  progress_note   text NOT NULL DEFAULT '',
  counts          jsonb NOT NULL DEFAULT '{}',
  error           text,
  requested_by    uuid REFERENCES users (id) ON DELETE SET NULL,
  requested_by_name text NOT NULL DEFAULT '',
  requested_at    timestamptz NOT NULL DEFAULT now(),
  started_at      timestamptz,
  finished_at     timestamptz
);
CREATE UNIQUE INDEX medfund_screening_runs_one_active ON medfund_screening_runs (store_key) WHERE status IN ('queued', 'running');
CREATE INDEX medfund_screening_runs_recent ON medfund_screening_runs (id DESC);

-- A finding (疑点). natural_key = rule code + settlement + the template's subject key (the lines
-- or the other record it pairs with): a rerun refreshes last_run_id instead of adding a row.
CREATE TABLE medfund_findings (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  natural_key     text NOT NULL UNIQUE,
  rule_code       text NOT NULL REFERENCES medfund_rules (code) ON DELETE RESTRICT,
  rule_version    integer NOT NULL,
  severity        text NOT NULL CHECK (severity IN ('red', 'orange')),
  psn_no          text NOT NULL,
  psn_name        text NOT NULL DEFAULT '',
  certno          text NOT NULL DEFAULT '',
  fixmedins_code  text NOT NULL,
  fixmedins_name  text NOT NULL DEFAULT '',
  setl_id         text NOT NULL,
  line_ids        text[] NOT NULL DEFAULT '{}',
  occurred_on     date NOT NULL,
  amount_fen      bigint NOT NULL CHECK (amount_fen >= 0),
  evidence        jsonb NOT NULL DEFAULT '{}',
  department_name text NOT NULL DEFAULT '',
  first_run_id    bigint NOT NULL REFERENCES medfund_screening_runs (id),
  last_run_id     bigint NOT NULL REFERENCES medfund_screening_runs (id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (rule_code, rule_version) REFERENCES medfund_rule_versions (rule_code, version)
);
CREATE INDEX medfund_findings_rule ON medfund_findings (rule_code, occurred_on DESC, id DESC);
CREATE INDEX medfund_findings_provider ON medfund_findings (fixmedins_code, occurred_on DESC);
CREATE INDEX medfund_findings_person ON medfund_findings (psn_no);
CREATE INDEX medfund_findings_occurred ON medfund_findings (occurred_on DESC, id DESC);
CREATE INDEX medfund_findings_amount ON medfund_findings (amount_fen DESC, id DESC);
CREATE INDEX medfund_findings_last_run ON medfund_findings (last_run_id);

-- Provider risk (医药机构风险) computed at the end of each run: one row per designated provider.
CREATE TABLE medfund_provider_risk (
  run_id           bigint NOT NULL REFERENCES medfund_screening_runs (id) ON DELETE CASCADE,
  fixmedins_code   text NOT NULL,
  fixmedins_name   text NOT NULL DEFAULT '',
  provider_type    text NOT NULL DEFAULT '',
  hosp_lv          text NOT NULL DEFAULT '',
  peer_group       text NOT NULL,
  peer_count       integer NOT NULL,
  settlements      integer NOT NULL,
  cost_per_visit_fen bigint NOT NULL,
  fund_share       double precision NOT NULL,
  findings         integer NOT NULL,
  findings_per_k   double precision NOT NULL,
  amount_at_risk_fen bigint NOT NULL,
  z_cost           double precision,
  z_fund_share     double precision,
  z_findings       double precision,
  risk_score       double precision NOT NULL,
  outlier_metrics  text[] NOT NULL DEFAULT '{}',
  rank             integer NOT NULL,
  PRIMARY KEY (run_id, fixmedins_code)
);
CREATE INDEX medfund_provider_risk_rank ON medfund_provider_risk (run_id, rank);
