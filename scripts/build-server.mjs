// Bundles the server into apps/server/dist/main.mjs with esbuild, so that `npm start` runs plain
// JavaScript instead of compiling ~200 TypeScript files through tsx on every start (the start-up
// target is < 3 s: bench/RESULTS.md). npm packages stay external and load from node_modules; the
// files the server reads at run time (migrations, reference data, worker scripts) are read from
// apps/server/src (src-path.ts), so there is nothing to copy. Code splitting keeps main.ts's
// dynamic imports lazy, so the server's packages load while the database opens (main.ts).
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
const server = path.join(root, 'apps/server');
const pkg = JSON.parse(fs.readFileSync(path.join(server, 'package.json'), 'utf8'));
// chinese-days is bundled: it is imported as JSON, and an external JSON import would need the
// import attribute that esbuild drops.
const external = Object.keys(pkg.dependencies).filter((d) => d !== 'chinese-days');

const t0 = performance.now();
fs.rmSync(path.join(server, 'dist'), { recursive: true, force: true });
await build({
  entryPoints: [path.join(server, 'src/main.ts')],
  outdir: path.join(server, 'dist'),
  entryNames: '[name]',
  chunkNames: '[name]-[hash]', // beside main.mjs: src-path.ts finds src/ from dist/
  outExtension: { '.js': '.mjs' },
  splitting: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external,
  sourcemap: 'linked',
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: 'warning',
});
console.log(`server bundle: apps/server/dist/main.mjs (${Math.round(performance.now() - t0)} ms)`);
