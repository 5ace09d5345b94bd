import { AppError } from '../../../http/app-error';
import { recordAudit } from '../../../core/audit/audit';
import { enterpriseInScope } from '../../../core/identity/scope';
import { localDateOf } from '../../../core/reference/domain/workday';
import { writeXlsx, type SheetColumn } from '../../../core/excel/write-xlsx';
import type { Ctx } from '../../../core/context';
import {
  BASIS_NAMES, FEN_PER_WAN, FIGURE_COLUMNS, INDICATORS, INDICATOR_KEYS, UNIT_DECIMALS, comparePeriods, formatPeriod, indicatorHeader,
  isFuturePeriod, parsePeriod, perMu, storedValue, type IndicatorKey, type Period,
} from '../domain';
import { FIGURE_COLUMN_NAMES, shownValues, storedValues } from './figure-columns';
import { writeFigures } from './figure.store';
import type { z } from 'zod';
import type { CorrectionBody, EnterpriseFiguresView, ExportQuery, FigureHistoryView } from '../schemas';

/** The enterprise if the actor may see it; 404 otherwise (out of scope = not found). */
async function visibleEnterprise(ctx: Ctx, id: string) {
  const e = await ctx.db.selectFrom('enterprises as e').select(['e.id', 'e.name', 'e.high_tech', 'e.listed', 'e.size_class', 'e.tags'])
    .where('e.id', '=', id).where(enterpriseInScope(ctx.actor)).executeTakeFirst();
  if (!e) throw new AppError('ENTERPRISE_NOT_FOUND');
  return e;
}

export async function enterpriseFigures(ctx: Ctx, id: string): Promise<z.infer<typeof EnterpriseFiguresView>> {
  const e = await visibleEnterprise(ctx, id);
  const [rows, corrections, scale] = await Promise.all([
    ctx.db.selectFrom('economy_figures').select(['year', 'period', 'basis', 'source', 'updated_at', 'version', ...FIGURE_COLUMN_NAMES])
      .where('enterprise_id', '=', id).orderBy('year', 'desc').orderBy('period', 'desc').orderBy('basis').execute(),
    ctx.db.selectFrom('economy_figure_history').select(['year', 'period', 'basis']).select((eb) => eb.fn.countAll<number>().as('n'))
      .where('enterprise_id', '=', id).groupBy(['year', 'period', 'basis']).execute(),
    ctx.db.selectFrom('economy_scale_status').selectAll().where('enterprise_id', '=', id).orderBy('year', 'desc').execute(),
  ]);
  const corrected = new Map(corrections.map((c) => [`${c.year}|${c.period}|${c.basis}`, Number(c.n)]));
  // 亩均 per year: from the year's latest cumulative row (December when reported).
  const latestCumulative = new Map<number, (typeof rows)[number]>();
  for (const r of rows) {
    if (r.basis !== 'cumulative') continue;
    const held = latestCumulative.get(r.year);
    if (!held || comparePeriods({ year: r.year, part: r.period }, { year: held.year, part: held.period }) > 0) latestCumulative.set(r.year, r);
  }
  const perMuRows = [...latestCumulative.values()].map((r) => {
    const v = storedValues(r);
    const land = v.land ?? rows.find((x) => x.year === r.year && x.land_mu !== null)?.land_mu ?? null;
    return {
      year: r.year, through: formatPeriod({ year: r.year, part: r.period }), landMu: land, energyTce: v.energy,
      taxWan: v.tax === null ? null : v.tax / FEN_PER_WAN, valueAddedWan: v.valueAdded === null ? null : v.valueAdded / FEN_PER_WAN,
      ...perMu({ taxFen: v.tax, valueAddedFen: v.valueAdded, revenueFen: v.revenue, landMu: land, energyTce: v.energy }),
    };
  }).sort((a, b) => b.year - a.year);
  return {
    enterpriseId: e.id,
    name: e.name,
    rows: rows.map((r) => ({
      period: formatPeriod({ year: r.year, part: r.period }), basis: r.basis, values: shownValues(storedValues(r)) as Record<IndicatorKey, number | null>,
      source: r.source, updatedAt: r.updated_at, version: r.version, corrections: corrected.get(`${r.year}|${r.period}|${r.basis}`) ?? 0,
    })),
    scale: scale.map((s) => ({
      year: s.year, aboveScale: s.above_scale, revenueYear: s.revenue_year,
      annualRevenueWan: s.annual_revenue_fen === null ? null : Number(s.annual_revenue_fen) / FEN_PER_WAN,
      thresholdWan: s.threshold_fen === null ? null : Number(s.threshold_fen) / FEN_PER_WAN, sector: s.sector, reason: s.reason,
    })),
    registry: { highTech: e.high_tech, listed: e.listed, sizeClass: e.size_class, tags: e.tags },
    perMu: perMuRows,
  };
}

function periodOf(text: string): Period {
  const p = parsePeriod(text);
  if (!p) throw new AppError('VALIDATION_FAILED', { period: '期间应如 2025-03（月）或 2025-Q1（季）' });
  return p;
}

export async function figureHistory(ctx: Ctx, id: string, periodText: string, basis: 'cumulative' | 'current'): Promise<z.infer<typeof FigureHistoryView>> {
  await visibleEnterprise(ctx, id);
  const p = periodOf(periodText);
  const rows = await ctx.db.selectFrom('economy_figure_history').selectAll()
    .where('enterprise_id', '=', id).where('year', '=', p.year).where('period', '=', p.part).where('basis', '=', basis).orderBy('id', 'desc').execute();
  return rows.map((h) => ({
    id: Number(h.id), change: h.change, reason: h.reason, before: shownValues(h.before as Record<IndicatorKey, number | null>),
    after: shownValues(h.after as Record<IndicatorKey, number | null>), changedBy: h.changed_by_name, changedAt: h.changed_at,
  }));
}

/**
 * A manual correction of one enterprise's figures for a period and basis, with the reason: the
 * previous values go to the history, the change to the audit log; a row not yet reported is
 * entered. `version` (when given) must match the stored row.
 */
export async function correctFigure(ctx: Ctx, id: string, periodText: string, basis: 'cumulative' | 'current', body: z.infer<typeof CorrectionBody>) {
  await visibleEnterprise(ctx, id);
  const p = periodOf(periodText);
  if (isFuturePeriod(p, localDateOf(ctx.now))) throw new AppError('ECONOMY_PERIOD_IN_FUTURE', { period: `${formatPeriod(p)} 尚未开始` });
  const values: Partial<Record<IndicatorKey, number | null>> = {};
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(body.values) as [IndicatorKey, number | null][]) {
    const def = INDICATORS[k];
    if (v === null) { values[k] = null; continue; }
    if (v < 0 && !def.signed) { fields[`values.${k}`] = `${def.zh}不能为负数`; continue; }
    const stored = storedValue(def.unit, v);
    if (stored === null) { fields[`values.${k}`] = UNIT_DECIMALS[def.unit] === 0 ? `${def.zh}应为整数` : `${def.zh}最多 ${UNIT_DECIMALS[def.unit]} 位小数`; continue; }
    values[k] = stored;
  }
  if (Object.keys(fields).length) {
    const negative = Object.values(fields).some((m) => m.includes('负数'));
    throw new AppError(negative ? 'ECONOMY_NEGATIVE_FIGURE' : 'VALIDATION_FAILED', fields);
  }
  return ctx.db.transaction().execute(async (tx) => {
    const current = await tx.selectFrom('economy_figures').select(['version', ...FIGURE_COLUMN_NAMES])
      .where('enterprise_id', '=', id).where('year', '=', p.year).where('period', '=', p.part).where('basis', '=', basis).forUpdate().executeTakeFirst();
    if (current && body.version !== undefined && body.version !== current.version) throw new AppError('CONFLICT');
    const before = current ? storedValues(current) : null;
    const summary = await writeFigures(tx, ctx, [{ enterpriseId: id, year: p.year, part: p.part, basis, values: values as Record<IndicatorKey, number> }], {
      kind: 'correction', reason: body.reason, source: 'correction',
    });
    if (summary.created || summary.updated) {
      const changedKeys = Object.keys(values).filter((k) => !before || before[k as IndicatorKey] !== values[k as IndicatorKey]) as IndicatorKey[];
      await recordAudit(tx, ctx, {
        action: 'economy.figures.correct', entityType: 'economy_figure', entityId: `${formatPeriod(p)}/${basis}`, enterpriseId: id,
        before: before ? { ...pick(shownValues(before), changedKeys), period: formatPeriod(p), basis } : null,
        after: { ...pick(shownValues(values), changedKeys), period: formatPeriod(p), basis, reason: body.reason },
      });
    }
    return { ...summary, period: formatPeriod(p), basis };
  });
}

function pick(o: Record<string, number | null>, keys: readonly string[]): Record<string, number | null> {
  return Object.fromEntries(keys.filter((k) => k in o).map((k) => [k, o[k]!]));
}

type ExportRow = { credit_code: string; name: string; year: number; period: string; basis: 'cumulative' | 'current' } & Record<string, unknown>;

/** The figures in the actor's scope as the import template's columns (an export imports back). Audited. */
export async function exportFigures(ctx: Ctx, q: z.infer<typeof ExportQuery>): Promise<{ fileName: string; buffer: Buffer }> {
  let query = ctx.db.selectFrom('economy_figures as f').innerJoin('enterprises as e', 'e.id', 'f.enterprise_id')
    .select(['e.credit_code', 'e.name', 'f.year', 'f.period', 'f.basis', ...FIGURE_COLUMN_NAMES.map((c) => `f.${c}` as const)])
    .where(enterpriseInScope(ctx.actor));
  if (q.enterpriseId) query = query.where('e.id', '=', q.enterpriseId);
  if (q.basis) query = query.where('f.basis', '=', q.basis);
  const from = q.from ? parsePeriod(q.from) : null;
  const to = q.to ? parsePeriod(q.to) : null;
  if (from) query = query.where('f.year', '>=', from.year);
  if (to) query = query.where('f.year', '<=', to.year);
  const rows = (await query.orderBy('e.credit_code').orderBy('f.year').orderBy('f.period').orderBy('f.basis').execute() as ExportRow[])
    .filter((r) => (!from || comparePeriods({ year: r.year, part: r.period }, from) >= 0) && (!to || comparePeriods({ year: r.year, part: r.period }, to) <= 0));
  const columns: SheetColumn<ExportRow>[] = [
    { header: FIGURE_COLUMNS.creditCode, width: 24, value: (r) => r.credit_code },
    { header: FIGURE_COLUMNS.name, width: 30, value: (r) => r.name },
    { header: FIGURE_COLUMNS.period, width: 10, value: (r) => formatPeriod({ year: r.year, part: r.period }) },
    { header: FIGURE_COLUMNS.basis, width: 8, value: (r) => BASIS_NAMES[r.basis] },
    ...INDICATOR_KEYS.map((k): SheetColumn<ExportRow> => ({
      header: indicatorHeader(k), width: 16,
      value: (r) => (r[INDICATORS[k].column] === null ? null : shownValues({ [k]: Number(r[INDICATORS[k].column]) })[k]),
    })),
  ];
  const buffer = await writeXlsx('经济指标', columns, rows);
  await recordAudit(ctx.db, ctx, { action: 'economy.figures.export', entityType: 'economy_figures', after: { rows: rows.length, ...q } });
  return { fileName: `经济指标-${localDateOf(ctx.now)}.xlsx`, buffer };
}
