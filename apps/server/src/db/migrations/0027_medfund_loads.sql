-- Medical fund supervision (医保基金监管), part A: the platform's side of the claims data
-- (docs/medfund/IMPORT.md). The claims themselves live in the claims store (DuckDB by default,
-- or schema `medfund` in PostgreSQL: modules/medfund/claims); this database keeps what officers
-- manage: the column mappings they save and reuse, and every data load with its counts, status,
-- progress and per-row errors.

-- A saved column mapping: which column of the user's file fills which column of a claims table.
CREATE TABLE medfund_column_mappings (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  target_table  text NOT NULL CHECK (target_table ~ '^[a-z_]{2,40}$'),
  -- { "<claims column>": "<file header>" }; a column not listed is left empty (NULL)
  columns       jsonb NOT NULL,
  -- how the file writes dates ('YYYY-MM-DD', 'YYYYMMDD', 'YYYY/MM/DD') and its CSV delimiter
  date_format   text NOT NULL DEFAULT 'YYYY-MM-DD' CHECK (date_format IN ('YYYY-MM-DD', 'YYYYMMDD', 'YYYY/MM/DD')),
  delimiter     text NOT NULL DEFAULT ',' CHECK (delimiter IN (',', ';', '|', E'\t')),
  -- the built-in mapping of the national layout (one per table); not editable, not deletable
  builtin       boolean NOT NULL DEFAULT false,
  created_by    uuid REFERENCES users (id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (name)
);

-- A data load: one file into one claims table (or the generator's district-year into all of them).
CREATE TABLE medfund_data_loads (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  source          text NOT NULL CHECK (source IN ('upload', 'cli', 'generator')),
  target_table    text NOT NULL CHECK (target_table ~ '^[a-z_*]{1,40}$'),   -- '*' = every table (generator)
  mapping_id      bigint REFERENCES medfund_column_mappings (id) ON DELETE SET NULL,
  file_name       text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
  file_format     text NOT NULL CHECK (file_format IN ('csv', 'xlsx', 'parquet', 'generated')),
  file_size       bigint NOT NULL DEFAULT 0 CHECK (file_size >= 0),
  file_sha256     text CHECK (file_sha256 ~ '^[0-9a-f]{64}$'),
  status          text NOT NULL DEFAULT 'queued'
                  CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'duplicate')),
  -- the earlier load of the same content into the same table (status 'duplicate': nothing added)
  duplicate_of    bigint REFERENCES medfund_data_loads (id),
  rows_read       bigint NOT NULL DEFAULT 0,
  rows_added      bigint NOT NULL DEFAULT 0,
  rows_existing   bigint NOT NULL DEFAULT 0,    -- valid rows whose natural key was already stored
  rows_rejected   bigint NOT NULL DEFAULT 0,
  -- the generator's per-table counts and the like
  detail          jsonb NOT NULL DEFAULT '{}',
  error           text,                         -- why the load as a whole failed (zh)
  job_id          bigint REFERENCES jobs (id),
  claims_engine   text NOT NULL CHECK (claims_engine IN ('duckdb', 'postgres')),
  created_by      uuid REFERENCES users (id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  started_at      timestamptz,
  finished_at     timestamptz
);
CREATE INDEX medfund_data_loads_recent ON medfund_data_loads (created_at DESC, id DESC);
-- one successful load per content and table: the same file again is recorded as 'duplicate'
CREATE UNIQUE INDEX medfund_data_loads_content ON medfund_data_loads (target_table, file_sha256)
  WHERE status = 'succeeded' AND file_sha256 IS NOT NULL;

-- The rows a load rejected, with the reason: the downloadable error report.
CREATE TABLE medfund_load_errors (
  load_id   bigint NOT NULL REFERENCES medfund_data_loads (id) ON DELETE CASCADE,
  row_no    bigint NOT NULL,                    -- 1 = the first data row under the header
  column_name text NOT NULL DEFAULT '',       -- '' = the row as a whole
  code      text NOT NULL CHECK (code ~ '^[A-Z_]{2,40}$'),
  message   text NOT NULL,                      -- zh, says what and where
  value     text,
  PRIMARY KEY (load_id, row_no, code, column_name)
);
