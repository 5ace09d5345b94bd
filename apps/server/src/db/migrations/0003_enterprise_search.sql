-- Name search without a full scan. pg_trgm cannot serve the usual two-character Chinese search
-- term (its trigrams of '数智' pad into '  数', ' 数智', which never occur inside a name), so names
-- are indexed by their pairs of adjacent characters: a name contains the term only if it holds
-- every pair of the term; ILIKE then checks the order (enterprise.repo.ts). The pairs are
-- computed by the application on every write (core/enterprises/domain/name-bigrams.ts): a SQL
-- function in an expression index cost ~3 ms per inserted row on PGlite. Measured: bench/RESULTS.md.
ALTER TABLE enterprises ADD COLUMN name_bigrams text[] NOT NULL DEFAULT '{}';

-- Rows that exist already, once, with the same rule as nameBigrams().
CREATE FUNCTION pg_temp.name_bigrams(t text) RETURNS text[] LANGUAGE sql IMMUTABLE
  RETURN ARRAY(SELECT DISTINCT substr(lower(t), i, 2) FROM generate_series(1, char_length(t) - 1) AS i);
UPDATE enterprises SET name_bigrams = pg_temp.name_bigrams(name);

CREATE INDEX enterprises_name_bigrams ON enterprises USING gin (name_bigrams);
