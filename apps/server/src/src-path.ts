import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
/** apps/server/src, whether this code runs from the TypeScript sources or from the bundle in dist/. */
const SRC_DIR = path.basename(here) === 'dist' ? path.join(here, '..', 'src') : here;

/**
 * A file the server reads at run time (migrations, reference data, worker scripts), by its path
 * under apps/server/src. The bundled server (dist/main.mjs, see scripts/build-server.mjs) reads
 * them from the sources too, so there is one copy of each.
 */
export function srcPath(...segments: string[]): string {
  return path.join(SRC_DIR, ...segments);
}
