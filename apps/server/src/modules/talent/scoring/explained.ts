import { explainResult, type EvaluationResult, type Explanation, type Locale } from '../domain';

export type LocaleChoice = Locale | 'both';
export const localesOf = (choice: LocaleChoice): Locale[] => (choice === 'both' ? ['zh-CN', 'en-US'] : [choice]);

type Texts = Partial<Record<Locale, string>>;

/**
 * A stored result with its explanation in the requested locales: every item (with its label,
 * status and points) and every group in a sentence, and a summary. Rendered from the stored
 * EvaluationResult alone, so a result of a retired version reads as it did when computed.
 */
export function explained(result: EvaluationResult, locales: Locale[]) {
  const ex = new Map<Locale, Explanation>(locales.map((l) => [l, explainResult(result, l)]));
  const pick = (f: (e: Explanation) => string): Texts => Object.fromEntries(locales.map((l) => [l, f(ex.get(l)!)]));
  return {
    summary: pick((e) => e.summary),
    items: result.items.map((it, i) => ({
      itemId: it.itemId, label: it.label, group: it.group, reference: it.reference, status: it.status, points: it.points,
      explanation: pick((e) => e.items[i]!.text),
    })),
    groups: result.groups.map((g, i) => ({ groupId: g.groupId, label: g.label, points: g.points, explanation: pick((e) => e.groups[i]!.text) })),
  };
}
