/**
 * A redemption round (issue 4): 10,000 applicants over 500 places with ordered preferences.
 *
 *   npx tsx bench/talent-allocation.ts [--applicants 10000] [--options 20] [--capacity 25] [--runs 5]
 *
 * (a) allocateRound (modules/talent/domain/allocation): one sort by the published order (class,
 *     points, sub-scores, qualifying date, SHA-256 lottery ticket), then serial dictatorship —
 *     what the platform does. Target: < 1 s, and the same seed gives the same result.
 * (b) the textbook alternative, student-proposing deferred acceptance with the same priorities
 *     (every option ranks applicants in (a)'s order): rounds of proposals and rejections. With one
 *     priority order the outcome must be identical; the bench stops if it is not.
 */
import { allocateRound, type Applicant, type RoundInput } from '../apps/server/src/modules/talent/domain';
import { seededRandom } from '../apps/server/src/db/seed/random';
import { cpuProbeMs, printMachine } from './lib/machine';
import { parseArgs, r1, r2 } from './lib/stats';

const args = parseArgs();
const N = Number(args.get('applicants') ?? 10_000);
const OPTIONS = Number(args.get('options') ?? 20);
const CAPACITY = Number(args.get('capacity') ?? 25);
const RUNS = Number(args.get('runs') ?? 5);
printMachine();
console.log(`command: npx tsx bench/talent-allocation.ts ${process.argv.slice(2).join(' ')}`.trim());

const rng = seededRandom(20261129);
const rnd = rng.next;
const int = rng.int;
const ids = Array.from({ length: OPTIONS }, (_, i) => `school-${i}`);
// Popular schools first: preferences drawn with a skew, so the first schools fill early.
const applicants: Applicant[] = Array.from({ length: N }, (_, i) => {
  const prefs = new Set<string>();
  const want = int(1, 5);
  while (prefs.size < want) prefs.add(ids[Math.floor(rnd() ** 2 * OPTIONS)]!);
  return {
    id: `talent-${i}`,
    priorityClass: rnd() < 0.05 ? 0 : 1, // 5 % hold an enterprise quota
    points: int(40, 140), // many ties: ~100 distinct values for 10,000 people
    subScores: [int(0, 30), int(0, 20)],
    qualifiedAt: `2025-${String(int(1, 12)).padStart(2, '0')}-01`,
    preferences: [...prefs],
  };
});
const input: RoundInput = { seed: 'bench-2026-11-29', options: ids.map((id) => ({ id, capacity: CAPACITY })), applicants };

/** Student-proposing deferred acceptance, every option ranking by `rank` (lower first). */
function deferredAcceptance(inp: RoundInput, rank: Map<string, number>): Map<string, string | null> {
  const held = new Map<string, string[]>(inp.options.map((o) => [o.id, []]));
  const cap = new Map(inp.options.map((o) => [o.id, o.capacity]));
  const next = new Map(inp.applicants.map((a) => [a.id, 0]));
  const byId = new Map(inp.applicants.map((a) => [a.id, a]));
  let free = inp.applicants.map((a) => a.id);
  while (free.length) {
    const proposals = new Map<string, string[]>();
    const still: string[] = [];
    for (const id of free) {
      const a = byId.get(id)!;
      const k = next.get(id)!;
      if (k >= a.preferences.length) continue; // exhausted: unplaced
      next.set(id, k + 1);
      const o = a.preferences[k]!;
      (proposals.get(o) ?? proposals.set(o, []).get(o)!).push(id);
    }
    for (const [o, ps] of proposals) {
      const all = [...held.get(o)!, ...ps].sort((x, y) => rank.get(x)! - rank.get(y)!);
      held.set(o, all.slice(0, cap.get(o)!));
      still.push(...all.slice(cap.get(o)!));
    }
    free = still;
  }
  const out = new Map<string, string | null>(inp.applicants.map((a) => [a.id, null]));
  for (const [o, hs] of held) for (const h of hs) out.set(h, o);
  return out;
}

const times: number[] = [];
const daTimes: number[] = [];
let first: ReturnType<typeof allocateRound> | null = null;
for (let run = 1; run <= RUNS; run++) {
  const t0 = performance.now();
  const r = allocateRound(input);
  const ms = performance.now() - t0;
  times.push(ms);
  if (first) {
    if (JSON.stringify(r) !== JSON.stringify(first)) throw new Error('same seed, different result');
  } else first = r;
  const rank = new Map(r.placements.map((p) => [p.applicantId, p.rank]));
  const t1 = performance.now();
  const da = deferredAcceptance(input, rank);
  const daMs = performance.now() - t1;
  daTimes.push(daMs);
  for (const p of r.placements) if (da.get(p.applicantId) !== p.optionId) throw new Error(`DA differs for ${p.applicantId}`);
  console.log(`run ${run}: allocateRound ${r1(ms)} ms (placed ${r.placed}, unplaced ${r.unplaced}) · deferred acceptance with the same priorities ${r1(daMs)} ms, identical outcome · cpu probe ${r1(cpuProbeMs())} ms`);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const reversed = allocateRound({ ...input, applicants: [...applicants].reverse() });
if (JSON.stringify(reversed) !== JSON.stringify(first)) throw new Error('the order of the applications changed the result');
console.log(`\nmedian of ${RUNS}, ${N} applicants, ${OPTIONS} options × ${CAPACITY} places, 1–5 preferences each:`);
console.log(`  allocateRound: ${r1(median(times))} ms (target < 1,000 ms: ${median(times) < 1000 ? 'met' : 'NOT met'}); same seed → same result, and in reversed application order too`);
console.log(`  deferred acceptance (same priorities, excluding the sort): ${r1(median(daTimes))} ms — ratio DA / allocateRound ${r2(median(daTimes) / median(times))}`);
