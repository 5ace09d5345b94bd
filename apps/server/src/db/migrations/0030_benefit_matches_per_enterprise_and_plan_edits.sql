-- 惠企政策匹配结果的新存储 (issue 6, part 2): one row per enterprise with arrays of policies,
-- instead of one row per (policy, enterprise) pair.
--
-- Why: matching 200 policies against 50,000 enterprises stored ~2.1 million pair rows, each with
-- two foreign-key checks and two B-tree entries; the write was 97 % of the 1,054 s it took
-- (bench/RESULTS.md, run 16), and re-matching one enterprise deleted and inserted ~40 rows.
-- Now the full match writes ~48,000 rows, and re-matching one enterprise replaces one row.
--
-- A policy is referred to by a small integer key (match_key), so the arrays stay compact.
ALTER TABLE benefit_policies ADD COLUMN match_key integer GENERATED ALWAYS AS IDENTITY;
ALTER TABLE benefit_policies ADD CONSTRAINT benefit_policies_match_key UNIQUE (match_key);

DROP TABLE benefit_matches;

-- The matcher's outcomes for one enterprise: the policies (match keys) it is eligible for and
-- those it nearly is, and the per-criterion codes of each (P pass, F fail, U unknown) in the
-- order of `eligible || nearly`. An enterprise with neither has no row.
CREATE TABLE benefit_enterprise_matches (
  enterprise_id uuid PRIMARY KEY REFERENCES enterprises (id) ON DELETE CASCADE,
  eligible      integer[] NOT NULL,
  nearly        integer[] NOT NULL,
  codes         text[] NOT NULL,
  CHECK (cardinality(codes) = cardinality(eligible) + cardinality(nearly))
);
-- "Which enterprises does policy k find eligible / nearly": eligible @> ARRAY[k]. Without the
-- pending list: PGlite has no autovacuum to merge it (as for the name bigrams, migration 0009).
CREATE INDEX benefit_enterprise_matches_eligible ON benefit_enterprise_matches USING gin (eligible) WITH (fastupdate = off);
CREATE INDEX benefit_enterprise_matches_nearly ON benefit_enterprise_matches USING gin (nearly) WITH (fastupdate = off);

-- The pairs as rows, for reads by enterprise (the filter on enterprise_id reaches the primary
-- key) and for inspection. Reads by policy use the arrays above (the view cannot use their index).
CREATE VIEW benefit_matches AS
  SELECT p.id AS policy_id, m.enterprise_id,
         CASE WHEN u.i <= cardinality(m.eligible) THEN 'eligible' ELSE 'nearly' END AS outcome,
         u.code AS codes
  FROM benefit_enterprise_matches m
  CROSS JOIN LATERAL unnest(m.eligible || m.nearly, m.codes) WITH ORDINALITY AS u (match_key, code, i)
  JOIN benefit_policies p ON p.match_key = u.match_key;

-- The old outcomes are gone: the next re-matching run (every 30 s) takes every enterprise as changed.
UPDATE benefit_match_state SET enterprises_to = '1970-01-01T00:00:00Z', facts_to = '1970-01-01T00:00:00Z';

-- 走访计划 can be edited (who, when, which enterprises): the plan shows who changed it last and when.
ALTER TABLE service_visit_plans ADD COLUMN updated_by uuid REFERENCES users (id) ON DELETE SET NULL;
ALTER TABLE service_visit_plans ADD COLUMN updated_by_name text NOT NULL DEFAULT '';
