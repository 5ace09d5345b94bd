-- Claims (申报) of talent facts and their review (docs/talent/EVIDENCE.md). talents.facts and
-- talent_enterprise_facts.facts stay the approved facts the scoring engine reads; an enterprise's
-- change of them is a claim here until the talent office approves it.
CREATE TABLE talent_claims (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- the subject: a talent, or an enterprise's facts of a year
  subject_kind   text NOT NULL CHECK (subject_kind IN ('talent', 'enterprise')),
  talent_id      uuid REFERENCES talents (id) ON DELETE CASCADE,
  year           integer CHECK (year BETWEEN 2000 AND 2100),
  -- the enterprise that claims (the talent's employer when the claim was made): scope and notifications
  enterprise_id  uuid NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
  status         text NOT NULL DEFAULT 'submitted'
                 CHECK (status IN ('submitted', 'more_info_requested', 'resubmitted', 'approved', 'rejected', 'withdrawn')),
  -- [{ "fact": "education", "before": "bachelor", "claimed": "master" }, …]; null = absent
  changes        jsonb NOT NULL CHECK (jsonb_typeof(changes) = 'array'),
  -- the office's last word: the reason of a rejection, or what is missing
  reason         text NOT NULL DEFAULT '',
  submitted_by   uuid REFERENCES users (id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  -- since when the claim waits for the office (submitted or resubmitted): the queue's age
  waiting_since  timestamptz NOT NULL DEFAULT now(),
  decided_by     uuid REFERENCES users (id),
  decided_at     timestamptz,
  updated_at     timestamptz NOT NULL DEFAULT now(),
  version        integer NOT NULL DEFAULT 1,
  CHECK ((subject_kind = 'talent') = (talent_id IS NOT NULL)),
  CHECK ((subject_kind = 'enterprise') = (year IS NOT NULL))
);
-- at most one open claim per subject: later edits amend it
CREATE UNIQUE INDEX talent_claims_open_talent ON talent_claims (talent_id)
  WHERE subject_kind = 'talent' AND status IN ('submitted', 'more_info_requested', 'resubmitted');
CREATE UNIQUE INDEX talent_claims_open_enterprise ON talent_claims (enterprise_id, year)
  WHERE subject_kind = 'enterprise' AND status IN ('submitted', 'more_info_requested', 'resubmitted');
CREATE INDEX talent_claims_queue ON talent_claims (status, waiting_since, id);
CREATE INDEX talent_claims_enterprise ON talent_claims (enterprise_id, created_at);
CREATE INDEX talent_claims_talent ON talent_claims (talent_id) WHERE talent_id IS NOT NULL;

-- The timeline: every step, who and when.
CREATE TABLE talent_claim_events (
  id          bigserial PRIMARY KEY,
  claim_id    uuid NOT NULL REFERENCES talent_claims (id) ON DELETE CASCADE,
  action      text NOT NULL CHECK (action IN ('submit', 'amend', 'evidence_add', 'evidence_remove', 'request_info', 'resubmit', 'approve', 'reject', 'withdraw')),
  note        text NOT NULL DEFAULT '',
  detail      jsonb,
  actor_id    uuid REFERENCES users (id),
  actor_name  text NOT NULL,
  at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX talent_claim_events_claim ON talent_claim_events (claim_id, id);

-- Evidence: a stored file (core files, owner 'talent.claim') attached to a claim, optionally for one fact.
CREATE TABLE talent_claim_evidence (
  file_id   uuid PRIMARY KEY REFERENCES files (id) ON DELETE CASCADE,
  claim_id  uuid NOT NULL REFERENCES talent_claims (id) ON DELETE CASCADE,
  fact      text CHECK (fact IS NULL OR length(fact) BETWEEN 1 AND 60)
);
CREATE INDEX talent_claim_evidence_claim ON talent_claim_evidence (claim_id);
