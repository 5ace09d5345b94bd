// The category tree (诉求类别): configurable data, e.g. 政策咨询 › 人才政策, 要素保障 › 用地.
// A rule set on a category (a deadline, a routing rule) holds for its descendants too.
import type { Label } from '../label';

export interface CategoryNode {
  id: string;
  parentId: string | null;
  name: Label;
  /** An inactive category is kept for old requests but not offered for new ones. */
  active?: boolean;
}

export interface CategoryTree {
  has(id: string): boolean;
  get(id: string): CategoryNode | undefined;
  /** Ids from the root down to `id` (inclusive); [] for an unknown id. */
  pathOf(id: string): string[];
  /** Whether `id` is `ancestorId` or below it. */
  isWithin(id: string, ancestorId: string): boolean;
  children(parentId: string | null): CategoryNode[];
}

export function categoryTreeIssues(nodes: readonly CategoryNode[]): Label[] {
  const issues: Label[] = [];
  const byId = new Map<string, CategoryNode>();
  for (const n of nodes) {
    if (byId.has(n.id)) issues.push({ zh: `类别编号 ${n.id} 重复`, en: `category id ${n.id} appears twice` });
    byId.set(n.id, n);
  }
  for (const n of nodes) {
    if (n.parentId !== null && !byId.has(n.parentId)) issues.push({ zh: `类别 ${n.id} 的上级 ${n.parentId} 不存在`, en: `category ${n.id}: parent ${n.parentId} does not exist` });
    const seen = new Set<string>();
    for (let at: CategoryNode | undefined = n; at; at = at.parentId === null ? undefined : byId.get(at.parentId)) {
      if (seen.has(at.id)) {
        issues.push({ zh: `类别 ${n.id} 的上级关系成环`, en: `category ${n.id} is its own ancestor` });
        break;
      }
      seen.add(at.id);
    }
  }
  return issues;
}

export function createCategoryTree(nodes: readonly CategoryNode[]): CategoryTree {
  const issues = categoryTreeIssues(nodes);
  if (issues.length) throw new RangeError(issues.map((i) => i.en).join('; '));
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const paths = new Map<string, string[]>();
  const pathOf = (id: string): string[] => {
    const hit = paths.get(id);
    if (hit) return hit;
    const node = byId.get(id);
    if (!node) return [];
    const path = node.parentId === null ? [id] : [...pathOf(node.parentId), id];
    paths.set(id, path);
    return path;
  };
  return {
    has: (id) => byId.has(id),
    get: (id) => byId.get(id),
    pathOf: (id) => [...pathOf(id)],
    isWithin: (id, ancestorId) => pathOf(id).includes(ancestorId),
    children: (parentId) => nodes.filter((n) => n.parentId === parentId),
  };
}
