-- Who held each step of a request (docs/service/RATES.md "Which unit a figure counts for", DATA.md).
-- 1. unit_id / agent_id on service_request_steps: the handling unit that held a respond or resolve
--    step (null: the office's steps, accept, dispatch and follow_up) and the service agent of the
--    dispatch, or else the unit's user who completed it.
-- 2. returned: a step ended by its unit's return (cancelled_at = the return). The re-dispatch opens
--    the same step and round again for the next unit with the same start, so a (request, step,
--    round) has one row not returned, and any number returned.
-- 3. superseded: an earlier round's row of a step a reopen opened again (only the latest is judged).
-- 4. satisfaction / solved on the follow_up row a follow-up completed: the rates read the steps only.
-- Existing rows are back-filled from the events.

ALTER TABLE service_request_steps
  ADD COLUMN unit_id      uuid REFERENCES departments (id),
  ADD COLUMN agent_id     uuid REFERENCES users (id),
  ADD COLUMN returned     boolean NOT NULL DEFAULT false,
  ADD COLUMN superseded   boolean NOT NULL DEFAULT false,
  ADD COLUMN satisfaction text CHECK (satisfaction IN ('satisfied', 'basically_satisfied', 'dissatisfied')),
  ADD COLUMN solved       boolean;

ALTER TABLE service_request_steps DROP CONSTRAINT service_request_steps_request_id_step_round_key;
CREATE UNIQUE INDEX service_request_steps_holding ON service_request_steps (request_id, step, round) WHERE NOT returned;
-- The unique constraint dropped above was also the index every per-request read used: keep one.
CREATE INDEX service_request_steps_request ON service_request_steps (request_id, step);
CREATE INDEX service_request_steps_unit ON service_request_steps (unit_id) WHERE unit_id IS NOT NULL;

-- Back-fill (data only from here on; metrics.api.test.ts replays it on rows put back in the pre-0015 state).

-- superseded: a later round of the same step exists.
UPDATE service_request_steps s SET superseded = true
WHERE EXISTS (SELECT 1 FROM service_request_steps n WHERE n.request_id = s.request_id AND n.step = s.step AND n.round > s.round);

-- The follow-up's answers: the followed_up event that completed the row (same request, same instant).
UPDATE service_request_steps s
SET satisfaction = e.payload->>'satisfaction', solved = (e.payload->>'solved')::boolean
FROM service_request_events e
WHERE s.step = 'follow_up' AND e.request_id = s.request_id AND e.type = 'followed_up' AND e.at = s.completed_at;

-- The holder of a unit step: the lead unit (and agent) of the latest dispatch before the step ended.
WITH holder AS (
  SELECT s.id,
    (SELECT e.payload FROM service_request_events e
      WHERE e.request_id = s.request_id AND e.type = 'dispatched' AND e.at <= coalesce(s.completed_at, s.cancelled_at, 'infinity'::timestamptz)
      ORDER BY e.at DESC, e.id DESC LIMIT 1) AS p
  FROM service_request_steps s
  WHERE s.step IN ('respond', 'resolve')
)
UPDATE service_request_steps s
SET unit_id = (h.p->>'leadUnitId')::uuid, agent_id = (h.p->>'agentId')::uuid
FROM holder h
WHERE h.id = s.id AND h.p IS NOT NULL AND EXISTS (SELECT 1 FROM departments d WHERE d.id = (h.p->>'leadUnitId')::uuid);

-- No agent on the dispatch: the unit's user who completed the step.
UPDATE service_request_steps s SET agent_id = e.actor_id
FROM service_request_events e
WHERE s.agent_id IS NULL AND s.unit_id IS NOT NULL AND s.step IN ('respond', 'resolve')
  AND e.request_id = s.request_id AND e.at = s.completed_at AND e.type IN ('responded', 'resolved')
  AND e.actor_role IN ('handling_unit', 'service_agent') AND e.actor_id IS NOT NULL;

-- Returns: the returning unit's holding of each unit step open at the return, ended by it (late
-- when the return came after the deadline). The existing row stays the last holder's. Its deadline
-- is the step's (the final row's): a pause after the return moves it, which the live code, computing
-- it at the return, does not; a small difference on old rows only.
INSERT INTO service_request_steps (request_id, step, round, started_at, due_at, cancelled_at, met, unit_id, agent_id, returned, superseded)
SELECT s.request_id, s.step, s.round, s.started_at, s.due_at, e.at,
  CASE WHEN s.due_at IS NOT NULL AND s.due_at < e.at THEN false END,
  (SELECT d.id FROM departments d WHERE d.id = (e.payload->>'unitId')::uuid),
  (SELECT u.id FROM users u WHERE u.id = (
    SELECT (x.payload->>'agentId')::uuid FROM service_request_events x
    WHERE x.request_id = e.request_id AND x.type = 'dispatched' AND x.id < e.id ORDER BY x.id DESC LIMIT 1)),
  true, s.superseded
FROM service_request_events e
JOIN service_request_steps s ON s.request_id = e.request_id AND s.step IN ('respond', 'resolve') AND NOT s.returned
  AND s.started_at <= e.at AND (s.completed_at IS NULL OR s.completed_at >= e.at) AND (s.cancelled_at IS NULL OR s.cancelled_at >= e.at)
WHERE e.type = 'returned';

-- A request still waiting for its re-dispatch holds no unit step (the next dispatch opens them for
-- the next unit): the row left open is the returning unit's, now ended by the return above.
DELETE FROM service_request_steps s USING service_requests r
WHERE r.id = s.request_id AND r.status = 'returned' AND s.step IN ('respond', 'resolve') AND NOT s.returned
  AND s.completed_at IS NULL AND s.cancelled_at IS NULL;
