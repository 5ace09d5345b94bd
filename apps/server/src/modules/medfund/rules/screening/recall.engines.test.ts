import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClaimsStore } from '../../claims/claims-store';
import { openDuckdbStore } from '../../claims/duckdb-store';
import type { GeneratorManifest } from '../../claims/manifest';
import { generateIntoStore } from '../../generator/into-store';
import { SHIPPED_RULES } from '../domain/rule-catalog';
import type { RawFinding } from '../domain/finding-rows';
import { ensureScreeningViews, screenRule } from './screen-claims';
import { withWindowClaims } from './window-claims';
import { withFullClaims } from './full-claims';
import { scratchPostgresStore } from '../../claims/scratch-postgres';

/**
 * The generator's district-year (seeded) screened with the 14 shipped rules: every injected
 * violation is found (recall 100 %), no near miss is, and DuckDB and PostgreSQL (TEST_DB=postgres)
 * return identical findings. The number of other findings is printed.
 */
const pgUrl = process.env.TEST_DB === 'postgres' ? process.env.TEST_DATABASE_URL : undefined;
const WINDOW = { from: '2025-01-01', to: '2025-12-31' };

let duck: ClaimsStore;
let manifest: GeneratorManifest;
const findings = new Map<string, RawFinding[]>();

beforeAll(async () => {
  duck = await openDuckdbStore(':memory:');
  manifest = await generateIntoStore(duck, 0, { seed: 7, scale: 'tiny', casesPerRule: 6 });
  await ensureScreeningViews(duck);
  for (const rule of SHIPPED_RULES) findings.set(rule.code, await screenRule(duck, rule, WINDOW));
}, 300_000);

afterAll(async () => {
  await duck?.close();
});

const covers = (rule: string, setlId: string, lineIds: string[]) =>
  (findings.get(rule) ?? []).filter((f) => f.setlId === setlId).some((f) => lineIds.every((l) => f.lineIds.includes(l)));

describe('recall on the generator’s injected cases (DuckDB)', () => {
  it('finds every injected violation, with the severity the manifest fixes', () => {
    const missed = manifest.violations.filter((v) => !covers(v.rule, v.setlIds[0]!, v.lineIds));
    expect(missed.map((v) => `${v.id}: ${v.note}`)).toEqual([]);
    for (const v of manifest.violations) {
      if (!v.severity) continue;
      const rule = SHIPPED_RULES.find((r) => r.code === v.rule)!;
      const f = findings.get(v.rule)!.find((x) => x.setlId === v.setlIds[0]);
      expect(f?.severity ?? rule.severity, v.id).toBe(v.severity);
    }
    const injected = new Set(manifest.violations.map((v) => `${v.rule}|${v.setlIds[0]}`));
    const others = [...findings.entries()].map(([rule, fs]) => [rule, fs.filter((f) => !injected.has(`${rule}|${f.setlId}`)).length] as const);
    console.info(`recall ${manifest.violations.length}/${manifest.violations.length}; other findings: ${JSON.stringify(Object.fromEntries(others))}`);
  });

  it('finds none of the near misses', () => {
    const hit = manifest.nearMisses.filter((n) => (findings.get(n.rule) ?? []).some((f) => f.setlId === n.setlIds[0] && (n.lineIds.length === 0 || n.lineIds.some((l) => f.lineIds.includes(l)))));
    expect(hit.map((n) => `${n.id}: ${n.note}`)).toEqual([]);
  });
});

/**
 * An incremental run reads only the history each template needs (template-sql.ts historyNeeds),
 * from one netted snapshot of the persons its new days touch (window-claims.ts): month by month
 * as "the new days", it finds exactly what the full run finds on the settlements of those days —
 * every rule, on DuckDB and (below) PostgreSQL; with the look-back over the views, and over the
 * snapshot. A rule whose version takes effect within the run's days screens fewer days than the
 * snapshot was taken for: the second half of each month over the month's snapshot, the same.
 */
async function expectIncrementalEqualsFull(store: ClaimsStore, full: Map<string, RawFinding[]>) {
  const dates = new Map(
    (await store.query<{ setl_id: string; d: string }>(`SELECT setl_id, CAST(setl_date AS VARCHAR) AS d FROM medfund.mf_setl`)).map((r) => [r.setl_id, r.d]),
  );
  const months = Array.from({ length: 12 }, (_, i) => {
    const from = `2025-${String(i + 1).padStart(2, '0')}-01`;
    const to = new Date(Date.UTC(2025, i + 1, 0)).toISOString().slice(0, 10);
    return { from, to };
  });
  const expectedOn = (code: string, w: { from: string; to: string }) =>
    full.get(code)!.filter((f) => dates.get(f.setlId)! >= w.from && dates.get(f.setlId)! <= w.to);
  let compared = 0;
  let viaSnapshot = 0;
  for (const m of [...months, { from: '2025-12-30', to: '2025-12-30' }]) {
    for (const rule of SHIPPED_RULES) {
      const got = await screenRule(store, rule, { ...m, lookback: true });
      expect(got, `${rule.code} ${m.from}..${m.to} (views)`).toEqual(expectedOn(rule.code, m));
      compared += got.length;
    }
    const later = { from: `${m.from.slice(0, 8)}16`, to: m.to };
    await withWindowClaims(store, m, SHIPPED_RULES, async (tx, claims) => {
      for (const rule of SHIPPED_RULES) {
        const got = await screenRule(tx, rule, { ...m, lookback: true }, claims);
        expect(got, `${rule.code} ${m.from}..${m.to} (snapshot)`).toEqual(expectedOn(rule.code, m));
        viaSnapshot += got.length;
        if (later.from <= later.to) {
          const part = await screenRule(tx, rule, { ...later, lookback: true }, claims);
          expect(part, `${rule.code} ${later.from}..${later.to} (the month's snapshot)`).toEqual(expectedOn(rule.code, later));
        }
      }
    });
  }
  const all = [...full.values()].reduce((n, fs) => n + fs.filter((f) => dates.get(f.setlId)! <= '2025-12-31').length, 0);
  expect(compared).toBe(all + expectedOnDay(full, dates, '2025-12-30'));
  expect(viaSnapshot).toBe(compared);
  // the snapshot's tables are gone after the run
  await expect(store.query('SELECT count(*) FROM mfw_setl')).rejects.toThrow();
}

/**
 * A full run reads one netted snapshot of the whole store (full-claims.ts): every rule finds
 * exactly what it finds over the views; the snapshot's tables are gone afterwards, also when a
 * rule fails on the way.
 */
async function expectFullSnapshotEqualsViews(store: ClaimsStore, full: Map<string, RawFinding[]>) {
  let snapshotMs = -1;
  await withFullClaims(store, async (tx, claims) => {
    for (const rule of SHIPPED_RULES) {
      expect(await screenRule(tx, rule, { ...WINDOW, lookback: false }, claims), `${rule.code} (full snapshot)`).toEqual(full.get(rule.code));
    }
  }, (ms) => { snapshotMs = ms; });
  expect(snapshotMs).toBeGreaterThanOrEqual(0);
  await expect(store.query('SELECT count(*) FROM mff_line')).rejects.toThrow();
  await expect(withFullClaims(store, async (tx) => {
    await tx.query('SELECT count(*) FROM mff_setl');
    throw new Error('a rule failed');
  })).rejects.toThrow('a rule failed');
  await expect(store.query('SELECT count(*) FROM mff_setl')).rejects.toThrow();
  // and the store works on: a second full run
  await withFullClaims(store, async (tx, claims) => {
    expect(await screenRule(tx, SHIPPED_RULES[0]!, { ...WINDOW, lookback: false }, claims)).toEqual(full.get(SHIPPED_RULES[0]!.code));
  });
}

const expectedOnDay = (full: Map<string, RawFinding[]>, dates: Map<string, string>, day: string) =>
  [...full.values()].reduce((n, fs) => n + fs.filter((f) => dates.get(f.setlId) === day).length, 0);

describe('incremental screening (DuckDB)', () => {
  it('finds, with each template\'s look-back over the views and over the run\'s netted snapshot, exactly what the full run finds on the new days', async () => {
    await expectIncrementalEqualsFull(duck, findings);
  }, 300_000);
});

describe('full runs over one netted snapshot (DuckDB)', () => {
  it('find exactly what the rules find over the views, and leave no table behind', async () => {
    await expectFullSnapshotEqualsViews(duck, findings);
  }, 300_000);
});

describe.runIf(pgUrl)('the same findings on PostgreSQL', () => {
  let store: ClaimsStore;
  let done: () => Promise<void>;
  beforeAll(async () => {
    ({ store, done } = await scratchPostgresStore(pgUrl!, 'zz_screen'));
    await generateIntoStore(store, 0, { seed: 7, scale: 'tiny', casesPerRule: 6 });
    await ensureScreeningViews(store);
  }, 300_000);
  afterAll(async () => {
    await done?.();
  });
  it('every rule returns exactly the DuckDB findings', async () => {
    for (const rule of SHIPPED_RULES) expect(await screenRule(store, rule, WINDOW), rule.code).toEqual(findings.get(rule.code));
  });
  it('incremental runs find exactly what the full run finds on the new days', async () => {
    await expectIncrementalEqualsFull(store, findings);
  }, 300_000);
  it('full runs over one netted snapshot find exactly the same, and leave no table behind', async () => {
    await expectFullSnapshotEqualsViews(store, findings);
  }, 300_000);
});
