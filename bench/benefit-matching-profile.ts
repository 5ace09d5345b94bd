/**
 * Where the full benefit matching's time goes, statement by statement (issue 6, run 25):
 *
 *   npx tsx bench/benefit-matching-profile.ts [--db pglite|<postgres url>] [--data-dir DIR] [--reps 2]
 *
 * Over a database prepared by bench/benefit-matching.ts (50,000 enterprises, 200 policies), each
 * rep in one transaction rolled back at the end: the facts query run in the database only
 * (count of its rows), the same rows sent to the process, the facts as read by
 * readEnterpriseFacts, the policies, compiling, matching, and each statement of the write —
 * emptying the table (DELETE as before run 25, TRUNCATE since), dropping the GIN indexes, the JSON
 * chunks, building each index again.
 */
import { sql } from 'kysely';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Database } from '../apps/server/src/db/database';
import { readEnterpriseFacts } from '../apps/server/src/core/enterprises/enterprise-facts';
import { localDateOf } from '../apps/server/src/core/reference/domain/workday';
import { compilePolicies, matchCompiled } from '../apps/server/src/modules/service/benefits/domain';
import { loadMatchablePolicies } from '../apps/server/src/modules/service/benefits/matching';
import { cpuProbeMs, printMachine } from './lib/machine';
import { parseArgs, r1 } from './lib/stats';

const args = parseArgs();
const TARGET = args.get('db') ?? 'pglite';
const REPS = Number(args.get('reps') ?? 2);
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');

printMachine();
console.log(`command: npx tsx bench/benefit-matching-profile.ts ${process.argv.slice(2).join(' ')}`.trim());

const FACTS_SQL = sql`
  SELECT e.id, e.industry_code, e.size_class, e.above_scale, e.high_tech, e.division_code, e.park_id, e.established_on,
         e.employees, e.revenue_fen, e.tags, p.revenue_fen AS p_revenue, p.tax_fen AS p_tax, p.credit_rating AS p_credit
  FROM enterprises e
  LEFT JOIN (
    SELECT DISTINCT ON (f.enterprise_id) f.enterprise_id, f.revenue_fen, f.tax_fen, f.credit_rating FROM enterprise_eligibility_facts f
    ORDER BY f.enterprise_id, f.period DESC
  ) p ON p.enterprise_id = e.id
  WHERE e.status = 'active'`;

async function main() {
  const database: Database = TARGET === 'pglite'
    ? await openDatabase({ dataDir: args.get('data-dir') ?? path.join('/tmp/zz-bench', 'benefits-pglite-50000') })
    : await openDatabase({ databaseUrl: TARGET, dataDir: null });
  const { db } = database;
  const today = localDateOf(new Date());
  try {
    for (let rep = 1; rep <= REPS; rep++) {
      console.log(`\nrep ${rep} — load ${load()}, CPU probe ${r1(cpuProbeMs())} ms`);
      const rollback = new Error('rollback');
      await db.transaction().execute(async (tx) => {
        const time = async <T>(label: string, f: () => Promise<T> | T): Promise<T> => {
          const t0 = performance.now();
          const x = await f();
          console.log(`  ${label.padEnd(58)} ${r1(performance.now() - t0).toString().padStart(9)} ms`);
          return x;
        };
        await time('facts query, in the database only (count)', () => sql`SELECT count(*) FROM (${FACTS_SQL}) x`.execute(tx));
        await time('facts query, rows to the process (no mapping)', () => FACTS_SQL.execute(tx));
        await time('facts query as one JSON value, parsed', async () => JSON.parse(String((await sql<{ j: string }>`SELECT json_agg(x)::text AS j FROM (${FACTS_SQL}) x`.execute(tx)).rows[0]!.j)));
        const facts = await time('readEnterpriseFacts (all active)', () => readEnterpriseFacts(tx));
        const policies = await time('loadMatchablePolicies', () => loadMatchablePolicies(tx));
        const compiled = await time('compile', () => compilePolicies(policies, today));
        const rows = await time(`match ${policies.length} × ${facts.length}`, () => matchCompiled(compiled, facts));
        const docs = await time('JSON.stringify the rows (chunks of 10,000)', () => {
          const out: string[] = [];
          for (let i = 0; i < rows.length; i += 10_000) out.push(JSON.stringify(rows.slice(i, i + 10_000).map((r) => ({ enterprise_id: r.enterpriseId, eligible: r.eligible, nearly: r.nearly, codes: r.codes }))));
          return out;
        });
        if (rep % 2 === 1) await time('DELETE every row (before run 25)', () => sql`DELETE FROM benefit_enterprise_matches`.execute(tx));
        else await time('TRUNCATE (run 25)', () => sql`TRUNCATE benefit_enterprise_matches`.execute(tx));
        await time('drop the two GIN indexes', async () => {
          await sql`DROP INDEX benefit_enterprise_matches_eligible`.execute(tx);
          await sql`DROP INDEX benefit_enterprise_matches_nearly`.execute(tx);
        });
        const bytes = docs.reduce((n, d) => n + d.length, 0);
        await time(`insert ${rows.length} rows as JSON chunks of 10,000`, async () => {
          for (const doc of docs) {
            await sql`INSERT INTO benefit_enterprise_matches (enterprise_id, eligible, nearly, codes)
              SELECT enterprise_id, eligible, nearly, codes FROM json_populate_recordset(NULL::benefit_enterprise_matches, ${doc}::json)`.execute(tx);
          }
        });
        console.log(`  (JSON sent: ${r1(bytes / 1e6)} MB)`);
        await time('CREATE INDEX eligible (GIN)', () => sql`CREATE INDEX benefit_enterprise_matches_eligible ON benefit_enterprise_matches USING gin (eligible) WITH (fastupdate = off)`.execute(tx));
        await time('CREATE INDEX nearly (GIN)', () => sql`CREATE INDEX benefit_enterprise_matches_nearly ON benefit_enterprise_matches USING gin (nearly) WITH (fastupdate = off)`.execute(tx));
        throw rollback;
      }).catch((e) => { if (e !== rollback) throw e; });
    }
    console.log(`\ndone, load ${load()}`);
  } finally {
    await database.close();
  }
}

await main();
