import { CLAIMS_TABLE_NAMES, CLAIMS_TABLES, type ClaimsTableName } from './tables';

/**
 * The claims store's DDL, one text for DuckDB and PostgreSQL: schema `medfund`, the tables of
 * tables.ts, and the netting views the screening reads. Idempotent (IF NOT EXISTS / OR REPLACE),
 * run at every open. No primary keys or indexes in the shared part: DuckDB's appender is fastest
 * on tables without them and the import enforces the natural keys itself (anti-join on the key);
 * PostgreSQL gets its indexes from POSTGRES_INDEXES.
 */
export const CLAIMS_SCHEMA = 'medfund';

export function tableDdl(table: ClaimsTableName): string {
  const def = CLAIMS_TABLES[table];
  const cols = def.columns.map((c) => `  ${c.name} ${c.type}${c.required ? ' NOT NULL' : ''}`);
  return `CREATE TABLE IF NOT EXISTS ${CLAIMS_SCHEMA}.${table} (\n${cols.join(',\n')}\n)`;
}

/**
 * setl_net's SELECT. `originals`, when given, is a condition on the original settlement `s`
 * (e.g. `s.psn_no IN (…)`): the netted rows of those settlements only, each the same as
 * setl_net's (the incremental screening's one netted snapshot of the persons the new days touch,
 * rules/screening/window-claims.ts); their refunds are looked up by their ids.
 */
export function setlNetSelect(originals?: string): string {
  const base = `${CLAIMS_SCHEMA}.setl_d`;
  const src = originals ? `(SELECT * FROM ${base} s WHERE ${originals})` : base;
  const refunds = originals
    ? `AND init_setl_id IN (SELECT s.setl_id FROM ${base} s WHERE ${originals})`
    : '';
  return `SELECT s.*,
  s.medfee_sumamt + COALESCE(r.medfee_sumamt, 0) AS net_medfee_sumamt,
  s.fund_pay_sumamt + COALESCE(r.fund_pay_sumamt, 0) AS net_fund_pay_sumamt
FROM ${src} s
LEFT JOIN (
  SELECT init_setl_id, SUM(medfee_sumamt) AS medfee_sumamt, SUM(fund_pay_sumamt) AS fund_pay_sumamt
  FROM ${base}
  WHERE init_setl_id IS NOT NULL AND vali_flag = '1' ${refunds}
  GROUP BY init_setl_id
) r ON r.init_setl_id = s.setl_id
WHERE s.init_setl_id IS NULL AND s.vali_flag = '1'
  AND s.medfee_sumamt + COALESCE(r.medfee_sumamt, 0) > 0`;
}

/**
 * Netting (docs/medfund/DATA.md). A refund row (冲销) carries init_setl_id = the settlement it
 * reverses and negative amounts; a cancelled settlement has vali_flag = '0'.
 * - setl_net: one row per original valid settlement, its amounts net of its refunds
 *   (net_medfee_sumamt, net_fund_pay_sumamt); a settlement refunded in full (net total ≤ 0) is gone.
 * - fee_net: the fee lines of the settlements in setl_net (refund rows' own lines never count).
 * - mdtrt_net: the visits with at least one settlement in setl_net.
 * The screening reads only these views.
 */
export const NETTING_VIEWS: string[] = [
  `CREATE OR REPLACE VIEW ${CLAIMS_SCHEMA}.setl_net AS\n${setlNetSelect()}`,
  `CREATE OR REPLACE VIEW ${CLAIMS_SCHEMA}.fee_net AS
SELECT f.* FROM ${CLAIMS_SCHEMA}.fee_list_d f
WHERE f.setl_id IN (SELECT setl_id FROM ${CLAIMS_SCHEMA}.setl_net)`,
  `CREATE OR REPLACE VIEW ${CLAIMS_SCHEMA}.mdtrt_net AS
SELECT m.* FROM ${CLAIMS_SCHEMA}.mdtrt_d m
WHERE m.mdtrt_id IN (SELECT mdtrt_id FROM ${CLAIMS_SCHEMA}.setl_net)`,
];

/** PostgreSQL only: the lookups the import (natural keys) and the screening (per person, per visit) need. */
export const POSTGRES_INDEXES: string[] = [
  ...CLAIMS_TABLE_NAMES.map(
    (t) => `CREATE INDEX IF NOT EXISTS ${t}_key ON ${CLAIMS_SCHEMA}.${t} (${CLAIMS_TABLES[t].key.join(', ')})`,
  ),
  `CREATE INDEX IF NOT EXISTS setl_d_init ON ${CLAIMS_SCHEMA}.setl_d (init_setl_id) WHERE init_setl_id IS NOT NULL`,
  `CREATE INDEX IF NOT EXISTS setl_d_psn ON ${CLAIMS_SCHEMA}.setl_d (psn_no, begndate)`,
  // the incremental screening's first step: the settlements of the new days (rules/domain/window-claims.ts)
  `CREATE INDEX IF NOT EXISTS setl_d_time ON ${CLAIMS_SCHEMA}.setl_d (setl_time)`,
  `CREATE INDEX IF NOT EXISTS fee_list_d_setl ON ${CLAIMS_SCHEMA}.fee_list_d (setl_id)`,
  `CREATE INDEX IF NOT EXISTS fee_list_d_psn ON ${CLAIMS_SCHEMA}.fee_list_d (psn_no, fee_ocur_time)`,
  `CREATE INDEX IF NOT EXISTS mdtrt_d_psn ON ${CLAIMS_SCHEMA}.mdtrt_d (psn_no, begntime)`,
];

/**
 * PostgreSQL only: statistics on the settlement day. Every screening rule selects its settlements
 * by `CAST(setl_time AS DATE) BETWEEN …` (mf_setl.setl_date); without statistics on that
 * expression PostgreSQL guesses 0.5 % of the rows for a whole year, and plans nested loops over
 * what are in fact all the settlements (bench run 34). Filled by ANALYZE (the import runs it after
 * each load).
 */
export const POSTGRES_STATISTICS: string[] = [
  `CREATE STATISTICS IF NOT EXISTS ${CLAIMS_SCHEMA}.setl_d_day ON (CAST(setl_time AS DATE)) FROM ${CLAIMS_SCHEMA}.setl_d`,
];

/** The statements that create the store, in order (schema, tables, views). */
export function claimsDdl(): string[] {
  return [
    `CREATE SCHEMA IF NOT EXISTS ${CLAIMS_SCHEMA}`,
    ...CLAIMS_TABLE_NAMES.map(tableDdl),
    ...NETTING_VIEWS,
  ];
}
