-- 服务资源库 (resource directory), nearest matching, recommendations and visits (走访): issue 6.
-- Shapes follow the Open Referral HSDS core where it fits: a provider is an HSDS organization
-- with its one location folded in (a branch elsewhere is another provider), and its services
-- (HSDS service) each name one capability of the taxonomy. docs/service/DIRECTORY.md, VISITS.md.

-- Where an enterprise is: latitude / longitude in GCJ-02 (the system Chinese maps use), null
-- while unknown. Inputs in WGS-84 (GPS) or BD-09 (Baidu) are converted before they are stored.
ALTER TABLE enterprises ADD COLUMN lat double precision CHECK (lat BETWEEN -90 AND 90);
ALTER TABLE enterprises ADD COLUMN lng double precision CHECK (lng BETWEEN -180 AND 180);
ALTER TABLE enterprises ADD CONSTRAINT enterprises_lat_lng_both CHECK ((lat IS NULL) = (lng IS NULL));

-- The capability taxonomy (能力分类): a configurable tree of codes, 'testing' > 'testing.materials'.
CREATE TABLE service_capabilities (
  code        text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$'),
  parent_code text REFERENCES service_capabilities (code),
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
  name_en     text NOT NULL DEFAULT '',
  sort_order  integer NOT NULL DEFAULT 0,
  active      boolean NOT NULL DEFAULT true,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX service_capabilities_parent ON service_capabilities (parent_code);

-- 服务机构 (HSDS organization + its location).
CREATE TABLE service_providers (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name           text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  kind           text NOT NULL CHECK (kind IN ('testing_lab', 'certification_body', 'law_firm', 'bank', 'patent_agency', 'training_body', 'accounting_firm', 'consultancy', 'other')),
  description    text NOT NULL DEFAULT '',
  enterprise_id  uuid REFERENCES enterprises (id),     -- when the provider is itself a registered enterprise
  contact_name   text NOT NULL DEFAULT '',
  contact_phone  text NOT NULL DEFAULT '',              -- personal data: masked unless revealed
  website        text NOT NULL DEFAULT '',
  email          text NOT NULL DEFAULT '',
  opening_hours  text NOT NULL DEFAULT '',              -- free text, e.g. 周一至周五 8:30-17:30
  address        text NOT NULL DEFAULT '',
  division_code  text REFERENCES divisions (code),
  lat            double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),     -- GCJ-02
  lng            double precision NOT NULL CHECK (lng BETWEEN -180 AND 180),   -- GCJ-02
  status         text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive')),
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  version        integer NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX service_providers_name_address ON service_providers (name, address);
CREATE INDEX service_providers_updated ON service_providers (updated_at, id);
CREATE INDEX service_providers_name ON service_providers (name, id);

-- 服务项目 (HSDS service): what a provider offers, each under one capability.
CREATE TABLE service_provider_services (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  provider_id     uuid NOT NULL REFERENCES service_providers (id) ON DELETE CASCADE,
  capability_code text NOT NULL REFERENCES service_capabilities (code),
  name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  description     text NOT NULL DEFAULT '',
  position        integer NOT NULL DEFAULT 0
);
CREATE INDEX service_provider_services_provider ON service_provider_services (provider_id, position);
CREATE INDEX service_provider_services_capability ON service_provider_services (capability_code);

-- The directory's version: every write to providers, their services or the taxonomy bumps it in
-- its transaction; each API process rebuilds its in-memory spatial index when it sees a newer one.
CREATE TABLE service_directory_version (
  id       integer PRIMARY KEY CHECK (id = 1),
  version  bigint NOT NULL
);
INSERT INTO service_directory_version (id, version) VALUES (1, 1);

-- 资源推荐: the provider an agent recommended for a request (or an enterprise), and whether it helped.
CREATE TABLE service_recommendations (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  enterprise_id   uuid NOT NULL REFERENCES enterprises (id),
  request_id      uuid REFERENCES service_requests (id),
  provider_id     uuid NOT NULL REFERENCES service_providers (id),
  capability_code text NOT NULL REFERENCES service_capabilities (code),
  distance_m      integer CHECK (distance_m >= 0),      -- at the time of the recommendation
  note            text NOT NULL DEFAULT '',
  recommended_by  uuid REFERENCES users (id),
  recommended_by_name text NOT NULL DEFAULT '',
  recommended_at  timestamptz NOT NULL,
  outcome         text NOT NULL DEFAULT 'pending' CHECK (outcome IN ('pending', 'helped', 'not_helped')),
  outcome_note    text NOT NULL DEFAULT '',
  outcome_by_name text NOT NULL DEFAULT '',
  outcome_at      timestamptz,
  version         integer NOT NULL DEFAULT 1
);
CREATE INDEX service_recommendations_enterprise ON service_recommendations (enterprise_id, recommended_at);
CREATE INDEX service_recommendations_request ON service_recommendations (request_id) WHERE request_id IS NOT NULL;
CREATE INDEX service_recommendations_provider ON service_recommendations (provider_id);

-- 走访计划: an agent's plan to visit enterprises of a street in a period.
CREATE TABLE service_visit_plans (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agent_id        uuid NOT NULL REFERENCES users (id),
  division_code   text NOT NULL REFERENCES divisions (code),
  period_from     date NOT NULL,
  period_to       date NOT NULL,
  enterprise_ids  uuid[] NOT NULL DEFAULT '{}',
  note            text NOT NULL DEFAULT '',
  created_by      uuid REFERENCES users (id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  version         integer NOT NULL DEFAULT 1,
  CHECK (period_to >= period_from)
);
CREATE INDEX service_visit_plans_agent ON service_visit_plans (agent_id, period_from);
CREATE INDEX service_visit_plans_division ON service_visit_plans (division_code text_pattern_ops);

-- 走访记录. division_code / park_id: the enterprise's street and park when it was visited (coverage).
CREATE TABLE service_visits (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  enterprise_id   uuid NOT NULL REFERENCES enterprises (id),
  division_code   text NOT NULL REFERENCES divisions (code),
  park_id         uuid REFERENCES parks (id),
  plan_id         uuid REFERENCES service_visit_plans (id),
  visited_at      timestamptz NOT NULL,
  visitor_id      uuid REFERENCES users (id),
  visitor_name    text NOT NULL,
  companions      text NOT NULL DEFAULT '',              -- who else came, who was met
  discussed       text NOT NULL CHECK (length(discussed) BETWEEN 1 AND 4000),
  follow_ups      text NOT NULL DEFAULT '',
  created_by      uuid REFERENCES users (id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  version         integer NOT NULL DEFAULT 1
);
CREATE INDEX service_visits_enterprise ON service_visits (enterprise_id, visited_at);
CREATE INDEX service_visits_visited ON service_visits (visited_at, id);
CREATE INDEX service_visits_division ON service_visits (division_code text_pattern_ops, visited_at);
CREATE INDEX service_visits_park ON service_visits (park_id, visited_at) WHERE park_id IS NOT NULL;

-- 发现的问题: each may become a request (request_id) with one click.
CREATE TABLE service_visit_problems (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  visit_id    uuid NOT NULL REFERENCES service_visits (id) ON DELETE CASCADE,
  position    integer NOT NULL,
  text        text NOT NULL CHECK (length(text) BETWEEN 1 AND 1000),
  request_id  uuid REFERENCES service_requests (id),
  UNIQUE (visit_id, position)
);
CREATE INDEX service_visit_problems_request ON service_visit_problems (request_id) WHERE request_id IS NOT NULL;
