// Times the metrics over 100,000 requests (docs/service/METRICS.md, "Performance"):
//   npx tsx apps/server/src/modules/service/metrics/measure-metrics.ts [--n 100000] [--url postgres://…]
// PGlite in a temporary directory unless --url names a scratch PostgreSQL (its public schema is
// dropped and rebuilt: never point it at a database you keep). Each request has its five steps
// (accept, dispatch, respond, resolve, follow_up), 60 % followed up; steps and events are made
// with generate_series, so only the reading is measured.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openDatabase } from '../../../db/database';
import { migrate } from '../../../db/migrate';
import type { Actor } from '../../../core/identity/actor';
import type { Ctx } from '../../../core/context';
import { metricsReport, overdueList } from './metrics.service';
import { loadMetricRows } from './metrics.repo';
import { serviceRates } from '../domain';

const arg = (name: string) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : undefined; };
const N = Number(arg('n') ?? 100_000);
const url = arg('url');
const dir = url ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'zz-metrics-'));
const database = await openDatabase(url ? { databaseUrl: url, dataDir: null } : { dataDir: dir });
const db = database.db;
if (url) await sql`DROP SCHEMA public CASCADE; CREATE SCHEMA public`.execute(db).catch(() => undefined);
await migrate(database);

const t0 = performance.now();
await sql`INSERT INTO departments (id, name, kind) SELECT gen_random_uuid(), '单位' || g, 'department' FROM generate_series(1, 40) g`.execute(db);
await sql`INSERT INTO enterprises (credit_code, name, industry_code, division_code)
  SELECT '91330110MA' || lpad(g::text, 8, '0'), '企业' || g, (SELECT code FROM industries WHERE level = 4 LIMIT 1), (SELECT code FROM divisions WHERE length(code) = 9 LIMIT 1)
  FROM generate_series(1, 1) g`.execute(db).catch((e) => console.warn('enterprise insert skipped:', (e as Error).message));
await sql`
  WITH u AS (SELECT array_agg(id) AS ids FROM departments),
  c AS (SELECT array_agg(id) AS ids FROM service_categories)
  INSERT INTO service_requests (status, channel, category_id, title, description, organization_name, contact_name, lead_unit_id, submitted_at, resolved_at)
  SELECT (ARRAY['submitted','dispatched','responded','resolved','followed_up','closed'])[1 + g % 6], (ARRAY['hotline','web','visit'])[1 + g % 3],
    c.ids[1 + g % array_length(c.ids, 1)], '诉求' || g, '描述', '单位' || g, '联系人', u.ids[1 + g % array_length(u.ids, 1)],
    timestamptz '2026-01-01 09:00+08' + (g % 180) * interval '1 day' + (g % 480) * interval '1 minute',
    CASE WHEN g % 6 >= 3 THEN timestamptz '2026-01-01 09:00+08' + (g % 180) * interval '1 day' + interval '2 days' END
  FROM generate_series(1, ${N}) g, u, c`.execute(db);
await sql`
  INSERT INTO service_request_steps (request_id, step, round, started_at, due_at, completed_at, met)
  SELECT r.id, s.step, 0, r.submitted_at + s.k * interval '1 hour', r.submitted_at + s.k * interval '1 hour' + interval '8 hours',
    CASE WHEN (r.number + s.k) % 7 <> 0 THEN r.submitted_at + s.k * interval '1 hour' + ((r.number % 12) * interval '1 hour') END, NULL
  FROM service_requests r, (VALUES ('accept', 0), ('dispatch', 1), ('respond', 2), ('resolve', 3), ('follow_up', 4)) AS s(step, k)`.execute(db);
await sql`
  INSERT INTO service_request_events (request_id, type, at, actor_role, payload)
  SELECT r.id, 'followed_up', r.submitted_at + interval '3 days', 'office_operator',
    jsonb_build_object('satisfaction', (ARRAY['satisfied','basically_satisfied','dissatisfied'])[1 + r.number % 3], 'solved', r.number % 2 = 0)
  FROM service_requests r WHERE r.number % 10 < 6`.execute(db);
await sql`ANALYZE`.execute(db);
console.log(`data: ${N} requests, ${5 * N} steps, made in ${Math.round(performance.now() - t0)} ms on ${url ? 'PostgreSQL' : 'PGlite'}`);

const actor: Actor = { userId: '00000000-0000-4000-8000-000000000000', username: 'bench', displayName: 'bench', roles: [], permissions: new Set(['service.read', 'service.all']), scope: { enterpriseId: null, departmentId: null, divisionCode: null }, sessionId: '', csrfToken: '', locale: 'zh-CN' };
const ctx: Ctx = { db, actor, requestId: 'bench', ip: '127.0.0.1', now: new Date('2026-07-01T00:00:00Z'), countyCode: '330110' };

async function time(label: string, run: () => Promise<unknown>, runs = 3) {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await run();
    ms.push(performance.now() - t);
  }
  console.log(`${label}: ${ms.map((m) => Math.round(m)).join(' / ')} ms`);
}
let loaded: Awaited<ReturnType<typeof loadMetricRows>> = [];
await time('  of which: the SQL and row mapping (loadMetricRows)', async () => { loaded = await loadMetricRows(db, actor, 'all', {}); });
await time('  of which: serviceRates in memory', async () => serviceRates(loaded, ctx.now));
await time('metrics, all requests, no grouping', () => metricsReport(ctx, {}));
await time('metrics, all requests, by unit', () => metricsReport(ctx, { groupBy: 'unit' }));
await time('metrics, all requests, by category', () => metricsReport(ctx, { groupBy: 'category' }));
await time('metrics, one month (~17k), by unit', () => metricsReport(ctx, { groupBy: 'unit', from: '2026-03-01', to: '2026-03-31' }));
await time('overdue list (first 200)', () => overdueList(ctx, { limit: 200 }));
await database.close();
if (dir) fs.rmSync(dir, { recursive: true, force: true });
