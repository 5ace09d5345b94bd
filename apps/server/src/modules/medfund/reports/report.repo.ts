import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema';
import type { ClaimsStore } from '../claims/claims-store';
import { settlementRankSql } from '../domain/settlement-amount';
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

/** Each settlement once, at its largest finding among all its findings (domain/settlement-amount.ts). */
const SETTLEMENT_RANK = sql.raw(settlementRankSql({ id: 'f.id', setlId: 'f.setl_id', amountFen: 'f.amount_fen' }));

/**
 * The findings of [from, until), each with `counted`: its amount when it carries its settlement's
 * money (the settlement's largest finding, the lowest id between equals, among all its findings,
 * whatever their day), else 0. A settlement's money thus lies on one day, its largest finding's,
 * so months add up to quarters and no settlement counts twice across the trend.
 */
function periodFindings(from: string, until: string) {
  return sql`
    SELECT x.*, CASE WHEN x.setl_rank = 1 THEN x.amount_fen ELSE 0 END AS counted
      FROM (SELECT f.id, f.rule_code, f.severity, f.fixmedins_code, f.fixmedins_name, f.occurred_on, f.amount_fen, ${SETTLEMENT_RANK} AS setl_rank
              FROM medfund_findings f
             WHERE f.setl_id IN (SELECT s.setl_id FROM medfund_findings s WHERE s.occurred_on >= ${from}::date AND s.occurred_on < ${until}::date)) x
     WHERE x.occurred_on >= ${from}::date AND x.occurred_on < ${until}::date`;
}

/** Findings per month: how many, and the money at risk (each settlement once). */
export async function findingsByMonth(db: Kysely<DB>, from: string, until: string): Promise<FindingMonthRow[]> {
  const rows = await sql<{ month: string; n: number; amount: number }>`
    SELECT to_char(occurred_on, 'YYYY-MM') AS month, count(*) AS n, coalesce(sum(counted), 0) AS amount
      FROM (${periodFindings(from, until)}) p GROUP BY 1 ORDER BY 1`.execute(db);
  return rows.rows.map((r) => ({ month: r.month, findings: Number(r.n), amountFen: Number(r.amount) }));
}

/** Findings per rule × severity × provider: how many, every finding's amount, and the money at risk they carry. */
export async function findingGroups(db: Kysely<DB>, from: string, until: string): Promise<FindingGroupRow[]> {
  const rows = await sql<{ rule_code: string; severity: 'red' | 'orange'; fixmedins_code: string; name: string | null; n: number; amount: number; counted: number }>`
    SELECT rule_code, severity, fixmedins_code, max(fixmedins_name) AS name, count(*) AS n, coalesce(sum(amount_fen), 0) AS amount, coalesce(sum(counted), 0) AS counted
      FROM (${periodFindings(from, until)}) p GROUP BY 1, 2, 3`.execute(db);
  return rows.rows.map((r) => ({
    ruleCode: r.rule_code, severity: r.severity, fixmedinsCode: r.fixmedins_code, fixmedinsName: r.name ?? '', findings: Number(r.n), amountFen: Number(r.amount), countedFen: Number(r.counted),
  }));
}

/** Rules in their catalogue order. */
export async function ruleNames(db: Kysely<DB>): Promise<RuleName[]> {
  return db.selectFrom('medfund_rules').select(['code', 'name', 'name_en as nameEn']).orderBy('sort_order').orderBy('code').execute();
}
