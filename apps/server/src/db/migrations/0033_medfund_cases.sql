-- 医保基金监管 part 2B (issue 8): cases along the national review chain (初审 → 复审 → 申诉 →
-- 调查核实 → 违规处理), partner departments of the joint supervision community, clue transfers with
-- receipts and the departments' own actions, joint inspections, decisions with per-finding
-- outcomes, and recovery to the fen. modules/medfund/cases; docs/medfund/CASES.md.

-- The joint supervision community (联合监管共同体): top-level departments marked as members.
-- A transfer goes only to an active member.
CREATE TABLE medfund_partner_departments (
  department_id   uuid PRIMARY KEY REFERENCES departments (id) ON DELETE CASCADE,
  active          boolean NOT NULL DEFAULT true,
  duty            text NOT NULL DEFAULT '',
  sort_order      integer NOT NULL DEFAULT 0,
  updated_at      timestamptz NOT NULL DEFAULT now()
);

-- An inspector's area (稽核片区): the designated providers whose cases they may act on and decide.
CREATE TABLE medfund_inspector_areas (
  user_id         uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  area_name       text NOT NULL,
  provider_codes  text[] NOT NULL DEFAULT '{}',
  updated_at      timestamptz NOT NULL DEFAULT now()
);

-- A case (案件). warning_id points at medfund_warnings (h/mfwarn, 0032); its foreign key comes in 0034.
-- stage: where the review chain stands; 'closed' once decided. decision: set with the close.
CREATE TABLE medfund_cases (
  id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  number               text NOT NULL UNIQUE,
  title                text NOT NULL,
  warning_id           bigint,
  subject_kind         text NOT NULL CHECK (subject_kind IN ('person', 'provider')),
  subject_key          text NOT NULL,
  subject_name         text NOT NULL DEFAULT '',
  provider_codes       text[] NOT NULL DEFAULT '{}',
  provider_names       text[] NOT NULL DEFAULT '{}',
  stage                text NOT NULL CHECK (stage IN ('first_review', 'second_review', 'appeal', 'investigation', 'closed')),
  stage_due_on         date,
  appeal_deadline      date,
  appealed_at          timestamptz,
  appeal_statement     text,
  owner_id             uuid REFERENCES users (id) ON DELETE SET NULL,
  owner_name           text NOT NULL DEFAULT '',
  amount_at_risk_fen   bigint NOT NULL CHECK (amount_at_risk_fen >= 0),
  decision             text CHECK (decision IN ('confirmed', 'dismissed', 'data_quality')),
  measures             text[] NOT NULL DEFAULT '{}'
                       CHECK (measures <@ ARRAY['recovery', 'refuse_payment', 'penalty', 'transfer_police', 'transfer_discipline']::text[]),
  confirmed_fen        bigint NOT NULL DEFAULT 0 CHECK (confirmed_fen >= 0),
  recovery_decided_fen bigint NOT NULL DEFAULT 0 CHECK (recovery_decided_fen >= 0),
  refused_fen          bigint NOT NULL DEFAULT 0 CHECK (refused_fen >= 0),
  penalty_fen          bigint NOT NULL DEFAULT 0 CHECK (penalty_fen >= 0),
  recovered_fen        bigint NOT NULL DEFAULT 0 CHECK (recovered_fen >= 0),
  decision_basis       text,
  over_reason          text,
  decided_by           uuid REFERENCES users (id) ON DELETE SET NULL,
  decided_by_name      text NOT NULL DEFAULT '',
  decided_at           timestamptz,
  opened_by            uuid REFERENCES users (id) ON DELETE SET NULL,
  opened_by_name       text NOT NULL DEFAULT '',
  opened_at            timestamptz NOT NULL DEFAULT now(),
  version              integer NOT NULL DEFAULT 1,
  updated_at           timestamptz NOT NULL DEFAULT now(),
  CHECK ((stage = 'closed') = (decision IS NOT NULL))
);
CREATE INDEX medfund_cases_recent ON medfund_cases (opened_at DESC, id DESC);
CREATE INDEX medfund_cases_stage ON medfund_cases (stage, stage_due_on);
CREATE INDEX medfund_cases_warning ON medfund_cases (warning_id) WHERE warning_id IS NOT NULL;
CREATE INDEX medfund_cases_providers ON medfund_cases USING gin (provider_codes);

-- The findings a case covers; outcome NULL until the decision.
CREATE TABLE medfund_case_findings (
  case_id     bigint NOT NULL REFERENCES medfund_cases (id) ON DELETE CASCADE,
  finding_id  bigint NOT NULL REFERENCES medfund_findings (id) ON DELETE RESTRICT,
  outcome     text CHECK (outcome IN ('confirmed', 'dismissed', 'data_quality')),
  PRIMARY KEY (case_id, finding_id)
);
CREATE INDEX medfund_case_findings_finding ON medfund_case_findings (finding_id);

-- Each stage a case went through: when it started, its deadline (working days on the app's
-- calendar), when it ended, and the escalation of an overdue stage (once).
CREATE TABLE medfund_case_stages (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id       bigint NOT NULL REFERENCES medfund_cases (id) ON DELETE CASCADE,
  stage         text NOT NULL CHECK (stage IN ('first_review', 'second_review', 'appeal', 'investigation')),
  started_at    timestamptz NOT NULL,
  due_on        date NOT NULL,
  ended_at      timestamptz,
  escalated_at  timestamptz
);
CREATE INDEX medfund_case_stages_case ON medfund_case_stages (case_id, id);
CREATE INDEX medfund_case_stages_open ON medfund_case_stages (due_on) WHERE ended_at IS NULL AND escalated_at IS NULL;

-- The case's timeline: every action, by whom and when, with its details.
CREATE TABLE medfund_case_events (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id     bigint NOT NULL REFERENCES medfund_cases (id) ON DELETE CASCADE,
  type        text NOT NULL,
  stage       text NOT NULL,
  note        text NOT NULL DEFAULT '',
  payload     jsonb NOT NULL DEFAULT '{}',
  actor_id    uuid REFERENCES users (id) ON DELETE SET NULL,
  actor_name  text NOT NULL DEFAULT '',
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX medfund_case_events_case ON medfund_case_events (case_id, id);

-- A transfer (线索移交) of a case to a partner department: a clue to act on, or a check of a joint
-- inspection (联合检查). The department signs for it (签收), records its actions and reports back.
CREATE TABLE medfund_case_transfers (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id          bigint NOT NULL REFERENCES medfund_cases (id) ON DELETE CASCADE,
  department_id    uuid NOT NULL REFERENCES departments (id),
  department_name  text NOT NULL,
  purpose          text NOT NULL CHECK (purpose IN ('clue', 'joint_check')),
  note             text NOT NULL DEFAULT '',
  transferred_by   uuid REFERENCES users (id) ON DELETE SET NULL,
  transferred_by_name text NOT NULL DEFAULT '',
  transferred_at   timestamptz NOT NULL DEFAULT now(),
  received_by      uuid REFERENCES users (id) ON DELETE SET NULL,
  received_by_name text,
  received_at      timestamptz,
  check_result     text CHECK (check_result IN ('violation', 'no_violation', 'partly')),
  report           text,
  reported_by      uuid REFERENCES users (id) ON DELETE SET NULL,
  reported_by_name text,
  reported_at      timestamptz,
  UNIQUE (case_id, department_id, purpose)
);
CREATE INDEX medfund_case_transfers_department ON medfund_case_transfers (department_id, transferred_at DESC);

-- What a department did with a transfer (its own actions), in order.
CREATE TABLE medfund_transfer_actions (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  transfer_id   bigint NOT NULL REFERENCES medfund_case_transfers (id) ON DELETE CASCADE,
  action        text NOT NULL,
  acted_on      date NOT NULL,
  recorded_by   uuid REFERENCES users (id) ON DELETE SET NULL,
  recorded_by_name text NOT NULL DEFAULT '',
  recorded_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX medfund_transfer_actions_transfer ON medfund_transfer_actions (transfer_id, id);

-- Money recovered (追回) on a decided case, one row per payment; medfund_cases.recovered_fen is
-- their sum. over_reason is required when the total passes the amount at risk.
CREATE TABLE medfund_recoveries (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id        bigint NOT NULL REFERENCES medfund_cases (id) ON DELETE CASCADE,
  amount_fen     bigint NOT NULL CHECK (amount_fen > 0),
  recovered_on   date NOT NULL,
  reference      text NOT NULL DEFAULT '',
  over_reason    text,
  recorded_by    uuid REFERENCES users (id) ON DELETE SET NULL,
  recorded_by_name text NOT NULL DEFAULT '',
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX medfund_recoveries_case ON medfund_recoveries (case_id, recovered_on);
CREATE INDEX medfund_recoveries_day ON medfund_recoveries (recovered_on);

-- Stage time limits in working days, configurable (defaults: docs/medfund/CASES.md).
CREATE TABLE medfund_stage_limits (
  stage         text PRIMARY KEY CHECK (stage IN ('first_review', 'second_review', 'appeal', 'investigation')),
  workdays      integer NOT NULL CHECK (workdays BETWEEN 1 AND 120),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
INSERT INTO medfund_stage_limits (stage, workdays) VALUES
  ('first_review', 10), ('second_review', 10), ('appeal', 5), ('investigation', 30);
