import { sql, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import type { EnterpriseListQuery, EnterpriseSummary } from '@zhizhi/contracts';
import type { DB } from '../../db/schema';
import type { Actor } from '../identity/actor';
import { divisionPrefix, enterpriseInScope } from '../identity/scope';
import type { Tx } from '../context';
import { containing, startingWith } from '../../db/like';
import { pageWithCount } from '../../db/count-rows';
import { industryName, industrySectionRanges } from '../reference/industries';
import { divisionName } from '../reference/divisions';
import { nameBigrams } from './domain/name-bigrams';

type EnterpriseFilters = Omit<EnterpriseListQuery, 'page' | 'pageSize' | 'sort' | 'order'>;

/** The enterprises an actor may see, narrowed by the list filters. */
export function filteredEnterprises(db: Tx, actor: Actor, f: EnterpriseFilters) {
  let qb = db.selectFrom('enterprises as e').where(enterpriseInScope(actor));
  if (f.q) {
    const q = f.q.toUpperCase();
    qb = /^[0-9A-Z]{6,18}$/.test(q)
      ? qb.where((eb) => eb.or([eb('e.credit_code', 'like', startingWith(q)), nameContains(f.q!)]))
      : qb.where(nameContains(f.q));
  }
  if (f.industry) {
    qb = /^[A-T]$/.test(f.industry)
      ? qb.where((eb) => eb.or(industrySectionRanges(f.industry!).map(([from, to]) => eb.and([eb('e.industry_code', '>=', from), eb('e.industry_code', '<', to)]))))
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

/**
 * The name contains `term`, case-insensitively. A term of two characters or more is first looked
 * up by its character pairs in the enterprises_name_bigrams index (migration 0003), then checked
 * in order by ILIKE; a one-character term can only be scanned for.
 */
function nameContains(term: string): RawBuilder<boolean> {
  const like = sql<boolean>`e.name ILIKE ${containing(term)}`;
  const pairs = nameBigrams(term);
  if (pairs.length === 0) return like;
  return sql<boolean>`(e.name_bigrams @> ARRAY[${sql.join(pairs)}]::text[] AND ${like})`;
}

const SORT_COLUMNS = {
  name: 'e.name',
  updatedAt: 'e.updated_at',
  employees: 'e.employees',
  revenue: 'e.revenue_fen',
  establishedOn: 'e.established_on',
} as const;
const NOT_NULL_SORTS = new Set<EnterpriseListQuery['sort']>(['name', 'updatedAt']);

/**
 * The columns of a list row. Industry and division names are resolved in TypeScript from the
 * reference tables' source (toSummary): joining industries and divisions made PGlite spend
 * ~12 ms more per page of 50 than the park join alone (bench/RESULTS.md, run 4).
 */
export function withSummaryColumns<O>(qb: SelectQueryBuilder<DB & { e: DB['enterprises'] }, 'e', O>) {
  return qb
    .leftJoin('parks as p', 'p.id', 'e.park_id')
    .select([
      'e.id',
      'e.credit_code',
      'e.name',
      'e.industry_code',
      'e.division_code',
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
  const offset = (query.page - 1) * query.pageSize;
  const page = withSummaryColumns(base)
    .orderBy(sql`${sql.ref(sortCol)} ${direction} ${nulls}`)
    .orderBy(sql`e.id ${direction}`)
    .limit(query.pageSize)
    .offset(offset);
  const { rows, ...count } = await pageWithCount(db, base, page, { offset, limit: query.pageSize });
  return { items: rows.map(toSummary), ...count };
}

export type SummaryRow = Awaited<ReturnType<ReturnType<typeof withSummaryColumns>['execute']>>[number];

export function toSummary(r: SummaryRow): EnterpriseSummary {
  return {
    id: r.id,
    creditCode: r.credit_code,
    name: r.name,
    industryCode: r.industry_code,
    industryName: industryName(r.industry_code),
    divisionCode: r.division_code,
    divisionName: divisionName(r.division_code),
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
