/**
 * Tiny claims data sets for the screening tests, written straight into the screening views'
 * shape (mf_setl, mf_line, ...) as tables, the same statements on DuckDB and PostgreSQL.
 */
export const SCREENING_TABLES_DDL = [
  `CREATE TABLE mf_person (psn_no VARCHAR, certno VARCHAR, psn_name VARCHAR, gend VARCHAR, brdy DATE, death_date DATE)`,
  `CREATE TABLE mf_setl (setl_id VARCHAR, mdtrt_id VARCHAR, psn_no VARCHAR, fixmedins_code VARCHAR, med_kind VARCHAR,
     begndate DATE, enddate DATE, setl_date DATE, hosp_lv INTEGER, medfee_fen BIGINT, fund_pay_fen BIGINT, invoice_no VARCHAR, main_diag VARCHAR)`,
  `CREATE TABLE mf_line (line_id VARCHAR, setl_id VARCHAR, mdtrt_id VARCHAR, psn_no VARCHAR, fixmedins_code VARCHAR, item_code VARCHAR,
     fee_date DATE, fee_minute BIGINT, cnt DOUBLE PRECISION, pric_fen BIGINT, amount_fen BIGINT, fund_fen BIGINT, days_supply INTEGER)`,
  `CREATE TABLE mf_diag (setl_id VARCHAR, diag_code VARCHAR)`,
  `CREATE TABLE mf_wi_payment (wi_id VARCHAR, psn_no VARCHAR, fixmedins_code VARCHAR, begndate DATE, enddate DATE, amount_fen BIGINT, wi_fund_fen BIGINT, invoice_no VARCHAR)`,
  `CREATE TABLE mf_wi_recognition (wr_id VARCHAR, psn_no VARCHAR, injury_date DATE)`,
  `CREATE TABLE mf_cat (code VARCHAR, drug_group VARCHAR, lmt_gend VARCHAR, lmt_age_band VARCHAR, lmt_visit VARCHAR, lmt_lv_min INTEGER,
     wi_only BOOLEAN, max_per_day DOUBLE PRECISION, max_per_visit DOUBLE PRECISION, max_course_days INTEGER, cap_fen BIGINT, valid_from DATE, valid_to DATE)`,
  `CREATE TABLE mf_cat_pair (main_code VARCHAR, sub_code VARCHAR, win VARCHAR, hrs INTEGER)`,
];

type Kind = 'inpatient' | 'outpatient' | 'pharmacy';
const q = (v: string | null | undefined) => (v === null || v === undefined ? 'NULL' : `'${v.replaceAll("'", "''")}'`);
const d = (v: string | null | undefined) => (v ? `DATE '${v}'` : 'NULL');

export class ClaimsFixture {
  private readonly stmts: string[] = [];
  private readonly setls = new Map<string, { psn: string; prov: string; mdtrt: string; beg: string; fund: number; medfee: number }>();
  private lineSeq = 0;

  person(p: { psn: string; gend?: '1' | '2'; brdy?: string; death?: string; name?: string; certno?: string }): this {
    this.stmts.push(
      `INSERT INTO mf_person VALUES (${q(p.psn)}, ${q(p.certno ?? `33010219800101${p.psn.padStart(4, '0').slice(-4)}`)}, ${q(p.name ?? '张三')}, ${q(p.gend ?? '1')}, ${d(p.brdy ?? '1980-01-01')}, ${d(p.death)})`,
    );
    return this;
  }

  setl(s: {
    id: string; psn: string; prov?: string; kind?: Kind; beg: string; end?: string; setlDate?: string; lv?: number;
    medfee?: number; fund?: number; invoice?: string; diag?: string; diags?: string[]; mdtrt?: string;
  }): this {
    const prov = s.prov ?? 'H1';
    const medfee = s.medfee ?? 10000;
    const fund = s.fund ?? Math.round(medfee * 0.8);
    const mdtrt = s.mdtrt ?? `M${s.id}`;
    const end = s.end ?? s.beg;
    this.setls.set(s.id, { psn: s.psn, prov, mdtrt, beg: s.beg, fund, medfee });
    this.stmts.push(
      `INSERT INTO mf_setl VALUES (${q(s.id)}, ${q(mdtrt)}, ${q(s.psn)}, ${q(prov)}, ${q(s.kind ?? 'outpatient')}, ${d(s.beg)}, ${d(end)}, ${d(s.setlDate ?? end)}, ${s.lv ?? 2}, ${medfee}, ${fund}, ${q(s.invoice ?? '')}, ${q(s.diag ?? 'J06.9')})`,
    );
    for (const code of s.diags ?? [s.diag ?? 'J06.9']) this.stmts.push(`INSERT INTO mf_diag VALUES (${q(s.id)}, ${q(code)})`);
    return this;
  }

  line(l: { setl: string; code: string; date?: string; time?: string; cnt?: number; pric?: number; amount?: number; fund?: number; days?: number; id?: string }): this {
    const s = this.setls.get(l.setl);
    if (!s) throw new Error(`no settlement ${l.setl}`);
    const id = l.id ?? `${l.setl}-L${String(++this.lineSeq).padStart(3, '0')}`;
    const cnt = l.cnt ?? 1;
    const pric = l.pric ?? 1000;
    const amount = l.amount ?? Math.round(cnt * pric);
    const fund = l.fund ?? Math.round(amount * 0.8);
    const date = l.date ?? s.beg;
    const minute = Math.floor(Date.parse(`${date}T${l.time ?? '09:00'}:00Z`) / 60000);
    this.stmts.push(
      `INSERT INTO mf_line VALUES (${q(id)}, ${q(l.setl)}, ${q(s.mdtrt)}, ${q(s.psn)}, ${q(s.prov)}, ${q(l.code)}, ${d(date)}, ${minute}, ${cnt}, ${pric}, ${amount}, ${fund}, ${l.days ?? 0})`,
    );
    return this;
  }

  wiPayment(w: { id: string; psn: string; prov?: string; beg: string; end?: string; amount: number; wiFund?: number; invoice?: string }): this {
    this.stmts.push(`INSERT INTO mf_wi_payment VALUES (${q(w.id)}, ${q(w.psn)}, ${q(w.prov ?? 'H1')}, ${d(w.beg)}, ${d(w.end ?? w.beg)}, ${w.amount}, ${w.wiFund ?? w.amount}, ${q(w.invoice ?? '')})`);
    return this;
  }

  wiRecognition(r: { id: string; psn: string; injury: string }): this {
    this.stmts.push(`INSERT INTO mf_wi_recognition VALUES (${q(r.id)}, ${q(r.psn)}, ${d(r.injury)})`);
    return this;
  }

  /** A catalogue entry (hilist) with its restrictions, valid for the whole of the test years. */
  catalogue(c: { code: string; group?: string; gend?: '1' | '2'; ageBand?: string; visit?: 'inpatient'; lvMin?: number; wiOnly?: boolean;
    perDay?: number; perVisit?: number; courseDays?: number; capFen?: number }): this {
    const n = (v: number | undefined) => (v === undefined ? 'NULL' : String(v));
    this.stmts.push(
      `INSERT INTO mf_cat VALUES (${q(c.code)}, ${q(c.group ?? c.code)}, ${q(c.gend)}, ${q(c.ageBand)}, ${q(c.visit)}, ${n(c.lvMin)}, ${c.wiOnly ? 'TRUE' : 'FALSE'}, ${n(c.perDay)}, ${n(c.perVisit)}, ${n(c.courseDays)}, ${n(c.capFen)}, DATE '2020-01-01', DATE '9999-12-31')`,
    );
    return this;
  }

  pair(p: { main: string; sub: string; win: 'visit' | 'day' | 'hours'; hours?: number }): this {
    this.stmts.push(`INSERT INTO mf_cat_pair VALUES (${q(p.main)}, ${q(p.sub)}, ${q(p.win)}, ${p.hours ?? 0})`);
    return this;
  }

  statements(): string[] {
    return [...SCREENING_TABLES_DDL, ...this.stmts];
  }
}
