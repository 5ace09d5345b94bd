import { sql } from 'kysely';
import { AppError } from '../../../http/app-error';
import { recordAudit } from '../../../core/audit/audit';
import { writeXlsx, type SheetColumn } from '../../../core/excel/write-xlsx';
import type { Ctx, Tx } from '../../../core/context';
import { tierMove, type TierMove } from '../domain/cycle';
import { enterpriseScope } from '../scoring/score-reads';

/** A published cycle (notice or final) by year, and the published one of the year before, if any. */
export async function publishedYear(db: Tx, year: number) {
  const rows = await db.selectFrom('talent_cycles').select(['id', 'year', 'status', 'enterprise_version_id']).where('year', 'in', [year, year - 1]).where('status', 'in', ['notice', 'final']).execute();
  const cur = rows.find((r) => r.year === year);
  if (!cur) throw new AppError('TALENT_CYCLE_NOT_FOUND', undefined, { zh: `${year} 年度的人才积分尚未公示`, en: `The ${year} talent points have not been published` });
  return { cur, prev: rows.find((r) => r.year === year - 1) ?? null };
}

export type TierBoardRow = {
  enterpriseId: string; enterpriseName: string; points: number; rank: number | null; tier: string | null; tierOrder: number | null;
  tierLabel: { zh: string; en: string } | null; evaluationBonus: number | null; talentCount: number; corrected: boolean;
  previous: { points: number; tier: string | null; tierLabel: { zh: string; en: string } | null } | null; move: TierMove;
};

/**
 * 企业档次: the enterprises of a published year by tier, each with last year's tier and how it
 * moved. The office sees the county (narrowed to its street when bound to one), HR its enterprise.
 */
export async function tierBoard(ctx: Ctx, year: number) {
  const { cur, prev } = await publishedYear(ctx.db, year);
  const rows = await ctx.db
    .selectFrom('talent_cycle_enterprise_entries as x')
    .innerJoin('enterprises as e', 'e.id', 'x.enterprise_id')
    .leftJoin('talent_cycle_enterprise_entries as p', (j) => j.onRef('p.enterprise_id', '=', 'x.enterprise_id').on('p.cycle_id', '=', prev?.id ?? '00000000-0000-0000-0000-000000000000'))
    .select([
      'x.enterprise_id', 'x.enterprise_name', 'x.points', 'x.rank', 'x.tier', 'x.tier_order', 'x.tier_label', 'x.evaluation_bonus', 'x.talent_count', 'x.corrected',
      'p.points as p_points', 'p.tier as p_tier', 'p.tier_order as p_tier_order', 'p.tier_label as p_tier_label',
    ])
    .where('x.cycle_id', '=', cur.id)
    .where(enterpriseScope(ctx))
    .orderBy(sql`x.tier_order ASC NULLS LAST`)
    .orderBy(sql`x.rank ASC NULLS LAST`)
    .orderBy('x.enterprise_id')
    .execute();
  const items: TierBoardRow[] = rows.map((r) => {
    const previous = r.p_points === null ? null : { points: Number(r.p_points), tier: r.p_tier, tierLabel: r.p_tier_label ?? null };
    return {
      enterpriseId: r.enterprise_id, enterpriseName: r.enterprise_name, points: Number(r.points), rank: r.rank, tier: r.tier, tierOrder: r.tier_order,
      tierLabel: r.tier_label ?? null, evaluationBonus: r.evaluation_bonus === null ? null : Number(r.evaluation_bonus), talentCount: r.talent_count, corrected: r.corrected,
      previous,
      move: tierMove(previous ? { enterpriseId: r.enterprise_id, points: previous.points, tier: r.p_tier, tierOrder: r.p_tier_order } : undefined,
        { enterpriseId: r.enterprise_id, points: Number(r.points), tier: r.tier, tierOrder: r.tier_order }),
    };
  });
  const tiers = new Map<string, { tier: string; tierOrder: number; label: { zh: string; en: string }; count: number; up: number; down: number }>();
  for (const it of items) {
    if (!it.tier || it.tierOrder === null) continue;
    const t = tiers.get(it.tier) ?? { tier: it.tier, tierOrder: it.tierOrder, label: it.tierLabel ?? { zh: it.tier, en: it.tier }, count: 0, up: 0, down: 0 };
    t.count += 1;
    if (it.move === 'up') t.up += 1;
    if (it.move === 'down') t.down += 1;
    tiers.set(it.tier, t);
  }
  return {
    year, status: cur.status as 'notice' | 'final', previousYear: prev ? prev.year : null,
    tiers: [...tiers.values()].sort((a, b) => a.tierOrder - b.tierOrder),
    moves: { up: items.filter((i) => i.move === 'up').length, down: items.filter((i) => i.move === 'down').length, same: items.filter((i) => i.move === 'same').length, new: items.filter((i) => i.move === 'new').length },
    items,
  };
}

const MOVE_ZH: Record<TierMove, string> = { up: '升档', down: '降档', same: '持平', new: '新进档', untiered: '未定档' };

export async function exportTierBoard(ctx: Ctx, year: number) {
  const board = await tierBoard(ctx, year);
  const columns: SheetColumn<TierBoardRow>[] = [
    { header: '档次', width: 10, value: (r) => r.tierLabel?.zh ?? '未定档' },
    { header: '排名', width: 8, value: (r) => r.rank },
    { header: '企业名称', width: 36, value: (r) => r.enterpriseName },
    { header: '企业积分', width: 12, value: (r) => r.points },
    { header: '人才数', width: 8, value: (r) => r.talentCount },
    { header: '综合评价加分', width: 14, value: (r) => r.evaluationBonus },
    { header: `${year - 1} 年档次`, width: 12, value: (r) => r.previous?.tierLabel?.zh ?? (r.previous ? '未定档' : '—') },
    { header: `${year - 1} 年积分`, width: 12, value: (r) => r.previous?.points },
    { header: '档次变化', width: 10, value: (r) => MOVE_ZH[r.move] },
    { header: '异议更正', width: 10, value: (r) => (r.corrected ? '是' : '') },
  ];
  const buffer = await writeXlsx(`${year}企业档次`, columns, board.items);
  await recordAudit(ctx.db, ctx, { action: 'talent.cycle.tiers.export', entityType: 'talent_cycle', enterpriseId: ctx.actor.scope.enterpriseId, after: { year, rows: board.items.length } });
  return { buffer, fileName: `企业档次-${year}.xlsx` };
}
