import { AppError } from '../../../http/app-error';
import { recordAudit } from '../../../core/audit/audit';
import type { Ctx, Tx } from '../../../core/context';
import { createCategoryTree, type CategoryTree, type RoutingRule } from '../domain';
import type { ServiceCategoryTable } from '../../../db/schema';
import type { Selectable } from 'kysely';
import { suggestCategory } from './suggest-category';

/** The request categories (诉求类别), in the form's order. */
export async function loadCategories(db: Tx): Promise<Selectable<ServiceCategoryTable>[]> {
  return db.selectFrom('service_categories').selectAll().orderBy('sort_order').orderBy('id').execute();
}

export function categoryView(c: Selectable<ServiceCategoryTable>) {
  return { id: c.id, parentId: c.parent_id, name: c.name, nameEn: c.name_en, keywords: c.keywords, active: c.active };
}

export function categoryTreeOf(rows: readonly Selectable<ServiceCategoryTable>[]): CategoryTree {
  return createCategoryTree(rows.map((c) => ({ id: c.id, parentId: c.parent_id, name: { zh: c.name, en: c.name_en }, active: c.active })));
}

export async function suggestCategoryFor(db: Tx, text: string) {
  const hit = suggestCategory((await loadCategories(db)).map(categoryView), text);
  return { categoryId: hit?.categoryId ?? null, keyword: hit?.keyword ?? null };
}

/** A category a new request or an acceptance may use: it exists and is offered. */
export async function assertUsableCategory(db: Tx, id: string, field = 'categoryId'): Promise<void> {
  const c = await db.selectFrom('service_categories').select('active').where('id', '=', id).executeTakeFirst();
  if (!c?.active) throw new AppError('SERVICE_CATEGORY_INVALID', { [field]: '诉求类别不存在或已停用' });
}

/** Handling units (承办单位): every department and section, active unless switched off. */
export async function listUnits(db: Tx) {
  const rows = await db
    .selectFrom('departments as d')
    .leftJoin('service_units as s', 's.department_id', 'd.id')
    .select(['d.id', 'd.parent_id', 'd.name', 'd.kind', 'd.division_code', 's.active', 's.agent_strategy'])
    .orderBy('d.kind')
    .orderBy('d.name')
    .execute();
  return rows.map((r) => ({
    id: r.id, parentId: r.parent_id, name: r.name, kind: r.kind, divisionCode: r.division_code, active: r.active ?? true,
    agentStrategy: r.agent_strategy ?? 'none',
  }));
}

/** Every unit of a dispatch exists and is active; otherwise 400 at the field that names it. */
export async function assertActiveUnits(db: Tx, units: { field: string; id: string }[]): Promise<void> {
  if (units.length === 0) return;
  const found = await db
    .selectFrom('departments as d')
    .leftJoin('service_units as s', 's.department_id', 'd.id')
    .select(['d.id', 's.active'])
    .where('d.id', 'in', units.map((u) => u.id))
    .execute();
  const ok = new Set(found.filter((f) => f.active !== false).map((f) => f.id));
  const fields: Record<string, string> = {};
  for (const u of units) if (!ok.has(u.id)) fields[u.field] = '承办单位不存在或已停用';
  if (Object.keys(fields).length) throw new AppError('SERVICE_UNIT_INVALID', fields);
}

/** Switches a unit on or off as a handling unit, and/or sets how its agents are picked. */
export async function updateUnit(ctx: Ctx, id: string, update: { active?: boolean; agentStrategy?: 'none' | 'round_robin' | 'least_loaded' }) {
  return ctx.db.transaction().execute(async (tx) => {
    const d = await tx.selectFrom('departments').select('id').where('id', '=', id).executeTakeFirst();
    if (!d) throw new AppError('DEPARTMENT_NOT_FOUND');
    const row = await tx.selectFrom('service_units').select(['active', 'agent_strategy']).where('department_id', '=', id).executeTakeFirst();
    const before = { active: row?.active ?? true, agentStrategy: row?.agent_strategy ?? 'none' };
    const after = { active: update.active ?? before.active, agentStrategy: update.agentStrategy ?? before.agentStrategy };
    const values = { active: after.active, agent_strategy: after.agentStrategy, updated_at: ctx.now };
    await tx
      .insertInto('service_units')
      .values({ department_id: id, ...values })
      .onConflict((oc) => oc.column('department_id').doUpdateSet(values))
      .execute();
    await recordAudit(tx, ctx, { action: 'service.unit.update', entityType: 'department', entityId: id, before, after });
    return (await listUnits(tx)).find((u) => u.id === id)!;
  });
}

type RuleRow = Awaited<ReturnType<typeof routingRuleRows>>[number];
const routingRuleRows = (db: Tx) => db.selectFrom('service_routing_rules').selectAll().orderBy('position').orderBy('id').execute();

export function ruleView(r: RuleRow) {
  return {
    id: r.id, position: r.position, name: r.name, categoryIds: r.category_ids, keywords: r.keywords, divisionPrefixes: r.division_prefixes,
    parkIds: r.park_ids, unitId: r.unit_id, assistingUnitIds: r.assisting_unit_ids, agentStrategy: r.agent_strategy, active: r.active,
  };
}

export async function listRoutingRules(db: Tx) {
  return (await routingRuleRows(db)).map(ruleView);
}

/** The active rules in the domain's shape (empty arrays = no condition). */
export async function activeRoutingRules(db: Tx): Promise<RoutingRule[]> {
  const some = <T>(a: readonly T[]) => (a.length ? a : undefined);
  return (await routingRuleRows(db))
    .filter((r) => r.active)
    .map((r) => ({
      id: r.id,
      when: {
        ...(some(r.category_ids) ? { categoryIds: r.category_ids } : {}),
        ...(some(r.keywords) ? { keywords: r.keywords } : {}),
        ...(some(r.division_prefixes) ? { divisionPrefixes: r.division_prefixes } : {}),
        ...(some(r.park_ids) ? { parkIds: r.park_ids } : {}),
      },
      unitId: r.unit_id,
      assistingUnitIds: r.assisting_unit_ids,
      agentStrategy: r.agent_strategy,
    }));
}

/** Replaces the ordered list of routing rules (the order is the list's). */
export async function replaceRoutingRules(
  ctx: Ctx,
  rules: {
    name: string; categoryIds: string[]; keywords: string[]; divisionPrefixes: string[]; parkIds: string[];
    unitId: string; assistingUnitIds: string[]; agentStrategy: 'none' | 'round_robin' | 'least_loaded'; active: boolean;
  }[],
) {
  return ctx.db.transaction().execute(async (tx) => {
    const categories = new Set((await loadCategories(tx)).map((c) => c.id));
    const fields: Record<string, string> = {};
    rules.forEach((r, i) => {
      r.categoryIds.forEach((c, k) => { if (!categories.has(c)) fields[`rules.${i}.categoryIds.${k}`] = '诉求类别不存在'; });
    });
    if (Object.keys(fields).length) throw new AppError('VALIDATION_FAILED', fields);
    await assertActiveUnits(tx, rules.flatMap((r, i) => [
      { field: `rules.${i}.unitId`, id: r.unitId },
      ...r.assistingUnitIds.map((id, k) => ({ field: `rules.${i}.assistingUnitIds.${k}`, id })),
    ]));
    const before = await listRoutingRules(tx);
    await tx.deleteFrom('service_routing_rules').execute();
    if (rules.length) {
      await tx.insertInto('service_routing_rules').values(rules.map((r, i) => ({
        position: i + 1, name: r.name, category_ids: r.categoryIds, keywords: r.keywords, division_prefixes: r.divisionPrefixes,
        park_ids: r.parkIds, unit_id: r.unitId, assisting_unit_ids: r.assistingUnitIds, agent_strategy: r.agentStrategy, active: r.active,
        updated_at: ctx.now,
      }))).execute();
    }
    await recordAudit(tx, ctx, { action: 'service.routing.replace', entityType: 'service_routing_rules', before: { rules: before.length }, after: { rules } });
    return listRoutingRules(tx);
  });
}
