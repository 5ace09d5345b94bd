/**
 * 就近匹配: the nearest 10 providers among 100,000 (seeded, spread over the demo county's box,
 * each with 1-3 of 25 capabilities), in process — the NearestIndex the API serves from
 * (kdbush trees per capability + geokdbush's geodesic kNN), against the obvious alternative,
 * a scan computing every provider's great-circle distance and sorting (nearestByScan).
 *
 *   npx tsx bench/directory-nearest.ts [--n 100000] [--queries 20000] [--scan-queries 300] [--seed 7]
 *
 * Reports: index build time; per-query latency p50/p99/max over `queries` random points, with no
 * capability, a broad one ('testing', ~1/4 of the providers) and a narrow leaf ('testing.emc');
 * the scan's p50/p99 on `scan-queries`; and the ratio. Every scan answer is compared with the
 * index's (same ids, in order); the bench stops on a mismatch.
 */
import { NearestIndex, nearestByScan, type IndexedProvider } from '../apps/server/src/modules/service/directory/domain/nearest-index';
import { DEMO_CAPABILITIES } from '../apps/server/src/modules/service/directory/seed/demo-directory';
import { COUNTY_BOXES } from '../apps/server/src/core/reference/domain/coordinates';
import { seededRandom } from '../apps/server/src/db/seed/random';
import { printMachine } from './lib/machine';
import { parseArgs, percentile, r2 } from './lib/stats';

const args = parseArgs();
const N = Number(args.get('n') ?? 100_000);
const Q = Number(args.get('queries') ?? 20_000);
const SCAN_Q = Number(args.get('scan-queries') ?? 300);
const rng = seededRandom(Number(args.get('seed') ?? 7));
const box = COUNTY_BOXES['330110']!;
const leaves = DEMO_CAPABILITIES.filter((c) => c.code.includes('.')).map((c) => c.code);
const point = () => ({ lat: box.minLat + rng.next() * (box.maxLat - box.minLat), lng: box.minLng + rng.next() * (box.maxLng - box.minLng) });

printMachine();
const providers: IndexedProvider[] = Array.from({ length: N }, (_, i) => ({
  id: `p${i}`, ...point(), capabilities: Array.from({ length: rng.int(1, 3) }, () => rng.pick(leaves)),
}));

let t0 = performance.now();
const index = new NearestIndex(providers);
const buildMs = performance.now() - t0;
console.log(`build: ${r2(buildMs)} ms for ${N} providers`);

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const rows: string[] = [];
for (const capability of [null, 'testing', 'testing.emc'] as const) {
  // warm-up (JIT), then measure
  for (let i = 0; i < 500; i++) index.nearest(point(), 10, capability);
  const times: number[] = [];
  for (let i = 0; i < Q; i++) {
    const from = point();
    t0 = performance.now();
    index.nearest(from, 10, capability);
    times.push(performance.now() - t0);
  }
  const scanTimes: number[] = [];
  for (let i = 0; i < SCAN_Q; i++) {
    const from = point();
    t0 = performance.now();
    const want = nearestByScan(providers, from, 10, capability);
    scanTimes.push(performance.now() - t0);
    const got = index.nearest(from, 10, capability);
    if (got.map((g) => g.id).join() !== want.map((w) => w.id).join()) throw new Error(`mismatch at ${JSON.stringify(from)} ${capability}`);
  }
  const s = sorted(times);
  const sc = sorted(scanTimes);
  const line = `| ${capability ?? '(any)'} | ${r2(percentile(s, 50))} | ${r2(percentile(s, 99))} | ${r2(s.at(-1)!)} | ${r2(percentile(sc, 50))} | ${r2(percentile(sc, 99))} | ${Math.round(percentile(sc, 50) / percentile(s, 50))}× |`;
  console.log(line);
  rows.push(line);
}
console.log(`\nN=${N}, k=10, ${Q} index queries and ${SCAN_Q} scan queries per row (each scan answer checked against the index), build ${r2(buildMs)} ms, heap ${Math.round(process.memoryUsage().heapUsed / 2 ** 20)} MiB\n`);
console.log('| capability | index p50 ms | index p99 ms | index max ms | scan p50 ms | scan p99 ms | scan/index (p50) |');
console.log('|---|---|---|---|---|---|---|');
for (const r of rows) console.log(r);
