import type { Transaction } from 'kysely';
import type { DB } from '../db/schema';
import type { Routes } from '../http/deps';
import type { JobHandler } from '../core/jobs/job-runner';
import { talentModule } from './talent';
import { serviceModule } from './service';
import { medfundModule } from './medfund';

/** What the demo seed hands a module's seed hook. */
export interface DemoSeedContext {
  /** The hash of the demo password (hashing is slow: done once). */
  passwordHash: string;
}

/**
 * A business module (talent, service, medfund, economy) plugs into the platform through this
 * shape and nothing else: its routes under /api, the permissions it adds to the catalog, the
 * roles it ships, its background job handlers, and what it adds to the demo county. Adding a
 * module = one folder + one line in MODULES.
 */
export interface ModuleDefinition {
  name: string;
  routes: Routes[];
  permissions?: Record<string, { zh: string; en: string }>;
  roles?: Record<string, { name: string; nameEn: string; description: string; permissions: string[] }>;
  jobs?: Record<string, JobHandler>;
  /**
   * Adds the module's demo data, in the demo seed's transaction, after the core's (enterprises,
   * departments and users exist). Must be deterministic (db/seed/random.ts). Returns counts.
   */
  seed?: (tx: Transaction<DB>, demo: DemoSeedContext) => Promise<Record<string, number>>;
}

export const MODULES: ModuleDefinition[] = [talentModule, serviceModule, medfundModule];
