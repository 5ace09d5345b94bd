-- The days a recompute has finished, per scheme version. Readers take "the latest day" from here,
-- not from max(as_of) of the scores: a recompute writes a new day batch by batch (not in one
-- transaction, so that PGlite's one session is not held for the whole job), and until it ends —
-- or if it fails half-way — that day holds only part of the population and must not be shown.
CREATE TABLE talent_score_days (
  scheme_version_id uuid NOT NULL REFERENCES talent_scheme_versions (id),
  as_of             date NOT NULL,
  row_count         integer NOT NULL,
  completed_at      timestamptz NOT NULL,
  PRIMARY KEY (scheme_version_id, as_of)
);

-- Days computed before this table existed are taken as complete.
INSERT INTO talent_score_days (scheme_version_id, as_of, row_count, completed_at)
  SELECT scheme_version_id, as_of, count(*), max(computed_at) FROM talent_scores GROUP BY 1, 2;
INSERT INTO talent_score_days (scheme_version_id, as_of, row_count, completed_at)
  SELECT scheme_version_id, as_of, count(*), max(computed_at) FROM talent_enterprise_scores GROUP BY 1, 2;
