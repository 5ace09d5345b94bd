import type { Tx } from '../../../core/context';
import { linksForIndustry } from './domain/chain-map';

/**
 * The chain links an industry code belongs to (one of the link's prefixes starts the code), with
 * their chain: for other parts of the economy module (technology transfer links a research result
 * to a chain link by id). Links are stable ids in `economy_chain_links`.
 */
export interface ChainLinkRef { id: string; chainId: string; chainName: string; name: string; industryPrefixes: string[] }

export async function chainLinksForIndustry(db: Tx, industryCode: string): Promise<ChainLinkRef[]> {
  const rows = await db.selectFrom('economy_chain_links as l').innerJoin('economy_chains as c', 'c.id', 'l.chain_id')
    .select(['l.id', 'l.chain_id', 'c.name as chain_name', 'l.name', 'l.industry_prefixes'])
    .orderBy('c.sort_order').orderBy('l.sort_order').execute();
  return linksForIndustry(rows.map((r) => ({ id: r.id, chainId: r.chain_id, chainName: r.chain_name, name: r.name, industryPrefixes: r.industry_prefixes })), industryCode);
}

/** One link by id with its chain, or null. */
export async function chainLinkById(db: Tx, id: string): Promise<ChainLinkRef | null> {
  const r = await db.selectFrom('economy_chain_links as l').innerJoin('economy_chains as c', 'c.id', 'l.chain_id')
    .select(['l.id', 'l.chain_id', 'c.name as chain_name', 'l.name', 'l.industry_prefixes']).where('l.id', '=', id).executeTakeFirst();
  return r ? { id: r.id, chainId: r.chain_id, chainName: r.chain_name, name: r.name, industryPrefixes: r.industry_prefixes } : null;
}
