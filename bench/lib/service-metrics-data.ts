/** The 三率 benchmark's data set (bench/service-metrics.ts): N requests over 180 days, 40 units, returns and their re-dispatches, reopens, follow-ups. */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../apps/server/src/db/schema';

export async function makeMetricsData(db: Kysely<DB>, N: number) {
  await sql`INSERT INTO departments (id, name, kind) SELECT gen_random_uuid(), '单位' || g, 'department' FROM generate_series(1, 40) g`.execute(db);
  await sql`
    WITH u AS (SELECT array_agg(id ORDER BY name) AS ids FROM departments WHERE name LIKE '单位%'),
    c AS (SELECT array_agg(id ORDER BY id) AS ids FROM service_categories)
    INSERT INTO service_requests (status, channel, category_id, title, description, organization_name, contact_name, lead_unit_id, submitted_at, resolved_at, reopen_count, return_count)
    SELECT (ARRAY['submitted','dispatched','responded','resolved','followed_up','closed'])[1 + g % 6], (ARRAY['hotline','web','visit'])[1 + g % 3],
      c.ids[1 + g % array_length(c.ids, 1)], '诉求' || g, '描述', '单位' || g, '联系人', u.ids[1 + g % 40],
      timestamptz '2026-01-01 09:00+08' + (g % 180) * interval '1 day' + (g % 480) * interval '1 minute',
      CASE WHEN g % 6 >= 3 THEN timestamptz '2026-01-01 09:00+08' + (g % 180) * interval '1 day' + interval '2 days' END,
      CASE WHEN g % 20 = 0 AND g % 6 >= 3 THEN 1 ELSE 0 END, CASE WHEN g % 11 = 0 THEN 1 ELSE 0 END
    FROM generate_series(1, ${N}) g, u, c`.execute(db);
  // Round 0: five steps; the unit steps held by the lead unit.
  await sql`
    INSERT INTO service_request_steps (request_id, step, round, started_at, due_at, completed_at, unit_id, superseded, satisfaction, solved)
    SELECT r.id, s.step, 0, r.submitted_at + s.k * interval '1 hour', r.submitted_at + s.k * interval '1 hour' + interval '8 hours',
      CASE WHEN (r.number + s.k) % 7 <> 0 THEN r.submitted_at + s.k * interval '1 hour' + ((r.number % 12) * interval '1 hour') END,
      CASE WHEN s.step IN ('respond', 'resolve') THEN r.lead_unit_id END,
      r.reopen_count = 1 AND s.step <> 'accept',
      CASE WHEN s.step = 'follow_up' AND (r.reopen_count = 1 OR r.number % 10 < 6) AND (r.number + 4) % 7 <> 0
        THEN CASE WHEN r.reopen_count = 1 THEN 'dissatisfied' ELSE (ARRAY['satisfied','basically_satisfied','dissatisfied'])[1 + r.number % 3] END END,
      CASE WHEN s.step = 'follow_up' AND (r.reopen_count = 1 OR r.number % 10 < 6) AND (r.number + 4) % 7 <> 0 THEN r.reopen_count = 0 AND r.number % 2 = 0 END
    FROM service_requests r, (VALUES ('accept', 0), ('dispatch', 1), ('respond', 2), ('resolve', 3), ('follow_up', 4)) AS s(step, k)`.execute(db);
  // Returns: the first unit's holding, handed back after 3 hours.
  await sql`
    INSERT INTO service_request_steps (request_id, step, round, started_at, due_at, cancelled_at, met, unit_id, returned)
    SELECT r.id, s.step, 0, r.submitted_at + s.k * interval '1 hour', r.submitted_at + s.k * interval '1 hour' + interval '8 hours',
      r.submitted_at + s.k * interval '1 hour' + interval '3 hours', NULL, (SELECT id FROM departments WHERE name = '单位' || (1 + (r.number + 7) % 40)), true
    FROM service_requests r, (VALUES ('respond', 2), ('resolve', 3)) AS s(step, k) WHERE r.return_count = 1`.execute(db);
  // The office's re-dispatch each return opens (0022; an extra holding of the office since 0029): due
  // 8 hours after the return, done an hour after it — or still open for every 5th.
  await sql`
    INSERT INTO service_request_steps (request_id, step, round, started_at, due_at, completed_at, redispatch, superseded)
    SELECT r.id, 'dispatch', 0, r.submitted_at + interval '5 hours', r.submitted_at + interval '13 hours',
      CASE WHEN r.number % 5 <> 0 THEN r.submitted_at + interval '6 hours' END, true, r.reopen_count = 1
    FROM service_requests r WHERE r.return_count = 1`.execute(db);
  // Reopened: round 1 of dispatch, respond, resolve and follow-up, satisfied this time.
  await sql`
    INSERT INTO service_request_steps (request_id, step, round, started_at, due_at, completed_at, unit_id, satisfaction, solved)
    SELECT r.id, s.step, 1, r.submitted_at + interval '3 days' + s.k * interval '1 hour', r.submitted_at + interval '3 days' + s.k * interval '1 hour' + interval '8 hours',
      r.submitted_at + interval '3 days' + s.k * interval '1 hour' + interval '2 hours',
      CASE WHEN s.step IN ('respond', 'resolve') THEN r.lead_unit_id END,
      CASE WHEN s.step = 'follow_up' THEN 'satisfied' END, CASE WHEN s.step = 'follow_up' THEN true END
    FROM service_requests r, (VALUES ('dispatch', 1), ('respond', 2), ('resolve', 3), ('follow_up', 4)) AS s(step, k) WHERE r.reopen_count = 1`.execute(db);
  // The same answers as events, in time order, for the old way: followed_up (and reopened after the dissatisfied one).
  await sql`
    INSERT INTO service_request_events (request_id, type, at, actor_role, payload)
    SELECT request_id, type, at, 'office_operator', payload FROM (
      SELECT s.request_id, 'followed_up' AS type, s.completed_at AS at, jsonb_build_object('satisfaction', s.satisfaction, 'solved', s.solved) AS payload
      FROM service_request_steps s WHERE s.step = 'follow_up' AND s.satisfaction IS NOT NULL
      UNION ALL
      SELECT s.request_id, 'reopened', s.completed_at + interval '1 minute', jsonb_build_object('reopenCount', 1)
      FROM service_request_steps s JOIN service_requests r ON r.id = s.request_id
      WHERE s.step = 'follow_up' AND s.round = 0 AND r.reopen_count = 1 AND s.satisfaction IS NOT NULL
    ) x ORDER BY at`.execute(db);
  await sql`ANALYZE`.execute(db);
}
