-- The annual cycle of the talent points (issue 4, docs/talent/CYCLE.md): a scheme year opens,
-- enterprises submit, the office reviews, points are computed, the ranking and tiers are published
-- for public notice (公示, N working days) during which objections (异议) are raised and answered,
-- then the results are final. Publishing snapshots the ranking into the cycle's entries, so a past
-- year stays readable whatever is recomputed later.
CREATE TABLE talent_cycles (
  id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  year                   integer NOT NULL UNIQUE CHECK (year BETWEEN 2000 AND 2100),
  status                 text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'reviewing', 'computed', 'notice', 'final')),
  personal_version_id    uuid NOT NULL REFERENCES talent_scheme_versions (id),
  enterprise_version_id  uuid NOT NULL REFERENCES talent_scheme_versions (id),
  bonus_version_id       uuid REFERENCES talent_scheme_versions (id),
  notice_workdays        integer NOT NULL DEFAULT 5 CHECK (notice_workdays BETWEEN 1 AND 30),
  objection_channel      text NOT NULL DEFAULT '' CHECK (length(objection_channel) <= 500),
  -- computed: the complete days of each version the ranking is taken from
  points_as_of           date,
  enterprise_as_of       date,
  bonus_as_of            date,
  -- notice: first and last day (both working days of the Chinese calendar, Asia/Shanghai)
  notice_starts_on       date,
  notice_ends_on         date,
  opened_by              uuid REFERENCES users (id),
  opened_at              timestamptz NOT NULL DEFAULT now(),
  reviewing_at           timestamptz,
  computed_at            timestamptz,
  published_at           timestamptz,
  finalized_at           timestamptz,
  updated_at             timestamptz NOT NULL DEFAULT now(),
  CHECK (status IN ('open', 'reviewing') OR (points_as_of IS NOT NULL AND enterprise_as_of IS NOT NULL)),
  CHECK (status NOT IN ('notice', 'final') OR (notice_starts_on IS NOT NULL AND notice_ends_on >= notice_starts_on))
);

-- The published ranking of talents: what the notice shows, frozen at publication.
CREATE TABLE talent_cycle_talent_entries (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  cycle_id         uuid NOT NULL REFERENCES talent_cycles (id) ON DELETE CASCADE,
  talent_id        uuid NOT NULL REFERENCES talents (id) ON DELETE CASCADE,
  name             text NOT NULL,
  masked_name      text NOT NULL,
  enterprise_id    uuid REFERENCES enterprises (id) ON DELETE SET NULL,
  enterprise_name  text,
  points           numeric NOT NULL,
  rank             integer NOT NULL CHECK (rank >= 1),
  corrected        boolean NOT NULL DEFAULT false,
  UNIQUE (cycle_id, talent_id)
);
CREATE INDEX talent_cycle_talent_entries_rank ON talent_cycle_talent_entries (cycle_id, rank, id);
CREATE INDEX talent_cycle_talent_entries_enterprise ON talent_cycle_talent_entries (cycle_id, enterprise_id);

-- The published ranking and tiers of enterprises, with their evaluation bonus.
CREATE TABLE talent_cycle_enterprise_entries (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  cycle_id          uuid NOT NULL REFERENCES talent_cycles (id) ON DELETE CASCADE,
  enterprise_id     uuid NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
  enterprise_name   text NOT NULL,
  points            numeric NOT NULL,
  rank              integer CHECK (rank >= 1),
  tier              text,
  tier_order        integer,   -- position of the tier in the scheme's tiering, 0 = the top tier
  tier_label        jsonb,     -- { zh, en } as the scheme named it
  evaluation_bonus  numeric,
  talent_count      integer NOT NULL DEFAULT 0,
  corrected         boolean NOT NULL DEFAULT false,
  UNIQUE (cycle_id, enterprise_id)
);
CREATE INDEX talent_cycle_enterprise_entries_rank ON talent_cycle_enterprise_entries (cycle_id, rank, id);

-- An objection (异议) to one entry during the notice, and the office's answer.
CREATE TABLE talent_cycle_objections (
  id                      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  cycle_id                uuid NOT NULL REFERENCES talent_cycles (id) ON DELETE CASCADE,
  entry_type              text NOT NULL CHECK (entry_type IN ('talent', 'enterprise')),
  entry_id                uuid NOT NULL,
  text                    text NOT NULL CHECK (length(text) BETWEEN 5 AND 2000),
  raised_by               uuid NOT NULL REFERENCES users (id),
  raised_by_enterprise_id uuid REFERENCES enterprises (id) ON DELETE SET NULL,
  raised_at               timestamptz NOT NULL,
  status                  text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'upheld', 'dismissed')),
  answer                  text,
  correction              jsonb,     -- upheld: { before: {points, tier}, after: {points, tier} }
  answered_by             uuid REFERENCES users (id),
  answered_at             timestamptz,
  CHECK ((status = 'pending') = (answered_at IS NULL))
);
CREATE INDEX talent_cycle_objections_cycle ON talent_cycle_objections (cycle_id, status, raised_at);
CREATE INDEX talent_cycle_objections_raiser ON talent_cycle_objections (raised_by, raised_at DESC);

-- The shipped roles gain the cycle's permissions (sync-system-roles.ts creates missing roles only).
UPDATE roles SET permissions = array_cat(permissions, ARRAY['talent.cycle.read', 'talent.cycle.manage']), updated_at = now()
  WHERE code = 'talent_officer' AND NOT ('talent.cycle.manage' = ANY (permissions));
UPDATE roles SET permissions = array_cat(permissions, ARRAY['talent.cycle.read', 'talent.cycle.object']), updated_at = now()
  WHERE code = 'talent_hr' AND NOT ('talent.cycle.object' = ANY (permissions));
UPDATE roles SET permissions = array_cat(permissions, ARRAY['talent.cycle.read', 'talent.cycle.object']), updated_at = now()
  WHERE code = 'talent' AND NOT ('talent.cycle.object' = ANY (permissions));
