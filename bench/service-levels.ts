/**
 * The service-level (deadline) engine: the escalation sweep over 100,000 open request steps,
 * single core, seeded (every run evaluates the same steps).
 *
 *   npx tsx bench/service-levels.ts [--n 100000] [--runs 5] [--sample 2000] [--seed 20261012]
 *
 * Steps: varied rules (same day calendar/working with and without cut-off, N calendar days,
 * N working days, N working hours), started within the 30 days before "now" (2026-10-12 10:00,
 * just after 国庆, so many deadlines cross the holiday and its make-up Saturday), 30% with a
 * closed pause and 5% waiting for the enterprise (open pause).
 *
 * Compared in the same run:
 *   (a) sweepOpenSteps — rules compiled once, the service clock's per-year arrays (what the
 *       platform does); the first pass also builds the arrays, reported apart as "cold";
 *   (b) the naive walk (service-levels/reference-deadline.ts): day by day through the calendar,
 *       minute by minute through office hours, no precomputation — on a sample, extrapolated.
 * (b) must give the same deadline and state as (a) on every sampled step; the bench stops if not.
 */
import { packageCalendar } from '../apps/server/src/core/reference/domain/workday';
import {
  compileDeadlineRule,
  createServiceClock,
  DEFAULT_OFFICE_HOURS,
  sweepOpenSteps,
  type DeadlineRule,
  type OpenStepInput,
  type OpenStepState,
} from '../apps/server/src/modules/service/domain';
import { referenceDueTimes } from '../apps/server/src/modules/service/domain/service-levels/reference-deadline';
import { seededRandom } from '../apps/server/src/db/seed/random';
import { cpuProbeMs, printMachine } from './lib/machine';
import { parseArgs, r1, r2, summarize } from './lib/stats';

const args = parseArgs();
const N = Number(args.get('n') ?? 100_000);
const RUNS = Number(args.get('runs') ?? 5);
const SAMPLE = Number(args.get('sample') ?? 2_000);
const SEED = Number(args.get('seed') ?? 20261012);
printMachine();
console.log(`command: npx tsx bench/service-levels.ts ${process.argv.slice(2).join(' ')}`.trim());

const rng = seededRandom(SEED);
const rnd = rng.next;
const pick = rng.pick;
const MIN = 60_000;
const DAY = 86_400_000;
const NOW = Date.parse('2026-10-12T10:00:00+08:00');

const RULES: DeadlineRule[] = [
  { kind: 'same_day', basis: 'calendar' },
  { kind: 'same_day', basis: 'working', cutoff: '16:00' },
  { kind: 'same_day', basis: 'calendar', cutoff: '17:30' },
  { kind: 'calendar_days', days: 7 },
  { kind: 'working_days', days: 3 },
  { kind: 'working_days', days: 5, warnBeforeHours: 24 },
  { kind: 'working_days', days: 15, cutoff: '17:00' },
  { kind: 'working_hours', hours: 2 },
  { kind: 'working_hours', hours: 8, cutoff: '16:00' },
  { kind: 'working_hours', hours: 24, warnBeforeWorkingMinutes: 240 },
];
const compiled = RULES.map(compileDeadlineRule);

const steps: OpenStepInput[] = Array.from({ length: N }, () => {
  const startMs = NOW - Math.floor(rnd() * 30 * 24 * 60) * MIN;
  const r = rnd();
  let pauses: OpenStepInput['pauses'] = [];
  if (r < 0.3) {
    const fromMs = startMs + Math.floor(rnd() * (NOW - startMs) / MIN) * MIN;
    const toMs = Math.min(NOW, fromMs + Math.floor(rnd() * 3 * 24 * 60) * MIN);
    pauses = [{ fromMs, toMs }];
  } else if (r < 0.35) {
    pauses = [{ fromMs: startMs + Math.floor(rnd() * (NOW - startMs) / MIN) * MIN, toMs: null }];
  }
  return { rule: pick(compiled), startMs, pauses };
});

// ------------------------------------------------------------ (a) the engine
const clock = createServiceClock(packageCalendar, DEFAULT_OFFICE_HOURS);
const cpuBefore = cpuProbeMs();
let t = performance.now();
let result = sweepOpenSteps(clock, steps, NOW);
const coldMs = performance.now() - t;
const warm: number[] = [];
for (let run = 0; run < RUNS; run++) {
  t = performance.now();
  result = sweepOpenSteps(clock, steps, NOW);
  warm.push(performance.now() - t);
  console.log(`engine run ${run + 1}: ${r1(warm.at(-1)!)} ms for ${N} steps`);
}
const counts = Object.fromEntries(['ok', 'warning', 'overdue', 'paused', 'calendar_not_covered'].map((s) => [s, 0])) as Record<OpenStepState, number>;
for (const s of result) counts[s.state]++;

// ------------------------------------------------------------ (b) the naive walk, on a sample
const windows = [[8 * 60 + 30, 12 * 60], [13 * 60 + 30, 17 * 60 + 30]] as const;
const sample = Array.from({ length: Math.min(SAMPLE, N) }, (_, i) => Math.floor((i * N) / Math.min(SAMPLE, N)));
t = performance.now();
const naive = sample.map((i) => {
  const s = steps[i]!;
  return referenceDueTimes(packageCalendar, s.rule, s.startMs, s.pauses, { windows });
});
const naiveMs = performance.now() - t;
for (let k = 0; k < sample.length; k++) {
  const fast = result[sample[k]!]!;
  const slow = naive[k]!;
  const slowState = slow === null ? 'paused' : NOW > slow.dueMs ? 'overdue' : NOW >= slow.warnMs ? 'warning' : 'ok';
  if (slowState !== fast.state || (slow !== null && (slow.dueMs !== fast.dueMs || slow.warnMs !== fast.warnMs))) {
    console.error('disagreement', steps[sample[k]!], fast, slow);
    process.exit(1);
  }
}
// Per mode: the day walk (day-based rules) and the minute walk (working hours) cost very differently.
const byMode = (['days', 'hours'] as const).map((mode) => {
  const subset = steps.filter((x) => x.rule.mode === mode);
  const sub = sample.filter((i) => steps[i]!.rule.mode === mode);
  const engineRuns: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const t0 = performance.now();
    sweepOpenSteps(clock, subset, NOW);
    engineRuns.push(performance.now() - t0);
  }
  const t0 = performance.now();
  for (const i of sub) referenceDueTimes(packageCalendar, steps[i]!.rule, steps[i]!.startMs, steps[i]!.pauses, { windows });
  const naiveUs = ((performance.now() - t0) * 1000) / sub.length;
  const engineUs = (summarize(engineRuns).p50 * 1000) / subset.length;
  return { mode, steps: subset.length, engineUs, naiveUs };
});
const cpuAfter = cpuProbeMs();

const warmSummary = summarize(warm);
const enginePerEvalUs = (warmSummary.p50 * 1000) / N;
const naivePerEvalUs = (naiveMs * 1000) / sample.length;
const naiveExtrapolatedS = (naivePerEvalUs * N) / 1e6;
console.log('');
console.log(`| variant | steps | time | evaluations/s | µs per evaluation |`);
console.log(`|---|---|---|---|---|`);
console.log(`| engine, cold (first sweep, builds the 2026 arrays) | ${N} | ${r1(coldMs)} ms | ${Math.round(N / (coldMs / 1000)).toLocaleString('en')} | ${r2((coldMs * 1000) / N)} |`);
console.log(`| engine, warm (median of ${RUNS}; min ${r1(warmSummary.min)} ms, max ${r1(warmSummary.max)} ms) | ${N} | ${r1(warmSummary.p50)} ms | ${Math.round(N / (warmSummary.p50 / 1000)).toLocaleString('en')} | ${r2(enginePerEvalUs)} |`);
console.log(`| naive walk (sample, agrees on all) | ${sample.length} | ${r1(naiveMs)} ms (≈ ${r1(naiveExtrapolatedS)} s for ${N}) | ${Math.round(sample.length / (naiveMs / 1000)).toLocaleString('en')} | ${r2(naivePerEvalUs)} |`);
console.log('');
console.log(`ratio naive / engine (warm, per evaluation): ${Math.round(naivePerEvalUs / enginePerEvalUs).toLocaleString('en')}×`);
for (const m of byMode) {
  console.log(`  ${m.mode === 'days' ? 'day-based rules (day walk)' : 'working-hours rules (minute walk)'}: ${m.steps} steps, engine ${r2(m.engineUs)} µs, naive ${r2(m.naiveUs)} µs per evaluation → ${Math.round(m.naiveUs / m.engineUs).toLocaleString('en')}×`);
}
console.log(`states at now: ${JSON.stringify(counts)}`);
console.log(`cpu probe before/after: ${r1(cpuBefore)} / ${r1(cpuAfter)} ms (lower = more CPU available)`);
