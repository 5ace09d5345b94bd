import { sql } from 'kysely';
import type { Tx } from '../../../core/context';
import type { LinkDef } from './domain/chain-map';

export interface LinkRow {
  id: string; chain_id: string; parent_id: string | null; name: string; name_en: string; segment: 'upstream' | 'midstream' | 'downstream';
  industry_prefixes: string[]; keywords: string[]; sort_order: number; version: number;
}

export async function linksOf(db: Tx, chainId: string): Promise<LinkRow[]> {
  return db.selectFrom('economy_chain_links').select(['id', 'chain_id', 'parent_id', 'name', 'name_en', 'segment', 'industry_prefixes', 'keywords', 'sort_order', 'version'])
    .where('chain_id', '=', chainId).orderBy('sort_order').orderBy('name').execute();
}

export const toLinkDef = (l: LinkRow): LinkDef => ({ id: l.id, parentId: l.parent_id, name: l.name, industryPrefixes: l.industry_prefixes, keywords: l.keywords, sortOrder: l.sort_order });

/** "6520 集成电路设计" for each code. */
export async function industryNames(db: Tx, codes: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(codes)];
  if (!unique.length) return new Map();
  const rows = await db.selectFrom('industries').select(['code', 'name']).where('code', 'in', unique).execute();
  return new Map(rows.map((r) => [r.code, `${r.code} ${r.name}`]));
}

/** LIKE patterns for the keywords, with %, _ and \ taken literally. */
export const keywordPatterns = (keywords: string[]) => keywords.filter(Boolean).map((k) => `%${k.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);

/** SQL: the enterprise `e` matches one of the prefixes or keywords (the same rule as domain/chain-map.ts inLink). */
export function matchesAny(prefixes: string[], keywords: string[]) {
  const p = prefixes.length ? prefixes.map((x) => `${x}%`) : ['\u0000'];
  const k = keywordPatterns(keywords);
  return sql<boolean>`(e.industry_code LIKE ANY(${p}::text[]) ${k.length ? sql`OR (e.name || ' ' || e.business_scope) LIKE ANY(${k}::text[])` : sql``})`;
}
