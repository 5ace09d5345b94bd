-- The third kind of points scheme: the talent bonus an enterprise's points add to the county's
-- industrial enterprise comprehensive evaluation (工业企业综合评价, 0–8 points), versioned and
-- published like the other two (docs/talent/EVALUATION_BONUS.md).
ALTER TABLE talent_scheme_versions DROP CONSTRAINT talent_scheme_versions_kind_check;
ALTER TABLE talent_scheme_versions ADD CONSTRAINT talent_scheme_versions_kind_check
  CHECK (kind IN ('personal', 'enterprise', 'evaluation_bonus'));

-- One enterprise's bonus under one bonus version as of one day: a record of its own, never merged
-- into another score. It names the enterprise score it was computed from (the enterprise version
-- and its day) and keeps the points and the compact result ({ v: 2, facts, points }) from which the
-- explanation is rebuilt, as talent_scores does.
CREATE TABLE talent_evaluation_bonuses (
  enterprise_id          uuid NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
  scheme_version_id      uuid NOT NULL REFERENCES talent_scheme_versions (id),
  as_of                  date NOT NULL,
  enterprise_version_id  uuid NOT NULL REFERENCES talent_scheme_versions (id),
  enterprise_as_of       date NOT NULL,
  enterprise_points      numeric NOT NULL,
  enterprise_tier        text,
  points                 numeric NOT NULL,
  complete               boolean NOT NULL,
  result                 json NOT NULL,
  computed_at            timestamptz NOT NULL,
  PRIMARY KEY (enterprise_id, scheme_version_id, as_of)
);
CREATE INDEX talent_evaluation_bonuses_version ON talent_evaluation_bonuses (scheme_version_id, as_of, points DESC);
