import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { readDivisions } from './divisions';
import { readIndustries } from './industries';
import { referenceFilePath } from './read-reference-csv';

const FILES = ['industries-gbt4754-2017.csv', 'divisions-33.csv'];

/** A hash of the shipped reference files: cheap (no parsing), and it changes with any edit. */
export function shippedReferenceHash(): string {
  const h = createHash('sha256');
  for (const f of FILES) h.update(f).update(readFileSync(referenceFilePath(f)));
  return h.digest('hex');
}

/** Loads the reference tables when they were last loaded from other files (or never). */
export async function loadReferenceDataIfChanged(db: Kysely<DB>) {
  const hash = shippedReferenceHash();
  const stored = await db.selectFrom('reference_data_version').select('hash').executeTakeFirst();
  return stored?.hash === hash ? null : loadReferenceData(db, hash);
}

const BATCH = 500;

/**
 * Loads the shipped reference tables (GB/T 4754-2017 industries, Zhejiang divisions) into the
 * database. Idempotent: rows are upserted by code, parents before children, so that a newer
 * data file updates names without breaking the enterprises that point at the codes.
 */
export async function loadReferenceData(db: Kysely<DB>, hash = shippedReferenceHash()): Promise<{ industries: number; divisions: number }> {
  const industries = readIndustries();
  const divisions = readDivisions();
  await db.transaction().execute(async (tx) => {
    for (const [table, rows] of [['industries', industries], ['divisions', divisions]] as const) {
      const ordered = [...rows].sort((a, b) => a.level - b.level);
      for (let i = 0; i < ordered.length; i += BATCH) {
        const values = ordered.slice(i, i + BATCH).map((r) => ({ code: r.code, name: r.name, level: r.level, parent_code: r.parentCode || null }));
        await tx.insertInto(table).values(values)
          .onConflict((oc) => oc.column('code').doUpdateSet((eb) => ({ name: eb.ref('excluded.name'), parent_code: eb.ref('excluded.parent_code') })))
          .execute();
      }
    }
    await tx.insertInto('reference_data_version').values({ id: true, hash })
      .onConflict((oc) => oc.column('id').doUpdateSet({ hash, loaded_at: new Date() }))
      .execute();
  });
  return { industries: industries.length, divisions: divisions.length };
}
