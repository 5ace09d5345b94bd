-- Economy module, part 4: technology transfer (科技成果转化, issue 9). docs/economy/TRANSFER.md.

-- The laboratories (and other institutions) that offer research results: the article names
-- 之江实验室 and 天目山实验室; the list is data, so a new partner is a row, not a release.
CREATE TABLE economy_labs (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name        text NOT NULL UNIQUE,
  name_en     text NOT NULL DEFAULT '',
  kind        text NOT NULL DEFAULT 'lab' CHECK (kind IN ('lab', 'university', 'institute', 'enterprise')),
  sort_order  integer NOT NULL DEFAULT 0,
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- A research result offered for transfer. Maturity is the technology readiness level (TRL 1-9,
-- ISO 16290). Modes follow 《促进科技成果转化法》 art. 16: licence, assignment, equity (作价投资),
-- joint development (合作实施). Price expectation in fen (entered in 万元), a range.
-- industry_prefixes and keywords drive the matching (modules/economy/domain/transfer-match.ts).
CREATE TABLE economy_transfer_results (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  lab_id             uuid NOT NULL REFERENCES economy_labs (id),
  title              text NOT NULL CHECK (length(title) BETWEEN 2 AND 200),
  summary            text NOT NULL DEFAULT '',
  field              text NOT NULL CHECK (field IN ('ai', 'chips', 'network', 'biomed', 'materials', 'manufacturing', 'aerospace', 'energy', 'other')),
  maturity           smallint NOT NULL CHECK (maturity BETWEEN 1 AND 9),
  patents            jsonb NOT NULL DEFAULT '[]',
  modes              text[] NOT NULL CHECK (cardinality(modes) > 0 AND modes <@ ARRAY['licence', 'assignment', 'equity', 'joint_development']),
  price_min_fen      bigint CHECK (price_min_fen >= 0),
  price_max_fen      bigint CHECK (price_max_fen >= 0),
  industry_prefixes  text[] NOT NULL DEFAULT '{}',
  keywords           text[] NOT NULL DEFAULT '{}',
  offered_on         date NOT NULL,
  status             text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'landed', 'withdrawn')),
  created_by         uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  version            integer NOT NULL DEFAULT 1,
  CHECK (price_max_fen IS NULL OR price_min_fen IS NULL OR price_max_fen >= price_min_fen)
);
CREATE INDEX economy_transfer_results_lab ON economy_transfer_results (lab_id, offered_on);
CREATE INDEX economy_transfer_results_offered ON economy_transfer_results (offered_on DESC, id);

-- One enterprise (or a founding team not yet registered: prospect_name) approached about one
-- result: contacted → negotiating → landed | failed. The score at first contact is kept (the
-- matching moves as the figures do). A landed deal names the enterprise in the registry the
-- transfer landed in (landed_enterprise_id): the contacted one, another one linked, or a company
-- registered when it landed (new_enterprise, e.g. a spin-off founded to take an equity stake).
CREATE TABLE economy_transfer_deals (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  result_id        uuid NOT NULL REFERENCES economy_transfer_results (id) ON DELETE CASCADE,
  enterprise_id    uuid REFERENCES enterprises (id) ON DELETE SET NULL,
  prospect_name    text NOT NULL DEFAULT '',
  stage            text NOT NULL DEFAULT 'contacted' CHECK (stage IN ('contacted', 'negotiating', 'landed', 'failed')),
  mode             text CHECK (mode IN ('licence', 'assignment', 'equity', 'joint_development')),
  value_fen        bigint CHECK (value_fen >= 0),
  landed_on        date,
  landed_enterprise_id uuid REFERENCES enterprises (id) ON DELETE SET NULL,
  new_enterprise   boolean NOT NULL DEFAULT false,
  score_at_contact numeric(5, 1),
  created_by       uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  version          integer NOT NULL DEFAULT 1,
  CHECK (enterprise_id IS NOT NULL OR prospect_name <> ''),
  CHECK (stage <> 'landed' OR (landed_on IS NOT NULL AND mode IS NOT NULL))
);
CREATE UNIQUE INDEX economy_transfer_deals_pair ON economy_transfer_deals (result_id, enterprise_id) WHERE enterprise_id IS NOT NULL;
CREATE INDEX economy_transfer_deals_landed ON economy_transfer_deals (landed_on) WHERE stage = 'landed';

-- What the officer recorded on a deal, in order: contacts, negotiation rounds, the outcome.
CREATE TABLE economy_transfer_events (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  deal_id           uuid NOT NULL REFERENCES economy_transfer_deals (id) ON DELETE CASCADE,
  kind              text NOT NULL CHECK (kind IN ('contact', 'negotiation', 'landed', 'failed')),
  happened_on       date NOT NULL,
  note              text NOT NULL DEFAULT '',
  recorded_by       uuid REFERENCES users (id) ON DELETE SET NULL,
  recorded_by_name  text NOT NULL DEFAULT '',
  recorded_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX economy_transfer_events_deal ON economy_transfer_events (deal_id, id);
