import type { Database } from './db/database';
import { migrate } from './db/migrate';
import { loadReferenceDataIfChanged } from './core/reference/load-reference';
import { syncSystemRoles } from './core/roles/sync-system-roles';
import { ensureGinIndexes } from './core/enterprises/gin-indexes';
import { isEmptyDatabase, seedDemoCounty } from './db/seed/demo-county';
import { MODULES } from './modules';

/**
 * Brings a database to the state this build expects: migrations, reference data (reloaded only
 * when the shipped files changed), built-in roles, and the demo county in an empty database.
 */
export async function prepareDatabase(database: Database, opts: { demo: boolean }) {
  const migrations = await migrate(database);
  const { db } = database;
  await ensureGinIndexes(db); // a bulk import that died half-way leaves them dropped
  const reference = await loadReferenceDataIfChanged(db);
  await syncSystemRoles(db, MODULES);
  const demo = opts.demo && (await isEmptyDatabase(db)) ? await seedDemoCounty(db) : null;
  return { migrations, reference, demo };
}
