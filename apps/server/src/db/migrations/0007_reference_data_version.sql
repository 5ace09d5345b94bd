-- Which shipped reference files (industries, divisions) the tables were last loaded from: start-up
-- compares a hash of the files with this row instead of parsing them (bootstrap.ts), and reloads
-- when a file changed — names too, not only row counts.
CREATE TABLE reference_data_version (
  id         boolean PRIMARY KEY DEFAULT true CHECK (id),
  hash       text NOT NULL,
  loaded_at  timestamptz NOT NULL DEFAULT now()
);
