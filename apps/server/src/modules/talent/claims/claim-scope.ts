import { sql, type RawBuilder } from 'kysely';
import type { Actor } from '../../../core/identity/actor';
import { enterpriseInScope } from '../../../core/identity/scope';
import { talentScopeKind } from '../registry/talent-scope';

/**
 * Which claims an actor sees, as an SQL condition on `c` (talent_claims) joined with `e` (its
 * enterprise): an enterprise user its own enterprise's; the talent office the county's (narrowed to
 * its street when bound to one); anyone else none.
 */
export function claimInScope(actor: Actor): RawBuilder<boolean> {
  const kind = talentScopeKind(actor);
  if (kind === 'self') return sql<boolean>`false`;
  return enterpriseInScope(actor, 'e');
}
