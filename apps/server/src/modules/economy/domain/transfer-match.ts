/**
 * Matching a research result offered for transfer (科技成果) to enterprises, with a score that
 * explains itself factor by factor (docs/economy/TRANSFER.md "Matching"). Pure: the caller reads
 * the enterprise's registry data and R&D figures and passes them in.
 *
 * Factors and weights (points out of 100 when every factor is known):
 *   industry  35  the enterprise's GB/T 4754 小类 starts with one of the result's industry codes:
 *                 matched at 小类 (4 digits) 1.0, 中类 (3) 0.8, 大类 (2) 0.6; only the same 大类 as a
 *                 longer code 0.3; otherwise 0
 *   keywords  30  share of the result's keywords found in the enterprise's name, business scope or
 *                 tags; three found (or all, when it has fewer) is full marks
 *   rd        20  R&D intensity of the enterprise's latest full year (研发费用 / 营业收入):
 *                 ≥ 5 % 1.0, ≥ 3 % 0.7, > 0 0.4, none reported 0
 *   highTech  15  a recognised high-tech enterprise (高新技术企业) 1.0, otherwise 0
 *   chain     (10) the enterprise sits in an industrial-chain link the result serves — only when
 *                 chain data is given (`chainLinks`); otherwise the factor is left out and the score
 *                 is the share of the other factors' weights, so scores stay comparable on 0-100.
 */

export const MATCH_WEIGHTS = { industry: 35, keywords: 30, rd: 20, highTech: 15, chain: 10 } as const;
export type MatchFactorKey = keyof typeof MATCH_WEIGHTS;

export interface MatchableResult {
  industryPrefixes: readonly string[];
  keywords: readonly string[];
  /** Chain link ids the result serves; undefined when industrial chains are not available. */
  chainLinks?: readonly string[];
}

export interface MatchableEnterprise {
  industryCode: string;
  name: string;
  businessScope: string;
  tags: readonly string[];
  highTech: boolean;
  /** The latest full year's R&D spend and revenue in fen, or null when not reported. */
  rdFen: number | null;
  revenueFen: number | null;
  rdYear: number | null;
  /** Chain link ids the enterprise sits in (by its industry and keywords); undefined when not available. */
  chainLinks?: readonly string[];
}

export interface MatchFactor {
  key: MatchFactorKey;
  weight: number;
  /** 0..1 */
  fraction: number;
  points: number;
  /** Why, in Chinese, for the officer (English in `reasonEn`). */
  reason: string;
  reasonEn: string;
}

export interface MatchScore {
  /** 0..100, one decimal: the points over the weights of the factors that apply. */
  score: number;
  factors: MatchFactor[];
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export function industryFraction(prefixes: readonly string[], code: string): { fraction: number; prefix: string | null } {
  let best = { fraction: 0, prefix: null as string | null };
  for (const p of prefixes) {
    let f = 0;
    if (code.startsWith(p)) f = p.length >= 4 ? 1 : p.length === 3 ? 0.8 : 0.6;
    else if (p.length > 2 && code.slice(0, 2) === p.slice(0, 2)) f = 0.3;
    if (f > best.fraction) best = { fraction: f, prefix: p };
  }
  return best;
}

export function keywordHits(keywords: readonly string[], e: Pick<MatchableEnterprise, 'name' | 'businessScope' | 'tags'>): string[] {
  const text = `${e.name}\n${e.businessScope}\n${e.tags.join('\n')}`.toLowerCase();
  return [...new Set(keywords.map((k) => k.trim()).filter((k) => k && text.includes(k.toLowerCase())))];
}

export function rdFraction(rdFen: number | null, revenueFen: number | null): { fraction: number; intensity: number | null } {
  if (rdFen === null || rdFen <= 0) return { fraction: 0, intensity: null };
  if (revenueFen === null || revenueFen <= 0) return { fraction: 0.4, intensity: null };
  const intensity = rdFen / revenueFen;
  return { fraction: intensity >= 0.05 ? 1 : intensity >= 0.03 ? 0.7 : 0.4, intensity };
}

function factor(key: MatchFactorKey, fraction: number, reason: string, reasonEn: string): MatchFactor {
  const weight = MATCH_WEIGHTS[key];
  return { key, weight, fraction, points: round1(weight * fraction), reason, reasonEn };
}

export function matchScore(result: MatchableResult, e: MatchableEnterprise): MatchScore {
  const factors: MatchFactor[] = [];

  const ind = industryFraction(result.industryPrefixes, e.industryCode);
  factors.push(factor('industry', ind.fraction,
    ind.prefix === null ? `行业 ${e.industryCode} 不在成果的适用行业内` : ind.fraction === 0.3 ? `行业 ${e.industryCode} 与 ${ind.prefix} 同属大类 ${ind.prefix.slice(0, 2)}` : `行业 ${e.industryCode} 属于 ${ind.prefix}`,
    ind.prefix === null ? `Industry ${e.industryCode} is outside the result's industries` : ind.fraction === 0.3 ? `Industry ${e.industryCode} shares division ${ind.prefix.slice(0, 2)} with ${ind.prefix}` : `Industry ${e.industryCode} is within ${ind.prefix}`));

  const hits = keywordHits(result.keywords, e);
  const needed = Math.min(3, result.keywords.length);
  const kwFraction = needed === 0 ? 0 : Math.min(1, hits.length / needed);
  factors.push(factor('keywords', kwFraction,
    hits.length ? `命中关键词：${hits.join('、')}（${hits.length}/${needed}）` : '名称、经营范围和标签中未见成果关键词',
    hits.length ? `Keywords found: ${hits.join(', ')} (${hits.length}/${needed})` : 'No keyword of the result in the name, business scope or tags'));

  const rd = rdFraction(e.rdFen, e.revenueFen);
  const yearZh = e.rdYear ? `${e.rdYear} 年` : '';
  factors.push(factor('rd', rd.fraction,
    rd.intensity !== null ? `${yearZh}研发投入强度 ${(rd.intensity * 100).toFixed(1)}%` : rd.fraction > 0 ? `${yearZh}有研发费用，营业收入未报` : '未报研发费用',
    rd.intensity !== null ? `R&D intensity ${(rd.intensity * 100).toFixed(1)}%${e.rdYear ? ` in ${e.rdYear}` : ''}` : rd.fraction > 0 ? 'R&D spend reported, revenue not' : 'No R&D spend reported'));

  factors.push(factor('highTech', e.highTech ? 1 : 0, e.highTech ? '国家高新技术企业' : '不是高新技术企业', e.highTech ? 'Recognised high-tech enterprise' : 'Not a high-tech enterprise'));

  if (result.chainLinks !== undefined && e.chainLinks !== undefined) {
    const shared = result.chainLinks.filter((l) => e.chainLinks!.includes(l));
    factors.push(factor('chain', shared.length ? 1 : 0, shared.length ? `同在产业链环节（${shared.length} 个）` : '不在成果服务的产业链环节', shared.length ? `In ${shared.length} chain link(s) the result serves` : 'Not in a chain link the result serves'));
  }

  const weights = factors.reduce((s, f) => s + f.weight, 0);
  const points = factors.reduce((s, f) => s + f.weight * f.fraction, 0);
  return { score: round1((points / weights) * 100), factors };
}

/** The top `limit` enterprises by score (ties: more factors scoring, then name), those scoring above `min`. */
export function rankMatches<T extends MatchableEnterprise & { id: string }>(result: MatchableResult, enterprises: readonly T[], limit: number, min = 0): (MatchScore & { enterprise: T })[] {
  return enterprises
    .map((e) => ({ enterprise: e, ...matchScore(result, e) }))
    .filter((m) => m.score > min)
    .sort((a, b) => b.score - a.score || b.factors.filter((f) => f.fraction > 0).length - a.factors.filter((f) => f.fraction > 0).length || a.enterprise.name.localeCompare(b.enterprise.name, 'zh-CN'))
    .slice(0, limit);
}
