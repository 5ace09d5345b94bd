import type { ClaimsStore } from '../claims/claims-store';
import { CLAIMS_TABLE_NAMES } from '../claims/tables';

export interface ClaimsOverview {
  engine: 'duckdb' | 'postgres';
  tables: Record<string, number>;
  /** Net settlements (after refunds and cancellations) per month of settlement. */
  months: { year: number; month: number; settlements: number; medfee: number; fund: number; inpatient: number }[];
  /** Net settlements per kind of provider (medical institution level, retail pharmacy). */
  providerKinds: { kind: string; settlements: number; fund: number }[];
  /** Settlements netted away: refunded in full or cancelled. */
  netted: number;
}

/** What the store holds, for the data page's chart. The SQL runs the same on DuckDB and PostgreSQL. */
export async function claimsOverview(store: ClaimsStore): Promise<ClaimsOverview> {
  const counts = await store.query<{ t: string; n: number }>(
    CLAIMS_TABLE_NAMES.map((t) => `SELECT '${t}' AS t, COUNT(*) AS n FROM medfund.${t}`).join(' UNION ALL '),
  );
  const months = await store.query<{ year: number; month: number; settlements: number; medfee: number; fund: number; inpatient: number }>(
    `SELECT CAST(EXTRACT(YEAR FROM setl_time) AS INTEGER) AS year, CAST(EXTRACT(MONTH FROM setl_time) AS INTEGER) AS month,
            COUNT(*) AS settlements, SUM(net_medfee_sumamt) AS medfee, SUM(net_fund_pay_sumamt) AS fund,
            SUM(CASE WHEN med_type = '21' THEN 1 ELSE 0 END) AS inpatient
       FROM medfund.setl_net GROUP BY 1, 2 ORDER BY 1, 2`,
  );
  const kinds = await store.query<{ kind: string; settlements: number; fund: number }>(
    `SELECT CASE WHEN p.fixmedins_type = '2' THEN 'pharmacy' WHEN p.lv_rank >= 3 THEN 'level3' WHEN p.lv_rank = 2 THEN 'level2'
                 WHEN p.lv_rank = 1 THEN 'level1' ELSE 'other' END AS kind,
            COUNT(*) AS settlements, SUM(s.net_fund_pay_sumamt) AS fund
       FROM medfund.setl_net s LEFT JOIN medfund.fixmedins p ON p.fixmedins_code = s.fixmedins_code
      GROUP BY 1 ORDER BY 1`,
  );
  const [{ n: all } = { n: 0 }] = await store.query<{ n: number }>(`SELECT COUNT(*) AS n FROM medfund.setl_d WHERE init_setl_id IS NULL`);
  const [{ n: net } = { n: 0 }] = await store.query<{ n: number }>(`SELECT COUNT(*) AS n FROM medfund.setl_net`);
  return {
    engine: store.engine,
    tables: Object.fromEntries(counts.map((c) => [c.t, Number(c.n)])),
    months: months.map((m) => ({ ...m, medfee: Number(m.medfee ?? 0), fund: Number(m.fund ?? 0) })),
    providerKinds: kinds.map((k) => ({ ...k, fund: Number(k.fund ?? 0) })),
    netted: all - net,
  };
}
