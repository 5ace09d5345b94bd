import { sql } from 'kysely';
import type { Ctx, Tx } from '../../../core/context';
import { recordAudit } from '../../../core/audit/audit';
import { INDICATOR_KEYS, affectsScaleStatus, formatPeriod, type FigureRow, type IndicatorKey } from '../domain';
import { recomputeScaleStatus } from '../status/scale-status.store';
import { feedAnnualFacts, feedsAnnualFacts } from './feed-annual-facts';
import { FIGURE_COLUMN_NAMES, columnsOf, storedValues } from './figure-columns';

export interface WriteSummary {
  created: number;
  updated: number;
  unchanged: number;
}

/** The record type of a figure row in a JSON document (json_to_recordset). */
const RECORD_COLUMNS = sql.raw(`enterprise_id uuid, year smallint, period text, basis text,
  revenue_fen bigint, output_fen bigint, value_added_fen bigint, tax_fen bigint, profit_fen bigint, rd_fen bigint, employees integer, energy_tce numeric, land_mu numeric`);
type ExistingRow = { enterprise_id: string; year: number; period: string; basis: 'cumulative' | 'current'; version: number } & Record<(typeof FIGURE_COLUMN_NAMES)[number], number | null>;

const keyOf = (r: { enterpriseId: string; year: number; part: string; basis: string }) => `${r.enterpriseId}|${r.year}|${r.part}|${r.basis}`;

/**
 * Writes figure rows, idempotent per enterprise + period + basis: a new key is inserted; a known
 * one takes the row's values (a cell left empty keeps the stored value) and its previous values
 * go to economy_figure_history; the same values again change nothing. Then the above-scale status
 * of the next year is derived again for the enterprises whose annual revenue may have changed, and
 * the complete years whose revenue or tax changed are fed to the core's enterprise facts. Runs in
 * the caller's transaction.
 */
export async function writeFigures(
  tx: Tx,
  actx: Omit<Ctx, 'db'>,
  rows: readonly FigureRow[],
  change: { kind: 'import' | 'correction'; reason: string; source: 'import' | 'correction' | 'seed' },
): Promise<WriteSummary> {
  const summary: WriteSummary = { created: 0, updated: 0, unchanged: 0 };
  if (rows.length === 0) return summary;
  // the stored rows of the chunk's keys: the keys travel as one JSON document and are joined on the
  // primary key (a row-constructor IN list of 1,000 keys was planned as 1,000 OR-ed probes and
  // took most of the import: bench/RESULTS.md run 17)
  const keyDoc = JSON.stringify(rows.map((r) => ({ e: r.enterpriseId, y: r.year, p: r.part, b: r.basis })));
  const existing = await sql<ExistingRow>`
    SELECT f.enterprise_id, f.year, f.period, f.basis, f.version, ${sql.join(FIGURE_COLUMN_NAMES.map((c) => sql`f.${sql.ref(c)}`))}
    FROM json_to_recordset(${keyDoc}::json) AS k(e uuid, y smallint, p text, b text)
    JOIN economy_figures f ON f.enterprise_id = k.e AND f.year = k.y AND f.period = k.p AND f.basis = k.b`.execute(tx).then((r) => r.rows);
  const byKey = new Map(existing.map((e) => [keyOf({ enterpriseId: e.enterprise_id, year: e.year, part: e.period, basis: e.basis }), e]));
  const inserts: FigureRow[] = [];
  const history: { enterprise_id: string; year: number; period: string; basis: 'cumulative' | 'current'; before: object; after: object; change: 'import' | 'correction'; reason: string; changed_by: string | null; changed_by_name: string }[] = [];
  const now = actx.now;
  const updates: Record<string, unknown>[] = [];
  const statusToDerive = new Map<number, Set<string>>();
  const factsToFeed = new Set<string>();
  const deriveStatus = (r: FigureRow, changed: string[]) => {
    if (feedsAnnualFacts(r, changed)) factsToFeed.add(r.enterpriseId);
    if (!affectsScaleStatus(r, changed)) return;
    (statusToDerive.get(r.year + 1) ?? statusToDerive.set(r.year + 1, new Set()).get(r.year + 1)!).add(r.enterpriseId);
  };
  for (const r of rows) {
    const current = byKey.get(keyOf(r));
    if (!current) {
      inserts.push(r);
      deriveStatus(r, Object.keys(r.values));
      continue;
    }
    const stored = storedValues(current);
    const before: Partial<Record<IndicatorKey, number | null>> = {};
    const after: Partial<Record<IndicatorKey, number | null>> = {};
    for (const k of INDICATOR_KEYS) {
      if (!(k in r.values) || r.values[k] === stored[k]) continue;
      before[k] = stored[k];
      after[k] = r.values[k] ?? null;
    }
    if (Object.keys(after).length === 0) {
      summary.unchanged++;
      continue;
    }
    deriveStatus(r, Object.keys(after));
    updates.push({ enterprise_id: r.enterpriseId, year: r.year, period: r.part, basis: r.basis, ...columnsOf({ ...stored, ...after }) });
    history.push({
      enterprise_id: r.enterpriseId, year: r.year, period: r.part, basis: r.basis, before, after,
      change: change.kind, reason: change.reason, changed_by: actx.actor.userId, changed_by_name: actx.actor.displayName,
    });
    summary.updated++;
  }
  if (updates.length) {
    // one statement per chunk: the rows travel as one JSON document (not ~13 parameters each)
    const cols = FIGURE_COLUMN_NAMES;
    await sql`
      UPDATE economy_figures f SET ${sql.join(cols.map((c) => sql`${sql.ref(c)} = v.${sql.ref(c)}`))},
        source = ${change.source}, updated_by = ${actx.actor.userId}, updated_at = ${now}, version = f.version + 1
      FROM json_to_recordset(${JSON.stringify(updates)}::json) AS v(${RECORD_COLUMNS})
      WHERE f.enterprise_id = v.enterprise_id AND f.year = v.year AND f.period = v.period AND f.basis = v.basis`.execute(tx);
  }
  if (inserts.length) {
    // one JSON document per chunk, not ~16 bound parameters per row
    const doc = JSON.stringify(inserts.map((r) => ({ enterprise_id: r.enterpriseId, year: r.year, period: r.part, basis: r.basis, ...columnsOf(r.values) })));
    await sql`
      INSERT INTO economy_figures (enterprise_id, year, period, basis, ${sql.join(FIGURE_COLUMN_NAMES.map((c) => sql.ref(c)))}, source, updated_by, updated_at)
      SELECT v.enterprise_id, v.year, v.period, v.basis, ${sql.join(FIGURE_COLUMN_NAMES.map((c) => sql`v.${sql.ref(c)}`))}, ${change.source}, ${actx.actor.userId}::uuid, ${now}::timestamptz
      FROM json_to_recordset(${doc}::json) AS v(${RECORD_COLUMNS})`.execute(tx);
    summary.created += inserts.length;
  }
  if (history.length) {
    await sql`
      INSERT INTO economy_figure_history (enterprise_id, year, period, basis, before, after, change, reason, changed_by, changed_by_name)
      SELECT enterprise_id, year, period, basis, before, after, change, reason, changed_by, changed_by_name
      FROM json_to_recordset(${JSON.stringify(history)}::json)
        AS v(enterprise_id uuid, year smallint, period text, basis text, before jsonb, after jsonb, change text, reason text, changed_by uuid, changed_by_name text)`.execute(tx);
  }
  if (change.kind === 'import' && (summary.created || summary.updated)) {
    await recordAudit(tx, actx, {
      action: 'economy.figures.import', entityType: 'economy_figures',
      after: {
        created: summary.created, updated: summary.updated, unchanged: summary.unchanged,
        updatedRows: history.map((h) => `${h.enterprise_id} ${formatPeriod({ year: h.year, part: h.period })} ${h.basis}`),
      },
    });
  }
  // the above-scale status of the next year, for the rows whose revenue could change it
  // (domain/above-scale.ts: affectsScaleStatus); a 1–9月 cumulative import derives none
  for (const [year, ids] of statusToDerive) await recomputeScaleStatus(tx, actx, [...ids], [year]);
  // the complete years' revenue and tax become the enterprises' facts (core/enterprises/enterprise-facts.ts)
  await feedAnnualFacts(tx, [...factsToFeed], now);
  return summary;
}
