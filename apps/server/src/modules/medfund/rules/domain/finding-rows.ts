import type { Severity } from './rule-catalog';

/**
 * The screening SQL of a template wrapped so that both engines return the same text and numbers
 * (DuckDB returns BIGINT as bigint and DATE as its own value; pg as strings/numbers): every column
 * is cast to VARCHAR, BIGINT or DOUBLE PRECISION, and the rows come sorted.
 */
export function findingQuery(templateSql: string): string {
  return `SELECT CAST(setl_id AS VARCHAR) AS setl_id, CAST(psn_no AS VARCHAR) AS psn_no,
  CAST(fixmedins_code AS VARCHAR) AS fixmedins_code, CAST(occurred_on AS VARCHAR) AS occurred_on,
  CAST(line_ids AS VARCHAR) AS line_ids, CAST(subject_key AS VARCHAR) AS subject_key,
  CAST(amount_fen AS BIGINT) AS amount_fen, CAST(severity AS VARCHAR) AS severity,
  CAST(ev_ref AS VARCHAR) AS ev_ref, CAST(ev_num AS DOUBLE PRECISION) AS ev_num, CAST(ev_text AS VARCHAR) AS ev_text
FROM (${templateSql}) f
ORDER BY 1, 6`;
}

/** One row of a template's output, engine-neutral. */
export interface RawFinding {
  setlId: string;
  psnNo: string;
  fixmedinsCode: string;
  occurredOn: string;
  lineIds: string[];
  subjectKey: string;
  amountFen: number;
  severity: Severity | null;
  evRef: string | null;
  evNum: number | null;
  evText: string | null;
}

const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

export function toRawFinding(row: Record<string, unknown>): RawFinding {
  const lineIds = text(row.line_ids);
  const sev = text(row.severity);
  return {
    setlId: String(row.setl_id),
    psnNo: String(row.psn_no),
    fixmedinsCode: String(row.fixmedins_code),
    occurredOn: String(row.occurred_on).slice(0, 10),
    lineIds: lineIds ? lineIds.split(',').filter(Boolean) : [],
    subjectKey: String(row.subject_key),
    amountFen: Math.max(0, Number(row.amount_fen ?? 0)),
    severity: sev === 'red' || sev === 'orange' ? sev : null,
    evRef: text(row.ev_ref),
    evNum: row.ev_num === null || row.ev_num === undefined ? null : Number(row.ev_num),
    evText: text(row.ev_text),
  };
}

/** The natural key of a finding: a rerun over the same data finds the same key and adds nothing. */
export function naturalKey(ruleCode: string, f: Pick<RawFinding, 'setlId' | 'subjectKey'>): string {
  return `${ruleCode}|${f.setlId}|${f.subjectKey}`;
}
