/**
 * Benefit policy matching at county scale (惠企政策直达, issue 6):
 *
 *   npx tsx bench/benefit-matching.ts [--db pglite|<postgres url>] [--enterprises 50000] [--policies 200] [--reps 2] [--singles 50] [--skip-full] [--skip-old] [--skip-policy] [--skip-alternatives] [--old-fraction 1] [--data-dir DIR]
 *
 * The database: the demo county topped up to --enterprises with the registry's generator
 * (lib/dataset.ts), periodic facts (tax, credit rating) for about 60 % of them, and --policies
 * generated policies (each targets a group — an industry, high-tech or above-scale firms, a tag,
 * a park, a street — then adds 0–3 criteria of any kind; thresholds spread). Measured:
 * (1) matching every policy against every enterprise and storing the outcomes with their
 *     per-criterion codes, as the demo seed does (matching.ts: matchEverything — read the facts,
 *     run the compiled criteria, replace benefit_matches), end to end in one transaction. Target < 30 s.
 * (2) re-matching one enterprise against every policy (rematchEnterprises, what the re-matching
 *     job does per enterprise), --singles random enterprises, with its facts unchanged and then
 *     changed (high-tech flipped in the same transaction, rolled back after). Target < 100 ms.
 *     Interleaved in the same run: old (before run 25: every policy read and compiled, the row
 *     deleted and inserted), cold (the compiled criteria forgotten before each call), new.
 * (1b) the old storage (migration 0025: one row per policy and enterprise, with its foreign keys
 *     and indexes) written in the same run, from the same outcomes: what 0030 replaced.
 * (2b) re-matching one policy against every enterprise (a policy saved or published).
 * (3) the obvious alternatives, in the same run: (a) no precompiled criteria — the criteria
 *     interpreted per pair (explainMatch builds its tests for every pair), in memory on the same
 *     facts; (b) the matching done in SQL, one query per policy and criterion kind is not what an
 *     officer's "why" needs, so (b) is one SQL statement per pair for a sample of pairs, scaled.
 */
import { sql } from 'kysely';
import { openDatabase, type Database } from '../apps/server/src/db/database';
import { seededRandom } from '../apps/server/src/db/seed/random';
import { readEnterpriseFacts, recordPeriodicFacts } from '../apps/server/src/core/enterprises/enterprise-facts';
import { localDateOf } from '../apps/server/src/core/reference/domain/workday';
import { explainMatch, matchEnterprises, outcomesOf, validateCriteria, type Criteria, type Criterion, type EnterpriseMatches } from '../apps/server/src/modules/service/benefits/domain';
import { loadMatchablePolicies, matchEverything, matchPolicy, rematchEnterprises } from '../apps/server/src/modules/service/benefits/matching';
import { forgetCompiledPolicies } from '../apps/server/src/modules/service/benefits/compiled-policies';
import { matchCompiled } from '../apps/server/src/modules/service/benefits/domain';
import { compileCriteria as oldCompileCriteria } from './lib/old-benefit-matcher';
import type { EnterpriseFacts } from '../apps/server/src/core/enterprises/domain/enterprise-facts';
import type { Tx } from '../apps/server/src/core/context';
import { cpuProbeMs, printMachine } from './lib/machine';
import { seedEnterprises } from './lib/dataset';
import { parseArgs, percentile, r1, r2 } from './lib/stats';
import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';

const args = parseArgs();
const TARGET = args.get('db') ?? 'pglite';
const ENTERPRISES = Number(args.get('enterprises') ?? 50_000);
const POLICIES = Number(args.get('policies') ?? 200);
const REPS = Number(args.get('reps') ?? 2);
const SINGLES = Number(args.get('singles') ?? 50);
/** --skip-full: only (2) and (3), over the outcomes stored by an earlier run. */
const SKIP_FULL = args.has('skip-full');
/** --skip-old: leave out (1b), the old one-row-per-pair storage. */
const SKIP_OLD = args.has('skip-old');
/** --old-fraction F: (1b) writes the pair rows of this fraction of the enterprises and scales (the whole took 1,054 s in run 16). */
const OLD_FRACTION = Number(args.get('old-fraction') ?? 1);
/** --skip-alternatives: leave out (3); --skip-policy: leave out (2b). */
const SKIP_ALTERNATIVES = args.has('skip-alternatives');
const SKIP_POLICY = args.has('skip-policy');
/** --skip-old-full: (1) without the old full match beside the new one. */
const SKIP_OLD_FULL = args.has('skip-old-full');

printMachine();
console.log(`command: npx tsx bench/benefit-matching.ts ${process.argv.slice(2).join(' ')}`.trim());
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');

function generatePolicy(rng: ReturnType<typeof seededRandom>, streets: string[], parks: string[]): Criteria {
  const kinds: (() => Criterion)[] = [
    () => ({ field: 'industry', op: 'prefix', values: [rng.pick(['65', '27', '35', '73', '6513', '2720', '40', '52'])] }),
    () => ({ field: 'highTech', op: 'is', value: true }),
    () => ({ field: 'aboveScale', op: 'is', value: true }),
    () => ({ field: 'sizeClass', op: 'in', values: rng.chance(0.5) ? ['small', 'micro'] : ['medium', 'large'] }),
    () => ({ field: 'ageYears', op: rng.pick(['gte', 'gt', 'lte', 'lt'] as const), value: rng.int(1, 15) }),
    () => ({ field: 'employees', op: rng.pick(['gte', 'lt'] as const), value: rng.int(10, 300) }),
    () => ({ field: 'revenueFen', op: rng.pick(['gte', 'gt'] as const), value: rng.int(100, 5_000) * 1_000_000 }),
    () => ({ field: 'taxFen', op: 'gte', value: rng.int(10, 300) * 1_000_000 }),
    () => ({ field: 'tags', op: rng.pick(['hasAny', 'hasAll'] as const), values: [rng.pick(['数字经济', '专精特新', '生物医药', '科技型中小企业', '集成电路'])] }),
    () => ({ field: 'creditRating', op: 'in', values: rng.chance(0.5) ? ['A'] : ['A', 'B'] }),
    () => ({ field: 'street', op: 'in', values: [rng.pick(streets)] }),
    () => ({ field: 'park', op: 'in', values: [rng.pick(parks)] }),
  ];
  // Like real policies, each targets some group first (an industry, a certification, a tag, a
  // park, a street, above-scale firms), then narrows it with 0–3 more criteria of any kind.
  const targeting = [0, 1, 2, 8, 10, 11];
  const first = targeting[rng.int(0, targeting.length - 1)]!;
  const n = rng.int(1, 4);
  const items: Criterion[] = [first === 8 ? { field: 'tags', op: 'hasAny', values: [rng.pick(['专精特新', '集成电路', '医疗器械', '信创'])] } : kinds[first]!()];
  const used = new Set<number>([first]);
  while (items.length < n) {
    const k = rng.int(0, kinds.length - 1);
    if (used.has(k)) continue;
    used.add(k);
    items.push(kinds[k]!());
  }
  const c = validateCriteria({ combine: rng.chance(0.9) ? 'all' : 'any', items });
  if (!c.ok) throw new Error(JSON.stringify(c.problems));
  return c.criteria;
}

/** readEnterpriseFacts as it was before run 25: rows of 14 columns through the driver. */
async function readFactsAsRows(db: Tx): Promise<EnterpriseFacts[]> {
  const r = await sql<{
    id: string; industry_code: string; size_class: EnterpriseFacts['sizeClass']; above_scale: boolean; high_tech: boolean; division_code: string;
    park_id: string | null; established_on: string | null; employees: number | null; revenue_fen: number | null; tags: string[];
    p_revenue: number | null; p_tax: number | null; p_credit: EnterpriseFacts['creditRating'];
  }>`
    SELECT e.id, e.industry_code, e.size_class, e.above_scale, e.high_tech, e.division_code, e.park_id, e.established_on,
           e.employees, e.revenue_fen, e.tags, p.revenue_fen AS p_revenue, p.tax_fen AS p_tax, p.credit_rating AS p_credit
    FROM enterprises e
    LEFT JOIN (
      SELECT DISTINCT ON (f.enterprise_id) f.enterprise_id, f.revenue_fen, f.tax_fen, f.credit_rating FROM enterprise_eligibility_facts f
      ORDER BY f.enterprise_id, f.period DESC
    ) p ON p.enterprise_id = e.id
    WHERE e.status = 'active'
    ORDER BY e.id`.execute(db);
  return r.rows.map((x) => ({
    enterpriseId: x.id, industryCode: x.industry_code, sizeClass: x.size_class, aboveScale: x.above_scale, highTech: x.high_tech,
    divisionCode: x.division_code, parkId: x.park_id, establishedOn: x.established_on, employees: x.employees,
    revenueFen: x.p_revenue ?? x.revenue_fen, taxFen: x.p_tax, creditRating: x.p_credit, tags: x.tags,
  }));
}

/** The storage of migration 0025 (one row per pair), as a table of its own for the comparison. */
const OLD_DDL = sql`CREATE TABLE IF NOT EXISTS bench_old_benefit_matches (
  policy_id uuid NOT NULL REFERENCES benefit_policies (id) ON DELETE CASCADE,
  enterprise_id uuid NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
  outcome text NOT NULL CHECK (outcome IN ('eligible', 'nearly')),
  codes text NOT NULL,
  PRIMARY KEY (policy_id, enterprise_id))`;
const OLD_INDEX = sql`CREATE INDEX IF NOT EXISTS bench_old_benefit_matches_enterprise ON bench_old_benefit_matches (enterprise_id)`;

type PairRow = { policy_id: string; enterprise_id: string; outcome: string; codes: string };
function pairsOf(rows: readonly EnterpriseMatches[], idOfKey: Map<number, string>): PairRow[] {
  const out: PairRow[] = [];
  for (const r of rows) for (const [k, o] of outcomesOf(r)) out.push({ policy_id: idOfKey.get(k)!, enterprise_id: r.enterpriseId, outcome: o.outcome, codes: o.codes });
  return out;
}
/** The 0025 write: pair rows as JSON chunks of 5,000 (matching.ts before 0030). */
async function insertOldPairs(tx: Tx, rows: readonly PairRow[]) {
  for (let i = 0; i < rows.length; i += 5_000) {
    await sql`INSERT INTO bench_old_benefit_matches (policy_id, enterprise_id, outcome, codes)
              SELECT policy_id, enterprise_id, outcome, codes FROM json_populate_recordset(NULL::bench_old_benefit_matches, ${JSON.stringify(rows.slice(i, i + 5_000))}::json)`.execute(tx);
  }
}

async function prepare(database: Database) {
  const t0 = performance.now();
  const r = await seedEnterprises(database, ENTERPRISES);
  const { db } = database;
  // the generated policies are made anew on every run (the demo's dozen stay)
  if (!SKIP_FULL) {
    await db.deleteFrom('benefit_policies').where('issuer', '=', '基准').execute();
    await db.deleteFrom('benefit_enterprise_matches').execute();
  }
  const have = await db.selectFrom('benefit_policies').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  if (Number(have.n) < POLICIES) {
    const rng = seededRandom(20261129);
    const ents = await db.selectFrom('enterprises').select(['id', 'revenue_fen']).orderBy('credit_code').execute();
    const hasFacts = await db.selectFrom('enterprise_eligibility_facts').select(sql<number>`count(*)`.as('n')).where('source', '=', 'bench').executeTakeFirstOrThrow();
    const facts = Number(hasFacts.n) > 0 ? [] : ents.filter(() => rng.chance(0.6)).map((e) => ({
      enterpriseId: e.id, period: '2025', source: 'bench', taxFen: e.revenue_fen === null ? null : Math.round(e.revenue_fen * 0.04), creditRating: rng.pick(['A', 'B', 'B', 'M', 'C'] as const),
    }));
    for (let i = 0; i < facts.length; i += 2_000) await db.transaction().execute((tx) => recordPeriodicFacts(tx, facts.slice(i, i + 2_000), new Date()));
    const streets = (await db.selectFrom('enterprises').select('division_code').distinct().execute()).map((x) => x.division_code);
    const parks = (await db.selectFrom('parks').select('id').execute()).map((x) => x.id);
    const rows = Array.from({ length: POLICIES - Number(have.n) }, (_, i) => ({
      title: `基准政策 ${i + 1}`, issuer: '基准', criteria: JSON.stringify(generatePolicy(rng, streets, parks)), status: 'published' as const, updated_at: new Date(),
    }));
    await db.insertInto('benefit_policies').values(rows).execute();
    await sql`ANALYZE`.execute(db);
  }
  console.log(`prepared ${r.total} enterprises (${r.added} added) and ${POLICIES} policies in ${r1((performance.now() - t0) / 1000)} s`);
}

async function main() {
  let database: Database;
  if (TARGET === 'pglite') {
    const dir = args.get('data-dir') ?? path.join('/tmp/zz-bench', `benefits-pglite-${ENTERPRISES}`);
    fs.mkdirSync(dir, { recursive: true });
    database = await openDatabase({ dataDir: dir });
  } else {
    database = await openDatabase({ databaseUrl: TARGET, dataDir: null });
  }
  const { db } = database;
  try {
    await prepare(database);
    const now = new Date();
    const today = localDateOf(now);
    {
      const [ps, fs] = [await loadMatchablePolicies(db), await readEnterpriseFacts(db)];
      const rows = matchEnterprises(ps, fs, today);
      const pairs = rows.reduce((n, r) => n + r.codes.length, 0);
      console.log(`  in memory first: ${ps.length} policies × ${fs.length} active enterprises → ${pairs.toLocaleString('en')} eligible or nearly pairs (${r1((100 * pairs) / (ps.length * fs.length))} % of pairs) in ${rows.length.toLocaleString('en')} enterprise rows`);
    }
    console.log(`\n(1) every policy × every enterprise, stored — load ${load()}, CPU probe ${r1(cpuProbeMs())} ms`);
    // old: matchEverything as it was before run 25 — the facts as rows, every criterion evaluated, DELETE instead of TRUNCATE
    const oldEverything = async (tx: Tx) => {
      const t0 = performance.now();
      const [policies, facts] = [await loadMatchablePolicies(tx), await readFactsAsRows(tx)];
      const t1 = performance.now();
      const compiled = [...policies].sort((a, b) => a.key - b.key).map((p) => ({ key: p.key, compiled: oldCompileCriteria(p.criteria, today) }));
      const rows = matchCompiled(compiled, facts);
      const t2 = performance.now();
      await sql`DROP INDEX benefit_enterprise_matches_eligible`.execute(tx);
      await sql`DROP INDEX benefit_enterprise_matches_nearly`.execute(tx);
      await sql`DELETE FROM benefit_enterprise_matches`.execute(tx);
      for (let i = 0; i < rows.length; i += 10_000) {
        const json = JSON.stringify(rows.slice(i, i + 10_000).map((r) => ({ enterprise_id: r.enterpriseId, eligible: r.eligible, nearly: r.nearly, codes: r.codes })));
        await sql`INSERT INTO benefit_enterprise_matches (enterprise_id, eligible, nearly, codes)
                  SELECT enterprise_id, eligible, nearly, codes FROM json_populate_recordset(NULL::benefit_enterprise_matches, ${json}::json)`.execute(tx);
      }
      await sql`CREATE INDEX benefit_enterprise_matches_eligible ON benefit_enterprise_matches USING gin (eligible) WITH (fastupdate = off)`.execute(tx);
      await sql`CREATE INDEX benefit_enterprise_matches_nearly ON benefit_enterprise_matches USING gin (nearly) WITH (fastupdate = off)`.execute(tx);
      await tx.updateTable('benefit_policies').set({ matched_at: now }).where('status', '!=', 'expired').execute();
      const t3 = performance.now();
      const pairs = rows.reduce((n, r) => n + r.codes.length, 0);
      return { ms: { read: t1 - t0, match: t2 - t1, write: t3 - t2 }, pairs };
    };
    const totals: Record<'old' | 'new', number[]> = { old: [], new: [] };
    for (let rep = 1; rep <= (SKIP_FULL ? 0 : REPS); rep++) {
      for (const variant of (rep % 2 ? ['old', 'new'] : ['new', 'old']) as ('old' | 'new')[]) {
        if (variant === 'old' && SKIP_OLD_FULL) continue;
        const t0 = performance.now();
        if (variant === 'old') {
          const s = await db.transaction().execute((tx) => oldEverything(tx));
          const ms = performance.now() - t0;
          totals.old.push(ms);
          console.log(`  rep ${rep} old: ${r2(ms / 1000)} s total — read ${r1(s.ms.read)} ms, match ${r1(s.ms.match)} ms, write ${r1(s.ms.write)} ms; ${s.pairs.toLocaleString('en')} pairs stored; load ${load()}`);
        } else {
          const s = await db.transaction().execute((tx) => matchEverything(tx, now));
          const ms = performance.now() - t0;
          totals.new.push(ms);
          console.log(`  rep ${rep} new: ${r2(ms / 1000)} s total — read ${r1(s.ms.read)} ms, match ${r1(s.ms.match)} ms, write ${r1(s.ms.write)} ms; ${s.policies} policies × ${s.enterprises} enterprises = ${(s.policies * s.enterprises).toLocaleString('en')} pairs; stored ${s.eligible.toLocaleString('en')} eligible + ${s.nearly.toLocaleString('en')} nearly; load ${load()}`);
        }
      }
    }
    if (totals.old.length && totals.new.length) {
      const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
      console.log(`  ratio old/new (sum of reps): ${r2(sum(totals.old) / sum(totals.new))}×`);
    }
    const size = await sql<{ s: string }>`SELECT pg_size_pretty(pg_total_relation_size('benefit_enterprise_matches')) AS s`.execute(db);
    console.log(`  benefit_enterprise_matches: ${size.rows[0]!.s} with its indexes`);

    if (!SKIP_OLD) {
      console.log(`\n(1b) the old storage (0025: one row per pair, FKs, PK, enterprise index), same outcomes — load ${load()}`);
      await sql`DROP TABLE IF EXISTS bench_old_benefit_matches`.execute(db);
      await OLD_DDL.execute(db);
      await OLD_INDEX.execute(db);
      const ps = await loadMatchablePolicies(db);
      const rows = matchEnterprises(ps, await readEnterpriseFacts(db), today);
      const pairRows = pairsOf(rows.slice(0, Math.round(rows.length * OLD_FRACTION)), new Map(ps.map((p) => [p.key, p.id])));
      const t0 = performance.now();
      await db.transaction().execute(async (tx) => {
        await sql`DELETE FROM bench_old_benefit_matches`.execute(tx);
        await insertOldPairs(tx, pairRows);
      });
      const oldWrite = performance.now() - t0;
      const oldSize = await sql<{ s: string }>`SELECT pg_size_pretty(pg_total_relation_size('bench_old_benefit_matches')) AS s`.execute(db);
      console.log(`  old write: ${r2(oldWrite / 1000)} s for ${pairRows.length.toLocaleString('en')} pair rows of ${Math.round(rows.length * OLD_FRACTION).toLocaleString('en')} enterprises (${oldSize.rows[0]!.s})`
        + (OLD_FRACTION < 1 ? `, scaled to all: ~${r1(oldWrite / OLD_FRACTION / 1000)} s` : '') + `; load ${load()}`);
      const ids = rows.map((r) => r.enterpriseId);
      const rng = seededRandom(11);
      const times: number[] = [];
      for (let i = 0; i < SINGLES; i++) {
        const id = ids[rng.int(0, ids.length - 1)]!;
        const t1 = performance.now();
        await db.transaction().execute(async (tx) => {
          // the 0025 re-matching of one enterprise: its facts and the policies read, evaluated, its pair rows replaced
          const [policies, facts] = await Promise.all([loadMatchablePolicies(tx), readEnterpriseFacts(tx, [id])]);
          const mine = pairsOf(matchEnterprises(policies, facts, today), new Map(policies.map((p) => [p.key, p.id])));
          await sql`DELETE FROM bench_old_benefit_matches WHERE enterprise_id = ANY(${[id]}::uuid[])`.execute(tx);
          await insertOldPairs(tx, mine);
        });
        times.push(performance.now() - t1);
      }
      times.sort((a, b) => a - b);
      console.log(`  old re-matching of one enterprise (${SINGLES} random): p50 ${r1(percentile(times, 50))} ms, p99 ${r1(percentile(times, 99))} ms`);
      await sql`DROP TABLE bench_old_benefit_matches`.execute(db);
    }

    console.log(`\n(2) re-matching one enterprise against every policy (${SINGLES} random), old / cold cache / new interleaved, load ${load()}, CPU probe ${r1(cpuProbeMs())} ms`);
    {
      const ids = (await db.selectFrom('enterprises').select('id').where('status', '=', 'active').orderBy('credit_code').execute()).map((x) => x.id);
      const rng = seededRandom(7);
      // old: what rematchEnterprises did before run 25 — every policy's criteria read and compiled, the enterprise's row deleted and inserted
      const oldRematch = async (tx: Tx, id: string) => {
        const [policies, facts] = [await loadMatchablePolicies(tx), await readEnterpriseFacts(tx, [id])];
        const rows = matchCompiled([...policies].sort((a, b) => a.key - b.key).map((p) => ({ key: p.key, compiled: oldCompileCriteria(p.criteria, today) })), facts);
        await sql`DELETE FROM benefit_enterprise_matches WHERE enterprise_id = ANY(${[id]}::uuid[])`.execute(tx);
        if (rows.length) await sql`INSERT INTO benefit_enterprise_matches (enterprise_id, eligible, nearly, codes)
          SELECT enterprise_id, eligible, nearly, codes FROM json_populate_recordset(NULL::benefit_enterprise_matches, ${JSON.stringify(rows.map((r) => ({ enterprise_id: r.enterpriseId, eligible: r.eligible, nearly: r.nearly, codes: r.codes })))}::json)`.execute(tx);
      };
      type Variant = 'old' | 'cold' | 'new';
      const run = async (variant: Variant, id: string, change: boolean) => {
        let ms = 0;
        let phases: Record<string, number> | null = null;
        const rollback = new Error('rollback');
        await db.transaction().execute(async (tx) => {
          // the change (not timed): high-tech status flipped, which moves the enterprise in or out of ~half the generated policies
          if (change) await sql`UPDATE enterprises SET high_tech = NOT high_tech WHERE id = ${id}`.execute(tx);
          if (variant === 'cold') forgetCompiledPolicies();
          const t0 = performance.now();
          if (variant === 'old') await oldRematch(tx, id);
          else phases = (await rematchEnterprises(tx, [id], now)).ms;
          ms = performance.now() - t0;
          if (change) throw rollback; // leave the dataset as it was
        }).catch((e) => { if (e !== rollback) throw e; });
        return { ms, phases };
      };
      for (const change of [false, true]) {
        const times: Record<Variant, number[]> = { old: [], cold: [], new: [] };
        const phases: Record<string, number[]> = {};
        await run('new', ids[0]!, change); // warm the cache as a running server has it
        for (let i = 0; i < SINGLES; i++) {
          const id = ids[rng.int(0, ids.length - 1)]!;
          const order: Variant[] = i % 3 === 0 ? ['old', 'cold', 'new'] : i % 3 === 1 ? ['new', 'old', 'cold'] : ['cold', 'new', 'old'];
          for (const v of order) {
            const r = await run(v, id, change);
            times[v].push(r.ms);
            if (v === 'new' && r.phases) for (const [k, x] of Object.entries(r.phases as Record<string, number>)) (phases[k] ??= []).push(x);
          }
        }
        const fmt = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return `p50 ${r1(percentile(s, 50))} ms, p99 ${r1(percentile(s, 99))} ms, max ${r1(s.at(-1)!)} ms`; };
        console.log(`  ${change ? 'changed (high-tech flipped, rolled back after)' : 'facts unchanged (nothing to write)'}:`);
        for (const v of ['old', 'cold', 'new'] as const) console.log(`    ${v.padEnd(4)} ${fmt(times[v])}`);
        const med = (v: Variant) => percentile([...times[v]].sort((a, b) => a - b), 50);
        console.log(`    new, p50 per phase: ${Object.entries(phases).map(([k, xs]) => `${k} ${r2(percentile([...xs].sort((a, b) => a - b), 50))} ms`).join(', ')}; ratio old/new p50 ${r1(med('old') / med('new'))}×, cold/new ${r1(med('cold') / med('new'))}×; load ${load()}`);
      }
    }

    if (!SKIP_POLICY) {
      console.log(`\n(2b) re-matching one policy against every enterprise (5 policies), load ${load()}`);
      const ps = await loadMatchablePolicies(db);
      const pick = [0, 1, 2, 3, 4].map((i) => ps[Math.floor((i * ps.length) / 5)]!);
      for (const p of pick) {
        const t0 = performance.now();
        const s = await db.transaction().execute((tx) => matchPolicy(tx, p.id, now));
        console.log(`  policy ${p.key}: ${r1(performance.now() - t0)} ms (${s.eligible} eligible, ${s.nearly} nearly)`);
      }
    }

    if (SKIP_ALTERNATIVES) {
      console.log(`\ndone, load ${load()}`);
      return;
    }
    console.log(`\n(3) alternatives, load ${load()}`);
    const [policies, facts] = [await loadMatchablePolicies(db), await readEnterpriseFacts(db)];
    let t0 = performance.now();
    const rows = matchEnterprises(policies, facts, today);
    const compiledMs = performance.now() - t0;
    const sample = policies.slice(0, 20);
    t0 = performance.now();
    let kept = 0;
    for (const p of sample) for (const f of facts) if (explainMatch(p.criteria, f, today).outcome !== 'not_eligible') kept++;
    const interpMs = ((performance.now() - t0) * policies.length) / sample.length;
    console.log(`  (a) compiled once per policy: ${r1(compiledMs)} ms for all ${policies.length} policies (${rows.length.toLocaleString('en')} enterprise rows); interpreted per pair: ${r1(interpMs)} ms (scaled from ${sample.length} policies, ${kept.toLocaleString('en')} kept) — ratio ${r1(interpMs / compiledMs)}×`);
    // (b) per-pair SQL: the criterion of a policy checked by the database for one enterprise at a time
    const pairs = 2_000;
    const rng = seededRandom(3);
    t0 = performance.now();
    for (let i = 0; i < pairs; i++) {
      const f = facts[rng.int(0, facts.length - 1)]!;
      await sql`SELECT e.high_tech, e.above_scale, e.size_class, e.established_on, e.employees, e.revenue_fen, e.tags,
                       (SELECT f.tax_fen FROM enterprise_eligibility_facts f WHERE f.enterprise_id = e.id ORDER BY f.period DESC LIMIT 1) AS tax
                FROM enterprises e WHERE e.id = ${f.enterpriseId}`.execute(db);
    }
    const perPair = (performance.now() - t0) / pairs;
    const total = perPair * policies.length * facts.length;
    console.log(`  (b) one SQL statement per pair: ${r2(perPair)} ms per pair (${pairs} sampled) → ${r1(total / 1000 / 60)} min for ${(policies.length * facts.length).toLocaleString('en')} pairs`);
    console.log(`\ndone, load ${load()}`);
  } finally {
    await database.close();
  }
}

await main();
