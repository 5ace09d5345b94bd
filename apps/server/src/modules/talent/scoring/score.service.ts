import { sql } from 'kysely';
import { AppError, invalid } from '../../../http/app-error';
import { recordAudit } from '../../../core/audit/audit';
import { writeXlsx, type SheetColumn } from '../../../core/excel/write-xlsx';
import { localDateOf } from '../../../core/reference/domain/workday';
import { countRows } from '../../../db/count-rows';
import { containing } from '../../../db/like';
import type { Ctx } from '../../../core/context';
import type { TalentSchemeKind } from '../../../db/schema';
import type { EvaluationResult, Label, TieringDoc } from '../domain';
import { talentInScope } from '../registry/talent-scope';
import { loadVisibleTalent } from '../registry/talent.service';
import { currentVersion, schemeRef, type SchemeVersionRow } from './scheme.repo';
import { reviveResult } from './stored-result';
import { explained, localesOf, type LocaleChoice } from './explained';
import { compiledFor, enterpriseScope, latestAsOf, tierLabel, versionFor } from './score-reads';


/**
 * One talent's points with every item explained. Scope: B's talent rule (self / own enterprise /
 * county), in the same query that reads the score; the full result is rebuilt from the stored
 * facts and points (stored-result.ts) and explained in the requested locales.
 */
export async function talentScore(ctx: Ctx, talentId: string, q: { locale: LocaleChoice; version?: string; full?: boolean }) {
  const v = await versionFor(ctx, 'personal', q.version);
  if (!v) throw new AppError('TALENT_NOT_FOUND');
  const row = await ctx.db
    .selectFrom('talents as t')
    .leftJoin('enterprises as e', 'e.id', 't.enterprise_id')
    .leftJoinLateral(
      (eb) => eb.selectFrom('talent_scores as s')
        .innerJoin('talent_score_days as d', (j) => j.onRef('d.scheme_version_id', '=', 's.scheme_version_id').onRef('d.as_of', '=', 's.as_of'))
        .select(['s.as_of', 's.total', 's.complete', 's.passed', 's.result', 's.computed_at'])
        .whereRef('s.talent_id', '=', 't.id').where('s.scheme_version_id', '=', v.id).orderBy('s.as_of', 'desc').limit(1).as('s'),
      (join) => join.onTrue(),
    )
    .select(['t.name', 't.enterprise_id', 'e.name as enterprise_name', 's.as_of', 's.total', 's.complete', 's.passed', 's.result', 's.computed_at'])
    .where('t.id', '=', talentId)
    .where(talentInScope(ctx.actor, 't'))
    .executeTakeFirst();
  if (!row) throw new AppError('TALENT_NOT_FOUND');
  if (row.as_of === null || row.result === null) throw new AppError('NOT_FOUND');
  const { result, reproduced } = reviveResult(await compiledFor(ctx, v), row.result, row.as_of);
  return {
    talentId, talentName: row.name, enterpriseId: row.enterprise_id, enterpriseName: row.enterprise_name ?? null,
    scheme: schemeRef(v), asOf: row.as_of, computedAt: row.computed_at!, total: Number(row.total), complete: row.complete!, passed: row.passed,
    passMark: result.passMark, tier: result.tier, reproduced,
    ...explained(result, localesOf(q.locale)),
    ...(q.full ? { result: result as unknown as Record<string, unknown> } : {}),
  };
}

/** Every score a talent has, under every version (older results stay as they were). */
export async function talentScoreHistory(ctx: Ctx, talentId: string) {
  await loadVisibleTalent(ctx, talentId);
  const rows = await ctx.db
    .selectFrom('talent_scores as s')
    .innerJoin('talent_score_days as d', (j) => j.onRef('d.scheme_version_id', '=', 's.scheme_version_id').onRef('d.as_of', '=', 's.as_of'))
    .innerJoin('talent_scheme_versions as v', 'v.id', 's.scheme_version_id')
    .select(['v.id', 'v.code', 'v.version', 'v.name', 'v.status', 's.as_of', 's.total', 's.complete', 's.passed', 's.computed_at'])
    .where('s.talent_id', '=', talentId)
    .orderBy('s.as_of', 'desc')
    .orderBy('v.effective_from', 'desc')
    .execute();
  return {
    items: rows.map((r) => ({ scheme: schemeRef(r), asOf: r.as_of, total: Number(r.total), complete: r.complete, passed: r.passed, computedAt: r.computed_at })),
  };
}

export type ScoreFilters = {
  q?: string; enterprise?: string; passed?: 'true' | 'false' | 'unknown'; minTotal?: number; maxTotal?: number; item?: string; version?: string;
};
type ScoreListQuery = ScoreFilters & { page: number; pageSize: number; sort: 'total' | 'name'; order: 'asc' | 'desc' };

/**
 * The scores of the talents in scope on the latest computed day of a version, narrowed by the
 * list's filters. `item` keeps the talents who score points in that item: its points are read
 * from the stored points (in the scheme's item order, stored-result.ts). Unknown item: 400.
 */
async function filteredScores(ctx: Ctx, v: SchemeVersionRow, asOf: string, q: ScoreFilters) {
  let base = ctx.db
    .selectFrom('talent_scores as s')
    .innerJoin('talents as t', 't.id', 's.talent_id')
    .where('s.scheme_version_id', '=', v.id)
    .where('s.as_of', '=', asOf)
    .where(talentInScope(ctx.actor, 't'));
  if (q.q) base = base.where('t.name', 'ilike', containing(q.q));
  if (q.enterprise) base = base.where('t.enterprise_id', '=', q.enterprise);
  if (q.passed === 'unknown') base = base.where('s.passed', 'is', null);
  else if (q.passed) base = base.where('s.passed', '=', q.passed === 'true');
  if (q.minTotal !== undefined) base = base.where('s.total', '>=', q.minTotal);
  if (q.maxTotal !== undefined) base = base.where('s.total', '<', q.maxTotal);
  let itemIndex: number | null = null;
  if (q.item) {
    itemIndex = (await compiledFor(ctx, v)).items.findIndex((it) => it.id === q.item);
    if (itemIndex < 0) throw invalid({ item: `积分办法 ${v.code} ${v.version} 没有积分项 ${q.item}` });
    base = base.where(sql<boolean>`(s.result->'points'->>${itemIndex}::int)::float8 > 0`);
  }
  return { base, itemIndex };
}

/** Current points of the talents in scope (HR: its enterprise; office: the county; a talent: self). */
export async function listScores(ctx: Ctx, q: ScoreListQuery) {
  const v = await versionFor(ctx, 'personal', q.version);
  const asOf = v ? await latestAsOf(ctx, v.id) : null;
  const schemeItems = v ? (await compiledFor(ctx, v)).items.map((it) => ({ itemId: it.id, label: it.label })) : [];
  if (!v || !asOf) return { items: [], total: 0, totalEstimated: false, scheme: v ? schemeRef(v) : null, asOf, schemeItems };
  const { base, itemIndex } = await filteredScores(ctx, v, asOf, q);
  const dir = q.order === 'asc' ? sql`ASC` : sql`DESC`;
  const [rows, count] = await Promise.all([
    base
      .leftJoin('enterprises as e', 'e.id', 't.enterprise_id')
      .select(['t.id', 't.name', 't.enterprise_id', 'e.name as enterprise_name', 's.total', 's.complete', 's.passed', 's.as_of'])
      .select(sql<number | null>`(s.result->'points'->>${itemIndex ?? 0}::int)::float8`.as('item_points'))
      .orderBy(q.sort === 'name' ? sql`t.name ${dir}` : sql`s.total ${dir}`)
      .orderBy('t.id')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    countRows(ctx.db, base.select('t.id')),
  ]);
  return {
    items: rows.map((r) => ({
      talentId: r.id, name: r.name, enterpriseId: r.enterprise_id, enterpriseName: r.enterprise_name ?? null,
      total: Number(r.total), complete: r.complete, passed: r.passed, asOf: r.as_of,
      ...(itemIndex !== null ? { itemPoints: r.item_points === null ? null : Number(r.item_points) } : {}),
    })),
    ...count,
    scheme: schemeRef(v),
    asOf,
    schemeItems,
  };
}

export const SCORE_EXPORT_LIMIT = 100_000;

/**
 * The list as an Excel sheet: one row per talent, the total, pass, and one column per scoring item
 * (the stored points; an item that could not be evaluated counts 0, and 各项齐全 says 否).
 * Audited with its filters and row count.
 */
export async function exportScores(ctx: Ctx, q: ScoreFilters) {
  const v = await versionFor(ctx, 'personal', q.version);
  const asOf = v ? await latestAsOf(ctx, v.id) : null;
  if (!v || !asOf) throw new AppError('NOT_FOUND');
  const scheme = await compiledFor(ctx, v);
  const { base } = await filteredScores(ctx, v, asOf, q);
  const rows = await base
    .leftJoin('enterprises as e', 'e.id', 't.enterprise_id')
    .select(['t.name', 'e.name as enterprise_name', 'e.credit_code', 's.total', 's.complete', 's.passed', 's.result'])
    .orderBy('s.total', 'desc')
    .orderBy('t.id')
    .limit(SCORE_EXPORT_LIMIT)
    .execute();
  await recordAudit(ctx.db, ctx, {
    action: 'talent.scores.export', entityType: 'talent_score', enterpriseId: ctx.actor.scope.enterpriseId,
    after: { version: v.id, asOf, filters: q, rows: rows.length },
  });
  type Row = (typeof rows)[number];
  // A compact result keeps `points`; an early full result its `items` (stored-result.ts).
  const pointsOf = (r: Row) => {
    const res = r.result as { points?: number[]; items?: { points: number }[] };
    return res.points ?? res.items?.map((it) => it.points);
  };
  const PASSED = { true: '达标', false: '未达标', null: '待定' } as const;
  const columns: SheetColumn<Row>[] = [
    { header: '姓名', width: 12, value: (r) => r.name },
    { header: '所属企业', width: 32, value: (r) => r.enterprise_name },
    { header: '统一社会信用代码', width: 22, value: (r) => r.credit_code },
    { header: '总分', width: 8, value: (r) => Number(r.total) },
    { header: '是否达标', width: 8, value: (r) => PASSED[String(r.passed) as keyof typeof PASSED] },
    { header: '各项齐全', width: 8, value: (r) => (r.complete ? '是' : '否') },
    ...scheme.items.map((it, i): SheetColumn<Row> => ({
      header: it.label.zh, width: 10,
      value: (r) => pointsOf(r)?.[i],
    })),
  ];
  const buffer = await writeXlsx('人才积分', columns, rows);
  return { buffer, fileName: `人才积分-${v.code}-${v.version}-${asOf}.xlsx` };
}


export async function listEnterpriseScores(ctx: Ctx, q: { page: number; pageSize: number; tier?: string; q?: string; version?: string }) {
  const v = await versionFor(ctx, 'enterprise', q.version);
  const asOf = v ? await latestAsOf(ctx, v.id) : null;
  if (!v || !asOf) return { items: [], total: 0, totalEstimated: false, scheme: v ? schemeRef(v) : null, asOf };
  let base = ctx.db
    .selectFrom('talent_enterprise_scores as s')
    .innerJoin('enterprises as e', 'e.id', 's.enterprise_id')
    .where('s.scheme_version_id', '=', v.id)
    .where('s.as_of', '=', asOf)
    .where(enterpriseScope(ctx));
  if (q.tier) base = base.where('s.tier', '=', q.tier);
  if (q.q) base = base.where('e.name', 'ilike', containing(q.q));
  const [rows, count] = await Promise.all([
    base
      .select(['e.id', 'e.name', 's.total', 's.tier', 's.rank', 's.complete', 's.staff_points_total', 's.talent_count', 's.as_of'])
      .orderBy(sql`s.rank ASC NULLS LAST`)
      .orderBy('e.id')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    countRows(ctx.db, base.select('e.id')),
  ]);
  return {
    items: rows.map((r) => ({
      enterpriseId: r.id, enterpriseName: r.name, total: Number(r.total), tier: tierLabel(v, r.tier), rank: r.rank, complete: r.complete,
      staffPointsTotal: Number(r.staff_points_total), talentCount: r.talent_count, asOf: r.as_of,
    })),
    ...count,
    scheme: schemeRef(v),
    asOf,
  };
}

/** An enterprise's points: total, tier, rank, items explained, and the talents behind staffPointsTotal. */
export async function enterpriseScore(ctx: Ctx, enterpriseId: string, q: { locale: LocaleChoice; version?: string; full?: boolean }) {
  const e = await ctx.db.selectFrom('enterprises as e').select(['e.id', 'e.name']).where('e.id', '=', enterpriseId).where(enterpriseScope(ctx)).executeTakeFirst();
  if (!e) throw new AppError('ENTERPRISE_NOT_FOUND');
  const v = await versionFor(ctx, 'enterprise', q.version);
  if (!v) throw new AppError('NOT_FOUND');
  const s = await ctx.db
    .selectFrom('talent_enterprise_scores as s')
    .innerJoin('talent_score_days as d', (j) => j.onRef('d.scheme_version_id', '=', 's.scheme_version_id').onRef('d.as_of', '=', 's.as_of'))
    .selectAll('s')
    .where('s.enterprise_id', '=', enterpriseId)
    .where('s.scheme_version_id', '=', v.id)
    .orderBy('s.as_of', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!s) throw new AppError('NOT_FOUND');
  const ranked = await ctx.db
    .selectFrom('talent_enterprise_scores')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('scheme_version_id', '=', v.id)
    .where('as_of', '=', s.as_of)
    .where('rank', 'is not', null)
    .executeTakeFirstOrThrow();
  const talents = s.personal_version_id
    ? await sql<{ id: string; name: string; total: number; complete: boolean }>`
        SELECT t.id, t.name, x.total::float8 AS total, x.complete
        FROM talents t
        JOIN LATERAL (
          SELECT total, complete FROM talent_scores s
          WHERE s.talent_id = t.id AND s.scheme_version_id = ${s.personal_version_id} AND s.as_of <= ${s.as_of}
          ORDER BY s.as_of DESC LIMIT 1) x ON true
        WHERE t.enterprise_id = ${enterpriseId} AND t.status = 'active'
        ORDER BY x.total DESC, t.name, t.id
        LIMIT 2000`.execute(ctx.db)
    : { rows: [] };
  const { result, reproduced } = reviveResult(await compiledFor(ctx, v), s.result, s.as_of);
  return {
    enterpriseId, enterpriseName: e.name, reproduced, scheme: schemeRef(v), personalSchemeId: s.personal_version_id, asOf: s.as_of, computedAt: s.computed_at,
    total: Number(s.total), tier: tierLabel(v, s.tier), rank: s.rank, ranked: Number(ranked.n), complete: s.complete,
    staffPointsTotal: Number(s.staff_points_total), talentCount: s.talent_count,
    ...explained(result, localesOf(q.locale)),
    talents: talents.rows.map((t) => ({ talentId: t.id, name: t.name, total: Number(t.total), complete: t.complete })),
    ...(q.full ? { result: result as unknown as Record<string, unknown> } : {}),
  };
}

/** For the office's charts: the personal points histogram and pass counts, the enterprise tiers. */
export async function distribution(ctx: Ctx, q: { binWidth: number }) {
  const today = localDateOf(ctx.now);
  const pv = await currentVersion(ctx.db, 'personal', today);
  const pAsOf = pv ? await latestAsOf(ctx, pv.id) : null;
  const personal = {
    scheme: pv ? schemeRef(pv) : null, asOf: pAsOf, count: 0, complete: 0, passed: 0, notPassed: 0, undecided: 0, mean: null as number | null,
    passMark: pv ? ((pv.document as { passMark?: number }).passMark ?? null) : null,
    histogram: [] as { from: number; to: number; count: number }[], binWidth: q.binWidth,
  };
  if (pv && pAsOf) {
    const scoped = () =>
      ctx.db.selectFrom('talent_scores as s').innerJoin('talents as t', 't.id', 's.talent_id')
        .where('s.scheme_version_id', '=', pv.id).where('s.as_of', '=', pAsOf).where(talentInScope(ctx.actor, 't'));
    const agg = await scoped()
      .select([
        sql<number>`count(*)::int`.as('n'),
        sql<number>`count(*) FILTER (WHERE s.complete)::int`.as('complete'),
        sql<number>`count(*) FILTER (WHERE s.passed)::int`.as('passed'),
        sql<number>`count(*) FILTER (WHERE s.passed = false)::int`.as('not_passed'),
        sql<number | null>`avg(s.total)::float8`.as('mean'),
      ])
      .executeTakeFirstOrThrow();
    Object.assign(personal, {
      count: agg.n, complete: agg.complete, passed: agg.passed, notPassed: agg.not_passed, undecided: agg.n - agg.passed - agg.not_passed,
      mean: agg.mean === null ? null : Math.round(Number(agg.mean) * 100) / 100,
    });
    const bins = await scoped()
      .select([sql<number>`(floor(s.total / ${q.binWidth}) * ${q.binWidth})::float8`.as('b'), sql<number>`count(*)::int`.as('n')])
      .groupBy(sql`1`)
      .orderBy(sql`1`)
      .execute();
    personal.histogram = bins.map((b) => ({ from: Number(b.b), to: Number(b.b) + q.binWidth, count: b.n }));
  }

  const ev = await currentVersion(ctx.db, 'enterprise', today);
  const eAsOf = ev ? await latestAsOf(ctx, ev.id) : null;
  const enterprise = { scheme: ev ? schemeRef(ev) : null, asOf: eAsOf, count: 0, tiers: [] as { id: string; label: Label; count: number; minTotal: number | null; maxTotal: number | null }[], untiered: 0 };
  if (ev && eAsOf) {
    const rows = await ctx.db
      .selectFrom('talent_enterprise_scores as s')
      .innerJoin('enterprises as e', 'e.id', 's.enterprise_id')
      .where('s.scheme_version_id', '=', ev.id)
      .where('s.as_of', '=', eAsOf)
      .where(enterpriseScope(ctx))
      .select(['s.tier', sql<number>`count(*)::int`.as('n'), sql<number>`min(s.total)::float8`.as('lo'), sql<number>`max(s.total)::float8`.as('hi')])
      .groupBy('s.tier')
      .execute();
    const byTier = new Map(rows.map((r) => [r.tier, r]));
    const declared = (ev.document as { tiering?: TieringDoc }).tiering?.tiers ?? [];
    enterprise.tiers = declared.map((t) => {
      const r = byTier.get(t.id);
      return { id: t.id, label: t.label, count: r?.n ?? 0, minTotal: r ? Number(r.lo) : null, maxTotal: r ? Number(r.hi) : null };
    });
    enterprise.untiered = byTier.get(null)?.n ?? 0;
    enterprise.count = rows.reduce((s, r) => s + r.n, 0);
  }
  return { personal, enterprise };
}
