import { sql, type RawBuilder } from 'kysely';
import type { Actor } from '../../../core/identity/actor';
import { can } from '../../../core/identity/actor';
import { divisionPrefix } from '../../../core/identity/scope';

/**
 * Which talents an actor sees. One rule, used as an SQL condition by every query that reads
 * talents (lists, counts, exports, single records, imports):
 * - a user bound to an enterprise (enterprise HR) sees the talents that enterprise employs now;
 * - a user with `talent.county` (the talent office) sees the county's talents, narrowed to the
 *   employers in their street when they are bound to one;
 * - anyone else sees only the talent linked to their own account (a talent, self-service).
 */
export function talentInScope(actor: Actor, alias = 't'): RawBuilder<boolean> {
  const col = (c: string) => sql.ref(`${alias}.${c}`);
  if (actor.scope.enterpriseId) return sql<boolean>`(${col('enterprise_id')} = ${actor.scope.enterpriseId})`;
  if (can(actor, 'talent.county')) {
    if (!actor.scope.divisionCode) return sql<boolean>`true`;
    return sql<boolean>`(${col('enterprise_id')} IN (SELECT id FROM enterprises WHERE division_code LIKE ${`${divisionPrefix(actor.scope.divisionCode)}%`}))`;
  }
  return sql<boolean>`(${col('user_id')} = ${actor.userId})`;
}

export type TalentScopeKind = 'enterprise' | 'county' | 'self';

export function talentScopeKind(actor: Actor): TalentScopeKind {
  if (actor.scope.enterpriseId) return 'enterprise';
  return can(actor, 'talent.county') ? 'county' : 'self';
}
