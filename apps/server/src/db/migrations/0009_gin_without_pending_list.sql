-- GIN indexes without a pending list. With `fastupdate` (the default) new entries go to an
-- unsorted pending list that every search reads in full, until VACUUM (autovacuum) or a list
-- larger than gin_pending_list_limit (4 MB) merges it. PGlite has no autovacuum, so the list of
-- enterprises_name_bigrams grows until the 4 MB flush: with 139 pages pending (the 50,000-enterprise
-- bench registry), the street + name count took 4.5-5.0 ms of CPU instead of 2.3-2.6 once cached,
-- 14 instead of 6 the first time (bench/RESULTS.md, run 6); up to 512 pages can be pending.
-- Entries now go straight into the index: a little more per written row, nothing per search.
-- A bulk import drops and rebuilds the name index around its writes instead (import job).
ALTER INDEX enterprises_name_bigrams SET (fastupdate = off);
ALTER INDEX enterprises_tags SET (fastupdate = off);
-- Turning fastupdate off does not merge what is already pending.
SELECT gin_clean_pending_list('enterprises_name_bigrams'::regclass);
SELECT gin_clean_pending_list('enterprises_tags'::regclass);
