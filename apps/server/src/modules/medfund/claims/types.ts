/**
 * Row types of the claims store (tables.ts), as both stores return them: dates 'YYYY-MM-DD',
 * timestamps 'YYYY-MM-DD HH:MM:SS', DECIMAL as number, NULL as null.
 */
export type Gend = '1' | '2' | '0' | '9';
/** '310' 职工基本医疗保险, '390' 城乡居民基本医疗保险. */
export type Insutype = '310' | '390' | (string & {});
/** '11' 普通门诊, '14' 门诊慢特病, '21' 普通住院, '41' 定点药店购药. */
export type MedType = '11' | '14' | '21' | '41' | (string & {});
/** '101' 西药中成药, '102' 中药饮片, '201' 医疗服务项目, '301' 医用耗材. */
export type ListType = '101' | '102' | '201' | '301' | (string & {});

export interface PsnInfoRow {
  psn_no: string;
  certno: string;
  psn_name: string | null;
  gend: Gend;
  brdy: string;
  insutype: Insutype;
  die_date: string | null;
  insu_admdvs: string | null;
  load_id: number;
}

export interface FixmedinsRow {
  fixmedins_code: string;
  fixmedins_name: string;
  /** '1' 定点医疗机构, '2' 定点零售药店. */
  fixmedins_type: '1' | '2';
  medins_type: string | null;
  hosp_lv: string | null;
  /** 3 三级, 2 二级, 1 一级, 0 未定级 (pharmacies 0). */
  lv_rank: number;
  admdvs: string | null;
  load_id: number;
}

export interface MdtrtRow {
  mdtrt_id: string;
  psn_no: string;
  certno: string;
  fixmedins_code: string;
  med_type: MedType;
  begntime: string;
  endtime: string;
  dscg_maindiag_code: string | null;
  dscg_maindiag_name: string | null;
  /** '1' 医嘱离院, '2' 医嘱转院, '5' 死亡, '9' 其他. */
  dscg_way: string | null;
  refl_old_mdtrt_id: string | null;
  load_id: number;
}

export interface SetlRow {
  setl_id: string;
  mdtrt_id: string;
  psn_no: string;
  certno: string;
  fixmedins_code: string;
  insutype: Insutype;
  med_type: MedType;
  begndate: string;
  enddate: string;
  setl_time: string;
  medfee_sumamt: number;
  fulamt_ownpay_amt: number | null;
  inscp_amt: number | null;
  hifp_pay: number | null;
  fund_pay_sumamt: number;
  psn_pay: number | null;
  acct_pay: number | null;
  cash_payamt: number | null;
  invono: string | null;
  refd_setl_flag: '0' | '1';
  vali_flag: '0' | '1';
  init_setl_id: string | null;
  load_id: number;
}

export interface FeeLineRow {
  feedetl_sn: string;
  mdtrt_id: string;
  setl_id: string;
  psn_no: string;
  fixmedins_code: string;
  fee_ocur_time: string;
  hilist_code: string;
  hilist_name: string | null;
  list_type: ListType;
  cnt: number;
  pric: number;
  det_item_fee_sumamt: number;
  inscp_scp_amt: number | null;
  fund_pay_amt: number;
  prd_days: number | null;
  load_id: number;
}

export interface DiagRow {
  mdtrt_id: string;
  setl_id: string | null;
  diag_type: string;
  diag_code: string;
  diag_name: string | null;
  maindiag_flag: '0' | '1';
  load_id: number;
}

export interface WiRecognitionRow {
  wi_recg_id: string;
  certno: string;
  psn_name: string | null;
  emp_name: string | null;
  injury_date: string;
  recg_date: string;
  recg_result: '0' | '1';
  injured_part: string | null;
  diag_code: string | null;
  stop_work_end: string | null;
  load_id: number;
}

export interface WiPaymentRow {
  wi_pay_id: string;
  wi_recg_id: string | null;
  certno: string;
  fixmedins_code: string | null;
  begndate: string;
  enddate: string;
  medfee_amt: number;
  wi_fund_pay: number;
  invono: string | null;
  pay_date: string | null;
  load_id: number;
}

export interface DeathRegRow {
  death_reg_id: string;
  certno: string;
  psn_name: string | null;
  death_date: string;
  source_dept: string;
  load_id: number;
}

export interface HilistRow {
  hilist_code: string;
  hilist_name: string;
  list_type: ListType;
  drug_generic: string | null;
  unit: string | null;
  lmt_gend: '1' | '2' | null;
  lmt_age_band: string | null;
  lmt_visit: 'inpatient' | null;
  lmt_lv_min: number | null;
  wi_only: boolean;
  max_per_day: number | null;
  max_per_visit: number | null;
  max_course_days: number | null;
  pric_uplmt: number | null;
  begndate: string;
  enddate: string | null;
  load_id: number;
}

export interface ItemExclPairRow {
  main_code: string;
  main_name: string | null;
  sub_code: string;
  sub_name: string | null;
  window_kind: 'visit' | 'day' | 'hours';
  window_hours: number | null;
  source: string | null;
  load_id: number;
}

export interface ClaimsRows {
  psn_info: PsnInfoRow;
  fixmedins: FixmedinsRow;
  mdtrt_d: MdtrtRow;
  setl_d: SetlRow;
  fee_list_d: FeeLineRow;
  setl_list_diag_d: DiagRow;
  wi_recognition: WiRecognitionRow;
  wi_payment: WiPaymentRow;
  death_reg: DeathRegRow;
  hilist: HilistRow;
  item_excl_pair: ItemExclPairRow;
}
