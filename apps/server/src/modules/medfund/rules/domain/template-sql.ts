import type { TemplateCode } from './templates';
import type { ParamValues, TableValues } from './parameters';
import { sqlCode, sqlDate, sqlInt, sqlNumber, sqlPrefixAny, sqlValues } from './sql-literals';

/**
 * One screening SQL text per template. The text is portable: it runs unchanged on DuckDB and on
 * PostgreSQL 15 (no dialect shim was needed: date − date is a day count and date + integer a date
 * on both; amounts are integer fen, shares computed in DOUBLE PRECISION and rounded with floor(x + 0.5)).
 *
 * It reads the screening views (screening-views.ts, created over the claims store):
 *   mf_setl   settlements, valid and net of reversals (one row per settlement)
 *   mf_line   fee lines of those settlements, with the line's fund-paid share (fund_fen)
 *   mf_person insured persons (sex, birth date, death date)
 *   mf_diag   all diagnoses of a settlement
 *   mf_wi_payment, mf_wi_recognition   work-injury payments and recognitions (人社)
 *
 * and returns the finding rows, always these columns:
 *   setl_id, psn_no, fixmedins_code, occurred_on (date), line_ids (comma-separated, sorted),
 *   subject_key (with rule + settlement the finding's natural key), amount_fen (fund-paid share at
 *   risk), severity ('red' / 'orange', or NULL = the rule's), ev_ref, ev_num, ev_text (evidence).
 */
export interface ScreeningWindow {
  /** Settlements whose date falls in [from, to] are screened (the rest is history to compare with). */
  from: string;
  to: string;
}

export interface TemplateInput {
  template: TemplateCode;
  params: ParamValues;
  tables: TableValues;
  window: ScreeningWindow;
}

const OUT = 'setl_id, psn_no, fixmedins_code, occurred_on, line_ids, subject_key, amount_fen, severity, ev_ref, ev_num, ev_text';

/** The fund-paid share of `part` of `whole` fen, as integer fen (half up). */
function share(fundFen: string, part: string, whole: string): string {
  return `CAST(floor(CAST(${fundFen} AS DOUBLE PRECISION) * (${part}) / (${whole}) + 0.5) AS BIGINT)`;
}

function inWindow(dateExpr: string, w: ScreeningWindow): string {
  return `${dateExpr} BETWEEN ${sqlDate(w.from)} AND ${sqlDate(w.to)}`;
}

const num = (p: ParamValues, k: string) => p[k] as number;
const codes = (p: ParamValues, k: string) => p[k] as string[];
const rows = (t: TableValues, k: string) => t[k] ?? [];
const str = (v: unknown) => String(v);

export function templateSql(input: TemplateInput): string {
  const { params: p, tables: t, window: w } = input;
  switch (input.template) {
    case 'cross_fund_duplicate': {
      const tol = sqlNumber(num(p, 'amountTolerancePct'));
      return `SELECT ${OUT} FROM (
SELECT s.setl_id, s.psn_no, s.fixmedins_code, s.setl_date AS occurred_on, '' AS line_ids,
  'wi:' || w.wi_id AS subject_key,
  CASE WHEN s.fund_pay_fen < w.amount_fen THEN s.fund_pay_fen ELSE w.amount_fen END AS amount_fen,
  CASE WHEN s.fixmedins_code = w.fixmedins_code
        AND ((s.invoice_no <> '' AND s.invoice_no = w.invoice_no)
             OR abs(s.medfee_fen - w.amount_fen) * 100 <= ${tol} * s.medfee_fen)
       THEN 'red' ELSE 'orange' END AS severity,
  w.wi_id AS ev_ref,
  (CASE WHEN s.enddate < w.enddate THEN s.enddate ELSE w.enddate END)
    - (CASE WHEN s.begndate > w.begndate THEN s.begndate ELSE w.begndate END) + 1 AS ev_num,
  w.fixmedins_code || '|' || CAST(w.amount_fen AS VARCHAR) || '|' || w.invoice_no AS ev_text
FROM mf_setl s
JOIN mf_wi_payment w ON w.psn_no = s.psn_no AND s.begndate <= w.enddate AND w.begndate <= s.enddate
WHERE s.fund_pay_fen > 0 AND ${inWindow('s.setl_date', w)}
) q`;
    }
    case 'work_injury_scope': {
      const days = sqlInt(num(p, 'daysAfterInjury'));
      const drugs = sqlValues([{ name: 'code', type: 'VARCHAR' }], rows(t, 'workInjuryDrugs').map((r) => [sqlCode(str(r.code))]));
      return `WITH drugs AS (${drugs})
SELECT ${OUT} FROM (
SELECT s.setl_id, s.psn_no, s.fixmedins_code, s.setl_date AS occurred_on, '' AS line_ids,
  'wr:' || r.wr_id AS subject_key, s.fund_pay_fen AS amount_fen, 'orange' AS severity,
  r.wr_id AS ev_ref, s.begndate - r.injury_date AS ev_num,
  (SELECT min(d.diag_code) FROM mf_diag d WHERE d.setl_id = s.setl_id AND ${sqlPrefixAny('d.diag_code', codes(p, 'injuryDiagnosisPrefixes'))}) AS ev_text
FROM mf_setl s
JOIN mf_wi_recognition r ON r.psn_no = s.psn_no AND s.begndate >= r.injury_date AND s.begndate <= r.injury_date + ${days}
WHERE s.fund_pay_fen > 0 AND ${inWindow('s.setl_date', w)}
  AND EXISTS (SELECT 1 FROM mf_diag d WHERE d.setl_id = s.setl_id AND ${sqlPrefixAny('d.diag_code', codes(p, 'injuryDiagnosisPrefixes'))})
UNION ALL
SELECT l.setl_id, min(l.psn_no), min(l.fixmedins_code), min(l.fee_date), string_agg(l.line_id, ',' ORDER BY l.line_id),
  'drug', sum(l.fund_fen), 'red', min(l.item_code), count(*), string_agg(DISTINCT l.item_code, ',' ORDER BY l.item_code)
FROM mf_line l JOIN drugs g ON l.item_code LIKE g.code || '%'
JOIN mf_setl s ON s.setl_id = l.setl_id
WHERE l.fund_fen > 0 AND ${inWindow('s.setl_date', w)}
GROUP BY l.setl_id
) q`;
    }
    case 'pair_exclusion': {
      const pairs = sqlValues(
        [
          { name: 'main_code', type: 'VARCHAR' },
          { name: 'sub_code', type: 'VARCHAR' },
          { name: 'win', type: 'VARCHAR' },
          { name: 'hrs', type: 'INTEGER' },
        ],
        rows(t, 'pairs').map((r) => [sqlCode(str(r.mainCode)), sqlCode(str(r.subCode)), `'${str(r.window)}'`, sqlInt(r.window === 'hours' ? Number(r.hours ?? 1) : 0)]),
      );
      return `WITH pairs AS (${pairs}),
hits AS (
  SELECT DISTINCT p.main_code, p.sub_code, b.line_id, b.setl_id, b.psn_no, b.fixmedins_code, b.fee_date, b.fund_fen, a.item_code AS main_item
  FROM pairs p
  JOIN mf_line b ON b.item_code LIKE p.sub_code || '%'
  JOIN mf_setl s ON s.setl_id = b.setl_id
  JOIN mf_line a ON a.psn_no = b.psn_no AND a.fixmedins_code = b.fixmedins_code AND a.line_id <> b.line_id
    AND a.item_code LIKE p.main_code || '%'
    AND ((p.win = 'visit' AND a.mdtrt_id = b.mdtrt_id)
      OR (p.win = 'day' AND a.fee_date = b.fee_date)
      OR (p.win = 'hours' AND a.fee_date BETWEEN b.fee_date - 1 AND b.fee_date + 1
          AND abs(a.fee_minute - b.fee_minute) <= p.hrs * 60))
  WHERE ${inWindow('s.setl_date', w)}
)
SELECT ${OUT} FROM (
SELECT setl_id, min(psn_no) AS psn_no, min(fixmedins_code) AS fixmedins_code, min(fee_date) AS occurred_on,
  string_agg(DISTINCT line_id, ',' ORDER BY line_id) AS line_ids, main_code || '+' || sub_code AS subject_key,
  sum(fund_fen) AS amount_fen, CAST(NULL AS VARCHAR) AS severity, min(main_item) AS ev_ref, count(DISTINCT line_id) AS ev_num,
  main_code || '+' || sub_code AS ev_text
FROM (SELECT DISTINCT main_code, sub_code, line_id, setl_id, psn_no, fixmedins_code, fee_date, fund_fen, min(main_item) OVER (PARTITION BY main_code, sub_code, line_id) AS main_item FROM hits) h
GROUP BY setl_id, main_code, sub_code
) q`;
    }
    case 'units_per_window': {
      const limits = sqlValues(
        [
          { name: 'code', type: 'VARCHAR' },
          { name: 'max_units', type: 'INTEGER' },
          { name: 'per', type: 'VARCHAR' },
        ],
        rows(t, 'limits').map((r) => [sqlCode(str(r.code)), sqlInt(Number(r.maxUnits)), `'${str(r.per)}'`]),
      );
      return `WITH limits AS (${limits}),
grouped AS (
  SELECT l.setl_id, min(l.psn_no) AS psn_no, min(l.fixmedins_code) AS fixmedins_code, m.code, m.max_units, m.per,
    CASE WHEN m.per = 'day' THEN CAST(l.fee_date AS VARCHAR) ELSE l.mdtrt_id END AS window_key,
    min(l.fee_date) AS fee_date, sum(l.cnt) AS units, sum(l.fund_fen) AS fund_fen,
    string_agg(l.line_id, ',' ORDER BY l.line_id) AS line_ids
  FROM mf_line l JOIN limits m ON l.item_code LIKE m.code || '%'
  JOIN mf_setl s ON s.setl_id = l.setl_id
  WHERE ${inWindow('s.setl_date', w)}
  GROUP BY l.setl_id, m.code, m.max_units, m.per, CASE WHEN m.per = 'day' THEN CAST(l.fee_date AS VARCHAR) ELSE l.mdtrt_id END
)
SELECT ${OUT} FROM (
SELECT setl_id, psn_no, fixmedins_code, fee_date AS occurred_on, line_ids, code || '@' || window_key AS subject_key,
  ${share('fund_fen', 'units - max_units', 'units')} AS amount_fen, CAST(NULL AS VARCHAR) AS severity,
  code AS ev_ref, units AS ev_num, per || ':' || CAST(max_units AS VARCHAR) AS ev_text
FROM grouped WHERE units > max_units
) q`;
    }
    case 'attribute_sex': {
      const res = sqlValues(
        [
          { name: 'code', type: 'VARCHAR' },
          { name: 'sex', type: 'VARCHAR' },
        ],
        rows(t, 'restrictions').map((r) => [sqlCode(str(r.code)), `'${str(r.sex)}'`]),
      );
      return `WITH res AS (${res})
SELECT ${OUT} FROM (
SELECT l.setl_id, min(l.psn_no) AS psn_no, min(l.fixmedins_code) AS fixmedins_code, min(l.fee_date) AS occurred_on,
  string_agg(l.line_id, ',' ORDER BY l.line_id) AS line_ids, 'sex:' || r.code AS subject_key, sum(l.fund_fen) AS amount_fen,
  CAST(NULL AS VARCHAR) AS severity, min(l.item_code) AS ev_ref, count(*) AS ev_num, min(p.gend) || '|' || r.sex AS ev_text
FROM mf_line l JOIN res r ON l.item_code LIKE r.code || '%'
JOIN mf_person p ON p.psn_no = l.psn_no
JOIN mf_setl s ON s.setl_id = l.setl_id
WHERE p.gend IN ('1', '2') AND p.gend <> r.sex AND ${inWindow('s.setl_date', w)}
GROUP BY l.setl_id, r.code, r.sex
) q`;
    }
    case 'attribute_age': {
      const res = sqlValues(
        [
          { name: 'code', type: 'VARCHAR' },
          { name: 'min_age', type: 'INTEGER' },
          { name: 'max_age', type: 'INTEGER' },
        ],
        rows(t, 'restrictions').map((r) => [sqlCode(str(r.code)), sqlInt(Number(r.minAge)), sqlInt(Number(r.maxAge))]),
      );
      const ymd = (d: string) => `(extract(year FROM ${d}) * 10000 + extract(month FROM ${d}) * 100 + extract(day FROM ${d}))`;
      return `WITH res AS (${res}),
aged AS (
  SELECT l.*, CAST(floor((${ymd('l.fee_date')} - ${ymd('p.brdy')}) / 10000.0) AS INTEGER) AS age
  FROM mf_line l JOIN mf_person p ON p.psn_no = l.psn_no
  JOIN mf_setl s ON s.setl_id = l.setl_id
  WHERE p.brdy IS NOT NULL AND ${inWindow('s.setl_date', w)}
)
SELECT ${OUT} FROM (
SELECT a.setl_id, min(a.psn_no) AS psn_no, min(a.fixmedins_code) AS fixmedins_code, min(a.fee_date) AS occurred_on,
  string_agg(a.line_id, ',' ORDER BY a.line_id) AS line_ids, 'age:' || r.code AS subject_key, sum(a.fund_fen) AS amount_fen,
  CAST(NULL AS VARCHAR) AS severity, min(a.item_code) AS ev_ref, min(a.age) AS ev_num,
  CAST(r.min_age AS VARCHAR) || '-' || CAST(r.max_age AS VARCHAR) AS ev_text
FROM aged a JOIN res r ON a.item_code LIKE r.code || '%'
WHERE a.age < r.min_age OR a.age > r.max_age
GROUP BY a.setl_id, r.code, r.min_age, r.max_age
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
      return `WITH inpatient_only AS (${inpatientOnly}),
min_level AS (${minLevel}),
max_days AS (${maxDays}),
scoped AS (
  SELECT l.*, s.med_kind, s.hosp_lv, s.setl_date FROM mf_line l JOIN mf_setl s ON s.setl_id = l.setl_id
  WHERE ${inWindow('s.setl_date', w)}
),
hits AS (
  SELECT l.setl_id, l.psn_no, l.fixmedins_code, l.fee_date, l.line_id, l.fund_fen, l.item_code, 'visit_type:' || r.code AS subject_key, l.med_kind AS ev_text
  FROM scoped l JOIN inpatient_only r ON l.item_code LIKE r.code || '%'
  WHERE l.med_kind <> 'inpatient'
  UNION ALL
  SELECT l.setl_id, l.psn_no, l.fixmedins_code, l.fee_date, l.line_id, l.fund_fen, l.item_code, 'level:' || r.code, 'level ' || CAST(l.hosp_lv AS VARCHAR) || ' < ' || CAST(r.min_level AS VARCHAR)
  FROM scoped l JOIN min_level r ON l.item_code LIKE r.code || '%'
  WHERE l.hosp_lv < r.min_level
  UNION ALL
  SELECT d.setl_id, d.psn_no, d.fixmedins_code, d.fee_date, d.line_id, d.fund_fen, d.item_code, 'days:' || d.code, 'day ' || CAST(d.day_no AS VARCHAR) || ' > ' || CAST(d.max_days AS VARCHAR)
  FROM (
    SELECT l.*, r.code, r.max_days, dense_rank() OVER (PARTITION BY l.setl_id, r.code ORDER BY l.fee_date) AS day_no
    FROM scoped l JOIN max_days r ON l.item_code LIKE r.code || '%'
  ) d WHERE d.day_no > d.max_days
)
SELECT ${OUT} FROM (
SELECT setl_id, min(psn_no) AS psn_no, min(fixmedins_code) AS fixmedins_code, min(fee_date) AS occurred_on,
  string_agg(line_id, ',' ORDER BY line_id) AS line_ids, subject_key, sum(fund_fen) AS amount_fen,
  CAST(NULL AS VARCHAR) AS severity, min(item_code) AS ev_ref, count(*) AS ev_num, min(ev_text) AS ev_text
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
FROM mf_setl o
JOIN mf_setl i ON i.psn_no = o.psn_no AND i.med_kind = 'inpatient'
  AND o.begndate > i.begndate AND o.begndate < i.enddate
WHERE o.med_kind IN ('outpatient', 'pharmacy') AND o.fund_pay_fen > 0 AND ${inWindow('o.setl_date', w)}
) q`;
    case 'stay_overlap': {
      const minDays = sqlInt(num(p, 'minOverlapDays'));
      // b is the later stay (later admission, or the same day and the larger id): the finding is on it.
      return `SELECT ${OUT} FROM (
SELECT b.setl_id, b.psn_no, b.fixmedins_code, b.setl_date AS occurred_on, '' AS line_ids, 'stay:' || a.setl_id AS subject_key,
  b.fund_pay_fen AS amount_fen, CAST(NULL AS VARCHAR) AS severity, a.setl_id AS ev_ref,
  (CASE WHEN a.enddate < b.enddate THEN a.enddate ELSE b.enddate END) - b.begndate AS ev_num,
  a.fixmedins_code || '|' || CAST(a.begndate AS VARCHAR) || '|' || CAST(a.enddate AS VARCHAR) AS ev_text
FROM mf_setl b
JOIN mf_setl a ON a.psn_no = b.psn_no AND a.med_kind = 'inpatient' AND a.setl_id <> b.setl_id
  AND (a.begndate < b.begndate OR (a.begndate = b.begndate AND a.setl_id < b.setl_id))
  AND (CASE WHEN a.enddate < b.enddate THEN a.enddate ELSE b.enddate END) - b.begndate >= ${minDays}
WHERE b.med_kind = 'inpatient' AND ${inWindow('b.setl_date', w)}
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
  FROM mf_setl s WHERE s.med_kind = 'inpatient'
)
SELECT ${OUT} FROM (
SELECT setl_id, psn_no, fixmedins_code, setl_date AS occurred_on, '' AS line_ids, 'prev:' || prev_setl_id AS subject_key,
  fund_pay_fen AS amount_fen, CAST(NULL AS VARCHAR) AS severity, prev_setl_id AS ev_ref, begndate - prev_enddate AS ev_num,
  prev_diag || '|' || main_diag AS ev_text
FROM stays
WHERE prev_setl_id IS NOT NULL AND begndate - prev_enddate BETWEEN 0 AND ${gap}
  AND substr(main_diag, 1, ${n}) = substr(prev_diag, 1, ${n})
  AND NOT ${sqlPrefixAny('main_diag', planned)}
  AND ${inWindow('setl_date', w)}
) q`;
    }
    case 'after_death': {
      const grace = sqlInt(num(p, 'graceDays'));
      return `SELECT ${OUT} FROM (
SELECT l.setl_id, min(l.psn_no) AS psn_no, min(l.fixmedins_code) AS fixmedins_code, min(l.fee_date) AS occurred_on,
  string_agg(l.line_id, ',' ORDER BY l.line_id) AS line_ids, 'death' AS subject_key, sum(l.fund_fen) AS amount_fen,
  CAST(NULL AS VARCHAR) AS severity, CAST(min(p.death_date) AS VARCHAR) AS ev_ref, max(l.fee_date) - min(p.death_date) AS ev_num,
  CAST(min(l.fee_date) AS VARCHAR) AS ev_text
FROM mf_line l JOIN mf_person p ON p.psn_no = l.psn_no
JOIN mf_setl s ON s.setl_id = l.setl_id
WHERE p.death_date IS NOT NULL AND l.fee_date > p.death_date + ${grace} AND ${inWindow('s.setl_date', w)}
GROUP BY l.setl_id
) q`;
    }
    case 'supply_per_window': {
      const win = num(p, 'windowDays');
      const limit = sqlInt(win + num(p, 'toleranceDays'));
      return `WITH supply AS (
  SELECT l.line_id, l.setl_id, l.psn_no, l.fixmedins_code, l.item_code, l.fee_date, l.days_supply, l.fund_fen, s.setl_date
  FROM mf_line l JOIN mf_setl s ON s.setl_id = l.setl_id
  WHERE l.days_supply > 0 AND s.med_kind IN ('outpatient', 'pharmacy')
),
rolling AS (
  SELECT d.line_id, d.setl_id, d.psn_no, d.fixmedins_code, d.item_code, d.fee_date, d.fund_fen, d.days_supply, d.setl_date,
    sum(h.days_supply) AS days_total, count(DISTINCT h.fixmedins_code) AS providers
  FROM supply d JOIN supply h ON h.psn_no = d.psn_no AND h.item_code = d.item_code
    AND h.fee_date BETWEEN d.fee_date - ${sqlInt(win - 1)} AND d.fee_date
    AND (h.fee_date < d.fee_date OR h.line_id <= d.line_id)
  WHERE ${inWindow('d.setl_date', w)}
  GROUP BY d.line_id, d.setl_id, d.psn_no, d.fixmedins_code, d.item_code, d.fee_date, d.fund_fen, d.days_supply, d.setl_date
)
SELECT ${OUT} FROM (
SELECT setl_id, psn_no, fixmedins_code, fee_date AS occurred_on, line_id AS line_ids, 'supply:' || line_id AS subject_key,
  ${share('fund_fen', `CASE WHEN days_total - ${limit} < days_supply THEN days_total - ${limit} ELSE days_supply END`, 'days_supply')} AS amount_fen,
  CAST(NULL AS VARCHAR) AS severity, item_code AS ev_ref, days_total AS ev_num, CAST(providers AS VARCHAR) AS ev_text
FROM rolling WHERE days_total > ${limit} AND providers >= ${sqlInt(num(p, 'minProviders'))}
) q`;
    }
    case 'price_cap': {
      const caps = sqlValues(
        [
          { name: 'code', type: 'VARCHAR' },
          { name: 'cap_fen', type: 'INTEGER' },
        ],
        rows(t, 'caps').map((r) => [sqlCode(str(r.code)), sqlInt(Number(r.capFen))]),
      );
      return `WITH caps AS (${caps})
SELECT ${OUT} FROM (
SELECT l.setl_id, min(l.psn_no) AS psn_no, min(l.fixmedins_code) AS fixmedins_code, min(l.fee_date) AS occurred_on,
  string_agg(l.line_id, ',' ORDER BY l.line_id) AS line_ids, 'price:' || c.code AS subject_key,
  sum(${share('l.fund_fen', 'l.pric_fen - c.cap_fen', 'l.pric_fen')}) AS amount_fen,
  CAST(NULL AS VARCHAR) AS severity, c.code AS ev_ref, max(l.pric_fen) AS ev_num, CAST(c.cap_fen AS VARCHAR) AS ev_text
FROM mf_line l JOIN caps c ON l.item_code = c.code
JOIN mf_setl s ON s.setl_id = l.setl_id
WHERE l.pric_fen > c.cap_fen AND ${inWindow('s.setl_date', w)}
GROUP BY l.setl_id, c.code, c.cap_fen
) q`;
    }
    case 'duplicate_bill':
      return `WITH sig AS (
  SELECT l.setl_id, string_agg(l.item_code || ':' || CAST(l.amount_fen AS VARCHAR), ',' ORDER BY l.item_code, l.amount_fen) AS items
  FROM mf_line l GROUP BY l.setl_id
),
bills AS (
  SELECT s.setl_id, s.psn_no, s.fixmedins_code, s.begndate, s.setl_date, s.medfee_fen, s.fund_pay_fen, g.items
  FROM mf_setl s JOIN sig g ON g.setl_id = s.setl_id
)
SELECT ${OUT} FROM (
SELECT b.setl_id, b.psn_no, b.fixmedins_code, b.setl_date AS occurred_on, '' AS line_ids, 'dup:' || min(a.setl_id) AS subject_key,
  b.fund_pay_fen AS amount_fen, CAST(NULL AS VARCHAR) AS severity, min(a.setl_id) AS ev_ref, count(*) AS ev_num,
  CAST(b.medfee_fen AS VARCHAR) AS ev_text
FROM bills b JOIN bills a ON a.psn_no = b.psn_no AND a.fixmedins_code = b.fixmedins_code AND a.begndate = b.begndate
  AND a.medfee_fen = b.medfee_fen AND a.items = b.items AND a.setl_id < b.setl_id
WHERE ${inWindow('b.setl_date', w)}
GROUP BY b.setl_id, b.psn_no, b.fixmedins_code, b.setl_date, b.fund_pay_fen, b.medfee_fen
) q`;
  }
}
