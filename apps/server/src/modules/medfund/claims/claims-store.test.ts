import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClaimsStore } from './claims-store';
import { openDuckdbStore } from './duckdb-store';
import { openPostgresStore } from './postgres-store';
import { columnNames } from './tables';
import { scratchDatabase } from './scratch-postgres';

/**
 * Both claims stores, one behaviour: the same DDL, the same appended rows, the same values back,
 * the same netting. The PostgreSQL store is tested when TEST_DB=postgres (TEST_DATABASE_URL), in a
 * database of its own.
 */
const pgUrl = process.env.TEST_DB === 'postgres' ? process.env.TEST_DATABASE_URL : undefined;


const setlCols = columnNames('setl_d');
function setl(id: string, over: Partial<Record<string, unknown>> = {}): unknown[] {
  const base: Record<string, unknown> = {
    setl_id: id, mdtrt_id: `M${id}`, psn_no: 'P1', certno: '330110199001011234', fixmedins_code: 'H1',
    insutype: '310', med_type: '11', begndate: '2025-03-01', enddate: '2025-03-01', setl_time: '2025-03-01 10:15:00',
    medfee_sumamt: '100.50', fund_pay_sumamt: '70.35', refd_setl_flag: '0', vali_flag: '1', init_setl_id: null, load_id: 7,
    ...over,
  };
  return setlCols.map((c) => base[c] ?? null);
}

const engines: [string, () => Promise<{ store: ClaimsStore; done: () => Promise<void> }>][] = [
  ['duckdb', async () => {
    const store = await openDuckdbStore(':memory:');
    return { store, done: () => store.close() };
  }],
];
if (pgUrl) {
  engines.push(['postgres', async () => {
    const db = await scratchDatabase(pgUrl, 'zz_claims');
    const store = await openPostgresStore(db.url);
    return { store, done: async () => { await store.close(); await db.drop(); } };
  }]);
}

describe.each(engines)('claims store on %s', (_name, open) => {
  let store: ClaimsStore;
  let done: () => Promise<void>;
  beforeAll(async () => {
    ({ store, done } = await open());
    await store.append('setl_d', setlCols, [
      setl('S1'),
      setl('S2', { medfee_sumamt: '200.00', fund_pay_sumamt: '150.00' }),
      // S2 refunded in full, S3 in part, S4 cancelled
      setl('S2R', { medfee_sumamt: '-200.00', fund_pay_sumamt: '-150.00', refd_setl_flag: '1', init_setl_id: 'S2' }),
      setl('S3', { medfee_sumamt: '300.00', fund_pay_sumamt: '210.00' }),
      setl('S3R', { medfee_sumamt: '-100.00', fund_pay_sumamt: '-70.00', refd_setl_flag: '1', init_setl_id: 'S3' }),
      setl('S4', { vali_flag: '0' }),
    ]);
  });
  afterAll(() => done());

  it('returns the same JS values on both engines', async () => {
    const rows = await store.query<Record<string, unknown>>(
      `SELECT setl_id, begndate, setl_time, medfee_sumamt, load_id, COUNT(*) OVER () AS n
       FROM medfund.setl_d WHERE setl_id = $1`,
      ['S1'],
    );
    expect(rows).toEqual([{ setl_id: 'S1', begndate: '2025-03-01', setl_time: '2025-03-01 10:15:00', medfee_sumamt: 100.5, load_id: 7, n: 1 }]);
  });

  it('nets refunds and drops cancelled settlements (setl_net)', async () => {
    const rows = await store.query<{ setl_id: string; net_medfee_sumamt: number; net_fund_pay_sumamt: number }>(
      `SELECT setl_id, net_medfee_sumamt, net_fund_pay_sumamt FROM medfund.setl_net ORDER BY setl_id`,
    );
    expect(rows).toEqual([
      { setl_id: 'S1', net_medfee_sumamt: 100.5, net_fund_pay_sumamt: 70.35 },
      { setl_id: 'S3', net_medfee_sumamt: 200, net_fund_pay_sumamt: 140 },
    ]);
  });

  it('rolls a failed transaction back', async () => {
    await expect(
      store.transaction(async (tx) => {
        await tx.append('setl_d', setlCols, [setl('S9')]);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const rows = await store.query<{ n: number }>(`SELECT COUNT(*) AS n FROM medfund.setl_d WHERE setl_id = 'S9'`);
    expect(rows[0]?.n).toBe(0);
  });

  it('refuses a column the table does not have', async () => {
    await expect(store.append('setl_d', ['setl_id', 'no_such'], [['x', 'y']])).rejects.toThrow();
  });
});

describe('duckdb: the screening session', () => {
  const limit = async (store: ClaimsStore) => (await store.query<{ v: string }>(`SELECT current_setting('memory_limit') AS v`))[0]!.v;
  const mib = (v: string) => Number.parseFloat(v) * (v.includes('GiB') ? 1024 : v.includes('MiB') ? 1 : Number.NaN);

  it('raises the memory limit to the screening limit for the session, sets the store\'s own back after, also after an error, and runs nothing in between', async () => {
    const store = await openDuckdbStore(':memory:', { memoryLimit: '512MB', screeningMemoryLimit: '2GB' });
    try {
      const own = await limit(store);
      let inside = '';
      const order: string[] = [];
      const session = store.screeningSession(async (tx) => {
        inside = await limit(tx);
        await new Promise((r) => setTimeout(r, 50));
        order.push('session');
      });
      // queued while the session runs: it waits for the session's end
      await store.query('SELECT 1 AS x').then(() => order.push('query'));
      await session;
      expect(order).toEqual(['session', 'query']);
      expect(Math.round(mib(own))).toBe(488); // 512 MB
      expect(Math.round(mib(inside) / 100)).toBe(18); // 2 GB ≈ 1.8 GiB
      expect(await limit(store)).toBe(own);
      await expect(store.screeningSession(async () => { throw new Error('boom'); })).rejects.toThrow('boom');
      expect(await limit(store)).toBe(own);
    } finally {
      await store.close();
    }
  });
});
