import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClaimsStore } from '../../claims/claims-store';
import { openDuckdbStore } from '../../claims/duckdb-store';
import { generateIntoStore } from '../../generator/into-store';
import { SHIPPED_RULES } from '../domain/rule-catalog';
import { findingQuery, toRawFinding, type RawFinding } from '../domain/finding-rows';
import type { ParamValues } from '../domain/parameters';
import { ensureScreeningViews, screenRule } from './screen-claims';
import { withWindowClaims } from './window-claims';
import { oldSupplySql } from '../test-support/old-supply-sql';
import { scratchPostgresStore } from '../../claims/scratch-postgres';

/**
 * DRUG_OVERSUPPLY (template supply_per_window) was rewritten to sum the days of supply per person,
 * drug group and window first and to run the line-by-line rolling join only for the windows over
 * the limit (its rolling self-join of every dispensing ran DuckDB out of its 1 GB at 9 M lines,
 * bench run 20). The old SQL is kept (test-support/old-supply-sql.ts, verbatim): on the generator's district-year, with the
 * shipped parameters and with looser ones that find many more lines, the new SQL returns exactly
 * the old findings, on DuckDB and (TEST_DB=postgres) PostgreSQL; and so does an incremental month
 * over the run's netted snapshot (window-claims.ts).
 */
const pgUrl = process.env.TEST_DB === 'postgres' ? process.env.TEST_DATABASE_URL : undefined;
const YEAR = { from: '2025-01-01', to: '2025-12-31' };
const RULE = SHIPPED_RULES.find((r) => r.code === 'DRUG_OVERSUPPLY')!;
/** The shipped parameters, then looser ones (one provider is enough, fewer days, other windows). */
const PARAMS: ParamValues[] = [
  RULE.params,
  { ...RULE.params, maxDays: 20, minProviders: 1 },
  { ...RULE.params, windowDays: 7, maxDays: 7, minProviders: 1 },
  { ...RULE.params, windowDays: 90, maxDays: 60, minProviders: 2 },
  { ...RULE.params, windowDays: 45, maxDays: 30, minProviders: 1 },
];
const MONTHS = [{ from: '2025-03-01', to: '2025-03-31' }, { from: '2025-12-01', to: '2025-12-31' }];

async function compare(store: ClaimsStore): Promise<number[]> {
  const sizes: number[] = [];
  for (const params of PARAMS) {
    const rule = { ...RULE, params };
    const old = (await store.query<Record<string, unknown>>(findingQuery(oldSupplySql(params, YEAR)))).map(toRawFinding);
    const now = await screenRule(store, rule, YEAR);
    expect(now, JSON.stringify(params)).toEqual(old);
    sizes.push(old.length);
    for (const m of MONTHS) {
      const expected: RawFinding[] = (await store.query<Record<string, unknown>>(findingQuery(oldSupplySql(params, m)))).map(toRawFinding);
      const got = await withWindowClaims(store, m, [rule], (tx, claims) => screenRule(tx, rule, { ...m, lookback: true }, claims));
      expect(got, `${JSON.stringify(params)} ${m.from}`).toEqual(expected);
    }
  }
  return sizes;
}

async function seed(store: ClaimsStore) {
  await generateIntoStore(store, 0, { seed: 11, scale: 'tiny', casesPerRule: 6 });
  await ensureScreeningViews(store);
}

describe('DRUG_OVERSUPPLY: windows first, the same findings as the rolling self-join (DuckDB)', () => {
  let duck: ClaimsStore;
  beforeAll(async () => {
    duck = await openDuckdbStore(':memory:');
    await seed(duck);
  }, 300_000);
  afterAll(async () => {
    await duck?.close();
  });
  it('returns exactly the old SQL\'s findings for every parameter set, full year and incremental months', async () => {
    const sizes = await compare(duck);
    console.info(`DRUG_OVERSUPPLY old = new on DuckDB, findings per parameter set: ${sizes.join(', ')}`);
    // the looser parameter sets find many more lines than the injected cases: the comparison has rows to compare
    expect(sizes[0]).toBeGreaterThan(0);
    expect(Math.max(...sizes)).toBeGreaterThan(sizes[0]! * 3);
  }, 300_000);
});

describe.runIf(pgUrl)('DRUG_OVERSUPPLY: the same on PostgreSQL', () => {
  let store: ClaimsStore;
  let done: () => Promise<void>;
  beforeAll(async () => {
    ({ store, done } = await scratchPostgresStore(pgUrl!, 'zz_supply'));
    await seed(store);
  }, 300_000);
  afterAll(async () => {
    await done?.();
  });
  it('returns exactly the old SQL\'s findings for every parameter set, full year and incremental months', async () => {
    const sizes = await compare(store);
    console.info(`DRUG_OVERSUPPLY old = new on PostgreSQL, findings per parameter set: ${sizes.join(', ')}`);
    expect(sizes[0]).toBeGreaterThan(0);
  }, 300_000);
});
