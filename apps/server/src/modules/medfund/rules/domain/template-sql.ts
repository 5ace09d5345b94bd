import type { TemplateCode } from './templates';
import type { ParamValues, TableValues } from './parameters';
import { sqlCode, sqlDate, sqlInt, sqlNumber, sqlPrefixAny, sqlValues } from './sql-literals';

/**
 * One screening SQL text per template. The text is portable: it runs unchanged on DuckDB and on
 * PostgreSQL 15 (no dialect shim was needed: date − date is a day count and date + integer a date
 * on both; amounts are integer fen, shares computed in DOUBLE PRECISION and rounded with
 * floor(x + 0.5); everything returned is cast by finding-rows.ts).
 *
 * It reads the screening views (screening-views.ts): mf_setl, mf_line, mf_person, mf_diag,
 * mf_wi_payment, mf_wi_recognition and the catalogue (知识库) mf_cat, mf_cat_pair. Restrictions
 * come from two places: the catalogue (exact code, valid on the day of the line) and the rule
 * version's own tables (local additions, matched by code prefix as the national batches are).
 * An incremental run passes `claims`: the same shapes from its one netted snapshot (window-claims.ts)
 * instead of the views.
 *
 * It returns the finding rows, always these columns:
 *   setl_id, psn_no, fixmedins_code, occurred_on (date), line_ids (comma-separated, sorted),
 *   subject_key (with rule + settlement the finding's natural key), amount_fen (fund-paid share at
 *   risk), severity ('red' / 'orange', or NULL = the rule's), ev_ref, ev_num, ev_text (evidence).
 */
export interface ScreeningWindow {
  /** Settlements whose date falls in [from, to] are screened (the rest is history to compare with). */
  from: string;
  to: string;
  /**
   * Read only the history the template needs (incremental runs): the claims of the window's
   * persons, back as far as the template's look-back reaches (historyNeeds). Without it the whole
   * store is history (full runs, where the window is most of the store anyway). Same findings.
   */
  lookback?: boolean;
}

/**
 * What history a template reads beyond the window's own settlements, as conditions on the
 * screening views' columns; `E_SETL` is the earliest admission (begndate) of the window's
 * settlements, `E_LINE` the earliest service day of their fee lines. null = none; 'true' = all of
 * the window's persons' rows. Only these persons' rows are read in any case: every template
 * compares a person's claims with the same person's. Documented per template in
 * docs/medfund/SCREENING.md (incremental runs).
 */
export interface HistoryNeeds {
  setl: string | null;
  line: string | null;
  /**
   * How many days before E_LINE `line` reaches (besides the window's own visits): what an
   * incremental run materialises of the persons' fee lines (window-claims.ts) covers the largest
   * of its rules'. 0 when `line` is null.
   */
  lineDaysBack: number;
}

export function historyNeeds(template: TemplateCode, params: ParamValues): HistoryNeeds {
  switch (template) {
    case 'pair_exclusion':
      // the other line: the same visit (any day), or the same or the neighbouring day
      return { setl: null, line: `fee_date >= E_LINE - 1 OR mdtrt_id IN (SELECT mdtrt_id FROM scoped)`, lineDaysBack: 1 };
    case 'outpatient_during_stay':
      // the stay covers the outpatient visit's start: it ends after the window's earliest start
      return { setl: `enddate >= E_SETL`, line: null, lineDaysBack: 0 };
    case 'stay_overlap':
      // the earlier stay ends at least minOverlapDays after the later one's admission
      return { setl: `enddate >= E_SETL + ${sqlInt(num(params, 'minOverlapDays'))}`, line: null, lineDaysBack: 0 };
    case 'short_readmission':
      // the previous admission at the provider, however long ago (the rule compares with the stay right before)
      return { setl: 'true', line: null, lineDaysBack: 0 };
    case 'supply_per_window':
      // days of supply dispensed within windowDays before the window's earliest line
      return { setl: 'true', line: `fee_date >= E_LINE - ${sqlInt(num(params, 'windowDays') - 1)}`, lineDaysBack: num(params, 'windowDays') - 1 };
    case 'duplicate_bill':
      // the first settlement of the same bill: the same admission day; the items of the candidate pairs' lines only
      return { setl: `begndate >= E_SETL`, line: null, lineDaysBack: 0 };
    default:
      // cross_fund_duplicate, work_injury_scope (other departments' records are read whole: they are small),
      // units_per_window, attribute_sex, attribute_age, payment_scope, after_death, price_cap: the window's own claims
      return { setl: null, line: null, lineDaysBack: 0 };
  }
}

export interface TemplateInput {
  template: TemplateCode;
  params: ParamValues;
  tables: TableValues;
  window: ScreeningWindow;
  /** Where the views are: 'medfund.' in a claims store, '' in tests (search_path). */
  prefix?: string;
  /**
   * Where the claims are read from instead of the views (an incremental run's one netted snapshot
   * of the persons its new days touch: window-claims.ts). The catalogue stays the views'.
   */
  claims?: ClaimsSources;
}

/** The tables (or views) of the claims the templates read, in the screening views' shape. */
export interface ClaimsSources {
  setl: string;
  line: string;
  person: string;
  diag: string;
  wiPayment: string;
  wiRecognition: string;
}

export function viewSources(prefix = ''): ClaimsSources {
  return {
    setl: `${prefix}mf_setl`, line: `${prefix}mf_line`, person: `${prefix}mf_person`, diag: `${prefix}mf_diag`,
    wiPayment: `${prefix}mf_wi_payment`, wiRecognition: `${prefix}mf_wi_recognition`,
  };
}

const OUT = 'setl_id, psn_no, fixmedins_code, occurred_on, line_ids, subject_key, amount_fen, severity, ev_ref, ev_num, ev_text';

/** The fund-paid share of `part` of `whole`, as integer fen (half up). */
function share(fundFen: string, part: string, whole: string): string {
  return `CAST(floor(CAST(${fundFen} AS DOUBLE PRECISION) * (${part}) / (${whole}) + 0.5) AS BIGINT)`;
}

const num = (p: ParamValues, k: string) => p[k] as number;
const codes = (p: ParamValues, k: string) => p[k] as string[];
const rows = (t: TableValues, k: string) => t[k] ?? [];
const str = (v: unknown) => String(v);

/**
 * The lines of screened settlements matched to restrictions: the catalogue's (exact code, valid
 * on the line's day) and the rule table's (code prefix). `cat` and `local` select the same
 * restriction columns, the first being `code`.
 */
function matched(lines: string, cat: string, local: string, cols: string): string {
  return `SELECT l.*, ${cols} FROM ${lines} l JOIN (${cat}) r ON l.item_code = r.code AND l.fee_date BETWEEN r.valid_from AND r.valid_to
  UNION ALL
  SELECT l.*, ${cols} FROM ${lines} l JOIN (${local}) r ON l.item_code LIKE r.code || '%'`;
}

export function templateSql(input: TemplateInput): string {
  const C = input.claims ?? viewSources(input.prefix);
  const w = input.window;
  const needs = w.lookback ? historyNeeds(input.template, input.params) : { setl: null, line: null };
  const sources = { setl: needs.setl ? 'hist_setl' : C.setl, line: needs.line ? 'hist_line' : C.line };
  const body = templateBody(input, sources);
  const ctes: string[] = [];
  if (/\bscoped\b/.test(body) || needs.line) ctes.push(`scoped AS (${scopedDefinition(input)})`);
  if (needs.setl || needs.line) {
    const inWindow = `setl_date BETWEEN ${sqlDate(w.from)} AND ${sqlDate(w.to)}`;
    ctes.push(`win_setl AS (SELECT setl_id, psn_no, begndate FROM ${C.setl} WHERE ${inWindow})`);
    const persons = `psn_no IN (SELECT psn_no FROM win_setl)`;
    const bound = (cond: string) => cond.replaceAll('E_SETL', '(SELECT min(begndate) FROM win_setl)').replaceAll('E_LINE', '(SELECT min(fee_date) FROM scoped)');
    if (needs.setl) ctes.push(`hist_setl AS (SELECT * FROM ${C.setl} WHERE ${persons} AND (${bound(needs.setl)}))`);
    if (needs.line) ctes.push(`hist_line AS (SELECT * FROM ${C.line} WHERE ${persons} AND (${bound(needs.line)} OR setl_id IN (SELECT setl_id FROM win_setl)))`);
  }
  if (!ctes.length) return body;
  return body.startsWith('WITH ') ? `WITH ${ctes.join(',\n')},\n${body.slice(5)}` : `WITH ${ctes.join(',\n')}\n${body}`;
}

function scopedDefinition(input: TemplateInput): string {
  const C = input.claims ?? viewSources(input.prefix);
  const w = input.window;
  return `SELECT l.*, s.med_kind, s.hosp_lv, s.setl_date FROM ${C.line} l JOIN ${C.setl} s ON s.setl_id = l.setl_id WHERE s.setl_date BETWEEN ${sqlDate(w.from)} AND ${sqlDate(w.to)}`;
}

/** `history`: where the template reads the settlements and lines it compares the window's with. */
function templateBody(input: TemplateInput, history: { setl: string; line: string }): string {
  const { params: p, tables: t, window: w } = input;
  const x = input.prefix ?? '';
  const C = input.claims ?? viewSources(x);
  const H = history;
  const inWindow = (dateExpr: string) => `${dateExpr} BETWEEN ${sqlDate(w.from)} AND ${sqlDate(w.to)}`;
  // The fee lines of the settlements screened by this run (history is read from mf_line directly).
  // The screened settlements' lines, as the CTE `scoped` (templateSql adds it): referenced by the
  // catalogue and the local branch, PostgreSQL computes it once instead of re-running the view
  // joins for every catalogue row (bench: FREQUENCY_LIMIT 700 s on PostgreSQL before).
  const scopedLines = 'scoped';
  const lineFinding = (key: string, evRef: string, evNum: string, evText: string) => `SELECT setl_id, min(psn_no) AS psn_no, min(fixmedins_code) AS fixmedins_code,
  min(fee_date) AS occurred_on, string_agg(line_id, ',' ORDER BY line_id) AS line_ids, ${key} AS subject_key, sum(fund_fen) AS amount_fen,
  CAST(NULL AS VARCHAR) AS severity, ${evRef} AS ev_ref, ${evNum} AS ev_num, ${evText} AS ev_text`;

  switch (input.template) {
    case 'cross_fund_duplicate': {
      const tol = sqlNumber(num(p, 'amountTolerancePct'));
      return `SELECT ${OUT} FROM (
SELECT s.setl_id, s.psn_no, s.fixmedins_code, s.setl_date AS occurred_on, '' AS line_ids,
  'wi:' || w.wi_id AS subject_key,
  CASE WHEN s.fund_pay_fen < w.wi_fund_fen THEN s.fund_pay_fen ELSE w.wi_fund_fen END AS amount_fen,
  CASE WHEN s.fixmedins_code = w.fixmedins_code
        AND ((s.invoice_no <> '' AND s.invoice_no = w.invoice_no)
             OR abs(s.medfee_fen - w.amount_fen) * 100 <= ${tol} * s.medfee_fen)
       THEN 'red' ELSE 'orange' END AS severity,
  w.wi_id AS ev_ref,
  (CASE WHEN s.enddate < w.enddate THEN s.enddate ELSE w.enddate END)
    - (CASE WHEN s.begndate > w.begndate THEN s.begndate ELSE w.begndate END) + 1 AS ev_num,
  w.fixmedins_code || '|' || CAST(w.amount_fen AS VARCHAR) || '|' || w.invoice_no AS ev_text
FROM ${C.setl} s
JOIN ${C.wiPayment} w ON w.psn_no = s.psn_no AND s.begndate <= w.enddate AND w.begndate <= s.enddate
WHERE s.fund_pay_fen > 0 AND ${inWindow('s.setl_date')}
) q`;
    }
    case 'work_injury_scope': {
      const days = sqlInt(num(p, 'daysAfterInjury'));
      const injury = sqlPrefixAny('d.diag_code', codes(p, 'injuryDiagnosisPrefixes'));
      const local = sqlValues([{ name: 'code', type: 'VARCHAR' }], rows(t, 'workInjuryDrugs').map((r) => [sqlCode(str(r.code))]));
      return `WITH hits AS (${matched(scopedLines, `SELECT code, valid_from, valid_to FROM ${x}mf_cat WHERE wi_only`, local, 'r.code AS drug')})
SELECT ${OUT} FROM (
SELECT s.setl_id, s.psn_no, s.fixmedins_code, s.setl_date AS occurred_on, '' AS line_ids,
  'wr:' || r.wr_id AS subject_key, s.fund_pay_fen AS amount_fen, 'orange' AS severity,
  r.wr_id AS ev_ref, s.begndate - r.injury_date AS ev_num, dx.diag_code AS ev_text
FROM ${C.setl} s
JOIN ${C.wiRecognition} r ON r.psn_no = s.psn_no AND s.begndate >= r.injury_date AND s.begndate <= r.injury_date + ${days}
JOIN (SELECT d.setl_id, min(d.diag_code) AS diag_code FROM ${C.diag} d WHERE ${injury} GROUP BY d.setl_id) dx ON dx.setl_id = s.setl_id
WHERE s.fund_pay_fen > 0 AND ${inWindow('s.setl_date')}
UNION ALL
SELECT setl_id, min(psn_no), min(fixmedins_code), min(fee_date), string_agg(DISTINCT line_id, ',' ORDER BY line_id),
  'drug', sum(fund_fen), 'red', min(item_code), count(DISTINCT line_id), string_agg(DISTINCT item_code, ',' ORDER BY item_code)
FROM (SELECT DISTINCT setl_id, psn_no, fixmedins_code, fee_date, line_id, fund_fen, item_code FROM hits WHERE fund_fen > 0) h
GROUP BY setl_id
) q`;
    }
    case 'pair_exclusion': {
      const local = sqlValues(
        [
          { name: 'main_code', type: 'VARCHAR' },
          { name: 'sub_code', type: 'VARCHAR' },
          { name: 'win', type: 'VARCHAR' },
          { name: 'hrs', type: 'INTEGER' },
        ],
        rows(t, 'pairs').map((r) => [sqlCode(str(r.mainCode)), sqlCode(str(r.subCode)), `'${str(r.window)}'`, sqlInt(r.window === 'hours' ? Number(r.hours ?? 1) : 0)]),
      );
      return `WITH pairs AS (SELECT main_code, sub_code, win, hrs FROM ${x}mf_cat_pair UNION ${local}),
hits AS (
  SELECT DISTINCT p.main_code, p.sub_code, b.line_id, b.setl_id, b.psn_no, b.fixmedins_code, b.fee_date, b.fund_fen, a.line_id AS main_line
  FROM pairs p
  JOIN ${scopedLines} b ON b.item_code LIKE p.sub_code || '%'
  JOIN ${H.line} a ON a.psn_no = b.psn_no AND a.fixmedins_code = b.fixmedins_code AND a.line_id <> b.line_id
    AND a.item_code LIKE p.main_code || '%'
    AND ((p.win = 'visit' AND a.mdtrt_id = b.mdtrt_id)
      OR (p.win = 'day' AND a.fee_date = b.fee_date)
      OR (p.win = 'hours' AND a.fee_date BETWEEN b.fee_date - 1 AND b.fee_date + 1
          AND abs(a.fee_minute - b.fee_minute) <= p.hrs * 60))
)
SELECT ${OUT} FROM (
SELECT setl_id, min(psn_no) AS psn_no, min(fixmedins_code) AS fixmedins_code, min(fee_date) AS occurred_on,
  string_agg(DISTINCT line_id, ',' ORDER BY line_id) AS line_ids, main_code || '+' || sub_code AS subject_key,
  sum(fund_fen) AS amount_fen, CAST(NULL AS VARCHAR) AS severity, min(main_line) AS ev_ref, count(DISTINCT line_id) AS ev_num,
  main_code || '+' || sub_code AS ev_text
FROM (SELECT main_code, sub_code, line_id, min(setl_id) AS setl_id, min(psn_no) AS psn_no, min(fixmedins_code) AS fixmedins_code,
        min(fee_date) AS fee_date, min(fund_fen) AS fund_fen, min(main_line) AS main_line
      FROM hits GROUP BY main_code, sub_code, line_id) h
GROUP BY setl_id, main_code, sub_code
) q`;
    }
    case 'units_per_window': {
      const local = sqlValues(
        [
          { name: 'code', type: 'VARCHAR' },
          { name: 'max_units', type: 'INTEGER' },
          { name: 'per', type: 'VARCHAR' },
        ],
        rows(t, 'limits').map((r) => [sqlCode(str(r.code)), sqlInt(Number(r.maxUnits)), `'${str(r.per)}'`]),
      );
      const cat = `SELECT code, max_per_day AS max_units, 'day' AS per, valid_from, valid_to FROM ${x}mf_cat WHERE max_per_day IS NOT NULL
  UNION ALL SELECT code, max_per_visit, 'visit', valid_from, valid_to FROM ${x}mf_cat WHERE max_per_visit IS NOT NULL`;
      // Sums first, the line ids only for the groups over the limit: an ordered string_agg over
      // every capped line (bed days, consultations: millions at 10 M lines) exhausted DuckDB's 1 GB.
      const same = ['setl_id', 'limit_code', 'max_units', 'per', 'window_key'];
      return `WITH hits AS (SELECT h.*, CASE WHEN h.per = 'day' THEN CAST(h.fee_date AS VARCHAR) ELSE h.mdtrt_id END AS window_key
  FROM (${matched(scopedLines, cat, local, 'r.code AS limit_code, CAST(r.max_units AS DOUBLE PRECISION) AS max_units, r.per')}) h),
grouped AS (
  SELECT setl_id, min(psn_no) AS psn_no, min(fixmedins_code) AS fixmedins_code, limit_code, max_units, per, window_key,
    min(fee_date) AS fee_date, sum(cnt) AS units, sum(fund_fen) AS fund_fen
  FROM hits
  GROUP BY setl_id, limit_code, max_units, per, window_key
  HAVING sum(cnt) > max_units
),
listed AS (
  SELECT ${same.map((c) => `g.${c}`).join(', ')}, string_agg(h.line_id, ',' ORDER BY h.line_id) AS line_ids
  FROM grouped g JOIN hits h ON ${same.map((c) => `h.${c} = g.${c}`).join(' AND ')}
  GROUP BY ${same.map((c) => `g.${c}`).join(', ')}
)
SELECT ${OUT} FROM (
SELECT g.setl_id, g.psn_no, g.fixmedins_code, g.fee_date AS occurred_on, l.line_ids, g.limit_code || '@' || g.per || '@' || g.window_key AS subject_key,
  ${share('g.fund_fen', 'g.units - g.max_units', 'g.units')} AS amount_fen, CAST(NULL AS VARCHAR) AS severity,
  g.limit_code AS ev_ref, g.units AS ev_num, g.per || ':' || CAST(CAST(round(g.max_units) AS BIGINT) AS VARCHAR) AS ev_text
FROM grouped g JOIN listed l ON ${same.map((c) => `l.${c} = g.${c}`).join(' AND ')}
) q`;
    }
    case 'attribute_sex': {
      const local = sqlValues(
        [
          { name: 'code', type: 'VARCHAR' },
          { name: 'sex', type: 'VARCHAR' },
        ],
        rows(t, 'restrictions').map((r) => [sqlCode(str(r.code)), `'${str(r.sex)}'`]),
      );
      const lines = `(SELECT l.*, p.gend FROM ${scopedLines} l JOIN ${C.person} p ON p.psn_no = l.psn_no WHERE p.gend IN ('1', '2'))`;
      return `WITH hits AS (${matched(lines, `SELECT code, lmt_gend AS sex, valid_from, valid_to FROM ${x}mf_cat WHERE lmt_gend IN ('1', '2')`, local, 'r.code AS rcode, r.sex')})
SELECT ${OUT} FROM (
${lineFinding(`'sex:' || rcode`, 'min(item_code)', 'count(*)', `min(gend) || '|' || sex`)}
FROM hits WHERE gend <> sex
GROUP BY setl_id, rcode, sex
) q`;
    }
    case 'attribute_age': {
      const bands = sqlValues(
        [
          { name: 'band', type: 'VARCHAR' },
          { name: 'min_age', type: 'INTEGER' },
          { name: 'max_age', type: 'INTEGER' },
        ],
        rows(t, 'bands').map((r) => [sqlCode(str(r.band)), sqlInt(Number(r.minAge)), sqlInt(Number(r.maxAge))]),
      );
      const local = sqlValues(
        [
          { name: 'code', type: 'VARCHAR' },
          { name: 'band', type: 'VARCHAR' },
        ],
        rows(t, 'restrictions').map((r) => [sqlCode(str(r.code)), sqlCode(str(r.band))]),
      );
      const ymd = (d: string) => `(extract(year FROM ${d}) * 10000 + extract(month FROM ${d}) * 100 + extract(day FROM ${d}))`;
      const lines = `(SELECT l.*, CAST(floor((${ymd('l.fee_date')} - ${ymd('p.brdy')}) / 10000.0) AS INTEGER) AS age
  FROM ${scopedLines} l JOIN ${C.person} p ON p.psn_no = l.psn_no WHERE p.brdy IS NOT NULL)`;
      return `WITH bands AS (${bands}),
hits AS (${matched(lines, `SELECT code, lmt_age_band AS band, valid_from, valid_to FROM ${x}mf_cat WHERE lmt_age_band IS NOT NULL`, local, 'r.code AS rcode, r.band')})
SELECT ${OUT} FROM (
SELECT h.setl_id, min(h.psn_no) AS psn_no, min(h.fixmedins_code) AS fixmedins_code, min(h.fee_date) AS occurred_on,
  string_agg(h.line_id, ',' ORDER BY h.line_id) AS line_ids, 'age:' || h.rcode AS subject_key, sum(h.fund_fen) AS amount_fen,
  CAST(NULL AS VARCHAR) AS severity, min(h.item_code) AS ev_ref, min(h.age) AS ev_num,
  h.band || ':' || CAST(b.min_age AS VARCHAR) || '-' || CAST(b.max_age AS VARCHAR) AS ev_text
FROM hits h JOIN bands b ON b.band = h.band
WHERE h.age < b.min_age OR h.age >= b.max_age
GROUP BY h.setl_id, h.rcode, h.band, b.min_age, b.max_age
) q`;
    }
    case 'payment_scope': {
      const inpatientOnly = sqlValues([{ name: 'code', type: 'VARCHAR' }], rows(t, 'inpatientOnly').map((r) => [sqlCode(str(r.code))]));
      const minLevel = sqlValues(
        [
          { name: 'code', type: 'VARCHAR' },
          { name: 'min_level', type: 'INTEGER' },
        ],
        rows(t, 'minLevel').map((r) => [sqlCode(str(r.code)), sqlInt(Number(r.minLevel))]),
      );
      const maxDays = sqlValues(
        [
          { name: 'code', type: 'VARCHAR' },
          { name: 'max_days', type: 'INTEGER' },
        ],
        rows(t, 'maxDays').map((r) => [sqlCode(str(r.code)), sqlInt(Number(r.maxDays))]),
      );
      return `WITH visit_hits AS (${matched(scopedLines, `SELECT code, valid_from, valid_to FROM ${x}mf_cat WHERE lmt_visit = 'inpatient'`, inpatientOnly, 'r.code AS rcode')}),
level_hits AS (${matched(scopedLines, `SELECT code, lmt_lv_min AS min_level, valid_from, valid_to FROM ${x}mf_cat WHERE lmt_lv_min IS NOT NULL`, minLevel, 'r.code AS rcode, r.min_level')}),
day_hits AS (${matched(scopedLines, `SELECT code, max_course_days AS max_days, valid_from, valid_to FROM ${x}mf_cat WHERE max_course_days IS NOT NULL`, maxDays, 'r.code AS rcode, r.max_days')}),
hits AS (
  SELECT setl_id, psn_no, fixmedins_code, fee_date, line_id, fund_fen, item_code, 'visit_type:' || rcode AS subject_key, med_kind AS ev_text
  FROM visit_hits WHERE med_kind <> 'inpatient'
  UNION ALL
  SELECT setl_id, psn_no, fixmedins_code, fee_date, line_id, fund_fen, item_code, 'level:' || rcode, 'level ' || CAST(hosp_lv AS VARCHAR) || ' < ' || CAST(min_level AS VARCHAR)
  FROM level_hits WHERE hosp_lv < min_level
  UNION ALL
  SELECT setl_id, psn_no, fixmedins_code, fee_date, line_id, fund_fen, item_code, 'days:' || rcode, 'day ' || CAST(day_no AS VARCHAR) || ' > ' || CAST(max_days AS VARCHAR)
  FROM (SELECT d.*, dense_rank() OVER (PARTITION BY d.setl_id, d.rcode ORDER BY d.fee_date) AS day_no FROM day_hits d) d
  WHERE day_no > max_days
)
SELECT ${OUT} FROM (
${lineFinding('subject_key', 'min(item_code)', 'count(*)', 'min(ev_text)')}
FROM hits GROUP BY setl_id, subject_key
) q`;
    }
    case 'outpatient_during_stay':
      return `SELECT ${OUT} FROM (
SELECT o.setl_id, o.psn_no, o.fixmedins_code, o.setl_date AS occurred_on, '' AS line_ids, 'stay:' || i.setl_id AS subject_key,
  o.fund_pay_fen AS amount_fen,
  CASE WHEN o.fixmedins_code = i.fixmedins_code THEN 'red' ELSE 'orange' END AS severity,
  i.setl_id AS ev_ref, o.begndate - i.begndate AS ev_num,
  i.fixmedins_code || '|' || CAST(i.begndate AS VARCHAR) || '|' || CAST(i.enddate AS VARCHAR) AS ev_text
FROM ${C.setl} o
JOIN ${H.setl} i ON i.psn_no = o.psn_no AND i.med_kind = 'inpatient'
  AND o.begndate > i.begndate AND o.begndate < i.enddate
WHERE o.med_kind IN ('outpatient', 'pharmacy') AND o.fund_pay_fen > 0 AND ${inWindow('o.setl_date')}
) q`;
    case 'stay_overlap': {
      const minDays = sqlInt(num(p, 'minOverlapDays'));
      // b is the later stay (later admission, or the same day and the larger id): the finding is on it.
      return `SELECT ${OUT} FROM (
SELECT b.setl_id, b.psn_no, b.fixmedins_code, b.setl_date AS occurred_on, '' AS line_ids, 'stay:' || a.setl_id AS subject_key,
  b.fund_pay_fen AS amount_fen, CAST(NULL AS VARCHAR) AS severity, a.setl_id AS ev_ref,
  (CASE WHEN a.enddate < b.enddate THEN a.enddate ELSE b.enddate END) - b.begndate AS ev_num,
  a.fixmedins_code || '|' || CAST(a.begndate AS VARCHAR) || '|' || CAST(a.enddate AS VARCHAR) AS ev_text
FROM ${C.setl} b
JOIN ${H.setl} a ON a.psn_no = b.psn_no AND a.med_kind = 'inpatient' AND a.setl_id <> b.setl_id
  AND (a.begndate < b.begndate OR (a.begndate = b.begndate AND a.setl_id < b.setl_id))
  AND (CASE WHEN a.enddate < b.enddate THEN a.enddate ELSE b.enddate END) - b.begndate >= ${minDays}
WHERE b.med_kind = 'inpatient' AND ${inWindow('b.setl_date')}
) q`;
    }
    case 'short_readmission': {
      const gap = sqlInt(num(p, 'maxGapDays'));
      const n = sqlInt(num(p, 'diagnosisPrefixLength'));
      const planned = codes(p, 'plannedDiagnosisPrefixes');
      return `WITH stays AS (
  SELECT s.setl_id, s.psn_no, s.fixmedins_code, s.begndate, s.enddate, s.setl_date, s.fund_pay_fen, s.main_diag,
    lag(s.setl_id) OVER (PARTITION BY s.psn_no, s.fixmedins_code ORDER BY s.begndate, s.setl_id) AS prev_setl_id,
    lag(s.enddate) OVER (PARTITION BY s.psn_no, s.fixmedins_code ORDER BY s.begndate, s.setl_id) AS prev_enddate,
    lag(s.main_diag) OVER (PARTITION BY s.psn_no, s.fixmedins_code ORDER BY s.begndate, s.setl_id) AS prev_diag
  FROM ${H.setl} s WHERE s.med_kind = 'inpatient'
)
SELECT ${OUT} FROM (
SELECT setl_id, psn_no, fixmedins_code, setl_date AS occurred_on, '' AS line_ids, 'prev:' || prev_setl_id AS subject_key,
  fund_pay_fen AS amount_fen, CAST(NULL AS VARCHAR) AS severity, prev_setl_id AS ev_ref, begndate - prev_enddate AS ev_num,
  prev_diag || '|' || main_diag AS ev_text
FROM stays
WHERE prev_setl_id IS NOT NULL AND begndate - prev_enddate BETWEEN 0 AND ${gap}
  AND main_diag <> '' AND substr(main_diag, 1, ${n}) = substr(prev_diag, 1, ${n})
  AND NOT ${sqlPrefixAny('main_diag', planned)}
  AND ${inWindow('setl_date')}
) q`;
    }
    case 'after_death': {
      const grace = sqlInt(num(p, 'graceDays'));
      // A line after death, or (a settlement without lines, e.g. a pharmacy total) a visit begun after it.
      return `SELECT ${OUT} FROM (
${lineFinding(`'death'`, 'CAST(min(death_date) AS VARCHAR)', 'max(fee_date) - min(death_date)', 'CAST(min(fee_date) AS VARCHAR)')}
FROM (SELECT l.*, p.death_date FROM ${scopedLines} l JOIN ${C.person} p ON p.psn_no = l.psn_no
      WHERE p.death_date IS NOT NULL AND l.fee_date > p.death_date + ${grace}) d
GROUP BY setl_id
UNION ALL
SELECT s.setl_id, s.psn_no, s.fixmedins_code, s.setl_date, '', 'death', s.fund_pay_fen, CAST(NULL AS VARCHAR),
  CAST(p.death_date AS VARCHAR), s.begndate - p.death_date, CAST(s.begndate AS VARCHAR)
FROM ${C.setl} s JOIN ${C.person} p ON p.psn_no = s.psn_no
WHERE p.death_date IS NOT NULL AND s.begndate > p.death_date + ${grace} AND ${inWindow('s.setl_date')}
  AND NOT EXISTS (SELECT 1 FROM ${scopedLines} l WHERE l.setl_id = s.setl_id)
) q`;
    }
    case 'supply_per_window': {
      const win = num(p, 'windowDays');
      const limit = sqlInt(num(p, 'maxDays'));
      const minProviders = sqlInt(num(p, 'minProviders'));
      // Sums per person, drug group and window first, the line-by-line rolling join only for the
      // windows over the limit: the rolling self-join of every dispensing (grouped with a DISTINCT
      // count of providers) ran DuckDB out of its 1 GB at 9 M fee lines (bench run 20). Days are
      // cut into buckets of windowDays; a line's window (its day and the windowDays − 1 before)
      // lies within its bucket and the one before, so the two buckets' days and providers bound
      // the line's own from above: a line whose two buckets are not over both limits cannot be.
      // Plain sums and counts only (no DISTINCT aggregate): what DuckDB spills to disk when it must.
      const bucket = `CAST(floor(CAST(fee_date - DATE '2000-01-01' AS DOUBLE PRECISION) / ${sqlInt(win)}) AS BIGINT)`;
      return `WITH groups AS (SELECT code, min(drug_group) AS drug_group FROM ${x}mf_cat GROUP BY code),
supply AS (
  SELECT l.line_id, l.setl_id, l.psn_no, l.fixmedins_code, l.item_code, COALESCE(g.drug_group, l.item_code) AS drug_group,
    l.fee_date, l.days_supply, l.fund_fen, s.setl_date
  FROM ${H.line} l JOIN ${H.setl} s ON s.setl_id = l.setl_id
  LEFT JOIN groups g ON g.code = l.item_code
  WHERE l.days_supply > 0 AND s.med_kind IN ('outpatient', 'pharmacy')
),
per_bucket AS (
  SELECT psn_no, drug_group, ${bucket} AS bucket, fixmedins_code, sum(days_supply) AS days
  FROM supply GROUP BY psn_no, drug_group, ${bucket}, fixmedins_code
),
per_provider AS (
  SELECT psn_no, drug_group, bucket, fixmedins_code, sum(days) AS days
  FROM (SELECT psn_no, drug_group, bucket, fixmedins_code, days FROM per_bucket
        UNION ALL SELECT psn_no, drug_group, bucket + 1, fixmedins_code, days FROM per_bucket) b
  GROUP BY psn_no, drug_group, bucket, fixmedins_code
),
two_buckets AS (
  SELECT psn_no, drug_group, bucket FROM per_provider
  GROUP BY psn_no, drug_group, bucket
  HAVING sum(days) > ${limit} AND count(*) >= ${minProviders}
),
candidates AS (
  SELECT d.* FROM supply d JOIN two_buckets t ON t.psn_no = d.psn_no AND t.drug_group = d.drug_group AND t.bucket = ${bucket.replace('fee_date', 'd.fee_date')}
  WHERE ${inWindow('d.setl_date')}
),
rolling AS (
  SELECT d.line_id, d.setl_id, d.psn_no, d.fixmedins_code, d.drug_group, d.fee_date, d.fund_fen, d.days_supply,
    sum(h.days_supply) AS days_total, count(DISTINCT h.fixmedins_code) AS providers
  FROM candidates d JOIN supply h ON h.psn_no = d.psn_no AND h.drug_group = d.drug_group
    AND h.fee_date BETWEEN d.fee_date - ${sqlInt(win - 1)} AND d.fee_date
    AND (h.fee_date < d.fee_date OR h.line_id <= d.line_id)
  GROUP BY d.line_id, d.setl_id, d.psn_no, d.fixmedins_code, d.drug_group, d.fee_date, d.fund_fen, d.days_supply
)
SELECT ${OUT} FROM (
SELECT setl_id, psn_no, fixmedins_code, fee_date AS occurred_on, line_id AS line_ids, 'supply:' || line_id AS subject_key,
  ${share('fund_fen', `CASE WHEN days_total - ${limit} < days_supply THEN days_total - ${limit} ELSE days_supply END`, 'days_supply')} AS amount_fen,
  CAST(NULL AS VARCHAR) AS severity, drug_group AS ev_ref, days_total AS ev_num, CAST(providers AS VARCHAR) AS ev_text
FROM rolling WHERE days_total > ${limit} AND providers >= ${minProviders}
) q`;
    }
    case 'price_cap': {
      const local = sqlValues(
        [
          { name: 'code', type: 'VARCHAR' },
          { name: 'cap_fen', type: 'INTEGER' },
        ],
        rows(t, 'caps').map((r) => [sqlCode(str(r.code)), sqlInt(Number(r.capFen))]),
      );
      return `WITH hits AS (
  SELECT l.*, r.code AS rcode, r.cap_fen FROM ${scopedLines} l
  JOIN (SELECT code, cap_fen, valid_from, valid_to FROM ${x}mf_cat WHERE cap_fen IS NOT NULL
        UNION ALL SELECT code, cap_fen, DATE '0001-01-01', DATE '9999-12-31' FROM (${local}) c) r
    ON l.item_code = r.code AND l.fee_date BETWEEN r.valid_from AND r.valid_to
  WHERE l.pric_fen > r.cap_fen
)
SELECT ${OUT} FROM (
SELECT setl_id, min(psn_no) AS psn_no, min(fixmedins_code) AS fixmedins_code, min(fee_date) AS occurred_on,
  string_agg(line_id, ',' ORDER BY line_id) AS line_ids, 'price:' || rcode AS subject_key,
  sum(${share('fund_fen', 'pric_fen - cap_fen', 'pric_fen')}) AS amount_fen,
  CAST(NULL AS VARCHAR) AS severity, rcode AS ev_ref, max(pric_fen) AS ev_num, CAST(min(cap_fen) AS VARCHAR) AS ev_text
FROM hits GROUP BY setl_id, rcode
) q`;
    }
    case 'duplicate_bill':
      // Candidates first on the settlement's own columns (same person, provider, admission day and
      // total); the items signature (a string_agg over the lines) only for those, not the whole store.
      return `WITH pairs AS (
  SELECT b.setl_id AS b_id, a.setl_id AS a_id
  FROM ${C.setl} b JOIN ${H.setl} a ON a.psn_no = b.psn_no AND a.fixmedins_code = b.fixmedins_code AND a.begndate = b.begndate
    AND a.medfee_fen = b.medfee_fen AND a.setl_id < b.setl_id
  WHERE ${inWindow('b.setl_date')}
),
sig AS (
  SELECT l.setl_id, string_agg(l.item_code || ':' || CAST(l.amount_fen AS VARCHAR), ',' ORDER BY l.item_code, l.amount_fen) AS items
  FROM ${C.line} l WHERE l.setl_id IN (SELECT b_id FROM pairs UNION SELECT a_id FROM pairs) GROUP BY l.setl_id
)
SELECT ${OUT} FROM (
SELECT b.setl_id, b.psn_no, b.fixmedins_code, b.setl_date AS occurred_on, '' AS line_ids, 'dup:' || min(a.setl_id) AS subject_key,
  b.fund_pay_fen AS amount_fen, CAST(NULL AS VARCHAR) AS severity, min(a.setl_id) AS ev_ref, count(*) AS ev_num,
  CAST(b.medfee_fen AS VARCHAR) AS ev_text
FROM pairs p
JOIN ${C.setl} b ON b.setl_id = p.b_id
JOIN ${H.setl} a ON a.setl_id = p.a_id
LEFT JOIN sig gb ON gb.setl_id = p.b_id
LEFT JOIN sig ga ON ga.setl_id = p.a_id
WHERE COALESCE(ga.items, '') = COALESCE(gb.items, '')
GROUP BY b.setl_id, b.psn_no, b.fixmedins_code, b.setl_date, b.fund_pay_fen, b.medfee_fen
) q`;
  }
}
