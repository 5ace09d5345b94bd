import { setlNetSelect } from '../../claims/claims-ddl';
import { mfDiagSelect, mfLineSelect, mfPersonSelect, mfSetlSelect, mfWiPaymentSelect, mfWiRecognitionSelect, SCREENING_SCHEMA } from './screening-views';
import { historyNeeds, type ClaimsSources } from './template-sql';
import type { TemplateCode } from './templates';
import type { ParamValues } from './parameters';
import { sqlDate } from './sql-literals';

/**
 * An incremental run's one netted snapshot (docs/medfund/SCREENING.md, "incremental runs"): the
 * netted claims of the persons the new days touch, materialised once per run into temporary tables
 * in the screening views' shape, which the run's rules then read instead of the views (each rule's
 * own look-back conditions, template-sql.ts historyNeeds, apply on top). Without it every rule
 * scanned the netting views (setl_net over all settlements, fee_net semi-joining all lines) before
 * its window cut anything: an incremental day cost about a quarter of the full year (bench run 20).
 *
 * What the tables hold, each row the same as the view's (netting restricted to these settlements):
 * - mfw_win: the original valid settlements dated in the window (before netting: a superset of
 *   the window's netted settlements); mfw_psn their persons (P); mfw_visit the visits of their
 *   fee lines with each visit's first service time (E_LINE = the earliest).
 * - mfw_fee (raw fee lines): P's lines from E_LINE − the rules' longest line look-back on, or of
 *   the window's visits; and every line of P's settlements admitted on or after E_SETL (the
 *   window's lines, and a duplicate bill's first settlement).
 * - mfw_setl: the netted settlements of P (all of them: a readmission looks back however far)
 *   and of mfw_fee's lines; mfw_line: mfw_fee's lines of those (= fee_net's).
 * - mfw_person, mfw_diag, mfw_wi_payment, mfw_wi_recognition: the same for those persons and
 *   settlements.
 * Every template reads only the window's settlements and lines and, for history, rows of the same
 * persons within its look-back: all inside these tables, so the findings equal the full run's on
 * the window (tested: recall.engines.test.ts, both engines).
 */
export const WINDOW_CLAIMS: ClaimsSources = {
  setl: 'mfw_setl', line: 'mfw_line', person: 'mfw_person', diag: 'mfw_diag',
  wiPayment: 'mfw_wi_payment', wiRecognition: 'mfw_wi_recognition',
};

/** Every temporary table, in the order they are created. */
export const WINDOW_TABLES = ['mfw_win', 'mfw_psn', 'mfw_visit', 'mfw_fee', 'mfw_setl', 'mfw_line', 'mfw_person', 'mfw_diag', 'mfw_wi_payment', 'mfw_wi_recognition'] as const;

const S = SCREENING_SCHEMA;
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const ts = (day: string) => `CAST(${sqlDate(day)} AS TIMESTAMP)`;

/** The longest line look-back (days before E_LINE) of the run's rules. */
export function lineDaysBack(rules: { template: TemplateCode; params: ParamValues }[]): number {
  return Math.max(0, ...rules.map((r) => historyNeeds(r.template, r.params).lineDaysBack));
}

/** Step 1: the window's settlements, persons and visits. */
export function windowStatements(window: { from: string; to: string }): string[] {
  return [
    `CREATE TEMP TABLE mfw_win AS SELECT setl_id, psn_no, begndate FROM ${S}.setl_d
WHERE init_setl_id IS NULL AND vali_flag = '1' AND setl_time >= ${ts(window.from)} AND setl_time < ${ts(addDays(window.to, 1))}`,
    `CREATE TEMP TABLE mfw_psn AS SELECT DISTINCT psn_no FROM mfw_win`,
    `CREATE TEMP TABLE mfw_visit AS SELECT mdtrt_id, min(fee_ocur_time) AS first_time FROM ${S}.fee_list_d
WHERE setl_id IN (SELECT setl_id FROM mfw_win) GROUP BY mdtrt_id`,
  ];
}

/** Step 2's bounds: E_SETL (the earliest admission) and E_LINE (the earliest service day) of the window, as 'YYYY-MM-DD' or null. */
export const WINDOW_BOUNDS_SQL = `SELECT CAST((SELECT min(begndate) FROM mfw_win) AS VARCHAR) AS e_setl,
  CAST((SELECT CAST(min(first_time) AS DATE) FROM mfw_visit) AS VARCHAR) AS e_line`;

/**
 * Step 2: the persons' netted claims over the look-back. The fee lines: on PostgreSQL a UNION of
 * the two index lookups (per person and time, per settlement); on DuckDB one scan with both
 * conditions (no indexes; the UNION's second scan and its whole-row dedupe were most of the
 * snapshot's time at 0.9 M lines).
 */
export function claimsStatements(
  bounds: { eSetl: string | null; eLine: string | null }, window: { from: string }, daysBack: number, engine: 'duckdb' | 'postgres' = 'postgres',
): string[] {
  const eSetl = bounds.eSetl ?? window.from;
  const lineFrom = addDays(bounds.eLine ?? window.from, -daysBack);
  const persons = `SELECT psn_no FROM mfw_psn`;
  const settlements = `s.setl_id IN (SELECT setl_id FROM ${S}.setl_d WHERE psn_no IN (${persons}) UNION SELECT setl_id FROM mfw_fee)`;
  const byPerson = `f.psn_no IN (${persons}) AND (f.fee_ocur_time >= ${ts(lineFrom)} OR f.mdtrt_id IN (SELECT mdtrt_id FROM mfw_visit))`;
  const bySettlement = `f.setl_id IN (SELECT setl_id FROM ${S}.setl_d WHERE psn_no IN (${persons}) AND begndate >= ${sqlDate(eSetl)})`;
  return [
    engine === 'duckdb'
      ? `CREATE TEMP TABLE mfw_fee AS SELECT f.* FROM ${S}.fee_list_d f WHERE (${byPerson}) OR ${bySettlement}`
      : `CREATE TEMP TABLE mfw_fee AS
SELECT f.* FROM ${S}.fee_list_d f WHERE ${byPerson}
UNION
SELECT f.* FROM ${S}.fee_list_d f WHERE ${bySettlement}`,
    `CREATE TEMP TABLE mfw_setl AS\n${mfSetlSelect(`(${setlNetSelect(settlements)})`)}`,
    `CREATE TEMP TABLE mfw_line AS\n${mfLineSelect('(SELECT * FROM mfw_fee WHERE setl_id IN (SELECT setl_id FROM mfw_setl))')}`,
    `CREATE TEMP TABLE mfw_person AS\n${mfPersonSelect(`p.psn_no IN (${persons} UNION SELECT psn_no FROM mfw_setl UNION SELECT psn_no FROM mfw_line)`)}`,
    `CREATE TEMP TABLE mfw_diag AS\n${mfDiagSelect('mfw_setl')}`,
    `CREATE TEMP TABLE mfw_wi_payment AS\n${mfWiPaymentSelect(`p.psn_no IN (${persons})`)}`,
    `CREATE TEMP TABLE mfw_wi_recognition AS\n${mfWiRecognitionSelect(`p.psn_no IN (${persons})`)}`,
  ];
}

export const dropWindowTables = (): string[] => [...WINDOW_TABLES].reverse().map((t) => `DROP TABLE IF EXISTS ${t}`);
