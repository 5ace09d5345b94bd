import { sql } from 'kysely';
import type { z } from 'zod';
import { AppError, invalid } from '../../../http/app-error';
import { changedFields, recordAudit } from '../../../core/audit/audit';
import type { Ctx, Tx } from '../../../core/context';
import type { Lab, ResultInput, ResultListQuery, ResultSummary, ResultView } from './transfer.schemas';

/** 万元 ⇄ fen (1 万元 = 1,000,000 fen). */
export const wanToFen = (wan: number | null) => (wan === null ? null : Math.round(wan * 1_000_000));
export const fenToWan = (fen: number | null) => (fen === null ? null : Number(fen) / 1_000_000);

type Input = z.infer<typeof ResultInput>;

export async function listLabs(ctx: Ctx): Promise<z.infer<typeof Lab>[]> {
  const rows = await ctx.db.selectFrom('economy_labs as l')
    .select(['l.id', 'l.name', 'l.name_en', 'l.kind'])
    .select(sql<number>`(SELECT count(*) FROM economy_transfer_results r WHERE r.lab_id = l.id)::int`.as('results'))
    .select(sql<number>`(SELECT count(*) FROM economy_transfer_results r WHERE r.lab_id = l.id AND r.status = 'landed')::int`.as('landed'))
    .orderBy('l.sort_order').orderBy('l.name').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, nameEn: r.name_en, kind: r.kind, results: r.results, landed: r.landed }));
}

export async function listResults(ctx: Ctx, q: z.infer<typeof ResultListQuery>): Promise<z.infer<typeof ResultSummary>[]> {
  let query = ctx.db.selectFrom('economy_transfer_results as r').innerJoin('economy_labs as l', 'l.id', 'r.lab_id')
    .select(['r.id', 'r.lab_id', 'l.name as lab_name', 'r.title', 'r.field', 'r.maturity', 'r.modes', 'r.price_min_fen', 'r.price_max_fen', 'r.offered_on', 'r.status'])
    .select(sql<number>`jsonb_array_length(r.patents)`.as('patents'))
    .select(sql<number>`(SELECT count(*) FROM economy_transfer_deals d WHERE d.result_id = r.id)::int`.as('deals'))
    .select(sql<number>`(SELECT count(*) FROM economy_transfer_deals d WHERE d.result_id = r.id AND d.stage = 'landed')::int`.as('landed'));
  if (q.labId) query = query.where('r.lab_id', '=', q.labId);
  if (q.field) query = query.where('r.field', '=', q.field);
  if (q.status) query = query.where('r.status', '=', q.status);
  if (q.q) query = query.where((eb) => eb.or([eb('r.title', 'ilike', `%${q.q}%`), sql<boolean>`${q.q} = ANY (r.keywords)`]));
  const rows = await query.orderBy('r.offered_on', 'desc').orderBy('r.id').limit(500).execute();
  return rows.map((r) => ({
    id: r.id, labId: r.lab_id, labName: r.lab_name, title: r.title, field: r.field, maturity: r.maturity, modes: r.modes,
    priceMinWan: fenToWan(r.price_min_fen), priceMaxWan: fenToWan(r.price_max_fen), offeredOn: r.offered_on, status: r.status,
    patents: Number(r.patents), deals: r.deals, landed: r.landed,
  }));
}

export async function loadResult(db: Tx, id: string) {
  const r = await db.selectFrom('economy_transfer_results').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw new AppError('ECONOMY_TRANSFER_RESULT_NOT_FOUND');
  return r;
}

export async function getResult(ctx: Ctx, id: string): Promise<z.infer<typeof ResultView>> {
  const r = await loadResult(ctx.db, id);
  const [lab, counts, industries] = await Promise.all([
    ctx.db.selectFrom('economy_labs').select('name').where('id', '=', r.lab_id).executeTakeFirstOrThrow(),
    ctx.db.selectFrom('economy_transfer_deals').select([sql<number>`count(*)::int`.as('deals'), sql<number>`count(*) FILTER (WHERE stage = 'landed')::int`.as('landed')]).where('result_id', '=', id).executeTakeFirstOrThrow(),
    r.industry_prefixes.length ? ctx.db.selectFrom('industries').select(['code', 'name']).where('code', 'in', r.industry_prefixes).execute() : [],
  ]);
  const names = new Map(industries.map((i) => [i.code, i.name]));
  return {
    id: r.id, labId: r.lab_id, labName: lab.name, title: r.title, summary: r.summary, field: r.field, maturity: r.maturity, modes: r.modes,
    patents: r.patents, priceMinWan: fenToWan(r.price_min_fen), priceMaxWan: fenToWan(r.price_max_fen), offeredOn: r.offered_on, status: r.status,
    industryPrefixes: r.industry_prefixes, industryNames: r.industry_prefixes.map((p) => `${p} ${names.get(p) ?? ''}`.trim()), keywords: r.keywords,
    deals: counts.deals, landed: counts.landed, version: r.version, createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

/** The lab must exist, every industry code must be a GB/T 4754-2017 大类/中类/小类, the offer date not in the future. */
async function check(tx: Tx, ctx: Ctx, input: Input) {
  const lab = await tx.selectFrom('economy_labs').select('id').where('id', '=', input.labId).executeTakeFirst();
  if (!lab) throw new AppError('ECONOMY_LAB_NOT_FOUND', { labId: '请选择成果来源单位' });
  const unique = [...new Set(input.industryPrefixes)];
  if (unique.length) {
    const known = new Set((await tx.selectFrom('industries').select('code').where('code', 'in', unique).execute()).map((i) => i.code));
    const unknown = unique.filter((p) => !known.has(p));
    if (unknown.length) throw invalid({ industryPrefixes: `不存在的行业代码：${unknown.join('、')}（应为 GB/T 4754-2017 的大类、中类或小类）` });
  }
  if (input.offeredOn > ctx.now.toISOString().slice(0, 10)) throw invalid({ offeredOn: '发布日期不能晚于今天' });
}

function rowOf(input: Input) {
  return {
    lab_id: input.labId, title: input.title, summary: input.summary, field: input.field, maturity: input.maturity,
    patents: JSON.stringify(input.patents), modes: [...new Set(input.modes)], price_min_fen: wanToFen(input.priceMinWan), price_max_fen: wanToFen(input.priceMaxWan),
    industry_prefixes: [...new Set(input.industryPrefixes)], keywords: [...new Set(input.keywords)], offered_on: input.offeredOn,
  };
}

export async function createResult(ctx: Ctx, input: Input) {
  return ctx.db.transaction().execute(async (tx) => {
    await check(tx, ctx, input);
    const row = await tx.insertInto('economy_transfer_results').values({ ...rowOf(input), created_by: ctx.actor.userId }).returning('id').executeTakeFirstOrThrow();
    await recordAudit(tx, ctx, { action: 'economy.transfer.result.create', entityType: 'economy_transfer_result', entityId: row.id, after: input });
    return { id: row.id };
  });
}

export async function updateResult(ctx: Ctx, id: string, input: Input & { version: number }) {
  return ctx.db.transaction().execute(async (tx) => {
    const cur = await tx.selectFrom('economy_transfer_results').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!cur) throw new AppError('ECONOMY_TRANSFER_RESULT_NOT_FOUND');
    if (cur.version !== input.version) throw new AppError('CONFLICT');
    await check(tx, ctx, input);
    const next = rowOf(input);
    const before = { ...cur, patents: JSON.stringify(cur.patents) };
    const keys = Object.keys(next) as (keyof typeof next)[];
    const diff = changedFields<Record<string, unknown>>(Object.fromEntries(keys.map((k) => [k, before[k]])), next);
    if (!diff) return { id };
    await tx.updateTable('economy_transfer_results').set({ ...next, updated_at: ctx.now, version: cur.version + 1 }).where('id', '=', id).execute();
    await recordAudit(tx, ctx, { action: 'economy.transfer.result.update', entityType: 'economy_transfer_result', entityId: id, before: diff.before, after: diff.after });
    return { id };
  });
}

/** Withdrawn by the lab: kept with its history, no more contacts. A landed result cannot be withdrawn. */
export async function withdrawResult(ctx: Ctx, id: string, version: number) {
  return ctx.db.transaction().execute(async (tx) => {
    const cur = await tx.selectFrom('economy_transfer_results').select(['status', 'version']).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!cur) throw new AppError('ECONOMY_TRANSFER_RESULT_NOT_FOUND');
    if (cur.version !== version) throw new AppError('CONFLICT');
    if (cur.status !== 'open') throw new AppError('CONFLICT', undefined, { zh: `成果当前为“${cur.status === 'landed' ? '已落地' : '已撤回'}”，不能撤回`, en: `The result is already ${cur.status}; it cannot be withdrawn` });
    await tx.updateTable('economy_transfer_results').set({ status: 'withdrawn', updated_at: ctx.now, version: cur.version + 1 }).where('id', '=', id).execute();
    await recordAudit(tx, ctx, { action: 'economy.transfer.result.withdraw', entityType: 'economy_transfer_result', entityId: id, before: { status: cur.status }, after: { status: 'withdrawn' } });
    return { id };
  });
}
