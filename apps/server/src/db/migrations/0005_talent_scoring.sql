-- 企业人才积分制, part 1: points schemes and scores (modules/talent/scoring, docs/talent/SCORING.md).
-- A scheme version is a document with an effective period: drafted, published (then immutable),
-- retired. Scores record the version and the date "as of" which they were computed; publishing a
-- new version adds scores, it never rewrites those of an older one.

CREATE TABLE talent_scheme_versions (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind           text NOT NULL CHECK (kind IN ('personal', 'enterprise')),
  code           text NOT NULL,                                    -- e.g. tiantai-personal
  version        text NOT NULL,                                    -- the document's version label
  name           jsonb NOT NULL,                                   -- { zh, en }
  status         text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'retired')),
  effective_from date NOT NULL,
  effective_to   date,                                             -- null: open-ended
  document       jsonb NOT NULL,                                   -- the parsed, validated document
  source         text NOT NULL,                                    -- as the author wrote it (comments kept)
  source_format  text NOT NULL CHECK (source_format IN ('yaml', 'json')),
  content_hash   text NOT NULL,                                    -- A's contentHash of the document
  revision       integer NOT NULL DEFAULT 1,                       -- optimistic lock for draft edits
  created_by     uuid REFERENCES users (id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  published_by   uuid REFERENCES users (id),
  published_at   timestamptz,
  retired_by     uuid REFERENCES users (id),
  retired_at     timestamptz,
  UNIQUE (code, version),
  CHECK (effective_to IS NULL OR effective_to >= effective_from),
  CHECK ((status = 'draft') = (published_at IS NULL))
);
CREATE INDEX talent_scheme_versions_kind ON talent_scheme_versions (kind, status, effective_from);

-- Two published versions of one kind never cover the same day, and a published version's rules
-- never change. Checked here (not only in the service) so no code path can get round it; the
-- advisory lock serialises concurrent publishes of the same kind.
CREATE FUNCTION talent_scheme_versions_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  other record;
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.status <> 'draft' THEN
    IF NEW.document IS DISTINCT FROM OLD.document OR NEW.source IS DISTINCT FROM OLD.source
       OR NEW.effective_from IS DISTINCT FROM OLD.effective_from OR NEW.effective_to IS DISTINCT FROM OLD.effective_to
       OR NEW.kind IS DISTINCT FROM OLD.kind OR NEW.code IS DISTINCT FROM OLD.code OR NEW.version IS DISTINCT FROM OLD.version THEN
      RAISE EXCEPTION 'a % scheme version cannot be changed', OLD.status USING ERRCODE = 'check_violation';
    END IF;
    IF OLD.status = 'retired' AND NEW.status <> 'retired' OR OLD.status = 'published' AND NEW.status = 'draft' THEN
      RAISE EXCEPTION 'scheme status cannot go from % to %', OLD.status, NEW.status USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  IF NEW.status = 'published' THEN
    PERFORM pg_advisory_xact_lock(hashtext('talent_scheme_publish:' || NEW.kind));
    SELECT id, version INTO other FROM talent_scheme_versions v
    WHERE v.kind = NEW.kind AND v.status = 'published' AND v.id <> NEW.id
      AND daterange(v.effective_from, v.effective_to, '[]') && daterange(NEW.effective_from, NEW.effective_to, '[]')
    LIMIT 1;
    IF FOUND THEN
      RAISE EXCEPTION 'published % scheme % already covers part of this period', NEW.kind, other.version
        USING ERRCODE = 'exclusion_violation';
    END IF;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER talent_scheme_versions_guard BEFORE INSERT OR UPDATE ON talent_scheme_versions
  FOR EACH ROW EXECUTE FUNCTION talent_scheme_versions_guard();

-- A talent's points under one version, as of one date. The current score of a talent is the
-- latest as_of under the version in effect. result = the engine's EvaluationResult (plain JSON),
-- from which explanations are rendered in either language without the scheme.
CREATE TABLE talent_scores (
  talent_id         uuid NOT NULL REFERENCES talents (id) ON DELETE CASCADE,
  scheme_version_id uuid NOT NULL REFERENCES talent_scheme_versions (id),
  as_of             date NOT NULL,
  enterprise_id     uuid,                                           -- the employer when computed
  total             numeric NOT NULL,
  complete          boolean NOT NULL,                               -- every item evaluated
  passed            boolean,                                        -- null: cannot tell (facts missing)
  result            jsonb NOT NULL,
  computed_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (talent_id, scheme_version_id, as_of)
);
CREATE INDEX talent_scores_version ON talent_scores (scheme_version_id, as_of, enterprise_id);

-- Enterprise facts a person cannot be asked about (引进人才数, 人才平台, 培训投入), per year.
-- staffPointsTotal is never stored here: the platform sums the talents' points.
CREATE TABLE talent_enterprise_facts (
  enterprise_id uuid NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
  year          integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  facts         jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(facts) = 'object'),
  updated_by    uuid REFERENCES users (id),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (enterprise_id, year)
);

CREATE TABLE talent_enterprise_scores (
  enterprise_id      uuid NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
  scheme_version_id  uuid NOT NULL REFERENCES talent_scheme_versions (id),
  as_of              date NOT NULL,
  personal_version_id uuid REFERENCES talent_scheme_versions (id), -- whose points make staffPointsTotal
  staff_points_total numeric NOT NULL,
  talent_count       integer NOT NULL,
  total              numeric NOT NULL,
  complete           boolean NOT NULL,
  tier               text,                                          -- tier id; null: incomplete or vetoed
  rank               integer,
  result             jsonb NOT NULL,
  computed_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (enterprise_id, scheme_version_id, as_of)
);
CREATE INDEX talent_enterprise_scores_version ON talent_enterprise_scores (scheme_version_id, as_of, rank);

-- What-if runs (试算): a draft over the whole current population, against the published version.
CREATE TABLE talent_whatif_runs (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  draft_id          uuid NOT NULL REFERENCES talent_scheme_versions (id) ON DELETE CASCADE,
  baseline_id       uuid REFERENCES talent_scheme_versions (id),  -- the published version compared with
  draft_hash        text NOT NULL,                                 -- the draft as it was run
  as_of             date NOT NULL,
  status            text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
  talent_counts     jsonb,
  enterprise_counts jsonb,
  job_id            bigint,
  error             text,
  created_by        uuid REFERENCES users (id),
  created_at        timestamptz NOT NULL DEFAULT now(),
  finished_at       timestamptz
);
CREATE INDEX talent_whatif_runs_draft ON talent_whatif_runs (draft_id, created_at);

-- The subjects whose points or tier would change (unchanged ones are only counted).
CREATE TABLE talent_whatif_rows (
  run_id        uuid NOT NULL REFERENCES talent_whatif_runs (id) ON DELETE CASCADE,
  subject_type  text NOT NULL CHECK (subject_type IN ('talent', 'enterprise')),
  subject_id    uuid NOT NULL,
  enterprise_id uuid,
  before_total  numeric,
  before_tier   text,
  after_total   numeric,
  after_tier    text,
  delta         numeric,
  change        text NOT NULL,
  tier_changed  boolean NOT NULL,
  tier_move     text,
  PRIMARY KEY (run_id, subject_type, subject_id)
);
