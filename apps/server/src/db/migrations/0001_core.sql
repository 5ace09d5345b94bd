-- Core of the platform: identity, departments, audit, reference data, the enterprise registry,
-- jobs and notifications. Statuses are text with CHECK constraints mirrored by TypeScript unions;
-- money is integer fen; times are timestamptz (UTC).

-- Reference data ----------------------------------------------------------------------------
CREATE TABLE divisions (
  code        text PRIMARY KEY,                 -- GB/T 2260 (6 digits) or 统计用区划代码 street (9)
  name        text NOT NULL,
  level       smallint NOT NULL CHECK (level BETWEEN 1 AND 4), -- province, city, county, street
  parent_code text REFERENCES divisions (code)
);
CREATE INDEX divisions_parent ON divisions (parent_code);

CREATE TABLE industries (
  code        text PRIMARY KEY,                 -- GB/T 4754-2017: 门类 letter, 大类 2, 中类 3, 小类 4
  name        text NOT NULL,
  level       smallint NOT NULL CHECK (level BETWEEN 1 AND 4),
  parent_code text REFERENCES industries (code)
);
CREATE INDEX industries_parent ON industries (parent_code);

-- Departments and identity -------------------------------------------------------------------
CREATE TABLE departments (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  parent_id     uuid REFERENCES departments (id),
  name          text NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('department', 'section')),
  division_code text REFERENCES divisions (code),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE NULLS NOT DISTINCT (parent_id, name),
  CHECK ((kind = 'section') = (parent_id IS NOT NULL))
);

CREATE TABLE roles (
  code        text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]*$'),
  name        text NOT NULL,
  description text NOT NULL DEFAULT '',
  permissions text[] NOT NULL DEFAULT '{}',
  is_system   boolean NOT NULL DEFAULT false,   -- shipped roles cannot be deleted
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE parks (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name          text NOT NULL UNIQUE,
  kind          text NOT NULL CHECK (kind IN ('industrial_park', 'characteristic_town', 'incubator', 'science_park')),
  division_code text NOT NULL REFERENCES divisions (code),
  address       text NOT NULL DEFAULT '',
  area_mu       integer CHECK (area_mu >= 0),     -- land area in 亩
  description   text NOT NULL DEFAULT '',
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE enterprises (
  id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  credit_code            text NOT NULL UNIQUE CHECK (credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
  name                   text NOT NULL,
  legal_representative   text NOT NULL DEFAULT '',
  established_on         date,
  registered_capital_fen bigint CHECK (registered_capital_fen >= 0),
  industry_code          text NOT NULL REFERENCES industries (code),
  division_code          text NOT NULL REFERENCES divisions (code),
  park_id                uuid REFERENCES parks (id),
  address                text NOT NULL DEFAULT '',
  employees              integer CHECK (employees >= 0),
  revenue_fen            bigint CHECK (revenue_fen >= 0),  -- latest annual operating revenue
  assets_fen             bigint CHECK (assets_fen >= 0),   -- total assets
  size_class             text CHECK (size_class IN ('large', 'medium', 'small', 'micro')), -- derived
  above_scale            boolean NOT NULL DEFAULT false,
  high_tech              boolean NOT NULL DEFAULT false,
  listed                 boolean NOT NULL DEFAULT false,
  tags                   text[] NOT NULL DEFAULT '{}',
  status                 text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'closed')),
  business_scope         text NOT NULL DEFAULT '',
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now(),
  version                integer NOT NULL DEFAULT 1
);
-- Street and industry filters are prefix matches (LIKE '330110010%'): text_pattern_ops lets
-- them use the index under any collation (and still serves equality).
CREATE INDEX enterprises_division ON enterprises (division_code text_pattern_ops);
CREATE INDEX enterprises_industry ON enterprises (industry_code text_pattern_ops);
CREATE INDEX enterprises_park ON enterprises (park_id);
CREATE INDEX enterprises_tags ON enterprises USING gin (tags);
-- Sort orders of the list, with id as the tie-breaker in the same direction, so that a page is
-- read off the index instead of sorting every match (bench/RESULTS.md).
CREATE INDEX enterprises_updated ON enterprises (updated_at, id);
CREATE INDEX enterprises_name_sort ON enterprises (name, id);

CREATE TABLE enterprise_contacts (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  enterprise_id uuid NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
  name          text NOT NULL,
  title         text NOT NULL DEFAULT '',
  phone         text NOT NULL DEFAULT '',        -- personal data: masked unless revealed
  email         text NOT NULL DEFAULT '',
  is_primary    boolean NOT NULL DEFAULT false,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX enterprise_contacts_enterprise ON enterprise_contacts (enterprise_id);
CREATE INDEX enterprise_contacts_phone ON enterprise_contacts (phone);

CREATE TABLE users (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username        text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9_.-]{3,64}$'),
  display_name    text NOT NULL,
  password_hash   text NOT NULL,
  phone           text NOT NULL DEFAULT '',
  status          text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'locked')),
  -- scope: at most one binding of each kind; data outside it is invisible to the user
  enterprise_id   uuid REFERENCES enterprises (id),
  department_id   uuid REFERENCES departments (id),
  division_code   text REFERENCES divisions (code),
  locale          text NOT NULL DEFAULT 'zh-CN' CHECK (locale IN ('zh-CN', 'en-US')),
  failed_logins   integer NOT NULL DEFAULT 0,
  last_login_at   timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE user_roles (
  user_id   uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role_code text NOT NULL REFERENCES roles (code),
  PRIMARY KEY (user_id, role_code)
);

CREATE TABLE sessions (
  id           text PRIMARY KEY,                  -- sha256 of the cookie's token, never the token
  user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token   text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  ip           text NOT NULL DEFAULT '',
  user_agent   text NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

-- Audit --------------------------------------------------------------------------------------
CREATE TABLE audit_log (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at            timestamptz NOT NULL DEFAULT now(),
  actor_id      uuid,
  actor_name    text NOT NULL DEFAULT '',
  action        text NOT NULL,                    -- e.g. enterprise.update, contact.reveal
  entity_type   text NOT NULL,
  entity_id     text,
  enterprise_id uuid,                             -- the enterprise the entry concerns, if any
  before        jsonb,
  after         jsonb,
  request_id    text,
  ip            text
);
CREATE INDEX audit_log_at ON audit_log (at DESC);
CREATE INDEX audit_log_entity ON audit_log (entity_type, entity_id);
CREATE INDEX audit_log_enterprise ON audit_log (enterprise_id, at DESC);
CREATE INDEX audit_log_actor ON audit_log (actor_id, at DESC);

-- The audit log is append-only: nothing, not even the application's own role, may change it.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- Background jobs ----------------------------------------------------------------------------
CREATE TABLE jobs (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind          text NOT NULL,
  payload       jsonb NOT NULL DEFAULT '{}',
  status        text NOT NULL DEFAULT 'queued'
                CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
  run_at        timestamptz NOT NULL DEFAULT now(),
  attempts      integer NOT NULL DEFAULT 0,
  max_attempts  integer NOT NULL DEFAULT 3,
  locked_by     text,
  locked_until  timestamptz,
  progress      jsonb,                            -- { done, total, message }
  result        jsonb,
  error         text,
  created_by    uuid REFERENCES users (id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  finished_at   timestamptz
);
CREATE INDEX jobs_due ON jobs (run_at) WHERE status = 'queued';

-- Notifications ------------------------------------------------------------------------------
CREATE TABLE notifications (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  title      text NOT NULL,
  body       text NOT NULL DEFAULT '',
  link       text,
  read_at    timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notifications_user ON notifications (user_id, created_at DESC);

-- Imports (validated files waiting for the user's decision) ---------------------------------
CREATE TABLE import_batches (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind        text NOT NULL,                      -- e.g. enterprises
  file_name   text NOT NULL,
  status      text NOT NULL DEFAULT 'validated'
              CHECK (status IN ('validated', 'importing', 'imported', 'failed', 'discarded')),
  total_rows  integer NOT NULL,
  valid_rows  integer NOT NULL,
  errors      jsonb NOT NULL DEFAULT '[]',        -- [{ line, column, message }]
  rows        jsonb NOT NULL DEFAULT '[]',        -- the valid rows, normalised
  job_id      bigint REFERENCES jobs (id),
  summary     jsonb,                              -- { created, updated }
  created_by  uuid NOT NULL REFERENCES users (id),
  created_at  timestamptz NOT NULL DEFAULT now()
);
