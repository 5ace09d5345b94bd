-- 企业人才积分制, part 1: the talent registry (modules/talent). One row per person, keyed by the
-- 居民身份证号码; the employment history; registration conflicts between enterprises.

CREATE TABLE talents (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  id_number     text NOT NULL UNIQUE CHECK (id_number ~ '^[0-9]{17}[0-9X]$'), -- GB 11643; personal data, shown masked
  name          text NOT NULL,
  gender        text NOT NULL CHECK (gender IN ('male', 'female')),     -- derived from the ID number
  birth_date    date NOT NULL,                                          -- derived from the ID number
  phone         text NOT NULL DEFAULT '',                               -- personal data: masked unless revealed
  user_id       uuid UNIQUE REFERENCES users (id) ON DELETE SET NULL,   -- the talent's own account, if any
  enterprise_id uuid REFERENCES enterprises (id),                       -- current employer
  status        text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive')),
  facts         jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(facts) = 'object'), -- scoring facts by name
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  version       integer NOT NULL DEFAULT 1
);
CREATE INDEX talents_enterprise ON talents (enterprise_id, updated_at, id);
CREATE INDEX talents_updated ON talents (updated_at, id);
CREATE INDEX talents_name_sort ON talents (name, id);
CREATE INDEX talents_education ON talents ((facts ->> 'education'));
CREATE INDEX talents_category ON talents ((facts ->> 'talentCategory'));

CREATE TABLE talent_employments (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  talent_id     uuid NOT NULL REFERENCES talents (id) ON DELETE CASCADE,
  enterprise_id uuid NOT NULL REFERENCES enterprises (id),
  started_on    date NOT NULL,
  ended_on      date,                                                   -- null: the current employment
  created_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (ended_on IS NULL OR ended_on >= started_on)
);
CREATE INDEX talent_employments_talent ON talent_employments (talent_id, started_on);
CREATE INDEX talent_employments_enterprise ON talent_employments (enterprise_id);
CREATE UNIQUE INDEX talent_employments_current ON talent_employments (talent_id) WHERE ended_on IS NULL;

-- Enterprise B registered an ID number that enterprise A employs: no second talent, a conflict
-- for the talent office (人才科) to resolve.
CREATE TABLE talent_conflicts (
  id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  talent_id              uuid NOT NULL REFERENCES talents (id) ON DELETE CASCADE,
  id_number              text NOT NULL,
  name                   text NOT NULL,                                 -- the name B gave
  holder_enterprise_id   uuid REFERENCES enterprises (id),              -- A, the employer at the time
  claimant_enterprise_id uuid NOT NULL REFERENCES enterprises (id),     -- B
  submitted              jsonb NOT NULL DEFAULT '{}',                   -- what B submitted (phone masked)
  status                 text NOT NULL DEFAULT 'open'
                         CHECK (status IN ('open', 'resolved_to_holder', 'resolved_to_claimant', 'dismissed')),
  note                   text NOT NULL DEFAULT '',
  created_by             uuid REFERENCES users (id),
  created_at             timestamptz NOT NULL DEFAULT now(),
  resolved_by            uuid REFERENCES users (id),
  resolved_at            timestamptz
);
CREATE INDEX talent_conflicts_status ON talent_conflicts (status, created_at);
CREATE UNIQUE INDEX talent_conflicts_open ON talent_conflicts (talent_id, claimant_enterprise_id) WHERE status = 'open';
