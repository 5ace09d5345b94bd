import { AppError } from '../../../http/app-error';
import { recordAudit } from '../../../core/audit/audit';
import { writeXlsx, type SheetColumn } from '../../../core/excel/write-xlsx';
import { industryName } from '../../../core/reference/industries';
import { countRows } from '../../../db/count-rows';
import { containing } from '../../../db/like';
import type { Ctx } from '../../../core/context';
import { explainResult } from '../domain';
import { findVersion, schemeRef, type SchemeVersionRow } from './scheme.repo';
import { reviveResult } from './stored-result';
import { explained, localesOf, type LocaleChoice } from './explained';
import { compiledFor, enterpriseScope, latestAsOf, tierLabel, versionFor } from './score-reads';

type BonusQuery = { q?: string; version?: string };

/** The bonuses of the actor's enterprises on the latest complete day of the version. */
async function bonusesOf(ctx: Ctx, q: BonusQuery) {
  const v = await versionFor(ctx, 'evaluation_bonus', q.version);
  const asOf = v ? await latestAsOf(ctx, v.id) : null;
  if (!v || !asOf) return { v, asOf, base: null };
  let base = ctx.db
    .selectFrom('talent_evaluation_bonuses as b')
    .innerJoin('enterprises as e', 'e.id', 'b.enterprise_id')
    .where('b.scheme_version_id', '=', v.id)
    .where('b.as_of', '=', asOf)
    .where(enterpriseScope(ctx));
  if (q.q) base = base.where('e.name', 'ilike', containing(q.q));
  return { v, asOf, base };
}

/** The enterprise version and day the bonuses of a run were computed from (the same for every row of a day). */
async function sourceOf(ctx: Ctx, row: { enterprise_version_id: string; enterprise_as_of: string } | undefined) {
  if (!row) return { source: null, enterpriseVersion: undefined };
  const ev = await findVersion(ctx.db, row.enterprise_version_id);
  return { source: ev ? { scheme: schemeRef(ev), asOf: row.enterprise_as_of } : null, enterpriseVersion: ev };
}

const BONUS_COLUMNS = [
  'e.id', 'e.name', 'e.credit_code', 'e.industry_code', 'b.enterprise_points', 'b.enterprise_tier', 'b.points', 'b.complete',
  'b.enterprise_version_id', 'b.enterprise_as_of',
] as const;

const toItem = (r: { id: string; name: string; credit_code: string; industry_code: string; enterprise_points: number; enterprise_tier: string | null; points: number; complete: boolean }, ev: SchemeVersionRow | undefined) => ({
  enterpriseId: r.id, enterpriseName: r.name, creditCode: r.credit_code, industryCode: r.industry_code,
  enterprisePoints: Number(r.enterprise_points), enterpriseTier: ev ? tierLabel(ev, r.enterprise_tier) : null,
  points: Number(r.points), complete: r.complete,
});

/** 综合评价加分: industrial enterprises' bonuses, highest first (HR: its own; the office: the county). */
export async function listEvaluationBonuses(ctx: Ctx, q: BonusQuery & { page: number; pageSize: number }) {
  const { v, asOf, base } = await bonusesOf(ctx, q);
  if (!v || !asOf || !base) return { items: [], total: 0, totalEstimated: false, scheme: v ? schemeRef(v) : null, asOf, source: null };
  const [rows, count] = await Promise.all([
    base.select([...BONUS_COLUMNS]).orderBy('b.points', 'desc').orderBy('b.enterprise_points', 'desc').orderBy('e.id')
      .limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    countRows(ctx.db, base.select('e.id')),
  ]);
  const { source, enterpriseVersion } = await sourceOf(ctx, rows[0]);
  return { items: rows.map((r) => toItem(r, enterpriseVersion)), ...count, scheme: schemeRef(v), asOf, source };
}

/** One enterprise's bonus, its explanation and the enterprise score it was computed from. */
export async function evaluationBonusOf(ctx: Ctx, enterpriseId: string, q: { locale: LocaleChoice; version?: string }) {
  const e = await ctx.db.selectFrom('enterprises as e').select('e.id').where('e.id', '=', enterpriseId).where(enterpriseScope(ctx)).executeTakeFirst();
  if (!e) throw new AppError('ENTERPRISE_NOT_FOUND');
  const { v, asOf, base } = await bonusesOf(ctx, { version: q.version });
  if (!v || !asOf || !base) throw new AppError('NOT_FOUND');
  const row = await base.select([...BONUS_COLUMNS, 'b.result', 'b.computed_at']).where('e.id', '=', enterpriseId).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  const { source, enterpriseVersion } = await sourceOf(ctx, row);
  const { result, reproduced } = reviveResult(await compiledFor(ctx, v), row.result, asOf);
  const { items, summary } = explained(result, localesOf(q.locale));
  return { ...toItem(row, enterpriseVersion), scheme: schemeRef(v), asOf, source: source!, computedAt: row.computed_at, summary, items, reproduced };
}

export const BONUS_EXPORT_LIMIT = 100_000;

/**
 * The record the county's comprehensive evaluation takes: one row per industrial enterprise with
 * its bonus, the explanation, and which versions and days it comes from. Audited.
 */
export async function exportEvaluationBonuses(ctx: Ctx, q: BonusQuery) {
  const { v, asOf, base } = await bonusesOf(ctx, q);
  if (!v || !asOf || !base) throw new AppError('NOT_FOUND');
  const scheme = await compiledFor(ctx, v);
  const rows = await base.select([...BONUS_COLUMNS, 'b.result']).orderBy('b.points', 'desc').orderBy('b.enterprise_points', 'desc').orderBy('e.id').limit(BONUS_EXPORT_LIMIT).execute();
  const { source, enterpriseVersion } = await sourceOf(ctx, rows[0]);
  await recordAudit(ctx.db, ctx, {
    action: 'talent.evaluation_bonus.export', entityType: 'talent_evaluation_bonus', enterpriseId: ctx.actor.scope.enterpriseId,
    after: { version: v.id, asOf, filters: q, rows: rows.length },
  });
  type Row = (typeof rows)[number];
  const explanation = (r: Row) => explainResult(reviveResult(scheme, r.result, asOf).result, 'zh-CN');
  const columns: SheetColumn<Row>[] = [
    { header: '企业名称', width: 34, value: (r) => r.name },
    { header: '统一社会信用代码', width: 22, value: (r) => r.credit_code },
    { header: '行业', width: 22, value: (r) => `${r.industry_code} ${industryName(r.industry_code)}`.trim() },
    { header: '企业人才积分', width: 12, value: (r) => Number(r.enterprise_points) },
    { header: '企业档次', width: 8, value: (r) => (enterpriseVersion ? tierLabel(enterpriseVersion, r.enterprise_tier)?.label.zh : r.enterprise_tier) ?? '' },
    { header: '人才加分', width: 10, value: (r) => (r.complete ? Number(r.points) : '未评（企业积分信息不全）') },
    { header: '说明', width: 70, value: (r) => explanation(r).items.map((i) => i.text).join('；') },
    { header: '加分办法', width: 30, value: () => `${v.code} ${v.version}` },
    { header: '加分计算日', width: 12, value: () => asOf },
    { header: '企业积分办法', width: 30, value: () => (source ? `${source.scheme.code} ${source.scheme.version}` : '') },
    { header: '企业积分计算日', width: 14, value: () => source?.asOf ?? '' },
  ];
  const buffer = await writeXlsx('综合评价人才加分', columns, rows);
  return { buffer, fileName: `工业企业综合评价人才加分-${v.version}-${asOf}.xlsx` };
}
