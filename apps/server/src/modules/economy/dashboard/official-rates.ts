import { AppError } from '../../../http/app-error';
import { recordAudit } from '../../../core/audit/audit';
import type { Ctx, Tx } from '../../../core/context';
import { formatPeriod, isFuturePeriod, parsePeriod, type IndicatorKey, type Period } from '../domain';
import { localDateOf } from '../../../core/reference/domain/workday';
import type { z } from 'zod';
import type { OfficialRateInput } from '../schemas';

/**
 * Growth rates the statistics bureau published, stored beside the computed ones and always shown
 * labelled as such (公布增速) — the enterprise-level figures may not reproduce them.
 */
export async function officialRates(db: Tx, q: { indicator: IndicatorKey; period: Period; basis: 'cumulative' | 'current' }): Promise<Map<string, { ratePercent: number; source: string }>> {
  const rows = await db.selectFrom('economy_official_rates').select(['scope_kind', 'scope_key', 'rate_percent', 'source'])
    .where('indicator', '=', q.indicator).where('year', '=', q.period.year).where('period', '=', q.period.part).where('basis', '=', q.basis).execute();
  return new Map(rows.map((r) => [`${r.scope_kind}|${r.scope_key}`, { ratePercent: Number(r.rate_percent), source: r.source }]));
}

/** Enters (or replaces, audited with the previous value) a published rate. */
export async function enterOfficialRate(ctx: Ctx, input: z.infer<typeof OfficialRateInput>) {
  const p = parsePeriod(input.period)!;
  if (isFuturePeriod(p, localDateOf(ctx.now))) throw new AppError('ECONOMY_PERIOD_IN_FUTURE', { period: `${formatPeriod(p)} 尚未开始` });
  if (input.scopeKind === 'county' && input.scopeKey !== '') throw new AppError('VALIDATION_FAILED', { scopeKey: '全区的公布增速不填范围' });
  if (input.scopeKind !== 'county' && input.scopeKey === '') throw new AppError('VALIDATION_FAILED', { scopeKey: '请选择街道、园区或产业生态圈' });
  return ctx.db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('economy_official_rates').select(['rate_percent', 'source'])
      .where('indicator', '=', input.indicator).where('scope_kind', '=', input.scopeKind).where('scope_key', '=', input.scopeKey)
      .where('year', '=', p.year).where('period', '=', p.part).where('basis', '=', input.basis).executeTakeFirst();
    const row = await tx.insertInto('economy_official_rates').values({
      indicator: input.indicator, scope_kind: input.scopeKind, scope_key: input.scopeKey, year: p.year, period: p.part, basis: input.basis,
      rate_percent: input.ratePercent, source: input.source, entered_by: ctx.actor.userId, entered_at: ctx.now,
    }).onConflict((oc) => oc.columns(['indicator', 'scope_kind', 'scope_key', 'year', 'period', 'basis']).doUpdateSet({
      rate_percent: input.ratePercent, source: input.source, entered_by: ctx.actor.userId, entered_at: ctx.now,
    })).returning(['id', 'entered_at']).executeTakeFirstOrThrow();
    await recordAudit(tx, ctx, {
      action: 'economy.official_rate.enter', entityType: 'economy_official_rate', entityId: row.id,
      before: before ? { ratePercent: Number(before.rate_percent), source: before.source } : null,
      after: { ...input },
    });
    return { ...input, id: row.id, enteredAt: row.entered_at };
  });
}

export async function listOfficialRates(ctx: Ctx) {
  const rows = await ctx.db.selectFrom('economy_official_rates').selectAll().orderBy('year', 'desc').orderBy('period', 'desc').limit(500).execute();
  return rows.map((r) => ({
    id: r.id, indicator: r.indicator as IndicatorKey, scopeKind: r.scope_kind, scopeKey: r.scope_key, period: formatPeriod({ year: r.year, part: r.period }),
    basis: r.basis, ratePercent: Number(r.rate_percent), source: r.source, enteredAt: r.entered_at,
  }));
}
