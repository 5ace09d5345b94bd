-- 亲企办 enterprise service, part 1 (modules/service): request categories, handling-unit
-- settings, routing rules, requests with their current dispatch, the timeline (events), pauses
-- (等待企业) and per-step deadlines and outcomes. The lifecycle and the deadline engine are pure
-- code (modules/service/domain); these tables store what they decide. Docs: docs/service/DATA.md.
-- The service-level policy is DEFAULT_SERVICE_LEVEL_POLICY in code for now (no table yet).

-- 诉求类别: a configurable tree; ids are stable text keys (rules and policies refer to them).
CREATE TABLE service_categories (
  id          text PRIMARY KEY CHECK (id ~ '^[a-z][a-z0-9_.-]{0,63}$'),
  parent_id   text REFERENCES service_categories (id),
  name        text NOT NULL,
  name_en     text NOT NULL DEFAULT '',
  keywords    text[] NOT NULL DEFAULT '{}',            -- suggest the category from a request's text
  sort_order  integer NOT NULL DEFAULT 0,
  active      boolean NOT NULL DEFAULT true,            -- inactive: kept for old requests, not offered
  CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE INDEX service_categories_parent ON service_categories (parent_id, sort_order);

INSERT INTO service_categories (id, parent_id, name, name_en, keywords, sort_order) VALUES
  ('policy',         NULL,      '政策咨询', 'policy questions',      '{政策,补贴,奖励,申报,兑现,扶持}', 10),
  ('factors',        NULL,      '要素保障', 'production factors',    '{要素}', 20),
  ('factors.land',   'factors', '用地',     'land',                  '{用地,土地,厂房,拿地,地块}', 21),
  ('factors.power',  'factors', '用电',     'electricity',           '{用电,电力,停电,电价,电容,增容}', 22),
  ('factors.water',  'factors', '用水',     'water',                 '{用水,供水,停水,排水,水压}', 23),
  ('talent',         NULL,      '人才',     'talent',                '{人才,招聘,落户,人才公寓,引才}', 30),
  ('finance',        NULL,      '融资',     'financing',             '{融资,贷款,授信,担保,转贷}', 40),
  ('testing',        NULL,      '检测认证', 'testing and certification', '{检测,认证,检验,计量,CNAS,CMA}', 50),
  ('approval',       NULL,      '审批',     'approvals',             '{审批,许可,备案,环评,施工许可,验收}', 60),
  ('dispute',        NULL,      '纠纷',     'disputes',              '{纠纷,拖欠,欠款,劳动争议,合同}', 70),
  ('other',          NULL,      '其他',     'other',                 '{}', 99);

-- 承办单位: any department or section can be dispatched to; a row here switches one off
-- (active = false: a dispatch to it is refused) and keeps its round-robin state.
CREATE TABLE service_units (
  department_id  uuid PRIMARY KEY REFERENCES departments (id) ON DELETE CASCADE,
  active         boolean NOT NULL DEFAULT true,
  agent_strategy text NOT NULL DEFAULT 'none' CHECK (agent_strategy IN ('none', 'round_robin', 'least_loaded')),
  last_agent_id  uuid REFERENCES users (id) ON DELETE SET NULL,
  updated_at     timestamptz NOT NULL DEFAULT now()
);

-- 分办规则: ordered, first match wins (domain routeRequest). Empty arrays = no condition.
CREATE TABLE service_routing_rules (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  position           integer NOT NULL,
  name               text NOT NULL DEFAULT '',
  category_ids       text[] NOT NULL DEFAULT '{}',
  keywords           text[] NOT NULL DEFAULT '{}',
  division_prefixes  text[] NOT NULL DEFAULT '{}',
  park_ids           uuid[] NOT NULL DEFAULT '{}',
  unit_id            uuid NOT NULL REFERENCES departments (id),
  assisting_unit_ids uuid[] NOT NULL DEFAULT '{}',
  agent_strategy     text NOT NULL DEFAULT 'none' CHECK (agent_strategy IN ('none', 'round_robin', 'least_loaded')),
  active             boolean NOT NULL DEFAULT true,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX service_routing_rules_position ON service_routing_rules (position, id);

-- 诉求. The row holds the lifecycle snapshot (RequestSnapshot) and what lists filter and sort on.
CREATE TABLE service_requests (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  number             bigint GENERATED ALWAYS AS IDENTITY UNIQUE,   -- the number people quote
  status             text NOT NULL DEFAULT 'submitted' CHECK (status IN (
                       'submitted', 'accepted', 'dispatched', 'signed', 'returned', 'responded',
                       'waiting_for_enterprise', 'resolved', 'followed_up', 'closed', 'merged')),
  status_before_wait text CHECK (status_before_wait IN ('accepted', 'signed', 'responded')),
  channel            text NOT NULL CHECK (channel IN ('hotline', 'web', 'app', 'visit', 'letter')),
  category_id        text REFERENCES service_categories (id),
  suggested_category_id text REFERENCES service_categories (id),
  title              text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
  description        text NOT NULL CHECK (length(description) BETWEEN 1 AND 4000),
  enterprise_id      uuid REFERENCES enterprises (id),              -- null: an unregistered contact
  enterprise_ids     uuid[] NOT NULL DEFAULT '{}',                  -- the enterprises to answer (merges add)
  organization_name  text NOT NULL DEFAULT '',                      -- the unregistered contact's organisation
  contact_name       text NOT NULL,
  contact_phone      text NOT NULL DEFAULT '',                      -- personal data: masked unless revealed
  division_code      text REFERENCES divisions (code),              -- street (of the enterprise, or given)
  park_id            uuid REFERENCES parks (id),
  location           text NOT NULL DEFAULT '',
  lead_unit_id       uuid REFERENCES departments (id),              -- current dispatch (kept after a return)
  agent_id           uuid REFERENCES users (id),
  return_count       integer NOT NULL DEFAULT 0,
  reopen_count       integer NOT NULL DEFAULT 0,
  dispatch_count     integer NOT NULL DEFAULT 0,
  merged_into_id     uuid REFERENCES service_requests (id),
  submitted_at       timestamptz NOT NULL,
  resolved_at        timestamptz,
  closed_at          timestamptz,
  created_by         uuid REFERENCES users (id),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  version            integer NOT NULL DEFAULT 1,
  CHECK (enterprise_id IS NOT NULL OR organization_name <> '')
);
CREATE INDEX service_requests_submitted ON service_requests (submitted_at, id);
CREATE INDEX service_requests_status ON service_requests (status, submitted_at);
CREATE INDEX service_requests_enterprise ON service_requests (enterprise_id, submitted_at);
CREATE INDEX service_requests_enterprises ON service_requests USING gin (enterprise_ids);
CREATE INDEX service_requests_category ON service_requests (category_id);
CREATE INDEX service_requests_division ON service_requests (division_code text_pattern_ops);
CREATE INDEX service_requests_lead_unit ON service_requests (lead_unit_id);
CREATE INDEX service_requests_merged_into ON service_requests (merged_into_id) WHERE merged_into_id IS NOT NULL;

-- The current dispatch's units (主办 + 协办): what a handling unit sees, and the unit filter.
CREATE TABLE service_request_units (
  request_id  uuid NOT NULL REFERENCES service_requests (id) ON DELETE CASCADE,
  unit_id     uuid NOT NULL REFERENCES departments (id),
  role        text NOT NULL CHECK (role IN ('lead', 'assisting')),
  attempt     integer NOT NULL,
  PRIMARY KEY (request_id, unit_id)
);
CREATE INDEX service_request_units_unit ON service_request_units (unit_id, request_id);
CREATE UNIQUE INDEX service_request_units_one_lead ON service_request_units (request_id) WHERE role = 'lead';

-- The timeline: every lifecycle event (domain RequestEvent) and every sweep warning, in order.
CREATE TABLE service_request_events (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  request_id  uuid NOT NULL REFERENCES service_requests (id) ON DELETE CASCADE,
  type        text NOT NULL,
  at          timestamptz NOT NULL,
  actor_role  text NOT NULL,                                         -- office_operator … system
  actor_id    uuid REFERENCES users (id),                            -- null for the system
  actor_name  text NOT NULL DEFAULT '',
  unit_id     uuid REFERENCES departments (id),                      -- the actor's unit, if any
  payload     jsonb NOT NULL DEFAULT '{}'                             -- reason, note, units, answers …
);
CREATE INDEX service_request_events_request ON service_request_events (request_id, id);
CREATE INDEX service_request_events_type ON service_request_events (type, at);

-- 计时暂停: waiting for the enterprise, [from_at, to_at); to_at null while it lasts.
CREATE TABLE service_pauses (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  request_id  uuid NOT NULL REFERENCES service_requests (id) ON DELETE CASCADE,
  from_at     timestamptz NOT NULL,
  to_at       timestamptz,
  reason      text NOT NULL DEFAULT '',
  CHECK (to_at IS NULL OR to_at >= from_at)
);
CREATE INDEX service_pauses_request ON service_pauses (request_id, from_at);
CREATE UNIQUE INDEX service_pauses_one_open ON service_pauses (request_id) WHERE to_at IS NULL;

-- 办理环节: one row per step and round (round 0, then 1, 2 … after reopens): when its clock
-- started, its deadline (recomputed at every transition: pauses, category), when it was
-- completed and whether that met the deadline. warned_at / overdue_at: the sweep's marks, so it
-- warns and supervises once per step.
CREATE TABLE service_request_steps (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  request_id    uuid NOT NULL REFERENCES service_requests (id) ON DELETE CASCADE,
  step          text NOT NULL CHECK (step IN ('accept', 'dispatch', 'respond', 'resolve', 'follow_up')),
  round         integer NOT NULL DEFAULT 0,
  started_at    timestamptz NOT NULL,
  due_at        timestamptz,                                         -- null: paused, or the calendar lacks the year
  warn_at       timestamptz,
  completed_at  timestamptz,
  met           boolean,                                             -- set when completed (null: deadline unknown)
  cancelled_at  timestamptz,                                         -- the request was merged away
  warned_at     timestamptz,
  overdue_at    timestamptz,
  UNIQUE (request_id, step, round)
);
CREATE INDEX service_request_steps_open ON service_request_steps (due_at) WHERE completed_at IS NULL AND cancelled_at IS NULL;
CREATE INDEX service_request_steps_step ON service_request_steps (step, started_at);
