import { sql, type SelectQueryBuilder } from 'kysely';
import type { EnterpriseListQuery, EnterpriseSummary } from '@zhizhi/contracts';
import type { DB } from '../../db/schema';
import type { Actor } from '../identity/actor';
import { divisionPrefix, enterpriseInScope } from '../identity/scope';
import type { Tx } from '../context';
import { containing, startingWith } from '../../db/like';

/** Lists count exactly up to this many rows; beyond it the UI says "10,000+". */
export const COUNT_CAP = 10_000;

type EnterpriseFilters = Omit<EnterpriseListQuery, 'page' | 'pageSize' | 'sort' | 'order'>;

/** The enterprises an actor may see, narrowed by the list filters. */
export function filteredEnterprises(db: Tx, actor: Actor, f: EnterpriseFilters) {
  let qb = db.selectFrom('enterprises as e').where(enterpriseInScope(actor));
  if (f.q) {
    const q = f.q.toUpperCase();
    qb = /^[0-9A-Z]{6,18}$/.test(q)
      ? qb.where((eb) => eb.or([eb('e.credit_code', 'like', startingWith(q)), eb('e.name', 'ilike', containing(f.q!))]))
      : qb.where('e.name', 'ilike', containing(f.q));
  }
  if (f.industry) {
    qb = /^[A-T]$/.test(f.industry)
      ? qb.where('e.industry_code', 'in', sectionSubquery(db, f.industry))
      : qb.where('e.industry_code', 'like', `${f.industry}%`);
  }
  if (f.division) qb = qb.where('e.division_code', 'like', `${divisionPrefix(f.division)}%`);
  if (f.park) qb = qb.where('e.park_id', '=', f.park);
  if (f.sizeClass) qb = f.sizeClass === 'unknown' ? qb.where('e.size_class', 'is', null) : qb.where('e.size_class', '=', f.sizeClass);
  if (f.tag) qb = qb.where(sql<boolean>`e.tags @> ARRAY[${f.tag}]::text[]`);
  if (f.aboveScale !== undefined) qb = qb.where('e.above_scale', '=', f.aboveScale);
  if (f.highTech !== undefined) qb = qb.where('e.high_tech', '=', f.highTech);
  if (f.listed !== undefined) qb = qb.where('e.listed', '=', f.listed);
  if (f.status) qb = qb.where('e.status', '=', f.status);
  return qb;
}

/** 小类 codes under a 门类 letter (the 门类 is not a prefix of the numeric codes). */
function sectionSubquery(db: Tx, section: string) {
  return db
    .selectFrom('industries as i4')
    .innerJoin('industries as i3', 'i3.code', 'i4.parent_code')
    .innerJoin('industries as i2', 'i2.code', 'i3.parent_code')
    .where('i2.parent_code', '=', section)
    .select('i4.code');
}

const SORT_COLUMNS = {
  name: 'e.name',
  updatedAt: 'e.updated_at',
  employees: 'e.employees',
  revenue: 'e.revenue_fen',
  establishedOn: 'e.established_on',
} as const;
const NOT_NULL_SORTS = new Set<EnterpriseListQuery['sort']>(['name', 'updatedAt']);

export function withSummaryColumns<O>(qb: SelectQueryBuilder<DB & { e: DB['enterprises'] }, 'e', O>) {
  return qb
    .leftJoin('industries as ind', 'ind.code', 'e.industry_code')
    .leftJoin('divisions as d', 'd.code', 'e.division_code')
    .leftJoin('parks as p', 'p.id', 'e.park_id')
    .select([
      'e.id',
      'e.credit_code',
      'e.name',
      'e.industry_code',
      'ind.name as industry_name',
      'e.division_code',
      'd.name as division_name',
      'e.park_id',
      'p.name as park_name',
      'e.size_class',
      'e.above_scale',
      'e.high_tech',
      'e.listed',
      'e.tags',
      'e.status',
      'e.employees',
      'e.revenue_fen',
      'e.updated_at',
    ]);
}

export async function listEnterprises(db: Tx, actor: Actor, query: EnterpriseListQuery) {
  const base = filteredEnterprises(db, actor, query);
  const sortCol = SORT_COLUMNS[query.sort];
  // NOT NULL columns sort plainly so the (column, id) indexes serve the page; nullable figures
  // put the unknowns last either way.
  const direction = query.order === 'desc' ? sql`DESC` : sql`ASC`;
  const nulls = NOT_NULL_SORTS.has(query.sort) ? sql`` : sql`NULLS LAST`;
  const [rows, count] = await Promise.all([
    withSummaryColumns(base)
      .orderBy(sql`${sql.ref(sortCol)} ${direction} ${nulls}`)
      .orderBy(sql`e.id ${direction}`)
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    countCapped(db, base),
  ]);
  return { items: rows.map(toSummary), ...count };
}

/** Exact count up to COUNT_CAP: the count stops scanning once it knows the answer is "more". */
export async function countCapped(db: Tx, qb: ReturnType<typeof filteredEnterprises>) {
  const row = await db
    .selectFrom(qb.select(sql<number>`1`.as('one')).limit(COUNT_CAP + 1).as('capped'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  const n = Number(row?.n ?? 0);
  return { total: Math.min(n, COUNT_CAP), totalCapped: n > COUNT_CAP };
}

export type SummaryRow = Awaited<ReturnType<ReturnType<typeof withSummaryColumns>['execute']>>[number];

export function toSummary(r: SummaryRow): EnterpriseSummary {
  return {
    id: r.id,
    creditCode: r.credit_code,
    name: r.name,
    industryCode: r.industry_code,
    industryName: r.industry_name ?? '',
    divisionCode: r.division_code,
    divisionName: r.division_name ?? '',
    parkId: r.park_id,
    parkName: r.park_name ?? null,
    sizeClass: r.size_class,
    aboveScale: r.above_scale,
    highTech: r.high_tech,
    listed: r.listed,
    tags: r.tags,
    status: r.status,
    employees: r.employees,
    revenueFen: r.revenue_fen,
    updatedAt: r.updated_at,
  };
}
