import { sql, type RawBuilder } from 'kysely';
import { can, type Actor } from '../../../core/identity/actor';

/**
 * Who sees which resources and rounds (docs/talent/REDEMPTION.md):
 * - the talent office (`talent.rounds.manage`) sees everything;
 * - a resource owner (`talent.resource.publish` without manage) sees the resources of the
 *   department they are bound to — its own, its parent's when they sit in a section, or its
 *   sections' — and the rounds of those resources, drafts included; bound to no department: none;
 * - anyone else (enterprise HR, a talent) sees the active resources and the rounds past draft.
 */
export type RedemptionAudience = 'office' | 'owner' | 'public';

export function audienceOf(actor: Actor): RedemptionAudience {
  if (can(actor, 'talent.rounds.manage')) return 'office';
  if (can(actor, 'talent.resource.publish')) return 'owner';
  return 'public';
}

/** SQL: the department column `col` is the actor's department, its parent or one of its sections. */
export function ownedByActor(actor: Actor, col: string): RawBuilder<boolean> {
  const d = actor.scope.departmentId;
  if (!d) return sql<boolean>`false`;
  return sql<boolean>`(${sql.ref(col)} = ${d}
    OR ${sql.ref(col)} = (SELECT parent_id FROM departments WHERE id = ${d})
    OR ${sql.ref(col)} IN (SELECT id FROM departments WHERE parent_id = ${d}))`;
}

/** SQL: the resource row `r` is visible to the actor. */
export function resourceVisible(actor: Actor, alias = 'r'): RawBuilder<boolean> {
  const a = audienceOf(actor);
  if (a === 'office') return sql<boolean>`true`;
  if (a === 'owner') return ownedByActor(actor, `${alias}.department_id`);
  return sql<boolean>`${sql.ref(`${alias}.active`)}`;
}

/** SQL: the round `ro` of resource `r` is visible to the actor. */
export function roundVisible(actor: Actor, round = 'ro', resource = 'r'): RawBuilder<boolean> {
  const a = audienceOf(actor);
  if (a === 'office') return sql<boolean>`true`;
  if (a === 'owner') return ownedByActor(actor, `${resource}.department_id`);
  return sql<boolean>`(${sql.ref(`${round}.status`)} <> 'draft')`;
}

/** The resource owner may publish places for the round's resource (the office may too). */
export function canPublishFor(actor: Actor): RawBuilder<boolean> {
  return audienceOf(actor) === 'office' ? sql<boolean>`true` : ownedByActor(actor, 'r.department_id');
}
