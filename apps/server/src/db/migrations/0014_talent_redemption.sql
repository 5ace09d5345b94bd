-- Redemption of talent points (issue 4, docs/talent/REDEMPTION.md): the resources the county hands
-- out (人才公寓, 入学名额, 体检, 疗休养 …), the quotas each enterprise tier grants (档次配额) and the
-- enterprises' handovers of them to their own talents (调剂), and the redemption rounds (兑现轮次)
-- in which eligible talents apply with ordered preferences and places are allocated by points
-- (domain/allocation, docs/talent/ALLOCATION.md).

-- A resource, owned by the department that provides it (住建局 the apartments, 教育局 the school
-- places, 卫健局 the health checks). Users of that department (or of one of its sections) with the
-- 资源单位 role publish its rounds' capacities and see who got them.
CREATE TABLE talent_resources (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code           text NOT NULL UNIQUE CHECK (code ~ '^[a-z][a-z0-9_-]{1,39}$'),
  name           text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  unit           text NOT NULL CHECK (length(unit) BETWEEN 1 AND 20),       -- 套, 个名额, 人次 …
  department_id  uuid NOT NULL REFERENCES departments (id),
  description    text NOT NULL DEFAULT '',
  active         boolean NOT NULL DEFAULT true,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX talent_resources_department ON talent_resources (department_id);

-- How many units of a resource each enterprise of a tier may hand out in a period ('2026', '2026-H1').
-- The tier is the id in the enterprise scheme's tiering (tier1 … tier4).
CREATE TABLE talent_tier_quotas (
  tier         text NOT NULL CHECK (length(tier) BETWEEN 1 AND 40),
  resource_id  uuid NOT NULL REFERENCES talent_resources (id),
  period       text NOT NULL CHECK (period ~ '^[0-9]{4}(-[A-Za-z0-9]{1,8})?$'),
  units        integer NOT NULL CHECK (units >= 0),
  updated_by   uuid REFERENCES users (id),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tier, resource_id, period)
);

-- One row per enterprise × resource × period: units handed out and not revoked. A handover
-- increments it with `UPDATE … SET used = used + 1 WHERE used < <the tier's units>`: the row lock
-- makes concurrent handovers wait for each other and re-check, so the count never passes the quota.
CREATE TABLE talent_quota_usage (
  enterprise_id  uuid NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
  resource_id    uuid NOT NULL REFERENCES talent_resources (id),
  period         text NOT NULL,
  used           integer NOT NULL DEFAULT 0 CHECK (used >= 0),
  PRIMARY KEY (enterprise_id, resource_id, period)
);

-- The ledger of handovers (调剂): who handed which unit to whom and when, under which tier.
-- 'assigned' → 'revoked' (by the enterprise, while it backs no application) or 'used' (the talent
-- was placed in a round of that resource and period).
CREATE TABLE talent_quota_handovers (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  enterprise_id  uuid NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
  resource_id    uuid NOT NULL REFERENCES talent_resources (id),
  period         text NOT NULL,
  talent_id      uuid NOT NULL REFERENCES talents (id) ON DELETE CASCADE,
  tier           text NOT NULL,
  status         text NOT NULL DEFAULT 'assigned' CHECK (status IN ('assigned', 'revoked', 'used')),
  note           text NOT NULL DEFAULT '',
  assigned_by    uuid REFERENCES users (id),
  assigned_at    timestamptz NOT NULL DEFAULT now(),
  revoked_by     uuid REFERENCES users (id),
  revoked_at     timestamptz,
  used_round_id  uuid,
  CHECK ((status = 'revoked') = (revoked_at IS NOT NULL))
);
CREATE INDEX talent_quota_handovers_enterprise ON talent_quota_handovers (enterprise_id, period, assigned_at DESC);
-- A talent holds at most one live unit of a resource per period.
CREATE UNIQUE INDEX talent_quota_handovers_one_live ON talent_quota_handovers (talent_id, resource_id, period) WHERE status <> 'revoked';

-- A redemption round. The lottery seed stays server-side until the allocation (its SHA-256 is
-- published when the round opens); personal_version_id and points_as_of say which points it used.
CREATE TABLE talent_rounds (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name                 text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  resource_id          uuid NOT NULL REFERENCES talent_resources (id),
  period               text NOT NULL CHECK (period ~ '^[0-9]{4}(-[A-Za-z0-9]{1,8})?$'),
  status               text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'open', 'closed', 'allocated', 'final')),
  min_points           numeric,
  quota_holders        boolean NOT NULL DEFAULT false,  -- holding a unit of this resource and period qualifies
  quota_first          boolean NOT NULL DEFAULT false,  -- quota holders are placed before the others
  tie_break_items      text[] NOT NULL DEFAULT '{}',    -- item ids of the personal scheme, in order
  opens_at             timestamptz NOT NULL,
  closes_at            timestamptz NOT NULL,
  notice_days          integer NOT NULL DEFAULT 5 CHECK (notice_days BETWEEN 0 AND 30),
  seed                 text,
  seed_commitment      text,
  personal_version_id  uuid REFERENCES talent_scheme_versions (id),
  points_as_of         date,
  allocated_at         timestamptz,
  allocated_by         uuid REFERENCES users (id),
  notice_ends_at       timestamptz,
  finalized_at         timestamptz,
  created_by           uuid REFERENCES users (id),
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  CHECK (closes_at > opens_at),
  CHECK (min_points IS NOT NULL OR quota_holders),
  CHECK (status = 'draft' OR seed_commitment IS NOT NULL)
);
CREATE INDEX talent_rounds_status ON talent_rounds (status, closes_at);
CREATE INDEX talent_rounds_resource ON talent_rounds (resource_id, period);

-- The round's options (a school, an apartment building …) with the places the owner published;
-- filled and the cut-off (points and rank of the last placed) are written by the allocation.
CREATE TABLE talent_round_options (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  round_id        uuid NOT NULL REFERENCES talent_rounds (id) ON DELETE CASCADE,
  position        integer NOT NULL,
  name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  capacity        integer NOT NULL CHECK (capacity >= 0),
  published_by    uuid REFERENCES users (id),
  published_at    timestamptz,
  filled          integer,
  cutoff_points   numeric,
  cutoff_rank     integer,
  UNIQUE (round_id, name),
  CHECK (filled IS NULL OR filled <= capacity)
);
CREATE INDEX talent_round_options_round ON talent_round_options (round_id, position);

-- One application per talent per round, with the ordered preferences (option ids). by_quota: the
-- talent held a unit of the round's resource and period when applying (handover_id).
CREATE TABLE talent_round_applications (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  round_id      uuid NOT NULL REFERENCES talent_rounds (id) ON DELETE CASCADE,
  talent_id     uuid NOT NULL REFERENCES talents (id) ON DELETE CASCADE,
  preferences   text[] NOT NULL CHECK (cardinality(preferences) BETWEEN 1 AND 20),
  points        numeric,
  by_quota      boolean NOT NULL DEFAULT false,
  handover_id   uuid REFERENCES talent_quota_handovers (id),
  submitted_by  uuid REFERENCES users (id),
  submitted_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (round_id, talent_id)
);
CREATE INDEX talent_round_applications_talent ON talent_round_applications (talent_id);
CREATE INDEX talent_round_applications_handover ON talent_round_applications (handover_id) WHERE handover_id IS NOT NULL;

-- The allocation's outcome per applicant (allocateRound's Placement and what it was computed from).
CREATE TABLE talent_round_results (
  round_id          uuid NOT NULL REFERENCES talent_rounds (id) ON DELETE CASCADE,
  application_id    uuid NOT NULL REFERENCES talent_round_applications (id) ON DELETE CASCADE,
  talent_id         uuid NOT NULL REFERENCES talents (id) ON DELETE CASCADE,
  rank              integer NOT NULL CHECK (rank >= 1),
  option_id         uuid REFERENCES talent_round_options (id),
  preference_index  integer,
  priority_class    integer NOT NULL,
  points            numeric NOT NULL,
  sub_scores        jsonb NOT NULL DEFAULT '[]',
  qualified_at      text,
  ticket            text NOT NULL,
  decided_by        jsonb,
  PRIMARY KEY (round_id, application_id),
  UNIQUE (round_id, rank)
);
CREATE INDEX talent_round_results_option ON talent_round_results (option_id) WHERE option_id IS NOT NULL;

-- The shipped roles gain the new permissions (sync-system-roles.ts creates missing roles only).
UPDATE roles SET permissions = array_cat(permissions, ARRAY['talent.rounds.read', 'talent.rounds.manage', 'talent.resource.publish']), updated_at = now()
  WHERE code = 'talent_officer' AND NOT ('talent.rounds.manage' = ANY (permissions));
UPDATE roles SET permissions = array_cat(permissions, ARRAY['talent.rounds.read', 'talent.quota.handover']), updated_at = now()
  WHERE code = 'talent_hr' AND NOT ('talent.quota.handover' = ANY (permissions));
UPDATE roles SET permissions = array_cat(permissions, ARRAY['talent.rounds.read', 'talent.apply']), updated_at = now()
  WHERE code = 'talent' AND NOT ('talent.apply' = ANY (permissions));
