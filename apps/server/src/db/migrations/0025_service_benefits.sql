-- 惠企政策直达 / 免申即享 (issue 6): benefit policies with structured eligibility criteria, the
-- matcher's stored outcomes, deliveries (who was told), 免申即享 grant lists and the enterprises'
-- confirmations of intent; and the periodic enterprise facts the economy module will supply.

-- Facts for eligibility that the registry does not hold (revenue and tax of a period, the tax
-- credit rating). One row per enterprise and period; the newest period is the one matched.
-- Written through core/enterprises/eligibility-facts.ts (the economy module plugs in there).
CREATE TABLE enterprise_eligibility_facts (
  enterprise_id uuid NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
  period        text NOT NULL CHECK (period ~ '^[0-9]{4}(-(Q[1-4]|[0-9]{2}))?$'),
  revenue_fen   bigint CHECK (revenue_fen >= 0),
  tax_fen       bigint CHECK (tax_fen >= 0),
  credit_rating text CHECK (credit_rating IN ('A', 'B', 'M', 'C', 'D')),
  source        text NOT NULL DEFAULT '',
  updated_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (enterprise_id, period)
);
CREATE INDEX enterprise_eligibility_facts_updated ON enterprise_eligibility_facts (updated_at);

CREATE TABLE benefit_policies (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  title                text NOT NULL,
  issuer               text NOT NULL,
  document_number      text NOT NULL DEFAULT '',
  published_on         date,
  valid_from           date,
  valid_to             date,
  interpretation       text NOT NULL DEFAULT '',
  benefit_amount_fen   bigint CHECK (benefit_amount_fen >= 0),
  benefit_description  text NOT NULL DEFAULT '',
  auto_grant           boolean NOT NULL DEFAULT false,
  criteria             jsonb NOT NULL,
  status               text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'expired')),
  published_at         timestamptz,
  published_by         uuid REFERENCES users (id) ON DELETE SET NULL,
  matched_at           timestamptz,
  created_by           uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  version              integer NOT NULL DEFAULT 1,
  CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from)
);
CREATE INDEX benefit_policies_status ON benefit_policies (status, updated_at DESC);

-- The matcher's outcome per policy and enterprise, only where it is eligible or nearly so (not
-- eligible is the absence of a row). `codes` holds one letter per criterion, in the policy's order:
-- P pass, F fail, U unknown (data missing) — the reasons, compactly.
CREATE TABLE benefit_matches (
  policy_id     uuid NOT NULL REFERENCES benefit_policies (id) ON DELETE CASCADE,
  enterprise_id uuid NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
  outcome       text NOT NULL CHECK (outcome IN ('eligible', 'nearly')),
  codes         text NOT NULL,
  PRIMARY KEY (policy_id, enterprise_id)
);
CREATE INDEX benefit_matches_enterprise ON benefit_matches (enterprise_id);

-- Re-matching after enterprise data changed: how far the changes were taken into account.
CREATE TABLE benefit_match_state (
  id             integer PRIMARY KEY CHECK (id = 1),
  enterprises_to timestamptz NOT NULL,
  facts_to       timestamptz NOT NULL
);

-- Who was told about a published policy (in-app notification to the enterprise's users), once.
CREATE TABLE benefit_deliveries (
  policy_id     uuid NOT NULL REFERENCES benefit_policies (id) ON DELETE CASCADE,
  enterprise_id uuid NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
  outcome       text NOT NULL CHECK (outcome IN ('eligible', 'nearly')),
  notified_at   timestamptz NOT NULL,
  PRIMARY KEY (policy_id, enterprise_id)
);
CREATE INDEX benefit_deliveries_enterprise ON benefit_deliveries (enterprise_id);

-- 免申即享: the grant list the office generates from the eligible enterprises, reviews and
-- confirms once; then each listed enterprise confirms its intent (and bank / contact details).
CREATE TABLE benefit_grant_lists (
  policy_id          uuid PRIMARY KEY REFERENCES benefit_policies (id) ON DELETE CASCADE,
  status             text NOT NULL DEFAULT 'review' CHECK (status IN ('review', 'confirmed')),
  generated_at       timestamptz NOT NULL,
  generated_by       uuid REFERENCES users (id) ON DELETE SET NULL,
  confirmed_at       timestamptz,
  confirmed_by       uuid REFERENCES users (id) ON DELETE SET NULL,
  confirmed_by_name  text NOT NULL DEFAULT '',
  version            integer NOT NULL DEFAULT 1
);

CREATE TABLE benefit_grants (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  policy_id          uuid NOT NULL REFERENCES benefit_grant_lists (policy_id) ON DELETE CASCADE,
  enterprise_id      uuid NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
  amount_fen         bigint CHECK (amount_fen >= 0),
  included           boolean NOT NULL DEFAULT true,
  exclude_reason     text NOT NULL DEFAULT '',
  intent             text NOT NULL DEFAULT 'pending' CHECK (intent IN ('pending', 'confirmed', 'declined')),
  intent_at          timestamptz,
  intent_by          uuid REFERENCES users (id) ON DELETE SET NULL,
  bank_name          text NOT NULL DEFAULT '',
  bank_account_name  text NOT NULL DEFAULT '',
  bank_account_no    text NOT NULL DEFAULT '',
  contact_name       text NOT NULL DEFAULT '',
  contact_phone      text NOT NULL DEFAULT '',
  UNIQUE (policy_id, enterprise_id)
);
CREATE INDEX benefit_grants_enterprise ON benefit_grants (enterprise_id);
