-- 亲企办 workflow gaps (issue 5): the stored service-level policy, chasing unanswered follow-ups,
-- the park filter, and an e-mail address for the users who get SMS / e-mail reminders.

-- The service-level policy (时限规则) as stored versions. A step's deadline follows the newest
-- version in force when the step opened (effective_from <= started_at); none stored = the
-- built-in default (DEFAULT_SERVICE_LEVEL_POLICY). Replacing it appends a version, never edits one.
CREATE TABLE service_level_policies (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  policy          jsonb NOT NULL,
  effective_from  timestamptz NOT NULL,
  created_by      uuid REFERENCES users (id) ON DELETE SET NULL,
  created_by_name text NOT NULL DEFAULT '',
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX service_level_policies_effective ON service_level_policies (effective_from DESC, id DESC);

-- 回访催办: a resolved request nobody rated is reminded to the enterprise once
-- (follow_up_reminded_at), then handed to the hotline (follow_up_hotline_at: its 待电话回访 list).
ALTER TABLE service_requests ADD COLUMN follow_up_reminded_at timestamptz;
ALTER TABLE service_requests ADD COLUMN follow_up_hotline_at timestamptz;
CREATE INDEX service_requests_follow_up_open ON service_requests (resolved_at) WHERE status = 'resolved';

-- The park file's 诉求 tab and the list's park filter.
CREATE INDEX service_requests_park ON service_requests (park_id, submitted_at) WHERE park_id IS NOT NULL;

-- Where SMS / e-mail reminders go (users.phone exists already); empty = none.
ALTER TABLE users ADD COLUMN email text NOT NULL DEFAULT '';
