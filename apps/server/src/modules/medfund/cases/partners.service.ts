import { sql } from 'kysely';
import type { Ctx, Tx } from '../../../core/context';
import { recordAudit } from '../../../core/audit/audit';
import { AppError } from '../../../http/app-error';
import { OPEN_STAGES, type OpenStage } from './domain/review-chain';
import { loadStageLimits } from './stage-limits';

/**
 * The joint supervision community (联合监管共同体) the demo county starts with: ~15 departments,
 * by name. Created with ON CONFLICT DO NOTHING on (parent_id, name), so another seed may create
 * the same department; the discipline inspection group's name is the one the warnings agree on.
 */
export const DEFAULT_PARTNERS: { name: string; duty: string }[] = [
  { name: '余杭区卫生健康局', duty: '医疗机构诊疗行为、医务人员执业' },
  { name: '余杭区市场监督管理局', duty: '药品价格、药店经营、收费公示' },
  { name: '余杭区公安分局', duty: '欺诈骗保案件立案侦查' },
  { name: '余杭区人民检察院', duty: '法律监督、公益诉讼' },
  { name: '余杭区人力资源和社会保障局', duty: '工伤保险、参保身份核对' },
  { name: '纪委监委派驻纪检监察组', duty: '公职人员违纪违法、红色预警' },
  { name: '余杭区民政局', duty: '死亡、低保、特困人员信息' },
  { name: '余杭区财政局', duty: '基金财务监督' },
  { name: '余杭区审计局', duty: '基金审计' },
  { name: '余杭区司法局', duty: '行政执法监督' },
  { name: '余杭区税务局', duty: '医保费征收、发票核查' },
  { name: '余杭区退役军人事务局', duty: '优抚对象医疗待遇' },
  { name: '余杭区残疾人联合会', duty: '残疾人医疗待遇' },
  { name: '余杭区人民法院', duty: '追回款强制执行' },
  { name: '余杭区医疗保障局', duty: '医保基金监管牵头单位' },
];

export async function ensurePartner(tx: Tx, p: { name: string; duty: string }, sortOrder: number): Promise<string> {
  await sql`INSERT INTO departments (name, kind) VALUES (${p.name}, 'department') ON CONFLICT (parent_id, name) DO NOTHING`.execute(tx);
  const d = await tx.selectFrom('departments').select('id').where('name', '=', p.name).where('parent_id', 'is', null).executeTakeFirstOrThrow();
  await tx.insertInto('medfund_partner_departments').values({ department_id: d.id, duty: p.duty, sort_order: sortOrder, updated_at: new Date() })
    .onConflict((oc) => oc.column('department_id').doNothing()).execute();
  return d.id;
}

export async function listPartners(db: Tx) {
  const rows = await db.selectFrom('medfund_partner_departments as p').innerJoin('departments as d', 'd.id', 'p.department_id')
    .select(['d.id', 'd.name', 'p.active', 'p.duty', 'p.sort_order', 'p.updated_at',
      sql<number>`(SELECT count(*) FROM medfund_case_transfers t WHERE t.department_id = d.id)`.as('transfers'),
      sql<number>`(SELECT count(*) FROM medfund_case_transfers t WHERE t.department_id = d.id AND t.reported_at IS NULL)`.as('open_transfers')])
    .orderBy('p.sort_order').orderBy('d.name').execute();
  return rows.map((r) => ({ departmentId: r.id, name: r.name, active: r.active, duty: r.duty, sortOrder: r.sort_order, transfers: Number(r.transfers), openTransfers: Number(r.open_transfers) }));
}

/** Adds a department to the community by name (creating the department when the county has none by that name). */
export async function addPartner(ctx: Ctx, input: { name: string; duty?: string }) {
  return ctx.db.transaction().execute(async (tx) => {
    const max = await tx.selectFrom('medfund_partner_departments').select(sql<number>`coalesce(max(sort_order), 0)`.as('m')).executeTakeFirstOrThrow();
    const id = await ensurePartner(tx, { name: input.name.trim(), duty: input.duty?.trim() ?? '' }, Number(max.m) + 1);
    await recordAudit(tx, ctx, { action: 'medfund.partner.add', entityType: 'department', entityId: id, after: { name: input.name.trim() } });
    return { departmentId: id };
  });
}

/** Activates or deactivates a member; a deactivated one receives no new transfer (open ones stay). */
export async function updatePartner(ctx: Ctx, departmentId: string, input: { active?: boolean; duty?: string }) {
  return ctx.db.transaction().execute(async (tx) => {
    const p = await tx.selectFrom('medfund_partner_departments as p').innerJoin('departments as d', 'd.id', 'p.department_id').select(['p.active', 'p.duty', 'd.name'])
      .where('p.department_id', '=', departmentId).forUpdate().executeTakeFirst();
    if (!p) throw new AppError('MEDFUND_PARTNER_NOT_FOUND');
    const set = { ...(input.active !== undefined ? { active: input.active } : {}), ...(input.duty !== undefined ? { duty: input.duty.trim() } : {}) };
    await tx.updateTable('medfund_partner_departments').set({ ...set, updated_at: ctx.now }).where('department_id', '=', departmentId).execute();
    await recordAudit(tx, ctx, { action: 'medfund.partner.update', entityType: 'department', entityId: departmentId, before: { active: p.active, duty: p.duty }, after: { name: p.name, ...set } });
  });
}

export async function getStageLimits(db: Tx) {
  const limits = await loadStageLimits(db);
  return OPEN_STAGES.map((s) => ({ stage: s, workdays: limits[s] }));
}

export async function setStageLimits(ctx: Ctx, items: { stage: OpenStage; workdays: number }[]) {
  await ctx.db.transaction().execute(async (tx) => {
    const before = await loadStageLimits(tx);
    for (const i of items) {
      await tx.insertInto('medfund_stage_limits').values({ stage: i.stage, workdays: i.workdays, updated_at: ctx.now })
        .onConflict((oc) => oc.column('stage').doUpdateSet({ workdays: i.workdays, updated_at: ctx.now })).execute();
    }
    await recordAudit(tx, ctx, { action: 'medfund.stage_limits.update', entityType: 'medfund_stage_limits', before, after: Object.fromEntries(items.map((i) => [i.stage, i.workdays])) });
  });
  return getStageLimits(ctx.db);
}
