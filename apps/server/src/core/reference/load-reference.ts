import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { readDivisions } from './divisions';
import { readIndustries } from './industries';

const BATCH = 500;

/**
 * Loads the shipped reference tables (GB/T 4754-2017 industries, Zhejiang divisions) into the
 * database. Idempotent: rows are upserted by code, parents before children, so that a newer
 * data file updates names without breaking the enterprises that point at the codes.
 */
export async function loadReferenceData(db: Kysely<DB>): Promise<{ industries: number; divisions: number }> {
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
  });
  return { industries: industries.length, divisions: divisions.length };
}
