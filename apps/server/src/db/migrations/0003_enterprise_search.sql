-- Name search without a full scan. pg_trgm cannot serve the usual two-character Chinese search
-- term (its trigrams of '数智' pad into '  数', ' 数智', which never occur inside a name), so names
-- are indexed by their character pairs: a name contains the term only if it holds every pair of
-- the term; ILIKE then checks the order (enterprise.repo.ts). Measured: bench/RESULTS.md.
CREATE FUNCTION text_bigrams(t text) RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  RETURN ARRAY(SELECT DISTINCT substr(lower(t), i, 2) FROM generate_series(1, char_length(t) - 1) AS i);

CREATE INDEX enterprises_name_bigrams ON enterprises USING gin (text_bigrams(name));
