import { sql } from 'kysely';
import type { z } from 'zod';
import type { Actor } from '../../../core/identity/actor';
import type { Tx } from '../../../core/context';
import { localDateOf } from '../../../core/reference/domain/workday';
import { FEN_PER_WAN } from '../domain';
import { daysBetween, isMajor } from './domain/stage-rules';
import { projectInScope } from './project-scope';
import type { ProjectCard } from './project.schemas';

export const wanOf = (fen: number) => Math.round((Number(fen) / FEN_PER_WAN) * 100) / 100;
export const fenOf = (wan: number) => Math.round(wan * FEN_PER_WAN);

export interface CardFilters { ids?: string[]; stage?: string; status?: string; chainLinkId?: string; major?: boolean; divisionCode?: string; q?: string }

/** Projects as cards (the board, lists, major projects), inside the actor's scope. */
export async function projectCards(db: Tx, actor: Actor, today: string, f: CardFilters = {}): Promise<z.infer<typeof ProjectCard>[]> {
  let qb = db.selectFrom('economy_projects as p')
    .innerJoin('economy_project_stages as s', 's.code', 'p.stage')
    .innerJoin('users as u', 'u.id', 'p.owner_id')
    .leftJoin('industries as i', 'i.code', 'p.industry_code')
    .leftJoin('economy_chain_links as l', 'l.id', 'p.chain_link_id')
    .leftJoin('economy_chains as c', 'c.id', 'l.chain_id')
    .leftJoin('divisions as d', 'd.code', 'p.division_code')
    .leftJoin('enterprises as e', 'e.id', 'p.enterprise_id')
    .select([
      'p.id', 'p.name', 'p.investor', 'p.industry_code', 'i.name as industry_name', 'p.chain_link_id', 'l.name as link_name', 'l.chain_id', 'c.name as chain_name',
      'p.total_investment_fen', 'p.received_investment_fen', 'p.stage', 's.name as stage_name', 'p.stage_entered_at', 'p.status', 'p.owner_id', 'u.display_name as owner_name',
      'p.division_code', 'd.name as street_name', 'p.construction_percent', 'p.enterprise_id', 'e.name as enterprise_name', 'p.lat', 'p.lng',
    ])
    .select(sql<number>`(SELECT count(*)::int FROM economy_project_milestones m WHERE m.project_id = p.id AND m.done_at IS NULL AND m.due_date < ${today}::date)`.as('overdue'))
    .select(sql<number>`(SELECT count(*)::int FROM economy_project_problems q WHERE q.project_id = p.id AND q.resolved_at IS NULL)`.as('open_problems'))
    .where(projectInScope(actor));
  if (f.ids) qb = qb.where('p.id', 'in', f.ids.length ? f.ids : ['00000000-0000-0000-0000-000000000000']);
  if (f.stage) qb = qb.where('p.stage', '=', f.stage);
  if (f.status) qb = qb.where('p.status', '=', f.status as 'active');
  if (f.chainLinkId) qb = qb.where('p.chain_link_id', '=', f.chainLinkId);
  if (f.major !== undefined) qb = qb.where(sql<boolean>`(p.total_investment_fen >= ${100_000_000_00}) = ${f.major}`);
  if (f.divisionCode) qb = qb.where('p.division_code', 'like', `${f.divisionCode}%`);
  if (f.q) qb = qb.where((eb) => eb.or([eb('p.name', 'like', `%${f.q}%`), eb('p.investor', 'like', `%${f.q}%`)]));
  const rows = await qb.orderBy('s.sort_order').orderBy('p.total_investment_fen', 'desc').orderBy('p.id').limit(1000).execute();
  return rows.map((r) => ({
    id: r.id, name: r.name, investor: r.investor, industryCode: r.industry_code, industryName: r.industry_name ?? '',
    chainLink: r.chain_link_id ? { id: r.chain_link_id, name: r.link_name!, chainId: r.chain_id!, chainName: r.chain_name! } : null,
    totalInvestmentWan: wanOf(r.total_investment_fen), receivedInvestmentWan: wanOf(r.received_investment_fen), major: isMajor(Number(r.total_investment_fen)),
    stage: r.stage, stageName: r.stage_name, stageEnteredAt: r.stage_entered_at,
    daysInStage: daysBetween(localDate(r.stage_entered_at), today), status: r.status,
    owner: { id: r.owner_id, name: r.owner_name }, divisionCode: r.division_code, streetName: r.street_name ?? r.division_code, constructionPercent: r.construction_percent,
    overdueMilestones: Number(r.overdue), openProblems: Number(r.open_problems),
    enterprise: r.enterprise_id ? { id: r.enterprise_id, name: r.enterprise_name! } : null,
    location: r.lat === null || r.lng === null ? null : { lat: Number(r.lat), lng: Number(r.lng) },
  }));
}

/** The local (Asia/Shanghai) date of an instant, 'YYYY-MM-DD'. */
export const localDate = (d: Date) => localDateOf(d);
