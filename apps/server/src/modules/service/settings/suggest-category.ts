/**
 * Suggests a request's category from its text: the first active category, in the form's order,
 * with a keyword found in the text (case-insensitive substring: Chinese has no spaces). A
 * sub-category is tried before its parent, so 用电 wins over 要素保障. Pure; a suggestion the
 * operator or dispatcher confirms when accepting.
 */
export interface SuggestableCategory {
  id: string;
  parentId: string | null;
  keywords: readonly string[];
  active: boolean;
}

export function suggestCategory(categories: readonly SuggestableCategory[], text: string): { categoryId: string; keyword: string } | null {
  const haystack = text.toLowerCase();
  const parents = new Set(categories.map((c) => c.parentId).filter((p): p is string => p !== null));
  // Leaves first (deepest), in the order given; then the categories that have children.
  const ordered = [...categories.filter((c) => !parents.has(c.id)), ...categories.filter((c) => parents.has(c.id))];
  for (const c of ordered) {
    if (!c.active) continue;
    const hit = c.keywords.find((k) => k.trim() !== '' && haystack.includes(k.trim().toLowerCase()));
    if (hit !== undefined) return { categoryId: c.id, keyword: hit };
  }
  return null;
}
