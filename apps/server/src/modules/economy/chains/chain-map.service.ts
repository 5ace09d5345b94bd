import { sql } from 'kysely';
import type { z } from 'zod';
import type { Ctx } from '../../../core/context';
import { enterpriseInScope } from '../../../core/identity/scope';
import { AppError } from '../../../http/app-error';
import { FEN_PER_WAN, formatPeriod } from '../domain';
import { defaultPeriod } from '../dashboard/growth.service';
import { projectInScope } from '../projects/project-scope';
import { isMajor } from '../projects/domain/stage-rules';
import type { ChainEnterpriseRow, ChainMap } from './chain.schemas';
import { industryNames, linksOf, matchesAny, toLinkDef } from './chain.repo';
import { chainFigures, descendantsOf, distinctMembers, type ChainEnterprise } from './domain/chain-map';

export const CHAIN_METHOD_ZH = '环节企业：行业代码以环节任一代码开头（大类、中类或小类），或企业名称、经营范围含环节关键词；上级环节含其全部下级环节的企业，同一企业只计一次。营收为最近统计期间的累计营业收入，增速为同口径（同一批企业与上年同期比）。强度 = 企业数 50 分（10 家满分）+ 规上企业 30 分（3 家满分）+ 同口径增速 20 分（−5% 为 0，+15% 满分，无法比较计一半）；无本地企业为缺链，强度低于 40 分为弱链。';

const wan = (fen: number) => Math.round((fen / FEN_PER_WAN) * 100) / 100;

/** The chain's enterprises inside the actor's scope (active ones), with the period's revenue and a year earlier. */
async function chainEnterprises(ctx: Ctx, prefixes: string[], keywords: string[]) {
  const period = await defaultPeriod(ctx);
  if (!prefixes.length && !keywords.length) return { period, enterprises: [] as ChainEnterprise[] };
  const y = period?.year ?? 0;
  const part = period?.part ?? '';
  const rows = await sql<{ id: string; industry_code: string; text: string; above: boolean | null; high_tech: boolean; cur: number | null; base: number | null }>`
    SELECT e.id, e.industry_code, e.name || ' ' || e.business_scope AS text, s.above_scale AS above, e.high_tech, f.revenue_fen AS cur, b.revenue_fen AS base
    FROM enterprises e
    LEFT JOIN economy_scale_status s ON s.enterprise_id = e.id AND s.year = ${y}
    LEFT JOIN economy_figures f ON f.enterprise_id = e.id AND f.year = ${y} AND f.period = ${part} AND f.basis = 'cumulative'
    LEFT JOIN economy_figures b ON b.enterprise_id = e.id AND b.year = ${y - 1} AND b.period = ${part} AND b.basis = 'cumulative'
    WHERE e.status = 'active' AND ${enterpriseInScope(ctx.actor)} AND ${matchesAny(prefixes, keywords)}`.execute(ctx.db);
  return {
    period,
    enterprises: rows.rows.map((r): ChainEnterprise => ({
      id: r.id, industryCode: r.industry_code, text: r.text, aboveScale: !!r.above, highTech: r.high_tech,
      ...(r.cur === null ? {} : { current: Number(r.cur) }), ...(r.base === null ? {} : { base: Number(r.base) }),
    })),
  };
}

/** The chain map: every link's distinct enterprises, revenue, comparable growth, strength, gap, and the projects under way in it. */
export async function chainMap(ctx: Ctx, chainId: string): Promise<z.infer<typeof ChainMap>> {
  const chain = await ctx.db.selectFrom('economy_chains').selectAll().where('id', '=', chainId).executeTakeFirst();
  if (!chain) throw new AppError('ECONOMY_CHAIN_NOT_FOUND');
  const links = await linksOf(ctx.db, chainId);
  const defs = links.map(toLinkDef);
  const { period, enterprises } = await chainEnterprises(ctx, links.flatMap((l) => l.industry_prefixes), links.flatMap((l) => l.keywords));
  const figures = chainFigures(defs, enterprises);
  const names = await industryNames(ctx.db, links.flatMap((l) => l.industry_prefixes));
  const projects = links.length ? await ctx.db.selectFrom('economy_projects as p')
    .innerJoin('economy_project_stages as s', 's.code', 'p.stage')
    .select(['p.id', 'p.name', 'p.investor', 'p.stage', 's.name as stage_name', 'p.total_investment_fen', 'p.chain_link_id'])
    .where('p.chain_link_id', 'in', links.map((l) => l.id)).where('p.status', '=', 'active').where(projectInScope(ctx.actor))
    .orderBy('s.sort_order', 'desc').orderBy('p.total_investment_fen', 'desc').execute() : [];
  const byId = new Map(links.map((l) => [l.id, l]));
  return {
    chain: { id: chain.id, name: chain.name, nameEn: chain.name_en, description: chain.description, sortOrder: chain.sort_order, version: chain.version },
    period: period ? formatPeriod(period) : null,
    nodes: figures.map((f) => {
      const l = byId.get(f.id)!;
      const under = new Set([f.id, ...descendantsOf(defs, f.id)]);
      return {
        id: f.id, parentId: f.parentId, name: l.name, nameEn: l.name_en, segment: l.segment,
        industryNames: l.industry_prefixes.map((p) => names.get(p) ?? p), keywords: l.keywords,
        enterprises: f.enterprises, aboveScale: f.aboveScale, highTech: f.highTech,
        revenueWan: wan(f.revenue), growthPercent: f.growthRate === null ? null : Math.round(f.growthRate * 10000) / 100, compared: f.compared,
        score: f.score, gap: f.gap,
        projects: projects.filter((p) => under.has(p.chain_link_id!)).map((p) => ({
          id: p.id, name: p.name, investor: p.investor, stage: p.stage, stageName: p.stage_name,
          totalInvestmentWan: wan(Number(p.total_investment_fen)), major: isMajor(Number(p.total_investment_fen)), linkId: p.chain_link_id!,
        })),
      };
    }),
    method: CHAIN_METHOD_ZH,
  };
}

/** The enterprises of one link (and its sub-links), distinct, largest revenue first. */
export async function linkEnterprises(ctx: Ctx, linkId: string, limit: number): Promise<z.infer<typeof ChainEnterpriseRow>[]> {
  const link = await ctx.db.selectFrom('economy_chain_links').select(['chain_id']).where('id', '=', linkId).executeTakeFirst();
  if (!link) throw new AppError('ECONOMY_CHAIN_LINK_NOT_FOUND');
  const defs = (await linksOf(ctx.db, link.chain_id)).map(toLinkDef);
  const under = new Set([linkId, ...descendantsOf(defs, linkId)]);
  const sub = defs.filter((d) => under.has(d.id));
  const { enterprises } = await chainEnterprises(ctx, sub.flatMap((l) => [...l.industryPrefixes]), sub.flatMap((l) => [...l.keywords]));
  const ids = distinctMembers(sub.map((d) => (d.id === linkId ? { ...d, parentId: null } : d)), enterprises).get(linkId)!;
  const list = enterprises.filter((e) => ids.has(e.id)).sort((a, b) => (b.current ?? -1) - (a.current ?? -1)).slice(0, limit);
  if (!list.length) return [];
  const rows = await ctx.db.selectFrom('enterprises').select(['id', 'name', 'industry_code', 'division_code']).where('id', 'in', list.map((e) => e.id)).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return list.map((e) => ({
    id: e.id, name: byId.get(e.id)!.name, industryCode: e.industryCode, divisionCode: byId.get(e.id)!.division_code,
    aboveScale: e.aboveScale, highTech: e.highTech, revenueWan: e.current === undefined ? null : wan(e.current),
  }));
}
