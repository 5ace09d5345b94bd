import { MEDFUND_RULE_CODES, type GeneratorIds, type GeneratorManifest, type InjectedViolation, type NearMiss } from '../claims/manifest';
import { dayOf, yuan } from './calendar';
import { districtProviders, EXCLUSIVE_PAIRS, ITEMS } from './catalogue';
import { ClaimsBuilder, type RowSink } from './builder';
import { INJECTORS } from './inject';
import { emitBasePerson, makePerson, type District } from './population';
import { prng } from './prng';

/** Named scales: the number of insured persons (≈ 4.6 settlements and ≈ 30 fee lines each). */
/**
 * The edition of the generated data: raised whenever the same seed and scale would generate other
 * rows, so that files generated before (the benchmarks keep theirs) are made again. 2: every person
 * has an ID number of their own.
 */
export const GENERATOR_EDITION = 2;

export const SCALES = { tiny: 300, small: 2_000, medium: 100_000, large: 1_100_000 } as const;

/** How many providers a district of `persons` insured has, relative to the smallest (catalogue.ts: districtProviders). */
export const providerScaleFactor = (persons: number) => Math.max(1, Math.sqrt(persons / 20_000));
export type ScaleName = keyof typeof SCALES;

export interface GenerateOptions {
  seed?: number;
  /** A named scale or a number of persons. */
  scale?: ScaleName | number;
  year?: number;
  /** The district (GB/T 2260); demo: 余杭区. */
  admdvs?: string;
  /** Injected cases per rule (default: persons / 500, between 6 and 120). */
  casesPerRule?: number;
  /**
   * The last ids already used in the target (a previous generation's `lastIds`, or the store's
   * maxima: generator/ids.ts); this generation's ids start after them. Default: none used.
   */
  after?: Partial<GeneratorIds>;
  /** Called every 5,000 persons. */
  onProgress?: (done: number, total: number) => void;
}

export const MANIFEST_ASSUMPTIONS: GeneratorManifest['assumptions'] = {
  readmissionDays: 15,
  plannedDiagnosisPrefixes: ['Z51', 'Z49'],
  workInjuryWindowDays: 365,
  injuryDiagnosisPrefixes: ['S', 'T'],
  oversupplyWindowDays: 30,
  oversupplyMaxDays: 40,
  ageBands: { child: { min: 0, max: 15 }, working_age: { min: 16, max: 60 } },
  afterDeathGraceDays: 1,
};

/**
 * Generates a district-year into `sink`, streamed person by person (memory stays small at any
 * scale), and returns the manifest of what was injected. Same options, same rows, byte for byte.
 */
export function generateDistrictYear(sink: RowSink, opts: GenerateOptions = {}): GeneratorManifest {
  const seed = opts.seed ?? 20250101;
  const year = opts.year ?? 2025;
  const admdvs = opts.admdvs ?? '330110';
  const persons = typeof opts.scale === 'number' ? opts.scale : SCALES[opts.scale ?? 'small'];
  const cases = opts.casesPerRule ?? Math.min(120, Math.max(6, Math.round(persons / 500)));
  const providers = districtProviders(admdvs, providerScaleFactor(persons));
  const d: District = {
    year, admdvs,
    firstDay: dayOf(year, 0, 1),
    lastDay: dayOf(year, 11, 31),
    providers,
    hospitals: providers.filter((p) => p.type === '1' && p.lvRank >= 2),
    main: providers[0]!,
    maternity: providers[2]!,
    centres: providers.filter((p) => p.lvRank === 1),
    pharmacies: providers.filter((p) => p.type === '2'),
    certnos: new Set(),
  };
  const after = opts.after ?? {};
  const b = new ClaimsBuilder(sink, '', 0, { visit: after.visit, settlement: after.settlement, line: after.line });

  // reference data
  const from = `${year}-01-01`;
  for (const it of Object.values(ITEMS)) {
    b.emit('hilist', [
      it.code, it.name, it.listType, 'generic' in it ? it.generic : null, it.unit,
      'lmtGend' in it ? it.lmtGend : null, 'lmtAgeBand' in it ? it.lmtAgeBand : null, 'lmtVisit' in it ? it.lmtVisit : null,
      'lmtLvMin' in it ? it.lmtLvMin : null, 'wiOnly' in it ? 'true' : 'false',
      'maxPerDay' in it ? it.maxPerDay : null, 'maxPerVisit' in it ? it.maxPerVisit : null, 'maxCourseDays' in it ? it.maxCourseDays : null,
      yuan(it.capFen), from, null, 0,
    ]);
  }
  for (const pr of EXCLUSIVE_PAIRS) {
    b.emit('item_excl_pair', [pr.main.code, pr.main.name, pr.sub.code, pr.sub.name, pr.windowKind, pr.windowHours, '第七批（示例）', 0]);
  }
  for (const p of providers) {
    b.emit('fixmedins', [p.code, `${p.name}`, p.type, p.medinsType, p.hospLv, p.lvRank, admdvs, 0]);
  }

  // injected cases, on persons of their own (numbers from 900,000,001)
  const violations: InjectedViolation[] = [];
  const nearMisses: NearMiss[] = [];
  const injFirst = 900_000_000 + (after.injectedPerson ?? 0);
  let injSeq = injFirst;
  const injRng = prng(seed ^ 0x5eed);
  const span = d.lastDay - 45 - (d.firstDay + 20);
  MEDFUND_RULE_CODES.forEach((rule, r) => {
    for (let i = 0; i < cases; i++) {
      const day = d.firstDay + 20 + ((Math.floor(((i + 0.5) * span) / cases) + r * 7) % span);
      INJECTORS[rule]({ b, d, rng: injRng, nextSeq: () => ++injSeq, violations, nearMisses }, i, day);
    }
  });

  // the clean population
  const rng = prng(seed);
  const personBase = after.person ?? 0;
  if (personBase + persons >= 900_000_000) throw new Error('Generator person numbers would run into the injected cases (900,000,001…)');
  for (let i = 1; i <= persons; i++) {
    emitBasePerson(b, d, rng, makePerson(rng, d, personBase + i));
    if (opts.onProgress && i % 5000 === 0) opts.onProgress(i, persons);
  }
  opts.onProgress?.(persons, persons);

  return {
    format: 'zhizhi.medfund.manifest/1',
    seed,
    scale: typeof opts.scale === 'number' ? String(opts.scale) : (opts.scale ?? 'small'),
    year,
    admdvs,
    counts: { ...b.counts, persons: persons + (injSeq - injFirst), injectedPersons: injSeq - injFirst },
    assumptions: MANIFEST_ASSUMPTIONS,
    violations,
    nearMisses,
    lastIds: { person: personBase + persons, injectedPerson: injSeq - 900_000_000, ...b.lastIds() },
  };
}
