-- 重新交办 in the 三率 figures (docs/service/RATES.md "Re-dispatches", METRICS.md "How the figures are
-- counted"). A return (退单) opens an office re-dispatch step (0022) with its own deadline. The report
-- now counts each re-dispatch as an extra holding of the office, the way a returned holding counts
-- for the unit that returned it: by unit (the office row, 亲企办) in the dispatch on-time rate, the
-- dispatch average duration and the office's open and overdue requests — read from the step table
-- like the returned holdings (they are few). In the total and the request-keyed groupings each
-- request's dispatch still counts once, by its round's first dispatch (当天交办 from acceptance), but a
-- request whose open re-dispatch is past its deadline is overdue there too (as the overdue list
-- shows it). For that, and for the office's open / overdue by unit, the figures row gains the open
-- re-dispatch of the latest round: its start (null = none open) and deadline.

ALTER TABLE service_request_figures
  ADD COLUMN redispatch_open_started_at timestamptz,
  ADD COLUMN redispatch_open_due_at timestamptz;

-- The definition gains the two columns (at the end, in the table's order: the refresh inserts v.*).
CREATE OR REPLACE VIEW service_request_figures_source AS
SELECT r.id AS request_id, r.submitted_at, r.status, r.category_id, r.division_code, r.channel, r.park_id, r.lead_unit_id,
  (r.resolved_at IS NOT NULL AND r.status IN ('resolved', 'followed_up', 'closed')) AS resolved,
  st.resolver_unit_id, st.resolver_agent_id, st.satisfaction, st.solved,
  st.accept_started_at, st.accept_due_at, st.accept_completed_at, st.accept_cancelled_at, st.accept_unit_id, st.accept_agent_id, st.accept_duration_ms, st.dispatch_started_at, st.dispatch_due_at, st.dispatch_completed_at, st.dispatch_cancelled_at, st.dispatch_unit_id, st.dispatch_agent_id, st.dispatch_duration_ms, st.respond_started_at, st.respond_due_at, st.respond_completed_at, st.respond_cancelled_at, st.respond_unit_id, st.respond_agent_id, st.respond_duration_ms, st.resolve_started_at, st.resolve_due_at, st.resolve_completed_at, st.resolve_cancelled_at, st.resolve_unit_id, st.resolve_agent_id, st.resolve_duration_ms, st.follow_up_started_at, st.follow_up_due_at, st.follow_up_completed_at, st.follow_up_cancelled_at, st.follow_up_unit_id, st.follow_up_agent_id, st.follow_up_duration_ms,
  rd.redispatch_open_started_at, rd.redispatch_open_due_at
FROM service_requests r
LEFT JOIN LATERAL (
  SELECT
    (array_agg(s.unit_id) FILTER (WHERE s.step = 'resolve' AND s.completed_at IS NOT NULL))[1] AS resolver_unit_id,
    (array_agg(s.agent_id) FILTER (WHERE s.step = 'resolve' AND s.completed_at IS NOT NULL))[1] AS resolver_agent_id,
    (array_agg(s.satisfaction) FILTER (WHERE s.step = 'follow_up' AND s.round = r.reopen_count AND s.satisfaction IS NOT NULL))[1] AS satisfaction,
    (array_agg(s.solved) FILTER (WHERE s.step = 'follow_up' AND s.round = r.reopen_count AND s.satisfaction IS NOT NULL))[1] AS solved,
    max(s.started_at) FILTER (WHERE s.step = 'accept') AS accept_started_at,
    max(s.due_at) FILTER (WHERE s.step = 'accept') AS accept_due_at,
    max(s.completed_at) FILTER (WHERE s.step = 'accept') AS accept_completed_at,
    max(s.cancelled_at) FILTER (WHERE s.step = 'accept') AS accept_cancelled_at,
    (array_agg(s.unit_id) FILTER (WHERE s.step = 'accept'))[1] AS accept_unit_id,
    (array_agg(s.agent_id) FILTER (WHERE s.step = 'accept'))[1] AS accept_agent_id,
    max((extract(epoch FROM s.completed_at - s.started_at) * 1000)::float8) FILTER (WHERE s.step = 'accept') AS accept_duration_ms,
    max(s.started_at) FILTER (WHERE s.step = 'dispatch') AS dispatch_started_at,
    max(s.due_at) FILTER (WHERE s.step = 'dispatch') AS dispatch_due_at,
    max(s.completed_at) FILTER (WHERE s.step = 'dispatch') AS dispatch_completed_at,
    max(s.cancelled_at) FILTER (WHERE s.step = 'dispatch') AS dispatch_cancelled_at,
    (array_agg(s.unit_id) FILTER (WHERE s.step = 'dispatch'))[1] AS dispatch_unit_id,
    (array_agg(s.agent_id) FILTER (WHERE s.step = 'dispatch'))[1] AS dispatch_agent_id,
    max((extract(epoch FROM s.completed_at - s.started_at) * 1000)::float8) FILTER (WHERE s.step = 'dispatch') AS dispatch_duration_ms,
    max(s.started_at) FILTER (WHERE s.step = 'respond') AS respond_started_at,
    max(s.due_at) FILTER (WHERE s.step = 'respond') AS respond_due_at,
    max(s.completed_at) FILTER (WHERE s.step = 'respond') AS respond_completed_at,
    max(s.cancelled_at) FILTER (WHERE s.step = 'respond') AS respond_cancelled_at,
    (array_agg(s.unit_id) FILTER (WHERE s.step = 'respond'))[1] AS respond_unit_id,
    (array_agg(s.agent_id) FILTER (WHERE s.step = 'respond'))[1] AS respond_agent_id,
    max((extract(epoch FROM s.completed_at - s.started_at) * 1000)::float8) FILTER (WHERE s.step = 'respond') AS respond_duration_ms,
    max(s.started_at) FILTER (WHERE s.step = 'resolve') AS resolve_started_at,
    max(s.due_at) FILTER (WHERE s.step = 'resolve') AS resolve_due_at,
    max(s.completed_at) FILTER (WHERE s.step = 'resolve') AS resolve_completed_at,
    max(s.cancelled_at) FILTER (WHERE s.step = 'resolve') AS resolve_cancelled_at,
    (array_agg(s.unit_id) FILTER (WHERE s.step = 'resolve'))[1] AS resolve_unit_id,
    (array_agg(s.agent_id) FILTER (WHERE s.step = 'resolve'))[1] AS resolve_agent_id,
    max((extract(epoch FROM s.completed_at - s.started_at) * 1000)::float8) FILTER (WHERE s.step = 'resolve') AS resolve_duration_ms,
    max(s.started_at) FILTER (WHERE s.step = 'follow_up') AS follow_up_started_at,
    max(s.due_at) FILTER (WHERE s.step = 'follow_up') AS follow_up_due_at,
    max(s.completed_at) FILTER (WHERE s.step = 'follow_up') AS follow_up_completed_at,
    max(s.cancelled_at) FILTER (WHERE s.step = 'follow_up') AS follow_up_cancelled_at,
    (array_agg(s.unit_id) FILTER (WHERE s.step = 'follow_up'))[1] AS follow_up_unit_id,
    (array_agg(s.agent_id) FILTER (WHERE s.step = 'follow_up'))[1] AS follow_up_agent_id,
    max((extract(epoch FROM s.completed_at - s.started_at) * 1000)::float8) FILTER (WHERE s.step = 'follow_up') AS follow_up_duration_ms
  FROM service_request_steps s
  -- a re-dispatch (0022) is not the request's dispatch holding: it is an extra holding (below, and by unit from the step table)
  WHERE s.request_id = r.id AND NOT s.superseded AND NOT s.returned AND NOT s.redispatch
) st ON true
-- the open re-dispatch of the latest round, if any (a round has at most one open: a return needs a dispatched request)
LEFT JOIN LATERAL (
  SELECT min(s.started_at) AS redispatch_open_started_at, min(s.due_at) AS redispatch_open_due_at
  FROM service_request_steps s
  WHERE s.request_id = r.id AND s.redispatch AND NOT s.superseded AND s.completed_at IS NULL AND s.cancelled_at IS NULL
) rd ON true;

CREATE OR REPLACE FUNCTION service_refresh_figures(ids uuid[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO service_request_figures
  SELECT v.* FROM service_request_figures_source v WHERE v.request_id IN (SELECT unnest(ids))
  ON CONFLICT (request_id) DO UPDATE SET
    submitted_at = EXCLUDED.submitted_at,
    status = EXCLUDED.status,
    category_id = EXCLUDED.category_id,
    division_code = EXCLUDED.division_code,
    channel = EXCLUDED.channel,
    park_id = EXCLUDED.park_id,
    lead_unit_id = EXCLUDED.lead_unit_id,
    resolved = EXCLUDED.resolved,
    resolver_unit_id = EXCLUDED.resolver_unit_id,
    resolver_agent_id = EXCLUDED.resolver_agent_id,
    satisfaction = EXCLUDED.satisfaction,
    solved = EXCLUDED.solved,
    accept_started_at = EXCLUDED.accept_started_at,
    accept_due_at = EXCLUDED.accept_due_at,
    accept_completed_at = EXCLUDED.accept_completed_at,
    accept_cancelled_at = EXCLUDED.accept_cancelled_at,
    accept_unit_id = EXCLUDED.accept_unit_id,
    accept_agent_id = EXCLUDED.accept_agent_id,
    accept_duration_ms = EXCLUDED.accept_duration_ms,
    dispatch_started_at = EXCLUDED.dispatch_started_at,
    dispatch_due_at = EXCLUDED.dispatch_due_at,
    dispatch_completed_at = EXCLUDED.dispatch_completed_at,
    dispatch_cancelled_at = EXCLUDED.dispatch_cancelled_at,
    dispatch_unit_id = EXCLUDED.dispatch_unit_id,
    dispatch_agent_id = EXCLUDED.dispatch_agent_id,
    dispatch_duration_ms = EXCLUDED.dispatch_duration_ms,
    respond_started_at = EXCLUDED.respond_started_at,
    respond_due_at = EXCLUDED.respond_due_at,
    respond_completed_at = EXCLUDED.respond_completed_at,
    respond_cancelled_at = EXCLUDED.respond_cancelled_at,
    respond_unit_id = EXCLUDED.respond_unit_id,
    respond_agent_id = EXCLUDED.respond_agent_id,
    respond_duration_ms = EXCLUDED.respond_duration_ms,
    resolve_started_at = EXCLUDED.resolve_started_at,
    resolve_due_at = EXCLUDED.resolve_due_at,
    resolve_completed_at = EXCLUDED.resolve_completed_at,
    resolve_cancelled_at = EXCLUDED.resolve_cancelled_at,
    resolve_unit_id = EXCLUDED.resolve_unit_id,
    resolve_agent_id = EXCLUDED.resolve_agent_id,
    resolve_duration_ms = EXCLUDED.resolve_duration_ms,
    follow_up_started_at = EXCLUDED.follow_up_started_at,
    follow_up_due_at = EXCLUDED.follow_up_due_at,
    follow_up_completed_at = EXCLUDED.follow_up_completed_at,
    follow_up_cancelled_at = EXCLUDED.follow_up_cancelled_at,
    follow_up_unit_id = EXCLUDED.follow_up_unit_id,
    follow_up_agent_id = EXCLUDED.follow_up_agent_id,
    follow_up_duration_ms = EXCLUDED.follow_up_duration_ms,
    redispatch_open_started_at = EXCLUDED.redispatch_open_started_at,
    redispatch_open_due_at = EXCLUDED.redispatch_open_due_at;
$$;

-- Follow a change of the flag too (a direct write; the application never changes it).
CREATE OR REPLACE FUNCTION service_figures_from_steps() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM service_refresh_figures(ARRAY(SELECT DISTINCT request_id FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM service_refresh_figures(ARRAY(SELECT DISTINCT request_id FROM old_rows));
  ELSE
    PERFORM service_refresh_figures(ARRAY(
      SELECT n.request_id FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE (n.request_id, n.step, n.round, n.started_at, n.due_at, n.completed_at, n.cancelled_at, n.unit_id, n.agent_id, n.returned, n.redispatch, n.superseded, n.satisfaction, n.solved)
        IS DISTINCT FROM (o.request_id, o.step, o.round, o.started_at, o.due_at, o.completed_at, o.cancelled_at, o.unit_id, o.agent_id, o.returned, o.redispatch, o.superseded, o.satisfaction, o.solved)
      UNION
      SELECT o.request_id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.request_id <> o.request_id));
  END IF;
  RETURN NULL;
END $$;

-- The extra holdings read from the step table by unit: returned ones and re-dispatches (0023 indexed the returned only).
DROP INDEX service_request_steps_returned;
CREATE INDEX service_request_steps_extra_holdings ON service_request_steps (request_id) WHERE (returned OR redispatch) AND NOT superseded;

-- Back-fill the two columns.
UPDATE service_request_figures f SET redispatch_open_started_at = v.redispatch_open_started_at, redispatch_open_due_at = v.redispatch_open_due_at
FROM service_request_figures_source v
WHERE v.request_id = f.request_id AND v.redispatch_open_started_at IS NOT NULL;
