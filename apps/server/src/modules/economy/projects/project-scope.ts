import { sql, type RawBuilder } from 'kysely';
import type { Actor } from '../../../core/identity/actor';
import { divisionPrefix } from '../../../core/identity/scope';

/**
 * SQL condition: the project row `alias` lies inside the actor's scope — a street officer sees the
 * projects located in the street; an enterprise user none (projects are the government's file).
 */
export function projectInScope(actor: Actor, alias = 'p'): RawBuilder<boolean> {
  if (actor.scope.enterpriseId) return sql<boolean>`false`;
  if (actor.scope.divisionCode) return sql<boolean>`(${sql.ref(`${alias}.division_code`)} LIKE ${`${divisionPrefix(actor.scope.divisionCode)}%`})`;
  return sql<boolean>`true`;
}
