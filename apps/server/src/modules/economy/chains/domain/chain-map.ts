import { comparableGrowth } from '../../domain/comparable-growth';

/**
 * The chain map (产业链图谱), pure: which local enterprises sit in each link of a chain, counted
 * distinctly up the tree, their revenue and comparable-basis growth, a strength score and the gaps.
 * docs/economy/CHAINS.md gives the rules with a hand-worked example (chain-map.test.ts).
 */
export interface LinkDef {
  id: string;
  parentId: string | null;
  name: string;
  industryPrefixes: readonly string[];
  keywords: readonly string[];
  sortOrder: number;
}

export interface ChainEnterprise {
  id: string;
  industryCode: string;
  /** The enterprise's name and business scope, where keywords are looked for. */
  text: string;
  aboveScale: boolean;
  highTech: boolean;
  /** Cumulative revenue of the period shown (fen), and of the same period a year earlier. */
  current?: number;
  base?: number;
}

export type GapKind = 'missing' | 'weak';

/** A link with fewer enterprises than this, or a score under WEAK_SCORE, is weak; none at all is missing. */
export const STRENGTH = {
  /** Enterprises for the full presence part (50 points). */
  fullPresence: 10,
  /** Above-scale enterprises for the full scale part (30 points). */
  fullAboveScale: 3,
  /** Growth at or below this earns none of the growth part (20 points) … */
  growthFloor: -0.05,
  /** … at or above this, all of it; unknown growth earns half. */
  growthCeiling: 0.15,
  weakScore: 40,
} as const;

/** Does the enterprise belong to the link itself (not counting its children)? Prefixes at any level; keywords in the name or business scope. */
export function inLink(link: Pick<LinkDef, 'industryPrefixes' | 'keywords'>, e: Pick<ChainEnterprise, 'industryCode' | 'text'>): boolean {
  return link.industryPrefixes.some((p) => e.industryCode.startsWith(p)) || link.keywords.some((k) => k !== '' && e.text.includes(k));
}

/**
 * Every link's enterprises, distinct: its own matches and its descendants', each enterprise once
 * (a set union, never a sum of the children's counts).
 */
export function distinctMembers(links: readonly LinkDef[], enterprises: readonly ChainEnterprise[]): Map<string, Set<string>> {
  const children = childrenOf(links);
  const own = new Map(links.map((l) => [l.id, new Set(enterprises.filter((e) => inLink(l, e)).map((e) => e.id))]));
  const result = new Map<string, Set<string>>();
  const visit = (id: string, path: Set<string>): Set<string> => {
    const done = result.get(id);
    if (done) return done;
    if (path.has(id)) throw new Error(`chain link ${id} is its own ancestor`);
    path.add(id);
    const set = new Set(own.get(id));
    for (const c of children.get(id) ?? []) for (const e of visit(c.id, path)) set.add(e);
    path.delete(id);
    result.set(id, set);
    return set;
  };
  for (const l of links) visit(l.id, new Set());
  return result;
}

export function childrenOf(links: readonly LinkDef[]): Map<string | null, LinkDef[]> {
  const map = new Map<string | null, LinkDef[]>();
  for (const l of [...links].sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'zh-CN'))) {
    const list = map.get(l.parentId) ?? [];
    list.push(l);
    map.set(l.parentId, list);
  }
  return map;
}

/**
 * Strength score 0–100: presence 50 × min(n / 10, 1) + scale 30 × min(above-scale / 3, 1) +
 * growth 20 × the comparable growth's place between −5 % and +15 % (unknown growth: half).
 */
export function strengthScore(s: { enterprises: number; aboveScale: number; growthRate: number | null }): number {
  const presence = Math.min(s.enterprises / STRENGTH.fullPresence, 1) * 50;
  const scale = Math.min(s.aboveScale / STRENGTH.fullAboveScale, 1) * 30;
  const g = s.growthRate === null ? 0.5 : Math.min(Math.max((s.growthRate - STRENGTH.growthFloor) / (STRENGTH.growthCeiling - STRENGTH.growthFloor), 0), 1);
  return s.enterprises === 0 ? 0 : Math.round(presence + scale + g * 20);
}

export function gapOf(enterprises: number, score: number): GapKind | null {
  if (enterprises === 0) return 'missing';
  return score < STRENGTH.weakScore ? 'weak' : null;
}

export interface LinkFigures {
  id: string;
  parentId: string | null;
  enterprises: number;
  aboveScale: number;
  highTech: number;
  /** Σ revenue this period (fen) over the link's enterprises that reported. */
  revenue: number;
  /** Comparable-basis growth over the same enterprises; null without a base. */
  growthRate: number | null;
  compared: number;
  score: number;
  gap: GapKind | null;
}

/** Figures of every link (distinct enterprises, revenue, comparable growth, score, gap), in tree order. */
export function chainFigures(links: readonly LinkDef[], enterprises: readonly ChainEnterprise[]): LinkFigures[] {
  const members = distinctMembers(links, enterprises);
  const byId = new Map(enterprises.map((e) => [e.id, e]));
  const children = childrenOf(links);
  const out: LinkFigures[] = [];
  const walk = (parentId: string | null) => {
    for (const l of children.get(parentId) ?? []) {
      const ids = members.get(l.id)!;
      const list = [...ids].map((id) => byId.get(id)!);
      const current = new Map<string, number>();
      const base = new Map<string, number>();
      for (const e of list) {
        if (e.current !== undefined) current.set(e.id, e.current);
        if (e.base !== undefined) base.set(e.id, e.base);
      }
      const g = comparableGrowth({ current, base, cohort: ids });
      const aboveScale = list.filter((e) => e.aboveScale).length;
      const score = strengthScore({ enterprises: ids.size, aboveScale, growthRate: g.rate });
      out.push({
        id: l.id, parentId: l.parentId, enterprises: ids.size, aboveScale, highTech: list.filter((e) => e.highTech).length,
        revenue: g.total, growthRate: g.rate, compared: g.compared, score, gap: gapOf(ids.size, score),
      });
      walk(l.id);
    }
  };
  walk(null);
  return out;
}

/** The links whose prefixes cover an industry code (a prefix of it), e.g. 3973 → a link mapped to 397 or 3973. */
export function linksForIndustry<L extends Pick<LinkDef, 'industryPrefixes'>>(links: readonly L[], industryCode: string): L[] {
  return links.filter((l) => l.industryPrefixes.some((p) => industryCode.startsWith(p)));
}

/** A link's descendants (ids), for the projects that fill a gap anywhere below it. */
export function descendantsOf(links: readonly LinkDef[], id: string): string[] {
  const children = childrenOf(links);
  const out: string[] = [];
  const walk = (p: string) => {
    for (const c of children.get(p) ?? []) {
      out.push(c.id);
      walk(c.id);
    }
  };
  walk(id);
  return out;
}

/** Would making `parentId` the parent of `id` put the link under itself? */
export function wouldCycle(links: readonly Pick<LinkDef, 'id' | 'parentId'>[], id: string, parentId: string | null): boolean {
  const parent = new Map(links.map((l) => [l.id, l.parentId]));
  for (let p = parentId; p !== null; p = parent.get(p) ?? null) if (p === id) return true;
  return false;
}
