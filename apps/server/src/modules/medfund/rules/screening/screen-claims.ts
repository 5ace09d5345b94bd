import type { ClaimsStore } from '../../claims/claims-store';
import { SCREENING_SCHEMA, SCREENING_VIEWS } from '../domain/screening-views';
import { templateSql, type ClaimsSources, type ScreeningWindow } from '../domain/template-sql';
import { findingQuery, toRawFinding, type RawFinding } from '../domain/finding-rows';
import type { TemplateCode } from '../domain/templates';
import type { ParamValues, TableValues } from '../domain/parameters';

export interface ScreenableRule {
  code: string;
  template: TemplateCode;
  params: ParamValues;
  tables: TableValues;
}

/** Creates (or replaces) the screening views in the claims store; cheap, run before every screening. */
export async function ensureScreeningViews(store: ClaimsStore): Promise<void> {
  for (const v of SCREENING_VIEWS) await store.exec(v);
}

/**
 * Runs one rule's template over the claims store: its finding rows for the settlements in `window`.
 * `claims`: read the claims from there instead of the views (a run's snapshot: window-claims.ts,
 * full-claims.ts; with `store` the one the snapshot's session gave).
 */
export async function screenRule(store: ClaimsStore, rule: ScreenableRule, window: ScreeningWindow, claims?: ClaimsSources): Promise<RawFinding[]> {
  const sql = findingQuery(templateSql({ template: rule.template, params: rule.params, tables: rule.tables, window, prefix: `${SCREENING_SCHEMA}.`, claims }));
  if (store.engine === 'postgres' && !claims && !window.lookback) {
    // Rules over the views (full runs read their own snapshot now, full-claims.ts; the bench's --views
    // and the tests still read the views) join whole tables: hash joins, never nested loops. PostgreSQL
    // cannot estimate the rows through the netting views and the derived columns (mf_setl.med_kind:
    // 1 % guessed for "outpatient or pharmacy"; a CTE inherits the guess), and a nested loop over
    // rows it thought were few is quadratic: DRUG_OVERSUPPLY > 300 s at 0.9 M fee lines, 12 s with
    // hash joins (bench run 34). Incremental runs read the analysed snapshot and keep the planner's choice.
    return store.transaction(async (tx) => {
      await tx.exec('SET LOCAL enable_nestloop = off');
      return (await tx.query<Record<string, unknown>>(sql)).map(toRawFinding);
    });
  }
  const rows = await store.query<Record<string, unknown>>(sql);
  return rows.map(toRawFinding);
}

/** The claims the store holds: the span of settlement dates and a fingerprint of the loads (the data version a run records). */
export async function claimsDataVersion(store: ClaimsStore): Promise<{ from: string | null; to: string | null; settlements: number; version: string }> {
  const [row] = await store.query<{ first_day: string | null; last_day: string | null; n: number; loads: string | null }>(
    `SELECT CAST(min(CAST(setl_time AS DATE)) AS VARCHAR) AS first_day, CAST(max(CAST(setl_time AS DATE)) AS VARCHAR) AS last_day,
       count(*) AS n, CAST(max(load_id) AS VARCHAR) || ':' || CAST(count(DISTINCT load_id) AS VARCHAR) AS loads
     FROM ${SCREENING_SCHEMA}.setl_d`,
  );
  return {
    from: row?.first_day ?? null,
    to: row?.last_day ?? null,
    settlements: Number(row?.n ?? 0),
    version: `setl=${Number(row?.n ?? 0)};loads=${row?.loads ?? '0:0'}`,
  };
}
