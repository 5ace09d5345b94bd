// Measures the demo seed on PGlite: `npx tsx apps/server/src/modules/service/seed/measure-seed.ts`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../../db/database';
import { prepareDatabase } from '../../../bootstrap';
import { serviceModule } from '..';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zz-seed-'));
const database = await openDatabase({ dataDir: dir });
const original = serviceModule.seed;
let serviceMs = 0;
let counts: Record<string, number> = {};
serviceModule.seed = async (tx, demo) => {
  const t0 = performance.now();
  counts = await original(tx, demo);
  serviceMs = performance.now() - t0;
  return counts;
};
const t0 = performance.now();
await prepareDatabase(database, { demo: true });
console.log(JSON.stringify({ totalMs: Math.round(performance.now() - t0), serviceMs: Math.round(serviceMs), counts }, null, 1));
await database.close();
fs.rmSync(dir, { recursive: true, force: true });
