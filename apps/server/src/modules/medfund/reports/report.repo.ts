import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema';
import type { ClaimsStore } from '../claims/claims-store';
import type { FindingGroupRow, FindingMonthRow, FundMonthRow, ProviderFundRow, RuleName } from './domain/periodic-report';

/**
 * What the periodic report reads: the fund paid from the claims store (the netted settlements,
 * setl_net, by settlement time; the same SQL on DuckDB and PostgreSQL), findings from the
 * platform database (by the day they occurred). Dates are the half-open range [from, until).
 */
const fen = (yuan: unknown) => Math.round(Number(yuan ?? 0) * 100);

export async function fundByMonth(store: ClaimsStore, from: string, until: string): Promise<FundMonthRow[]> {
  const rows = await store.query<{ y: number; m: number; n: number; medfee: unknown; fund: unknown }>(
    `SELECT CAST(EXTRACT(YEAR FROM setl_time) AS INTEGER) AS y, CAST(EXTRACT(MONTH FROM setl_time) AS INTEGER) AS m,
            COUNT(*) AS n, SUM(net_medfee_sumamt) AS medfee, SUM(net_fund_pay_sumamt) AS fund
       FROM medfund.setl_net
      WHERE setl_time >= CAST($1 AS TIMESTAMP) AND setl_time < CAST($2 AS TIMESTAMP)
      GROUP BY 1, 2 ORDER BY 1, 2`,
    [`${from} 00:00:00`, `${until} 00:00:00`],
  );
  return rows.map((r) => ({ month: `${r.y}-${String(r.m).padStart(2, '0')}`, settlements: Number(r.n), medfeeFen: fen(r.medfee), fundFen: fen(r.fund) }));
}

export async function fundByProvider(store: ClaimsStore, from: string, until: string): Promise<ProviderFundRow[]> {
  const rows = await store.query<{ code: string; name: string | null; n: number; fund: unknown }>(
    `SELECT s.fixmedins_code AS code, MIN(p.fixmedins_name) AS name, COUNT(*) AS n, SUM(s.net_fund_pay_sumamt) AS fund
       FROM medfund.setl_net s LEFT JOIN medfund.fixmedins p ON p.fixmedins_code = s.fixmedins_code
      WHERE s.setl_time >= CAST($1 AS TIMESTAMP) AND s.setl_time < CAST($2 AS TIMESTAMP)
      GROUP BY s.fixmedins_code`,
    [`${from} 00:00:00`, `${until} 00:00:00`],
  );
  return rows.map((r) => ({ fixmedinsCode: r.code, fixmedinsName: r.name ?? '', settlements: Number(r.n), fundFen: fen(r.fund) }));
}

/** The first and last settlement months in the store ('YYYY-MM'), null when it is empty. */
export async function settlementMonths(store: ClaimsStore): Promise<{ first: string; last: string } | null> {
  const [r] = await store.query<{ lo: string | null; hi: string | null }>(
    `SELECT CAST(MIN(setl_time) AS VARCHAR) AS lo, CAST(MAX(setl_time) AS VARCHAR) AS hi FROM medfund.setl_d WHERE init_setl_id IS NULL AND vali_flag = '1'`,
  );
  return r?.lo && r.hi ? { first: String(r.lo).slice(0, 7), last: String(r.hi).slice(0, 7) } : null;
}

export async function findingMonthsRange(db: Kysely<DB>): Promise<{ first: string; last: string } | null> {
  const r = await db.selectFrom('medfund_findings').select([sql<string | null>`to_char(min(occurred_on), 'YYYY-MM')`.as('lo'), sql<string | null>`to_char(max(occurred_on), 'YYYY-MM')`.as('hi')]).executeTakeFirst();
  return r?.lo && r.hi ? { first: r.lo, last: r.hi } : null;
}

export async function findingsByMonth(db: Kysely<DB>, from: string, until: string): Promise<FindingMonthRow[]> {
  const rows = await db.selectFrom('medfund_findings')
    .select([sql<string>`to_char(occurred_on, 'YYYY-MM')`.as('month'), sql<number>`count(*)`.as('n'), sql<number>`coalesce(sum(amount_fen), 0)`.as('amount')])
    .where('occurred_on', '>=', from).where('occurred_on', '<', until)
    .groupBy(sql`1`).orderBy(sql`1`).execute();
  return rows.map((r) => ({ month: r.month, findings: Number(r.n), amountFen: Number(r.amount) }));
}

export async function findingGroups(db: Kysely<DB>, from: string, until: string): Promise<FindingGroupRow[]> {
  const rows = await db.selectFrom('medfund_findings')
    .select(['rule_code', 'severity', 'fixmedins_code', sql<string>`max(fixmedins_name)`.as('name'), sql<number>`count(*)`.as('n'), sql<number>`coalesce(sum(amount_fen), 0)`.as('amount')])
    .where('occurred_on', '>=', from).where('occurred_on', '<', until)
    .groupBy(['rule_code', 'severity', 'fixmedins_code']).execute();
  return rows.map((r) => ({ ruleCode: r.rule_code, severity: r.severity, fixmedinsCode: r.fixmedins_code, fixmedinsName: r.name ?? '', findings: Number(r.n), amountFen: Number(r.amount) }));
}

/** Rules in their catalogue order. */
export async function ruleNames(db: Kysely<DB>): Promise<RuleName[]> {
  return db.selectFrom('medfund_rules').select(['code', 'name', 'name_en as nameEn']).orderBy('sort_order').orderBy('code').execute();
}
