-- The 三率 report's figures row (docs/service/METRICS.md "How the figures are counted"): one narrow
-- row per request with what the report groups and filters on (copied from the request) and what it
-- counts (the final holding of each step — the row of the latest round not returned —, the unit and
-- agent that resolved it, the standing follow-up's answers). The report then reads 100,000 narrow
-- rows instead of joining ~500,000 step rows to the requests, and only the handling units' own
-- returned holdings from the step table when it groups by unit or agent.
--
-- Kept exact by triggers in the writing transaction: any statement that inserts, deletes or
-- changes a counted column of service_requests or service_request_steps recomputes the rows of the
-- requests it touched from service_request_figures_source (the definition, also the back-fill and
-- the tests' reference). The sweep's marks (warned_at, overdue_at, warn_at, met) change nothing here.

CREATE TABLE service_request_figures (
  request_id        uuid PRIMARY KEY REFERENCES service_requests (id) ON DELETE CASCADE,
  submitted_at      timestamptz NOT NULL,
  status            text NOT NULL,
  category_id       text,
  division_code     text,
  channel           text NOT NULL,
  park_id           uuid,
  lead_unit_id      uuid,
  -- resolved after its latest reopen: resolved_at set and status resolved, followed_up or closed (countsAsResolved)
  resolved          boolean NOT NULL,
  -- the holder of the completed resolve step (not returned, not superseded)
  resolver_unit_id  uuid,
  resolver_agent_id uuid,
  -- the standing follow-up: the follow_up row not superseded nor returned of round = reopen_count, answered
  satisfaction      text,
  solved            boolean,
  -- per step, its final holding (not superseded, not returned): null when it has none; duration_ms =
  -- completed − started in ms, as the recount computes it (null while open)
  accept_started_at   timestamptz,
  accept_due_at       timestamptz,
  accept_completed_at timestamptz,
  accept_cancelled_at timestamptz,
  accept_unit_id      uuid,
  accept_agent_id     uuid,
  accept_duration_ms  float8,
  dispatch_started_at   timestamptz,
  dispatch_due_at       timestamptz,
  dispatch_completed_at timestamptz,
  dispatch_cancelled_at timestamptz,
  dispatch_unit_id      uuid,
  dispatch_agent_id     uuid,
  dispatch_duration_ms  float8,
  respond_started_at   timestamptz,
  respond_due_at       timestamptz,
  respond_completed_at timestamptz,
  respond_cancelled_at timestamptz,
  respond_unit_id      uuid,
  respond_agent_id     uuid,
  respond_duration_ms  float8,
  resolve_started_at   timestamptz,
  resolve_due_at       timestamptz,
  resolve_completed_at timestamptz,
  resolve_cancelled_at timestamptz,
  resolve_unit_id      uuid,
  resolve_agent_id     uuid,
  resolve_duration_ms  float8,
  follow_up_started_at   timestamptz,
  follow_up_due_at       timestamptz,
  follow_up_completed_at timestamptz,
  follow_up_cancelled_at timestamptz,
  follow_up_unit_id      uuid,
  follow_up_agent_id     uuid,
  follow_up_duration_ms  float8
);
CREATE INDEX service_request_figures_submitted ON service_request_figures (submitted_at);
CREATE INDEX service_request_figures_resolver ON service_request_figures (resolver_unit_id) WHERE resolver_unit_id IS NOT NULL;

-- What a request's figures row holds, computed from the request and its step rows.
CREATE VIEW service_request_figures_source AS
SELECT r.id AS request_id, r.submitted_at, r.status, r.category_id, r.division_code, r.channel, r.park_id, r.lead_unit_id,
  (r.resolved_at IS NOT NULL AND r.status IN ('resolved', 'followed_up', 'closed')) AS resolved,
  st.resolver_unit_id, st.resolver_agent_id, st.satisfaction, st.solved,
  st.accept_started_at, st.accept_due_at, st.accept_completed_at, st.accept_cancelled_at, st.accept_unit_id, st.accept_agent_id, st.accept_duration_ms, st.dispatch_started_at, st.dispatch_due_at, st.dispatch_completed_at, st.dispatch_cancelled_at, st.dispatch_unit_id, st.dispatch_agent_id, st.dispatch_duration_ms, st.respond_started_at, st.respond_due_at, st.respond_completed_at, st.respond_cancelled_at, st.respond_unit_id, st.respond_agent_id, st.respond_duration_ms, st.resolve_started_at, st.resolve_due_at, st.resolve_completed_at, st.resolve_cancelled_at, st.resolve_unit_id, st.resolve_agent_id, st.resolve_duration_ms, st.follow_up_started_at, st.follow_up_due_at, st.follow_up_completed_at, st.follow_up_cancelled_at, st.follow_up_unit_id, st.follow_up_agent_id, st.follow_up_duration_ms
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
  -- a re-dispatch (0022) is not the request's dispatch holding: the report leaves it out (METRICS.md)
  WHERE s.request_id = r.id AND NOT s.superseded AND NOT s.returned AND NOT s.redispatch
) st ON true;

-- Recompute the rows of these requests (the triggers below; a request gone leaves with its row by the cascade).
CREATE FUNCTION service_refresh_figures(ids uuid[]) RETURNS void LANGUAGE sql AS $$
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
    follow_up_duration_ms = EXCLUDED.follow_up_duration_ms;
$$;

CREATE FUNCTION service_figures_from_requests() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM service_refresh_figures(ARRAY(SELECT id FROM new_rows));
  ELSE
    PERFORM service_refresh_figures(ARRAY(
      SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE (n.submitted_at, n.status, n.category_id, n.division_code, n.channel, n.park_id, n.lead_unit_id, n.resolved_at, n.reopen_count)
        IS DISTINCT FROM (o.submitted_at, o.status, o.category_id, o.division_code, o.channel, o.park_id, o.lead_unit_id, o.resolved_at, o.reopen_count)));
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER service_figures_request_insert AFTER INSERT ON service_requests
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION service_figures_from_requests();
CREATE TRIGGER service_figures_request_update AFTER UPDATE ON service_requests
  REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION service_figures_from_requests();

CREATE FUNCTION service_figures_from_steps() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM service_refresh_figures(ARRAY(SELECT DISTINCT request_id FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM service_refresh_figures(ARRAY(SELECT DISTINCT request_id FROM old_rows));
  ELSE
    PERFORM service_refresh_figures(ARRAY(
      SELECT n.request_id FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE (n.request_id, n.step, n.round, n.started_at, n.due_at, n.completed_at, n.cancelled_at, n.unit_id, n.agent_id, n.returned, n.superseded, n.satisfaction, n.solved)
        IS DISTINCT FROM (o.request_id, o.step, o.round, o.started_at, o.due_at, o.completed_at, o.cancelled_at, o.unit_id, o.agent_id, o.returned, o.superseded, o.satisfaction, o.solved)
      UNION
      SELECT o.request_id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.request_id <> o.request_id));
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER service_figures_step_insert AFTER INSERT ON service_request_steps
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION service_figures_from_steps();
CREATE TRIGGER service_figures_step_update AFTER UPDATE ON service_request_steps
  REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION service_figures_from_steps();
CREATE TRIGGER service_figures_step_delete AFTER DELETE ON service_request_steps
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION service_figures_from_steps();

-- The returned holdings (never a final holding), read apart when the report groups by unit or agent.
CREATE INDEX service_request_steps_returned ON service_request_steps (request_id) WHERE returned AND NOT superseded;

-- Back-fill.
INSERT INTO service_request_figures SELECT * FROM service_request_figures_source;
