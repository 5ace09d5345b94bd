import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../../db/schema';
import type { Actor } from '../../../core/identity/actor';
import type { Tx } from '../../../core/context';
import { countRows } from '../../../db/count-rows';
import { containing } from '../../../db/like';
import { divisionPrefix } from '../../../core/identity/scope';
import { maskPhone } from '../../../core/privacy/mask';
import type { RequestListQuery } from '../schemas';
import type { Channel, RequestStatus } from '../domain';
import { isOtherEnterprisesRequest, requestInScope, serviceView } from '../service-actor';
import { categoryTreeOf, loadCategories } from '../settings/catalog';

type Filters = Omit<RequestListQuery, 'page' | 'pageSize' | 'sort' | 'order'>;

const localDayStart = (date: string) => new Date(`${date}T00:00:00+08:00`);
const DAY_MS = 86_400_000;

/**
 * The text of a request as an enterprise may read it. A request answers every enterprise whose
 * duplicate was merged into it (directly or through a chain of merges), but its title and
 * description are the raising enterprise's words: another enterprise reads its own duplicate's
 * (the first by number), never the other's. Everyone else reads the request's own text.
 */
export function visibleText(actor: Actor, column: 'title' | 'description', alias = 'r'): RawBuilder<string> {
  const own = sql.ref(`${alias}.${column}`);
  const enterpriseId = serviceView(actor) === 'enterprise' ? actor.scope.enterpriseId : null;
  if (!enterpriseId) return sql<string>`${own}`;
  const id = sql.ref(`${alias}.id`);
  return sql<string>`(CASE WHEN ${sql.ref(`${alias}.enterprise_id`)} IS NOT DISTINCT FROM ${enterpriseId}::uuid THEN ${own} ELSE coalesce((
    WITH RECURSIVE m(id) AS (
      SELECT x.id FROM service_requests x WHERE x.merged_into_id = ${id}
      UNION SELECT x.id FROM service_requests x JOIN m ON x.merged_into_id = m.id
    )
    SELECT d.${sql.raw(column)} FROM service_requests d JOIN m ON m.id = d.id WHERE d.enterprise_id = ${enterpriseId}::uuid ORDER BY d.number LIMIT 1
  ), '') END)`;
}

/** Each enterprise's own title among the duplicates merged (through any chain) into a request: for its notifications. */
export async function duplicateTitles(db: Tx, requestId: string): Promise<Map<string, string>> {
  const { rows } = await sql<{ enterprise_id: string; title: string }>`
    WITH RECURSIVE m(id) AS (
      SELECT x.id FROM service_requests x WHERE x.merged_into_id = ${requestId}
      UNION SELECT x.id FROM service_requests x JOIN m ON x.merged_into_id = m.id
    )
    SELECT d.enterprise_id, d.title FROM service_requests d JOIN m ON m.id = d.id WHERE d.enterprise_id IS NOT NULL ORDER BY d.number
  `.execute(db);
  const out = new Map<string, string>();
  for (const r of rows) if (!out.has(r.enterprise_id)) out.set(r.enterprise_id, r.title);
  return out;
}

/** The requests an actor may see, narrowed by the list filters. `now` decides "overdue". */
export async function filteredRequests(db: Tx, actor: Actor, f: Filters, now: Date) {
  let qb = db.selectFrom('service_requests as r').where(requestInScope(actor));
  if (f.status?.length) qb = qb.where('r.status', 'in', f.status);
  if (f.categoryId) {
    const categories = await loadCategories(db);
    const tree = categoryTreeOf(categories);
    const ids = categories.map((c) => c.id).filter((id) => tree.isWithin(id, f.categoryId!));
    qb = qb.where('r.category_id', 'in', ids.length ? ids : ['-']);
  }
  if (f.unitId) {
    qb = qb.where(sql<boolean>`EXISTS (SELECT 1 FROM service_request_units fu WHERE fu.request_id = r.id AND fu.unit_id = ${f.unitId})`);
  }
  if (f.divisionCode) qb = qb.where(sql<boolean>`r.division_code LIKE ${`${divisionPrefix(f.divisionCode)}%`}`);
  if (f.channel) qb = qb.where('r.channel', '=', f.channel);
  if (f.enterpriseId) qb = qb.where(sql<boolean>`${f.enterpriseId} = ANY(r.enterprise_ids)`);
  if (f.parkId) qb = qb.where('r.park_id', '=', f.parkId);
  // 待电话回访: resolved, reminded to the enterprise and still unrated past the hotline's turn.
  if (f.followUpChase) qb = qb.where('r.status', '=', 'resolved').where('r.follow_up_hotline_at', 'is not', null);
  if (f.from) qb = qb.where('r.submitted_at', '>=', localDayStart(f.from));
  if (f.to) qb = qb.where('r.submitted_at', '<', new Date(localDayStart(f.to).getTime() + DAY_MS));
  if (f.overdue !== undefined) {
    const overdue = sql<boolean>`EXISTS (SELECT 1 FROM service_request_steps os WHERE os.request_id = r.id
      AND os.completed_at IS NULL AND os.cancelled_at IS NULL AND os.due_at < ${now})`;
    qb = qb.where(f.overdue ? overdue : sql<boolean>`NOT ${overdue}`);
  }
  if (f.q) {
    const q = f.q;
    qb = /^\d{1,15}$/.test(q)
      ? qb.where('r.number', '=', Number(q))
      : qb.where(sql<boolean>`(${visibleText(actor, 'title')} ILIKE ${containing(q)} OR ${visibleText(actor, 'description')} ILIKE ${containing(q)})`);
  }
  return qb;
}

export function withSummaryColumns(qb: Awaited<ReturnType<typeof filteredRequests>>, actor: Actor, now: Date) {
  return qb
    .leftJoin('service_categories as c', 'c.id', 'r.category_id')
    .leftJoin('enterprises as e', 'e.id', 'r.enterprise_id')
    .leftJoin('departments as lu', 'lu.id', 'r.lead_unit_id')
    .select([
      'r.id', 'r.number', visibleText(actor, 'title').as('title'), 'r.status', 'r.channel', 'r.category_id', 'c.name as category_name', 'r.enterprise_id',
      'e.name as enterprise_name', 'r.organization_name', 'r.contact_name', 'r.contact_phone', 'r.division_code', 'r.lead_unit_id',
      'lu.name as lead_unit_name', 'r.submitted_at', 'r.updated_at',
      sql<Date | null>`(SELECT min(ns.due_at) FROM service_request_steps ns WHERE ns.request_id = r.id AND ns.completed_at IS NULL AND ns.cancelled_at IS NULL)`.as('next_due_at'),
    ])
    .select(sql<boolean>`EXISTS (SELECT 1 FROM service_request_steps xs WHERE xs.request_id = r.id AND xs.completed_at IS NULL AND xs.cancelled_at IS NULL AND xs.due_at < ${now})`.as('overdue'));
}

export type SummaryRow = Awaited<ReturnType<ReturnType<typeof withSummaryColumns>['execute']>>[number];

/**
 * A row as the actor may see it. An enterprise following another enterprise's request (its
 * duplicate was merged into it) sees its own title (visibleText), no contact, no name of the
 * other enterprise and its location stays blank in the detail (isOtherEnterprisesRequest).
 */
export function toSummary(r: SummaryRow, actor: Actor) {
  if (isOtherEnterprisesRequest(actor, r.enterprise_id)) {
    return {
      ...visibleSummary(r),
      enterpriseId: null,
      enterpriseName: '',
      contactName: '',
      contactPhone: '',
    };
  }
  return visibleSummary(r);
}

function visibleSummary(r: SummaryRow) {
  return {
    id: r.id,
    number: r.number,
    title: r.title,
    status: r.status as RequestStatus,
    channel: r.channel as Channel,
    categoryId: r.category_id,
    categoryName: r.category_name ?? null,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name ?? r.organization_name,
    contactName: r.contact_name,
    contactPhone: maskPhone(r.contact_phone),
    divisionCode: r.division_code,
    leadUnit: r.lead_unit_id ? { id: r.lead_unit_id, name: r.lead_unit_name ?? '' } : null,
    submittedAt: r.submitted_at,
    updatedAt: r.updated_at,
    nextDueAt: r.next_due_at,
    overdue: Boolean(r.overdue),
  };
}

const SORT_COLUMNS = { submittedAt: 'r.submitted_at', updatedAt: 'r.updated_at', number: 'r.number' } as const;

export async function listRequests(db: Kysely<DB>, actor: Actor, query: RequestListQuery, now: Date) {
  const base = await filteredRequests(db, actor, query, now);
  const direction = query.order === 'desc' ? sql`DESC` : sql`ASC`;
  const [rows, count] = await Promise.all([
    withSummaryColumns(base, actor, now)
      .orderBy(sql`${sql.ref(SORT_COLUMNS[query.sort])} ${direction}`)
      .orderBy(sql`r.id ${direction}`)
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    countRows(db, base),
  ]);
  return { items: rows.map((r) => toSummary(r, actor)), ...count };
}
