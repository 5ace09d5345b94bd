-- Economy module, part 1: enterprise indicators (issue 9). docs/economy/DATA.md explains each table.

-- One row per enterprise, period and basis (累计 cumulative / 当期 single period): the figures the
-- enterprise reported for it. period is '01'..'12' (a month) or 'Q1'..'Q4' (a quarter) of year.
-- Money in fen (bigint, exact); energy in 吨标准煤 to the kilogram; land in 亩 to 0.01.
-- A figure left empty is unknown (NULL), never zero.
CREATE TABLE economy_figures (
  enterprise_id    uuid NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
  year             smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  period           text NOT NULL CHECK (period ~ '^(0[1-9]|1[0-2]|Q[1-4])$'),
  basis            text NOT NULL CHECK (basis IN ('cumulative', 'current')),
  revenue_fen      bigint CHECK (revenue_fen >= 0),
  output_fen       bigint CHECK (output_fen >= 0),
  value_added_fen  bigint,
  tax_fen          bigint CHECK (tax_fen >= 0),
  profit_fen       bigint,
  rd_fen           bigint CHECK (rd_fen >= 0),
  employees        integer CHECK (employees >= 0),
  energy_tce       numeric(14, 3) CHECK (energy_tce >= 0),
  land_mu          numeric(12, 2) CHECK (land_mu >= 0),
  source           text NOT NULL DEFAULT 'import' CHECK (source IN ('import', 'correction', 'seed')),
  updated_by       uuid REFERENCES users (id) ON DELETE SET NULL,
  updated_at       timestamptz NOT NULL DEFAULT now(),
  version          integer NOT NULL DEFAULT 1,
  PRIMARY KEY (enterprise_id, year, period, basis)
);
-- The growth query reads one period (and the same period a year earlier) for every enterprise.
CREATE INDEX economy_figures_period ON economy_figures (year, period, basis) INCLUDE (enterprise_id, revenue_fen, tax_fen);

-- Every value a figure row had before an import or a correction replaced it: nothing is lost.
CREATE TABLE economy_figure_history (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  enterprise_id    uuid NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
  year             smallint NOT NULL,
  period           text NOT NULL,
  basis            text NOT NULL,
  before           jsonb NOT NULL,
  after            jsonb NOT NULL,
  change           text NOT NULL CHECK (change IN ('import', 'correction')),
  reason           text NOT NULL DEFAULT '',
  changed_by       uuid REFERENCES users (id) ON DELETE SET NULL,
  changed_by_name  text NOT NULL DEFAULT '',
  changed_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX economy_figure_history_row ON economy_figure_history (enterprise_id, year, period, basis, id);

-- Above-scale (规上) status per enterprise and year, derived from the previous year's annual
-- revenue in the figures (modules/economy/domain/above-scale.ts), with its explanation.
CREATE TABLE economy_scale_status (
  enterprise_id       uuid NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
  year                smallint NOT NULL,
  above_scale         boolean NOT NULL,
  revenue_year        smallint NOT NULL,
  annual_revenue_fen  bigint,
  threshold_fen       bigint,
  sector              text NOT NULL,
  reason              text NOT NULL,
  computed_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (enterprise_id, year)
);
CREATE INDEX economy_scale_status_year ON economy_scale_status (year, enterprise_id) WHERE above_scale;

-- 产业生态圈: a configurable grouping of industry codes (prefixes at any level: 65, 651, 6513).
CREATE TABLE economy_ecosystems (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name              text NOT NULL UNIQUE,
  name_en           text NOT NULL DEFAULT '',
  industry_prefixes text[] NOT NULL CHECK (cardinality(industry_prefixes) > 0),
  description       text NOT NULL DEFAULT '',
  sort_order        integer NOT NULL DEFAULT 0,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  version           integer NOT NULL DEFAULT 1
);

-- A growth rate the statistics bureau published, kept beside (never instead of) the computed one.
CREATE TABLE economy_official_rates (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  indicator     text NOT NULL,
  scope_kind    text NOT NULL CHECK (scope_kind IN ('county', 'ecosystem', 'street', 'park')),
  scope_key     text NOT NULL DEFAULT '',
  year          smallint NOT NULL,
  period        text NOT NULL CHECK (period ~ '^(0[1-9]|1[0-2]|Q[1-4])$'),
  basis         text NOT NULL CHECK (basis IN ('cumulative', 'current')),
  rate_percent  numeric(8, 2) NOT NULL,
  source        text NOT NULL,
  entered_by    uuid REFERENCES users (id) ON DELETE SET NULL,
  entered_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (indicator, scope_kind, scope_key, year, period, basis)
);
