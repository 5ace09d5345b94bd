import { sql, type RawBuilder } from 'kysely';
import type { Actor } from './actor';

/**
 * The prefix that every division code inside `code` starts with: a province 330000 → '33',
 * a city 330100 → '3301', a county 330110 → '330110', a street 330110010 → itself.
 */
export function divisionPrefix(code: string): string {
  if (code.length === 6 && code.endsWith('0000')) return code.slice(0, 2);
  if (code.length === 6 && code.endsWith('00')) return code.slice(0, 4);
  return code;
}

export function divisionCovers(scopeCode: string, code: string): boolean {
  return code.startsWith(divisionPrefix(scopeCode));
}

/**
 * SQL condition: the enterprise row `alias` lies inside the actor's scope. Every query that
 * reads enterprises (lists, counts, exports, files, search) adds it, so that nothing outside the
 * scope can leak through any route.
 */
export function enterpriseInScope(actor: Actor, alias = 'e'): RawBuilder<boolean> {
  const conditions: RawBuilder<unknown>[] = [sql`true`];
  if (actor.scope.enterpriseId) conditions.push(sql`${sql.ref(`${alias}.id`)} = ${actor.scope.enterpriseId}`);
  if (actor.scope.divisionCode) {
    conditions.push(sql`${sql.ref(`${alias}.division_code`)} LIKE ${`${divisionPrefix(actor.scope.divisionCode)}%`}`);
  }
  return sql<boolean>`(${sql.join(conditions, sql` AND `)})`;
}

/** Same rule, for one enterprise already loaded. */
export function enterpriseVisibleTo(actor: Actor, e: { id: string; division_code: string }): boolean {
  if (actor.scope.enterpriseId && actor.scope.enterpriseId !== e.id) return false;
  if (actor.scope.divisionCode && !divisionCovers(actor.scope.divisionCode, e.division_code)) return false;
  return true;
}
