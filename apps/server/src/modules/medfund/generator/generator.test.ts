import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClaimsStore } from '../claims/claims-store';
import type { GeneratorManifest } from '../claims/manifest';
import { MEDFUND_RULE_CODES } from '../claims/manifest';
import { openDuckdbStore } from '../claims/duckdb-store';
import { CLAIMS_TABLE_NAMES, columnNames } from '../claims/tables';
import { generateDistrictYear } from './generate';
import { certnoFor } from './population';
import { generateIntoStore } from './into-store';
import { scratchPostgresStore } from '../claims/scratch-postgres';

describe('the synthetic district-year', () => {
  it('is the same for the same seed and different for another', () => {
    const digest = (seed: number) => {
      const h = crypto.createHash('sha256');
      generateDistrictYear({ row: (t, v) => h.update(`${t}|${v.join('|')}\n`) }, { scale: 'tiny', seed });
      return h.digest('hex');
    };
    expect(digest(7)).toBe(digest(7));
    expect(digest(7)).not.toBe(digest(8));
  });

  it('gives every person an ID number of their own, with a valid check digit and the sex in its sequence code', () => {
    // Sequence numbers 1, 1001, 2001 … all start from the code 001: once the same birthday, the same number before
    const issued = new Set<string>();
    const ids = [1, 1001, 2001, 3001].map((seq) => certnoFor('330110', '1950-03-04', seq, '1', issued));
    expect(new Set(ids).size).toBe(4);
    expect(ids[0]).toBe(certnoFor('330110', '1950-03-04', 1, '1'));
    const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    for (const id of ids) {
      expect(Number(id[16]) % 2).toBe(1); // a man
      const sum = [...id.slice(0, 17)].reduce((acc, ch, i) => acc + Number(ch) * weights[i]!, 0);
      expect(id[17]).toBe('10X98765432'[sum % 11]);
    }
    // and in a generated year, no two persons share one
    const certnos: string[] = [];
    generateDistrictYear({ row: (t, v) => { if (t === 'psn_info') certnos.push(String(v[columnNames('psn_info').indexOf('certno')])); } }, { scale: 'tiny' });
    expect(certnos.length).toBeGreaterThan(100);
    expect(new Set(certnos).size).toBe(certnos.length);
  });

  it('writes every row with the columns of its table and injects every rule', () => {
    const bad: string[] = [];
    const m = generateDistrictYear({ row: (t, v) => { if (v.length !== columnNames(t).length) bad.push(t); } }, { scale: 'tiny' });
    expect(bad).toEqual([]);
    for (const rule of MEDFUND_RULE_CODES) {
      expect(m.violations.filter((v) => v.rule === rule).length, rule).toBeGreaterThanOrEqual(6);
      expect(m.nearMisses.filter((v) => v.rule === rule).length, rule).toBeGreaterThanOrEqual(6);
    }
    const ids = [...m.violations, ...m.nearMisses].map((v) => v.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

const pgUrl = process.env.TEST_DB === 'postgres' ? process.env.TEST_DATABASE_URL : undefined;
const engines: [string, () => Promise<{ store: ClaimsStore; done: () => Promise<void> }>][] = [
  ['duckdb', async () => {
    const store = await openDuckdbStore(':memory:');
    return { store, done: () => store.close() };
  }],
];
if (pgUrl) {
  engines.push(['postgres', () => scratchPostgresStore(pgUrl, 'zz_gen')]);
}

/**
 * The clean data breaks none of the catalogue's simple restrictions: a plain query for each finds
 * exactly the injected lines. (The rules engine's own tests check all 14 rules; this proves the
 * generator's side of the bargain, on both stores.)
 */
describe.each(engines)('the district-year in the %s claims store', (_name, open) => {
  let store: ClaimsStore;
  let done: () => Promise<void>;
  let m: GeneratorManifest;
  beforeAll(async () => {
    ({ store, done } = await open());
    m = await generateIntoStore(store, 42, { scale: 'tiny' });
  });
  afterAll(() => done());

  const injected = (rule: string, filter: (note: string) => boolean = () => true) =>
    m.violations.filter((v) => v.rule === rule && filter(v.note)).flatMap((v) => v.lineIds).sort();

  it('stores every row of every table, stamped with the load', async () => {
    for (const t of CLAIMS_TABLE_NAMES) {
      const [row] = await store.query<{ n: number; loads: number }>(`SELECT COUNT(*) AS n, COUNT(DISTINCT load_id) AS loads FROM medfund.${t}`);
      expect(row?.n, t).toBe(m.counts[t]);
      expect(row?.loads, t).toBe(1);
    }
  });

  it('puts every injected case on settlements that count after netting, with its lines on them', async () => {
    const net = new Set((await store.query<{ setl_id: string }>('SELECT setl_id FROM medfund.setl_net')).map((r) => r.setl_id));
    const lines = new Map((await store.query<{ feedetl_sn: string; setl_id: string }>('SELECT feedetl_sn, setl_id FROM medfund.fee_list_d')).map((r) => [r.feedetl_sn, r.setl_id]));
    for (const v of m.violations) {
      for (const s of v.setlIds) expect(net.has(s), `${v.id} ${s}`).toBe(true);
      for (const l of v.lineIds) expect(lines.get(l), `${v.id} ${l}`).toBe(v.setlIds[0]);
    }
    // the refunded near-miss of DUPLICATE_SETTLEMENT is netted away
    for (const n of m.nearMisses.filter((x) => x.rule === 'DUPLICATE_SETTLEMENT')) expect(net.has(n.setlIds[1]!)).toBe(false);
  });

  it('has prices above the cap only on the injected lines', async () => {
    const rows = await store.query<{ feedetl_sn: string }>(
      `SELECT f.feedetl_sn FROM medfund.fee_net f JOIN medfund.hilist h ON h.hilist_code = f.hilist_code
       WHERE f.pric > h.pric_uplmt ORDER BY f.feedetl_sn`,
    );
    expect(rows.map((r) => r.feedetl_sn)).toEqual(injected('PRICE_CAP'));
  });

  it('has sex-restricted items for the other sex only on the injected lines', async () => {
    const rows = await store.query<{ feedetl_sn: string }>(
      `SELECT f.feedetl_sn FROM medfund.fee_net f JOIN medfund.hilist h ON h.hilist_code = f.hilist_code
       JOIN medfund.psn_info p ON p.psn_no = f.psn_no
       WHERE h.lmt_gend IS NOT NULL AND h.lmt_gend <> p.gend ORDER BY f.feedetl_sn`,
    );
    expect(rows.map((r) => r.feedetl_sn)).toEqual(injected('SEX_RESTRICTION'));
  });

  it('has work-injury-only drugs and inpatient-only drugs outside a stay only on the injected lines', async () => {
    const wi = await store.query<{ feedetl_sn: string }>(
      `SELECT f.feedetl_sn FROM medfund.fee_net f JOIN medfund.hilist h ON h.hilist_code = f.hilist_code WHERE h.wi_only ORDER BY 1`,
    );
    expect(wi.map((r) => r.feedetl_sn)).toEqual(injected('WI_PAID_BY_MEDICAL'));
    const scope = await store.query<{ feedetl_sn: string }>(
      `SELECT f.feedetl_sn FROM medfund.fee_net f JOIN medfund.hilist h ON h.hilist_code = f.hilist_code
       JOIN medfund.setl_net s ON s.setl_id = f.setl_id JOIN medfund.fixmedins o ON o.fixmedins_code = f.fixmedins_code
       WHERE (h.lmt_visit = 'inpatient' AND s.med_type <> '21') OR (h.lmt_lv_min IS NOT NULL AND o.lv_rank < h.lmt_lv_min)
       ORDER BY 1`,
    );
    expect(scope.map((r) => r.feedetl_sn)).toEqual(injected('PAYMENT_SCOPE', (n) => !n.includes('奥扎格雷')));
  });

  it('has no stay overlapping another of the same person except the injected ones', async () => {
    const rows = await store.query<{ setl_id: string }>(
      `SELECT DISTINCT b.setl_id FROM medfund.setl_net a JOIN medfund.setl_net b
         ON a.psn_no = b.psn_no AND a.setl_id <> b.setl_id AND a.med_type = '21' AND b.med_type = '21'
        AND b.begndate > a.begndate AND b.begndate < a.enddate
       ORDER BY 1`,
    );
    expect(rows.map((r) => r.setl_id)).toEqual(m.violations.filter((v) => v.rule === 'OVERLAPPING_STAYS').map((v) => v.setlIds[0]).sort());
  });
});

describe.each(engines)('two generations into one %s claims store', (_name, open) => {
  let store: ClaimsStore;
  let done: () => Promise<void>;
  beforeAll(async () => {
    ({ store, done } = await open());
  });
  afterAll(() => done());

  it('gives the second generation ids of its own and shares the reference rows', async () => {
    const first = await generateIntoStore(store, 1, { scale: 'tiny', seed: 7, casesPerRule: 6 });
    const second = await generateIntoStore(store, 2, { scale: 'tiny', seed: 8, casesPerRule: 6, year: 2026 });
    expect(second.lastIds!.person).toBe(first.lastIds!.person + 300);
    expect(second.lastIds!.settlement).toBeGreaterThan(first.lastIds!.settlement);
    const keys: [string, string][] = [['psn_info', 'psn_no'], ['mdtrt_d', 'mdtrt_id'], ['setl_d', 'setl_id'], ['fee_list_d', 'feedetl_sn'], ['death_reg', 'death_reg_id'], ['wi_payment', 'wi_pay_id'], ['wi_recognition', 'wi_recg_id'], ['hilist', 'hilist_code'], ['fixmedins', 'fixmedins_code']];
    for (const [table, key] of keys) {
      const [r] = await store.query<{ n: number; d: number }>(`SELECT count(*) AS n, count(DISTINCT ${key}) AS d FROM medfund.${table}`);
      expect(r!.d, `${table}.${key} unique`).toBe(r!.n);
    }
    for (const table of ['setl_d', 'fee_list_d', 'psn_info'] as const) {
      const [r] = await store.query<{ n: number }>(`SELECT count(*) AS n FROM medfund.${table}`);
      expect(r!.n, table).toBe(first.counts[table]! + second.counts[table]!);
    }
    // the second generation's injected cases are its own persons and settlements
    const firstSetl = new Set(first.violations.flatMap((v) => v.setlIds));
    expect(second.violations.flatMap((v) => v.setlIds).filter((s) => firstSetl.has(s))).toEqual([]);
    const [loads] = await store.query<{ n: number }>(`SELECT count(*) AS n FROM medfund.setl_d WHERE load_id = 2`);
    expect(loads!.n).toBe(second.counts.setl_d);
  });
});
