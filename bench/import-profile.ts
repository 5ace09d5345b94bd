/**
 * Where the enterprise import's time goes, statement by statement (PGlite, in this process).
 *
 *   npx tsx bench/import-profile.ts
 *
 * The 50,000-row file of bench/import.ts (run that once first: it generates the file) is read and
 * validated in-process (readTable + parseEnterpriseRow, as the upload does, minus the HTTP), stored
 * as a batch, then the job itself (importEnterprisesJob) runs on a copy of a demo-county PGlite
 * directory, through a Kysely with a query log: the total time of each statement shape, its count,
 * and the process's CPU time (all threads, the PGlite worker included). Then the same batch again,
 * which must change nothing. Not a comparison by itself: run it before and after a change.
 */
import fs from 'node:fs';
import os from 'node:os';
import { Kysely, sql } from 'kysely';
import type { DB } from '../apps/server/src/db/schema';
import { openDatabase } from '../apps/server/src/db/database';
import { PgliteClient } from '../apps/server/src/db/pglite-client';
import { createPgliteDialect } from '../apps/server/src/db/pglite-dialect';
import { prepareDatabase } from '../apps/server/src/bootstrap';
import { readTable } from '../apps/server/src/core/excel/read-table';
import { parseEnterpriseRow } from '../apps/server/src/core/enterprises/import/parse-enterprise-row';
import { importEnterprisesJob } from '../apps/server/src/core/enterprises/import/import-enterprises';
const dir = '/tmp/zz-bench/import-profile-demo';
const FILE = '/tmp/zz-bench/import-50000-v1.xlsx';
if (!fs.existsSync(FILE)) throw new Error(`${FILE} is missing: run npx tsx bench/import.ts --db pglite --reps 1 once`);
console.log(`load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
const fresh = !fs.existsSync(dir + '/.ready');
if (fresh) { fs.rmSync(dir, { recursive: true, force: true }); const d = await openDatabase({ dataDir: dir }); await prepareDatabase(d, { demo: true }); await d.close(); fs.writeFileSync(dir + '/.ready', ''); }
fs.rmSync(dir + '.copy', { recursive: true, force: true });
fs.cpSync(dir, dir + '.copy', { recursive: true });
const client = await PgliteClient.start(dir + '.copy');
const stats = new Map<string, { n: number; ms: number }>();
const db = new Kysely<DB>({ dialect: createPgliteDialect(client), log: (e) => { if (e.level !== 'query') return; const k = e.query.sql.replace(/\$\d+/g, '?').replace(/(\(\?(, \?)*\)(, )?)+/g, '(…)').slice(0, 90); const s = stats.get(k) ?? { n: 0, ms: 0 }; s.n++; s.ms += e.queryDurationMillis; stats.set(k, s); } });
let t = performance.now();
const table = await readTable(fs.readFileSync(FILE), 'a.xlsx');
console.log('readTable (exceljs)', Math.round(performance.now() - t), 'ms');
const [industries, streets, parks] = await Promise.all([
  db.selectFrom('industries').select('code').where('level', '=', 4).execute(),
  db.selectFrom('divisions').select(['code', 'name']).where('level', '=', 4).execute(),
  db.selectFrom('parks').select(['id', 'name']).execute(),
]);
const lookups = { industryCodes: new Set(industries.map((r) => r.code)), streets: new Map(streets.map((s) => [s.code, s.name])), parks: new Map(parks.map((p) => [p.name, p.id])) };
t = performance.now();
const rows = table.rows.map((r) => parseEnterpriseRow(r.values, lookups).input!).filter(Boolean);
console.log('validate rows', Math.round(performance.now() - t), 'ms,', rows.length, 'valid');
const officer = await db.selectFrom('users').select('id').where('username', '=', 'officer').executeTakeFirstOrThrow();
t = performance.now();
const json = JSON.stringify(rows);
console.log('JSON.stringify batch', Math.round(performance.now() - t), 'ms,', (json.length / 2 ** 20).toFixed(1), 'MiB');
t = performance.now();
const b = await db.insertInto('import_batches').values({ kind: 'enterprises', file_name: 'a.xlsx', total_rows: rows.length, valid_rows: rows.length, errors: '[]', rows: json, created_by: officer.id }).returning('id').executeTakeFirstOrThrow();
console.log('store batch (INSERT import_batches)', Math.round(performance.now() - t), 'ms');
stats.clear();
t = performance.now();
let cpu = process.cpuUsage();
const r = await importEnterprisesJob({ id: 1, kind: 'import.enterprises', payload: { batchId: b.id }, attempts: 1, max_attempts: 1, created_by: officer.id } as never, { db, now: () => new Date(), progress: async () => {}, log: console as never });
const cpuMs = (c: NodeJS.CpuUsage) => Math.round((c.user + c.system) / 1000);
console.log('job', Math.round(performance.now() - t), 'ms wall,', cpuMs(process.cpuUsage(cpu)), 'ms CPU', JSON.stringify(r));
const sorted = [...stats.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 12);
for (const [k, s] of sorted) console.log(String(Math.round(s.ms)).padStart(7), 'ms', String(s.n).padStart(5), '×', k);
// second import: re-import changes nothing
const b2 = await db.insertInto('import_batches').values({ kind: 'enterprises', file_name: 'a.xlsx', total_rows: rows.length, valid_rows: rows.length, errors: '[]', rows: json, created_by: officer.id }).returning('id').executeTakeFirstOrThrow();
stats.clear(); t = performance.now(); cpu = process.cpuUsage();
const r2 = await importEnterprisesJob({ id: 2, kind: 'import.enterprises', payload: { batchId: b2.id }, attempts: 1, max_attempts: 1, created_by: officer.id } as never, { db, now: () => new Date(), progress: async () => {}, log: console as never });
console.log('re-import job', Math.round(performance.now() - t), 'ms wall,', cpuMs(process.cpuUsage(cpu)), 'ms CPU', JSON.stringify(r2));
if ((r2 as { unchanged: number }).unchanged !== rows.length) throw new Error('the second import changed something');
for (const [k, s] of [...stats.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 6)) console.log(String(Math.round(s.ms)).padStart(7), 'ms', String(s.n).padStart(5), '×', k);
await db.destroy(); await client.close();
fs.rmSync(dir + '.copy', { recursive: true, force: true });
