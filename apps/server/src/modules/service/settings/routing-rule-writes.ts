import { AppError } from '../../../http/app-error';
import { changedFields, recordAudit } from '../../../core/audit/audit';
import type { Ctx, Tx } from '../../../core/context';
import { assertActiveUnits, listRoutingRules, loadCategories, ruleView } from './catalog';

/** One routing rule as the page edits it (RoutingRuleInput). */
export interface RoutingRuleData {
  name: string; categoryIds: string[]; keywords: string[]; divisionPrefixes: string[]; parkIds: string[];
  unitId: string; assistingUnitIds: string[]; agentStrategy: 'none' | 'round_robin' | 'least_loaded'; active: boolean;
}

/** Categories, parks and units a rule names exist (units active): else 400 at the field. */
async function assertRuleReferences(tx: Tx, r: RoutingRuleData): Promise<void> {
  const categories = new Set((await loadCategories(tx)).map((c) => c.id));
  const fields: Record<string, string> = {};
  r.categoryIds.forEach((c, k) => { if (!categories.has(c)) fields[`categoryIds.${k}`] = '诉求类别不存在'; });
  if (r.parkIds.length) {
    const parks = new Set((await tx.selectFrom('parks').select('id').where('id', 'in', r.parkIds).execute()).map((p) => p.id));
    r.parkIds.forEach((p, k) => { if (!parks.has(p)) fields[`parkIds.${k}`] = '园区不存在'; });
  }
  if (r.assistingUnitIds.includes(r.unitId)) fields.assistingUnitIds = '协办单位不能与主办单位相同';
  if (Object.keys(fields).length) throw new AppError('VALIDATION_FAILED', fields);
  // An inactive rule may keep naming a unit switched off since; an active one may not.
  if (r.active) {
    await assertActiveUnits(tx, [{ field: 'unitId', id: r.unitId }, ...r.assistingUnitIds.map((id, k) => ({ field: `assistingUnitIds.${k}`, id }))]);
  }
}

const rowValues = (r: RoutingRuleData) => ({
  name: r.name, category_ids: r.categoryIds, keywords: r.keywords, division_prefixes: r.divisionPrefixes, park_ids: r.parkIds,
  unit_id: r.unitId, assisting_unit_ids: r.assistingUnitIds, agent_strategy: r.agentStrategy, active: r.active,
});

/** Moves the rule to the 1-based position (clamped), renumbering the others 1…n in the list's order. */
async function placeRule(tx: Tx, id: string, position: number, now: Date): Promise<void> {
  const order = (await listRoutingRules(tx)).map((r) => r.id).filter((x) => x !== id);
  order.splice(Math.max(0, Math.min(order.length, position - 1)), 0, id);
  const current = new Map((await listRoutingRules(tx)).map((r) => [r.id, r.position]));
  for (const [i, rid] of order.entries()) {
    if (current.get(rid) !== i + 1) await tx.updateTable('service_routing_rules').set({ position: i + 1, updated_at: now }).where('id', '=', rid).execute();
  }
}

/** Adds one routing rule, at `position` (1 = first; default last). Audited service.routing.create. */
export async function createRoutingRule(ctx: Ctx, input: RoutingRuleData & { position?: number }) {
  return ctx.db.transaction().execute(async (tx) => {
    await assertRuleReferences(tx, input);
    const count = (await listRoutingRules(tx)).length;
    const { id } = await tx.insertInto('service_routing_rules')
      .values({ ...rowValues(input), position: count + 1, updated_at: ctx.now }).returning('id').executeTakeFirstOrThrow();
    if (input.position !== undefined) await placeRule(tx, id, input.position, ctx.now);
    const after = (await listRoutingRules(tx)).find((r) => r.id === id)!;
    await recordAudit(tx, ctx, { action: 'service.routing.create', entityType: 'service_routing_rule', entityId: id, after });
    return after;
  });
}

/**
 * Changes one routing rule — its conditions, units, strategy, on/off (停用 keeps it, out of the
 * suggestion) and, with `position`, its place in the order. Audited service.routing.update with
 * the fields that changed.
 */
export async function updateRoutingRule(ctx: Ctx, id: string, input: RoutingRuleData & { position?: number }) {
  return ctx.db.transaction().execute(async (tx) => {
    const row = await tx.selectFrom('service_routing_rules').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw new AppError('SERVICE_ROUTING_RULE_NOT_FOUND');
    const before = ruleView(row);
    await assertRuleReferences(tx, input);
    await tx.updateTable('service_routing_rules').set({ ...rowValues(input), updated_at: ctx.now }).where('id', '=', id).execute();
    if (input.position !== undefined && input.position !== before.position) await placeRule(tx, id, input.position, ctx.now);
    const after = (await listRoutingRules(tx)).find((r) => r.id === id)!;
    const diff = changedFields(before, after);
    if (diff) await recordAudit(tx, ctx, { action: 'service.routing.update', entityType: 'service_routing_rule', entityId: id, ...diff });
    return after;
  });
}
