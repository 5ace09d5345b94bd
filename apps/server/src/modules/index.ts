import type { Routes } from '../http/deps';
import type { JobHandler } from '../core/jobs/job-runner';

/**
 * A business module (talent, service, medfund, economy) plugs into the platform through this
 * shape and nothing else: its routes under /api, the permissions it adds to the catalog, the
 * roles it ships, and its background job handlers. Adding a module = one folder + one line in
 * MODULES.
 */
export interface ModuleDefinition {
  name: string;
  routes: Routes[];
  permissions?: Record<string, { zh: string; en: string }>;
  roles?: Record<string, { name: string; nameEn: string; description: string; permissions: string[] }>;
  jobs?: Record<string, JobHandler>;
}

export const MODULES: ModuleDefinition[] = [];
