// Routing (分办规则): ordered rules from a request's category, text, street and park to the
// handling unit that should get it — first match wins (osTicket's ticket filters, stop on match).
// The result is a suggestion for the dispatcher, with the rule that made it.
import type { CategoryTree } from './category-tree';

export interface RoutingRule {
  id: string;
  /** Every condition given must hold; within one, any of its values. No condition: matches all. */
  when: {
    /** The request's category is one of these or below one of them. */
    categoryIds?: readonly string[];
    /** One of these appears in the title or description (case-insensitive substring: Chinese has no spaces). */
    keywords?: readonly string[];
    /** The enterprise's 12-digit division code starts with one of these (a 9-digit 街道 code, e.g. 330110010 良渚街道). */
    divisionPrefixes?: readonly string[];
    /** The enterprise is in one of these parks (一园一档). */
    parkIds?: readonly string[];
  };
  /** The lead unit. */
  unitId: string;
  /** Units to assist, if any. */
  assistingUnitIds?: readonly string[];
  /** How to pick the lead unit's service agent. */
  agentStrategy?: 'round_robin' | 'least_loaded' | 'none';
}

export interface RoutingInput {
  categoryId: string | null;
  title: string;
  description: string;
  divisionCode: string | null;
  parkIds: readonly string[];
}

export interface RoutingDecision {
  ruleId: string;
  unitId: string;
  assistingUnitIds: readonly string[];
  agentStrategy: 'round_robin' | 'least_loaded' | 'none';
  /** Which conditions matched, for the dispatcher to read. */
  matched: { category?: string; keyword?: string; divisionPrefix?: string; parkId?: string };
}

/** The first rule that matches, or null (the dispatcher decides by hand). */
export function routeRequest(rules: readonly RoutingRule[], tree: CategoryTree, input: RoutingInput): RoutingDecision | null {
  const text = `${input.title}\n${input.description}`.toLowerCase();
  for (const rule of rules) {
    const w = rule.when;
    const matched: RoutingDecision['matched'] = {};
    if (w.categoryIds) {
      const hit = input.categoryId === null ? undefined : w.categoryIds.find((c) => tree.isWithin(input.categoryId!, c));
      if (hit === undefined) continue;
      matched.category = hit;
    }
    if (w.keywords) {
      const hit = w.keywords.find((k) => k.trim() !== '' && text.includes(k.trim().toLowerCase()));
      if (hit === undefined) continue;
      matched.keyword = hit;
    }
    if (w.divisionPrefixes) {
      const hit = input.divisionCode === null ? undefined : w.divisionPrefixes.find((p) => input.divisionCode!.startsWith(p));
      if (hit === undefined) continue;
      matched.divisionPrefix = hit;
    }
    if (w.parkIds) {
      const hit = w.parkIds.find((p) => input.parkIds.includes(p));
      if (hit === undefined) continue;
      matched.parkId = hit;
    }
    return { ruleId: rule.id, unitId: rule.unitId, assistingUnitIds: rule.assistingUnitIds ?? [], agentStrategy: rule.agentStrategy ?? 'none', matched };
  }
  return null;
}
