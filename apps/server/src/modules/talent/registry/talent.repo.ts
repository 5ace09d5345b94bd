import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema';
import type { TalentFacts, TalentListQuery, TalentSummary } from '@zhizhi/contracts';
import type { Actor } from '../../../core/identity/actor';
import type { Tx } from '../../../core/context';
import { countRows } from '../../../db/count-rows';
import { containing } from '../../../db/like';
import { maskIdNumber, maskPhone } from '../../../core/privacy/mask';
import { localDateOf } from '../../../core/reference/domain/workday';
import { talentInScope } from './talent-scope';
import { ageOn } from './id-number';

type TalentFilters = Omit<TalentListQuery, 'page' | 'pageSize' | 'sort' | 'order'>;

export const ID_NUMBER_QUERY = /^\d{17}[\dXx]$/;

/** The talents an actor may see, narrowed by the list filters. */
export function filteredTalents(db: Tx, actor: Actor, f: TalentFilters) {
  let qb = db.selectFrom('talents as t').where(talentInScope(actor));
  if (f.q) {
    qb = ID_NUMBER_QUERY.test(f.q) ? qb.where('t.id_number', '=', f.q.toUpperCase()) : qb.where('t.name', 'ilike', containing(f.q));
  }
  if (f.enterprise) qb = qb.where('t.enterprise_id', '=', f.enterprise);
  if (f.education) qb = qb.where(sql<string>`t.facts ->> 'education'`, '=', f.education);
  if (f.talentCategory) qb = qb.where(sql<string>`t.facts ->> 'talentCategory'`, '=', f.talentCategory);
  if (f.status) qb = qb.where('t.status', '=', f.status);
  return qb;
}

export function withSummaryColumns(qb: ReturnType<typeof filteredTalents>) {
  return qb
    .leftJoin('enterprises as e', 'e.id', 't.enterprise_id')
    .select([
      't.id', 't.id_number', 't.name', 't.gender', 't.birth_date', 't.phone', 't.enterprise_id', 'e.name as enterprise_name',
      't.status', 't.facts', 't.updated_at',
    ]);
}

const SORT_COLUMNS = { name: 't.name', updatedAt: 't.updated_at', birthDate: 't.birth_date' } as const;

export async function listTalents(db: Kysely<DB>, actor: Actor, query: TalentListQuery, now: Date) {
  const base = filteredTalents(db, actor, query);
  const direction = query.order === 'desc' ? sql`DESC` : sql`ASC`;
  const [rows, count] = await Promise.all([
    withSummaryColumns(base)
      .orderBy(sql`${sql.ref(SORT_COLUMNS[query.sort])} ${direction}`)
      .orderBy(sql`t.id ${direction}`)
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    countRows(db, base),
  ]);
  const today = localDateOf(now);
  return { items: rows.map((r) => toSummary(r, today)), ...count };
}

export type SummaryRow = Awaited<ReturnType<ReturnType<typeof withSummaryColumns>['execute']>>[number];

export function toSummary(r: SummaryRow, today: string): TalentSummary {
  const facts = r.facts as TalentFacts;
  return {
    id: r.id,
    idNumber: maskIdNumber(r.id_number),
    name: r.name,
    gender: r.gender,
    age: ageOn(r.birth_date, today),
    phone: maskPhone(r.phone),
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name ?? null,
    status: r.status,
    education: facts.education ?? null,
    titleLevel: facts.titleLevel ?? null,
    talentCategory: facts.talentCategory ?? null,
    updatedAt: r.updated_at,
  };
}

/** A talent's own login (talents.user_id), as the talent file shows it to the office. */
export async function accountOf(db: Tx, userId: string) {
  const u = await db.selectFrom('users').select(['id', 'username', 'display_name']).where('id', '=', userId).executeTakeFirst();
  return u ? { userId: u.id, username: u.username, displayName: u.display_name } : null;
}
