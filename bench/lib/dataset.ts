import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { EnterpriseInput } from '@zhizhi/contracts';
import { openDatabase, type Database } from '../../apps/server/src/db/database';
import { prepareDatabase } from '../../apps/server/src/bootstrap';
import { toRow } from '../../apps/server/src/core/enterprises/enterprise.service';
import { generateEnterprise, mobilePhone, personName, type GeneratorPlace } from '../../apps/server/src/db/seed/enterprise-generator';
import { seededRandom } from '../../apps/server/src/db/seed/random';
import { DEMO_COUNTY, DEMO_STREETS } from '../../apps/server/src/db/seed/demo-county';
import { REPO, WORK } from './server';

export const DATASET_SEED = 20260505;
const DATASET_VERSION = 2;

/** The code a dataset depends on: when any of it changes, a cached dataset is built again. */
function codeFingerprint(): string {
  const h = createHash('sha256');
  const src = path.join(REPO, 'apps/server/src');
  for (const f of ['db/seed/enterprise-generator.ts', 'db/seed/demo-county.ts', 'db/seed/random.ts', 'core/enterprises/enterprise.service.ts', 'core/enterprises/domain/size.ts']) {
    h.update(fs.readFileSync(path.join(src, f)));
  }
  for (const f of fs.readdirSync(path.join(src, 'db/migrations')).sort()) h.update(fs.readFileSync(path.join(src, 'db/migrations', f)));
  return h.digest('hex').slice(0, 16);
}

/** The place the generator draws from: the demo county's streets and parks, as stored. */
export async function demoPlace(database: Database) {
  const parks = await database.db.selectFrom('parks').select(['id', 'name', 'division_code']).orderBy('name').execute();
  return {
    countyCode: DEMO_COUNTY,
    streets: Object.values(DEMO_STREETS),
    parks: parks.map((p) => ({ id: p.id, name: p.name, divisionCode: p.division_code })),
  };
}

/**
 * `count` more enterprises from the project's generator (seeded, so the same on every machine),
 * with credit codes and names unique against `taken`.
 */
export function generateEnterprises(
  count: number,
  place: GeneratorPlace,
  taken: { names: Set<string>; codes: Set<string> },
  seed = DATASET_SEED,
): EnterpriseInput[] {
  const rng = seededRandom(seed);
  const out: EnterpriseInput[] = [];
  while (out.length < count) {
    const e = generateEnterprise(rng, place, taken.names);
    if (taken.codes.has(e.creditCode)) continue; // ~1 collision in 50,000 codes
    taken.codes.add(e.creditCode);
    out.push(e);
  }
  return out;
}

/**
 * Prepares the database as the server does (migrations, reference data, roles, demo county), then
 * tops the enterprise registry up to `total` rows, written through the service's own `toRow`,
 * each with one or two contacts like the demo seed. Ends with ANALYZE (see README: PGlite has no
 * autovacuum, PostgreSQL's would do the same within a minute).
 */
export async function seedEnterprises(database: Database, total: number): Promise<{ total: number; added: number; ms: number }> {
  const t0 = performance.now();
  await prepareDatabase(database, { demo: true });
  const { db } = database;
  const existing = await db.selectFrom('enterprises').select(['name', 'credit_code']).execute();
  const place = await demoPlace(database);
  const todo = total - existing.length;
  if (todo > 0) {
    const taken = { names: new Set(existing.map((e) => e.name)), codes: new Set(existing.map((e) => e.credit_code)) };
    const inputs = generateEnterprises(todo, place, taken);
    const rng = seededRandom(DATASET_SEED + 1);
    for (let i = 0; i < inputs.length; i += 1000) {
      const chunk = inputs.slice(i, i + 1000);
      await db.transaction().execute(async (tx) => {
        const ids = await tx.insertInto('enterprises').values(chunk.map(toRow)).returning('id').execute();
        const contacts = ids.flatMap(({ id }, k) =>
          Array.from({ length: 1 + ((i + k) % 2) }, (_, j) => ({
            enterprise_id: id,
            name: personName(rng),
            title: j === 0 ? '总经理' : rng.pick(['财务负责人', '人事经理', '行政主管']),
            phone: mobilePhone(rng),
            email: j === 0 ? `contact${i + k}@example.com` : '',
            is_primary: j === 0,
          })),
        );
        await tx.insertInto('enterprise_contacts').values(contacts).execute();
      });
      if ((i / 1000) % 10 === 9) process.stdout.write(`  … ${existing.length + i + chunk.length} enterprises\n`);
    }
  }
  await sql`ANALYZE`.execute(db);
  return { total: Math.max(total, existing.length), added: Math.max(0, todo), ms: performance.now() - t0 };
}

/**
 * A PGlite data directory under /tmp/zz-bench with `total` enterprises, built once and reused
 * (a marker file records what it holds). Benchmarks only read it, apart from login sessions.
 */
export async function ensurePgliteDataset(total: number): Promise<string> {
  const dir = path.join(WORK, `pglite-${total}`);
  const marker = path.join(dir, '.bench-dataset.json');
  const want = { total, seed: DATASET_SEED, version: DATASET_VERSION, code: codeFingerprint() };
  if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === JSON.stringify(want)) return dir;
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(`building PGlite dataset with ${total} enterprises in ${dir} (once; reused afterwards)`);
  const database = await openDatabase({ dataDir: dir });
  try {
    const r = await seedEnterprises(database, total);
    console.log(`  seeded ${r.added} enterprises in ${(r.ms / 1000).toFixed(1)} s`);
  } finally {
    await database.close();
  }
  fs.writeFileSync(marker, JSON.stringify(want));
  return dir;
}

/** A PostgreSQL database `name` with `total` enterprises, in the given cluster. */
export async function seedPostgresDataset(url: string, total: number): Promise<void> {
  console.log(`seeding PostgreSQL with ${total} enterprises`);
  const database = await openDatabase({ databaseUrl: url, dataDir: null });
  try {
    const r = await seedEnterprises(database, total);
    console.log(`  seeded ${r.added} enterprises in ${(r.ms / 1000).toFixed(1)} s`);
  } finally {
    await database.close();
  }
}
