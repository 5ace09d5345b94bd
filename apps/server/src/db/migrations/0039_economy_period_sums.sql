-- Economy: per-period sums for the leaders' screen (issue 9, "first screen under 1 s";
-- docs/economy/GROWTH.md "Period sums"). The screen's headline, months and groups are sums over
-- the above-scale cohort of a period joined with the same period a year earlier: at 50,000
-- enterprises × 36 months that join read 1.8 M figure rows per view (bench/RESULTS.md run 19).
-- economy_period_sums holds those sums per period and per (street, park, industry) — a few hundred
-- rows a period — so the screen adds up rows instead of joining enterprises; scope by street is a
-- prefix on division_code, an ecosystem a prefix on industry_code, exactly as the live query.
--
-- Kept right by a change counter, not by recomputing in the writer's transaction: triggers mark a
-- period changed (changed_seq = nextval) when its figures, a year earlier's figures, its year's
-- above-scale list, or an enterprise's street / park / industry change; the reader (or the import
-- job at its end) recomputes a period whose summed_seq is behind and records the changed_seq it
-- read BEFORE summing, so a change committed while it summed leaves the period marked again.

CREATE SEQUENCE economy_sums_seq;

CREATE TABLE economy_sums_periods (
  year         smallint NOT NULL,
  period       text NOT NULL,
  basis        text NOT NULL,
  changed_seq  bigint NOT NULL,
  summed_seq   bigint,
  summed_at    timestamptz,
  PRIMARY KEY (year, period, basis)
);

CREATE TABLE economy_period_sums (
  year            smallint NOT NULL,
  period          text NOT NULL,
  basis           text NOT NULL,
  division_code   text NOT NULL,
  park_key        text NOT NULL,           -- the park id as text, '' outside any park
  industry_code   text NOT NULL,
  -- the above-scale cohort of the year (economy_scale_status), as growth.repo.ts: growthSums
  as_size         integer NOT NULL,        -- cohort enterprises
  as_with_row     integer NOT NULL,        -- of them, with a figure row this period (the month exists for the series)
  rev_reported    integer NOT NULL,
  rev_compared    integer NOT NULL,
  rev_total       numeric NOT NULL,
  rev_cur         numeric NOT NULL,
  rev_base        numeric NOT NULL,
  tax_reported    integer NOT NULL,
  tax_compared    integer NOT NULL,
  tax_total       numeric NOT NULL,
  tax_cur         numeric NOT NULL,
  tax_base        numeric NOT NULL,
  -- employees, cohort = every enterprise that reported employees this period
  emp_reported    integer NOT NULL,
  emp_compared    integer NOT NULL,
  emp_total       numeric NOT NULL,
  emp_cur         numeric NOT NULL,
  emp_base        numeric NOT NULL,
  PRIMARY KEY (year, period, basis, division_code, park_key, industry_code)
);

-- Figures written: their period changed, and the same period a year later (its base).
CREATE FUNCTION economy_sums_mark_figures() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO economy_sums_periods AS p (year, period, basis, changed_seq)
  SELECT year, period, basis, nextval('economy_sums_seq') FROM (
    SELECT DISTINCT year, period, basis FROM changed_rows
  ) k
  ON CONFLICT (year, period, basis) DO UPDATE SET changed_seq = excluded.changed_seq;
  UPDATE economy_sums_periods p SET changed_seq = nextval('economy_sums_seq')
  WHERE (p.year, p.period, p.basis) IN (SELECT DISTINCT year + 1, period, basis FROM changed_rows);
  RETURN NULL;
END $$;
CREATE TRIGGER economy_sums_figures_insert AFTER INSERT ON economy_figures
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION economy_sums_mark_figures();
CREATE TRIGGER economy_sums_figures_update AFTER UPDATE ON economy_figures
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION economy_sums_mark_figures();
CREATE TRIGGER economy_sums_figures_delete AFTER DELETE ON economy_figures
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION economy_sums_mark_figures();

-- A year's above-scale list changed: every period of that year (its cohort).
CREATE FUNCTION economy_sums_mark_status() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE economy_sums_periods p SET changed_seq = nextval('economy_sums_seq')
  WHERE p.year IN (SELECT DISTINCT year FROM changed_rows);
  RETURN NULL;
END $$;
CREATE TRIGGER economy_sums_status_insert AFTER INSERT ON economy_scale_status
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION economy_sums_mark_status();
CREATE TRIGGER economy_sums_status_update AFTER UPDATE ON economy_scale_status
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION economy_sums_mark_status();
CREATE TRIGGER economy_sums_status_delete AFTER DELETE ON economy_scale_status
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION economy_sums_mark_status();

-- An enterprise moved street, park or industry: every period (the groups it is summed in).
CREATE FUNCTION economy_sums_mark_enterprises() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM new_rows n JOIN old_rows o ON o.id = n.id
             WHERE (n.division_code, n.park_id, n.industry_code) IS DISTINCT FROM (o.division_code, o.park_id, o.industry_code)) THEN
    UPDATE economy_sums_periods SET changed_seq = nextval('economy_sums_seq');
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER economy_sums_enterprises_update AFTER UPDATE ON enterprises
  REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION economy_sums_mark_enterprises();

-- Figures already loaded: every period is marked, summed on first read.
INSERT INTO economy_sums_periods (year, period, basis, changed_seq)
SELECT year, period, basis, nextval('economy_sums_seq') FROM (SELECT DISTINCT year, period, basis FROM economy_figures) k;

-- Investment projects on a map (issue 9: "projects on a map or by street"): where the project is,
-- latitude / longitude in GCJ-02 like enterprises.lat / lng (0024); null while unknown (the map
-- counts those apart). docs/economy/PROJECTS.md "Map".
ALTER TABLE economy_projects ADD COLUMN lat double precision CHECK (lat BETWEEN -90 AND 90);
ALTER TABLE economy_projects ADD COLUMN lng double precision CHECK (lng BETWEEN -180 AND 180);
ALTER TABLE economy_projects ADD CONSTRAINT economy_projects_lat_lng_both CHECK ((lat IS NULL) = (lng IS NULL));
