import { mfDiagSelect, mfLineSelect, SCREENING_SCHEMA } from './screening-views';
import type { ClaimsSources } from './template-sql';

const S = SCREENING_SCHEMA;

/**
 * A full run's one netted snapshot (docs/medfund/SCREENING.md, "full runs"): the netted
 * settlements and fee lines of the whole store, in the screening views' shape, materialised once
 * per run into temporary tables that the run's rules read instead of the views. Without it every
 * rule recomputed the netting (setl_net over every settlement, fee_net semi-joining every line)
 * and the derived columns: at 10 M fee lines the 14 rules took 70.6 s over the views against
 * 31.6 s with the snapshot, its 9.5 s included (bench/RESULTS.md run 39). The same findings
 * (tested: recall.engines.test.ts, both engines; the bench compares digests).
 *
 * - mff_setl: every row of mf_setl; mff_line: the fee lines of those settlements (= fee_net's,
 *   without netting the settlements a second time).
 * - diag: a subquery over mff_setl (only one rule reads it); persons and work-injury tables are
 *   small and stay the views.
 */
export const FULL_CLAIMS: ClaimsSources = {
  setl: 'mff_setl',
  line: 'mff_line',
  person: `${S}.mf_person`,
  diag: `(${mfDiagSelect('mff_setl')})`,
  wiPayment: `${S}.mf_wi_payment`,
  wiRecognition: `${S}.mf_wi_recognition`,
};

export const FULL_TABLES = ['mff_setl', 'mff_line'] as const;

export function fullClaimsStatements(): string[] {
  return [
    `CREATE TEMP TABLE mff_setl AS SELECT * FROM ${S}.mf_setl`,
    `CREATE TEMP TABLE mff_line AS\n${mfLineSelect(`(SELECT f.* FROM ${S}.fee_list_d f WHERE f.setl_id IN (SELECT setl_id FROM mff_setl))`)}`,
  ];
}

export const dropFullTables = (): string[] => [...FULL_TABLES].reverse().map((t) => `DROP TABLE IF EXISTS ${t}`);
