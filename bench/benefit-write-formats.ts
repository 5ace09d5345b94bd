/**
 * How the full match's 48,000 rows are best sent to the database (issue 6, run 25): the same rows
 * written four ways, each in a transaction rolled back, GIN indexes dropped as in replaceAllMatches.
 *
 *   npx tsx bench/benefit-write-formats.ts [--db pglite|<postgres url>] [--data-dir DIR] [--reps 2]
 *
 * (a) json_populate_recordset over JSON objects (run 21's write); (b) JSON arrays of strings, each
 * array column as its PostgreSQL literal ('{1,5,9}') cast in SQL; (c) unnest of four text[]
 * parameters, cast in SQL; (d) one text value, a line per row, split in SQL.
 */
import { sql } from 'kysely';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../apps/server/src/db/database';
import { readEnterpriseFacts } from '../apps/server/src/core/enterprises/enterprise-facts';
import { localDateOf } from '../apps/server/src/core/reference/domain/workday';
import { matchEnterprises, type EnterpriseMatches } from '../apps/server/src/modules/service/benefits/domain';
import { loadMatchablePolicies } from '../apps/server/src/modules/service/benefits/matching';
import type { Tx } from '../apps/server/src/core/context';
import { cpuProbeMs, printMachine } from './lib/machine';
import { parseArgs, r1 } from './lib/stats';

const args = parseArgs();
const TARGET = args.get('db') ?? 'pglite';
const REPS = Number(args.get('reps') ?? 2);
const CHUNK = 10_000;
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');
printMachine();
console.log(`command: npx tsx bench/benefit-write-formats.ts ${process.argv.slice(2).join(' ')}`.trim());

const lit = (xs: readonly (number | string)[]) => `{${xs.join(',')}}`; // keys are integers, codes are P/F/U letters: nothing to quote

const formats: Record<string, (tx: Tx, rows: readonly EnterpriseMatches[]) => Promise<void>> = {
  'a json objects, json_populate_recordset': async (tx, rows) => {
    for (let i = 0; i < rows.length; i += CHUNK) {
      const json = JSON.stringify(rows.slice(i, i + CHUNK).map((r) => ({ enterprise_id: r.enterpriseId, eligible: r.eligible, nearly: r.nearly, codes: r.codes })));
      await sql`INSERT INTO benefit_enterprise_matches (enterprise_id, eligible, nearly, codes)
        SELECT enterprise_id, eligible, nearly, codes FROM json_populate_recordset(NULL::benefit_enterprise_matches, ${json}::json)`.execute(tx);
    }
  },
  'b json arrays of literals': async (tx, rows) => {
    for (let i = 0; i < rows.length; i += CHUNK) {
      const json = JSON.stringify(rows.slice(i, i + CHUNK).map((r) => [r.enterpriseId, lit(r.eligible), lit(r.nearly), lit(r.codes)]));
      await sql`INSERT INTO benefit_enterprise_matches (enterprise_id, eligible, nearly, codes)
        SELECT (j->>0)::uuid, (j->>1)::int[], (j->>2)::int[], (j->>3)::text[] FROM json_array_elements(${json}::json) j`.execute(tx);
    }
  },
  'c unnest of four text[] parameters': async (tx, rows) => {
    for (let i = 0; i < rows.length; i += CHUNK) {
      const c = rows.slice(i, i + CHUNK);
      await sql`INSERT INTO benefit_enterprise_matches (enterprise_id, eligible, nearly, codes)
        SELECT id::uuid, el::int[], ne::int[], co::text[] FROM unnest(${c.map((r) => r.enterpriseId)}::text[], ${c.map((r) => lit(r.eligible))}::text[], ${c.map((r) => lit(r.nearly))}::text[], ${c.map((r) => lit(r.codes))}::text[]) AS u (id, el, ne, co)`.execute(tx);
    }
  },
  'd one text, a line per row, split in SQL': async (tx, rows) => {
    for (let i = 0; i < rows.length; i += CHUNK) {
      const text = rows.slice(i, i + CHUNK).map((r) => `${r.enterpriseId}|${lit(r.eligible)}|${lit(r.nearly)}|${lit(r.codes)}`).join('\n');
      await sql`INSERT INTO benefit_enterprise_matches (enterprise_id, eligible, nearly, codes)
        SELECT split_part(l, '|', 1)::uuid, split_part(l, '|', 2)::int[], split_part(l, '|', 3)::int[], split_part(l, '|', 4)::text[]
        FROM regexp_split_to_table(${text}, '\n') l`.execute(tx);
    }
  },
};

const database = TARGET === 'pglite'
  ? await openDatabase({ dataDir: args.get('data-dir') ?? path.join('/tmp/zz-bench', 'benefits-pglite-50000') })
  : await openDatabase({ databaseUrl: TARGET, dataDir: null });
const { db } = database;
try {
  const rows = matchEnterprises(await loadMatchablePolicies(db), await readEnterpriseFacts(db), localDateOf(new Date()));
  const check = await sql<{ n: number; s: string }>`SELECT count(*)::int AS n, md5(string_agg(enterprise_id::text || eligible::text || nearly::text || codes::text, ',' ORDER BY enterprise_id)) AS s FROM benefit_enterprise_matches`.execute(db);
  console.log(`${rows.length} rows; stored now: ${check.rows[0]!.n}`);
  for (let rep = 1; rep <= REPS; rep++) {
    const names = Object.keys(formats);
    const order = rep % 2 ? names : [...names].reverse();
    console.log(`rep ${rep} — load ${load()}, CPU probe ${r1(cpuProbeMs())} ms`);
    for (const name of order) {
      const rollback = new Error('rollback');
      let ms = 0;
      let digest = '';
      await db.transaction().execute(async (tx) => {
        await sql`TRUNCATE benefit_enterprise_matches`.execute(tx);
        await sql`DROP INDEX benefit_enterprise_matches_eligible`.execute(tx);
        await sql`DROP INDEX benefit_enterprise_matches_nearly`.execute(tx);
        const t0 = performance.now();
        await formats[name]!(tx, rows);
        ms = performance.now() - t0;
        digest = (await sql<{ s: string }>`SELECT md5(string_agg(enterprise_id::text || eligible::text || nearly::text || codes::text, ',' ORDER BY enterprise_id)) AS s FROM benefit_enterprise_matches`.execute(tx)).rows[0]!.s;
        throw rollback;
      }).catch((e) => { if (e !== rollback) throw e; });
      console.log(`  ${name.padEnd(44)} ${r1(ms).toString().padStart(8)} ms  (${digest.slice(0, 8)})`);
    }
  }
  console.log(`done, load ${load()}`);
} finally {
  await database.close();
}
