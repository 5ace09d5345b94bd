import type { Kysely } from 'kysely';
import { SYSTEM_ROLES } from '@zhizhi/contracts';
import type { DB } from '../../db/schema';
import type { ModuleDefinition } from '../../modules';

/**
 * Creates the built-in roles that are missing (core and modules). Existing roles are left as
 * the administrators edited them; a release that must change a shipped role does it in a
 * migration.
 */
export async function syncSystemRoles(db: Kysely<DB>, modules: ModuleDefinition[]): Promise<void> {
  const all = { ...SYSTEM_ROLES, ...Object.assign({}, ...modules.map((m) => m.roles ?? {})) } as typeof SYSTEM_ROLES;
  const rows = Object.entries(all).map(([code, r]) => ({
    code, name: r.name, description: r.description, permissions: [...r.permissions], is_system: true,
  }));
  if (rows.length) await db.insertInto('roles').values(rows).onConflict((oc) => oc.column('code').doNothing()).execute();
}
