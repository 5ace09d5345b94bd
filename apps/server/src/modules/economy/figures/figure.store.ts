import { sql } from 'kysely';
import type { Ctx, Tx } from '../../../core/context';
import { recordAudit } from '../../../core/audit/audit';
import { INDICATOR_KEYS, formatPeriod, type FigureRow, type IndicatorKey } from '../domain';
import { recomputeScaleStatus } from '../status/scale-status.store';
import { feedAnnualFacts } from './feed-annual-facts';
import { FIGURE_COLUMN_NAMES, columnsOf, storedValues } from './figure-columns';

export interface WriteSummary {
  created: number;
  updated: number;
  unchanged: number;
}

const keyOf = (r: { enterpriseId: string; year: number; part: string; basis: string }) => `${r.enterpriseId}|${r.year}|${r.part}|${r.basis}`;

/**
 * Writes figure rows, idempotent per enterprise + period + basis: a new key is inserted; a known
 * one takes the row's values (a cell left empty keeps the stored value) and its previous values
 * go to economy_figure_history; the same values again change nothing. Then the above-scale status
 * of the enterprises and years touched is derived again, and their complete years are fed to the
 * core's enterprise facts. Runs in the caller's transaction.
 */
export async function writeFigures(
  tx: Tx,
  actx: Omit<Ctx, 'db'>,
  rows: readonly FigureRow[],
  change: { kind: 'import' | 'correction'; reason: string; source: 'import' | 'correction' | 'seed' },
): Promise<WriteSummary> {
  const summary: WriteSummary = { created: 0, updated: 0, unchanged: 0 };
  if (rows.length === 0) return summary;
  const keys = sql.join(rows.map((r) => sql`(${r.enterpriseId}::uuid, ${r.year}::smallint, ${r.part}::text, ${r.basis}::text)`));
  const existing = await tx.selectFrom('economy_figures')
    .select(['enterprise_id', 'year', 'period', 'basis', 'version', ...FIGURE_COLUMN_NAMES])
    .where(sql<boolean>`(enterprise_id, year, period, basis) IN (${keys})`)
    .execute();
  const byKey = new Map(existing.map((e) => [keyOf({ enterpriseId: e.enterprise_id, year: e.year, part: e.period, basis: e.basis }), e]));
  const inserts: FigureRow[] = [];
  const history: { enterprise_id: string; year: number; period: string; basis: 'cumulative' | 'current'; before: string; after: string; change: 'import' | 'correction'; reason: string; changed_by: string | null; changed_by_name: string }[] = [];
  const now = actx.now;
  const updates: Record<string, unknown>[] = [];
  for (const r of rows) {
    const current = byKey.get(keyOf(r));
    if (!current) {
      inserts.push(r);
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
    updates.push({ enterprise_id: r.enterpriseId, year: r.year, period: r.part, basis: r.basis, ...columnsOf({ ...stored, ...after }) });
    history.push({
      enterprise_id: r.enterpriseId, year: r.year, period: r.part, basis: r.basis, before: JSON.stringify(before), after: JSON.stringify(after),
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
      FROM json_to_recordset(${JSON.stringify(updates)}::json) AS v(enterprise_id uuid, year smallint, period text, basis text,
        revenue_fen bigint, output_fen bigint, value_added_fen bigint, tax_fen bigint, profit_fen bigint, rd_fen bigint, employees integer, energy_tce numeric, land_mu numeric)
      WHERE f.enterprise_id = v.enterprise_id AND f.year = v.year AND f.period = v.period AND f.basis = v.basis`.execute(tx);
  }
  if (inserts.length) {
    await tx.insertInto('economy_figures').values(inserts.map((r) => ({
      enterprise_id: r.enterpriseId, year: r.year, period: r.part, basis: r.basis, ...columnsOf(r.values),
      source: change.source, updated_by: actx.actor.userId, updated_at: now,
    }))).execute();
    summary.created += inserts.length;
  }
  if (history.length) await tx.insertInto('economy_figure_history').values(history).execute();
  if (change.kind === 'import' && (summary.created || summary.updated)) {
    await recordAudit(tx, actx, {
      action: 'economy.figures.import', entityType: 'economy_figures',
      after: {
        created: summary.created, updated: summary.updated, unchanged: summary.unchanged,
        updatedRows: history.map((h) => `${h.enterprise_id} ${formatPeriod({ year: h.year, part: h.period })} ${h.basis}`),
      },
    });
  }
  if (summary.created || summary.updated) {
    const years = new Set<number>();
    for (const r of rows) years.add(r.year).add(r.year + 1);
    const touched = [...new Set(rows.map((r) => r.enterpriseId))];
    await recomputeScaleStatus(tx, actx, touched, [...years]);
    // the complete years' revenue and tax become the enterprises' facts (core/enterprises/enterprise-facts.ts)
    await feedAnnualFacts(tx, touched, now);
  }
  return summary;
}
