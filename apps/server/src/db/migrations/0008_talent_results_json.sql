-- Score results are written in bulk and read whole; nothing queries inside them. As json (the
-- text, checked on input) instead of jsonb (parsed into a binary tree on input, every number
-- into a numeric), PostgreSQL spends about a third less on a 100,000-talent recompute
-- (bench/RESULTS.md, talent recompute). Values read back are the same JSON.
ALTER TABLE talent_scores ALTER COLUMN result TYPE json USING result::json;
ALTER TABLE talent_enterprise_scores ALTER COLUMN result TYPE json USING result::json;
