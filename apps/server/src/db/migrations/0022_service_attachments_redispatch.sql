-- 亲企办, the missing pieces of issue 5 (docs/service/DATA.md, SERVICE_LEVELS.md).

-- 1. Attachments (附件) of a request, in core/files (owner_kind 'service.request', owner_id the
--    request): which request, and which step of its timeline (event_id: the unit's answer, a
--    return, …; null: attached to the request itself). Who may read the request may read them; an
--    enterprise not the files of the office's internal steps, nor another enterprise's.
CREATE TABLE service_request_attachments (
  file_id        uuid PRIMARY KEY REFERENCES files (id) ON DELETE CASCADE,
  request_id     uuid NOT NULL REFERENCES service_requests (id) ON DELETE CASCADE,
  event_id       bigint REFERENCES service_request_events (id) ON DELETE SET NULL,
  -- the uploader's part: the enterprise, the office (hotline, dispatcher) or a handling unit
  uploader_role  text NOT NULL CHECK (uploader_role IN ('enterprise', 'office', 'unit')),
  uploader_name  text NOT NULL DEFAULT '',
  unit_id        uuid REFERENCES departments (id),
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX service_request_attachments_request ON service_request_attachments (request_id, created_at);

-- 2. 重新交办: a return (退单) hands the request back to the office, which now holds a dispatch
--    step of its own (redispatch), timed by the dispatch rule from the return until the next
--    dispatch. A round may hold several (one per return) besides its first dispatch, so they stay
--    out of the one-holding-per-step-and-round index.
ALTER TABLE service_request_steps ADD COLUMN redispatch boolean NOT NULL DEFAULT false;
DROP INDEX service_request_steps_holding;
CREATE UNIQUE INDEX service_request_steps_holding ON service_request_steps (request_id, step, round) WHERE NOT returned AND NOT redispatch;

-- Back-fill: every return's re-dispatch, completed by the next dispatch of the request (if any).
-- Their deadline needs the working-day calendar, which SQL does not have: due_at stays null, so
-- past ones are not judged on time; an open one is judged by the escalation sweep (it computes
-- deadlines from the rules) and gets its due_at at the request's next action.
INSERT INTO service_request_steps (request_id, step, round, started_at, completed_at, cancelled_at, redispatch, superseded)
SELECT e.request_id, 'dispatch',
  (SELECT count(*)::int FROM service_request_events o WHERE o.request_id = e.request_id AND o.type = 'reopened' AND o.id < e.id), e.at,
  (SELECT min(d.at) FROM service_request_events d WHERE d.request_id = e.request_id AND d.type = 'dispatched' AND d.id > e.id),
  CASE WHEN r.status = 'merged' AND NOT EXISTS (SELECT 1 FROM service_request_events d WHERE d.request_id = e.request_id AND d.type = 'dispatched' AND d.id > e.id)
       THEN r.closed_at END,
  true,
  EXISTS (SELECT 1 FROM service_request_events o WHERE o.request_id = e.request_id AND o.type = 'reopened' AND o.id > e.id)
FROM service_request_events e JOIN service_requests r ON r.id = e.request_id
WHERE e.type = 'returned';
