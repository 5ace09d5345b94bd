/**
 * The screening views: the claims store's netted tables (setl_net, fee_net, mdtrt_net and the
 * others of modules/medfund/claims) in the shape the template SQL reads, in integer fen and with
 * the visit kind, provider level, main diagnosis, death date and the catalogue's restrictions
 * resolved. One text for DuckDB and PostgreSQL; created (OR REPLACE) before every run, so a
 * change here reaches existing stores. The SELECTs are also what an incremental run materialises
 * for the persons its new days touch (window-claims.ts): the same columns from a narrower source.
 */
export const SCREENING_SCHEMA = 'medfund';

const S = SCREENING_SCHEMA;
const fen = (expr: string) => `CAST(round(${expr} * 100) AS BIGINT)`;

/** mf_setl's SELECT over `setlNet` (setl_net or the same rows from a narrower source). */
export function mfSetlSelect(setlNet = `${S}.setl_net`): string {
  // med_type: 1x outpatient (11 普通门诊, 14 门诊慢特病), 2x inpatient (21 普通住院), 4x pharmacy (41 药店购药)
  return `SELECT s.setl_id, s.mdtrt_id, s.psn_no, s.fixmedins_code,
  CASE WHEN s.med_type LIKE '2%' THEN 'inpatient'
       WHEN s.med_type LIKE '4%' OR p.fixmedins_type = '2' THEN 'pharmacy'
       ELSE 'outpatient' END AS med_kind,
  s.begndate, s.enddate, CAST(s.setl_time AS DATE) AS setl_date,
  CAST(COALESCE(p.lv_rank, 0) AS INTEGER) AS hosp_lv,
  ${fen('s.net_medfee_sumamt')} AS medfee_fen, ${fen('s.net_fund_pay_sumamt')} AS fund_pay_fen,
  COALESCE(s.invono, '') AS invoice_no, COALESCE(m.dscg_maindiag_code, '') AS main_diag
FROM ${setlNet} s
LEFT JOIN ${S}.fixmedins p ON p.fixmedins_code = s.fixmedins_code
LEFT JOIN ${S}.mdtrt_d m ON m.mdtrt_id = s.mdtrt_id`;
}

/** mf_line's SELECT over `feeNet` (fee_net or the same rows from a narrower source). */
export function mfLineSelect(feeNet = `${S}.fee_net`): string {
  return `SELECT f.feedetl_sn AS line_id, f.setl_id, f.mdtrt_id, f.psn_no, f.fixmedins_code, f.hilist_code AS item_code,
  CAST(f.fee_ocur_time AS DATE) AS fee_date,
  (CAST(f.fee_ocur_time AS DATE) - DATE '2000-01-01') * 1440
    + CAST(extract(hour FROM f.fee_ocur_time) AS BIGINT) * 60 + CAST(extract(minute FROM f.fee_ocur_time) AS BIGINT) AS fee_minute,
  CAST(f.cnt AS DOUBLE PRECISION) AS cnt, ${fen('f.pric')} AS pric_fen, ${fen('f.det_item_fee_sumamt')} AS amount_fen,
  ${fen('f.fund_pay_amt')} AS fund_fen, CAST(COALESCE(f.prd_days, 0) AS INTEGER) AS days_supply
FROM ${feeNet} f`;
}

/** mf_person's SELECT; `persons`, when given, a condition on psn_info `p` (the same rows for those persons). */
export function mfPersonSelect(persons?: string): string {
  const deaths = persons
    ? `(SELECT certno, min(death_date) AS death_date FROM ${S}.death_reg WHERE certno IN (SELECT p.certno FROM ${S}.psn_info p WHERE ${persons}) GROUP BY certno)`
    : `(SELECT certno, min(death_date) AS death_date FROM ${S}.death_reg GROUP BY certno)`;
  return `SELECT p.psn_no, p.certno, p.psn_name, p.gend, p.brdy,
  CASE WHEN p.die_date IS NULL THEN d.death_date
       WHEN d.death_date IS NULL OR p.die_date <= d.death_date THEN p.die_date
       ELSE d.death_date END AS death_date
FROM ${S}.psn_info p
LEFT JOIN ${deaths} d ON d.certno = p.certno${persons ? `\nWHERE ${persons}` : ''}`;
}

/** mf_diag's SELECT over `setlNet` (setl_net or the same rows from a narrower source). */
export function mfDiagSelect(setlNet = `${S}.setl_net`): string {
  return `SELECT s.setl_id, d.diag_code FROM ${S}.setl_list_diag_d d JOIN ${setlNet} s ON s.mdtrt_id = d.mdtrt_id`;
}

/** mf_wi_payment's SELECT; `persons`, when given, a condition on psn_info `p`. */
export function mfWiPaymentSelect(persons?: string): string {
  return `SELECT w.wi_pay_id AS wi_id, p.psn_no, COALESCE(w.fixmedins_code, '') AS fixmedins_code, w.begndate, w.enddate,
  ${fen('w.medfee_amt')} AS amount_fen, ${fen('w.wi_fund_pay')} AS wi_fund_fen, COALESCE(w.invono, '') AS invoice_no
FROM ${S}.wi_payment w JOIN ${S}.psn_info p ON p.certno = w.certno${persons ? `\nWHERE ${persons}` : ''}`;
}

/** mf_wi_recognition's SELECT; `persons`, when given, a condition on psn_info `p`. */
export function mfWiRecognitionSelect(persons?: string): string {
  return `SELECT r.wi_recg_id AS wr_id, p.psn_no, r.injury_date
FROM ${S}.wi_recognition r JOIN ${S}.psn_info p ON p.certno = r.certno
WHERE r.recg_result = '1'${persons ? ` AND ${persons}` : ''}`;
}

export const SCREENING_VIEWS: string[] = [
  `CREATE OR REPLACE VIEW ${S}.mf_setl AS\n${mfSetlSelect()}`,
  `CREATE OR REPLACE VIEW ${S}.mf_line AS\n${mfLineSelect()}`,
  `CREATE OR REPLACE VIEW ${S}.mf_person AS\n${mfPersonSelect()}`,
  `CREATE OR REPLACE VIEW ${S}.mf_diag AS\n${mfDiagSelect()}`,
  `CREATE OR REPLACE VIEW ${S}.mf_wi_payment AS\n${mfWiPaymentSelect()}`,
  `CREATE OR REPLACE VIEW ${S}.mf_wi_recognition AS\n${mfWiRecognitionSelect()}`,
  `CREATE OR REPLACE VIEW ${S}.mf_cat AS
SELECT h.hilist_code AS code, COALESCE(h.drug_generic, h.hilist_code) AS drug_group, h.lmt_gend, h.lmt_age_band, h.lmt_visit,
  CAST(h.lmt_lv_min AS INTEGER) AS lmt_lv_min, h.wi_only,
  CAST(h.max_per_day AS DOUBLE PRECISION) AS max_per_day, CAST(h.max_per_visit AS DOUBLE PRECISION) AS max_per_visit,
  CAST(h.max_course_days AS INTEGER) AS max_course_days, ${fen('h.pric_uplmt')} AS cap_fen,
  h.begndate AS valid_from, COALESCE(h.enddate, DATE '9999-12-31') AS valid_to
FROM ${S}.hilist h`,
  `CREATE OR REPLACE VIEW ${S}.mf_cat_pair AS
SELECT main_code, sub_code, window_kind AS win, CAST(COALESCE(window_hours, 0) AS INTEGER) AS hrs FROM ${S}.item_excl_pair`,
];
