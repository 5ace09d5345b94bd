import type { Tx } from '../../../core/context';
import type { Selectable } from 'kysely';
import type { TalentCycleTable } from '../../../db/schema';
import { maskName } from '../../../core/privacy/mask';
import { competitionRanks } from '../domain/cycle';
import type { TieringDoc } from '../domain';

const CHUNK = 1_000;

/** The tiers of an enterprise scheme version, best first: id → position and label. */
export async function tiersOf(db: Tx, enterpriseVersionId: string) {
  const v = await db.selectFrom('talent_scheme_versions').select('document').where('id', '=', enterpriseVersionId).executeTakeFirstOrThrow();
  const tiers = (v.document as { tiering?: TieringDoc }).tiering?.tiers ?? [];
  return new Map(tiers.map((t, i) => [t.id, { order: i, label: t.label }]));
}

/**
 * Publishing freezes the ranking: every talent with complete points on the cycle's personal day
 * (name, masked name, enterprise, points, rank) and every enterprise with complete points on its
 * day (points, rank, tier, evaluation bonus) become the cycle's entries. Later recomputes change
 * the scores, never these. Idempotent within the transaction: existing entries are replaced.
 */
export async function snapshotEntries(tx: Tx, c: Selectable<TalentCycleTable>) {
  if (!c.points_as_of || !c.enterprise_as_of) throw new Error('snapshotEntries: the cycle has no points day');
  await tx.deleteFrom('talent_cycle_talent_entries').where('cycle_id', '=', c.id).execute();
  await tx.deleteFrom('talent_cycle_enterprise_entries').where('cycle_id', '=', c.id).execute();

  const talents = await tx
    .selectFrom('talent_scores as s')
    .innerJoin('talents as t', 't.id', 's.talent_id')
    .leftJoin('enterprises as e', 'e.id', 's.enterprise_id')
    .select(['t.id', 't.name', 's.total', 's.enterprise_id', 'e.name as enterprise_name'])
    .where('s.scheme_version_id', '=', c.personal_version_id)
    .where('s.as_of', '=', c.points_as_of)
    .where('s.complete', '=', true)
    .orderBy('s.total', 'desc')
    .orderBy('t.id')
    .execute();
  const tRanks = competitionRanks(talents.map((t) => Number(t.total)));
  const tRows = talents.map((t, i) => ({
    cycle_id: c.id, talent_id: t.id, name: t.name, masked_name: maskName(t.name), enterprise_id: t.enterprise_id,
    enterprise_name: t.enterprise_name, points: Number(t.total), rank: tRanks[i]!,
  }));
  for (let i = 0; i < tRows.length; i += CHUNK) await tx.insertInto('talent_cycle_talent_entries').values(tRows.slice(i, i + CHUNK)).execute();

  const tiers = await tiersOf(tx, c.enterprise_version_id);
  const enterprises = await tx
    .selectFrom('talent_enterprise_scores as s')
    .innerJoin('enterprises as e', 'e.id', 's.enterprise_id')
    .select(['e.id', 'e.name', 's.total', 's.tier', 's.talent_count'])
    .where('s.scheme_version_id', '=', c.enterprise_version_id)
    .where('s.as_of', '=', c.enterprise_as_of)
    .where('s.complete', '=', true)
    .orderBy('s.total', 'desc')
    .orderBy('e.id')
    .execute();
  const bonuses = new Map<string, number>();
  if (c.bonus_version_id && c.bonus_as_of) {
    const rows = await tx.selectFrom('talent_evaluation_bonuses').select(['enterprise_id', 'points'])
      .where('scheme_version_id', '=', c.bonus_version_id).where('as_of', '=', c.bonus_as_of).where('complete', '=', true).execute();
    for (const r of rows) bonuses.set(r.enterprise_id, Number(r.points));
  }
  const eRanks = competitionRanks(enterprises.map((e) => Number(e.total)));
  const eRows = enterprises.map((e, i) => {
    const tier = e.tier ? tiers.get(e.tier) : undefined;
    return {
      cycle_id: c.id, enterprise_id: e.id, enterprise_name: e.name, points: Number(e.total), rank: eRanks[i]!,
      tier: e.tier, tier_order: tier?.order ?? null, tier_label: tier ? JSON.stringify(tier.label) : null,
      evaluation_bonus: bonuses.get(e.id) ?? null, talent_count: e.talent_count,
    };
  });
  for (let i = 0; i < eRows.length; i += CHUNK) await tx.insertInto('talent_cycle_enterprise_entries').values(eRows.slice(i, i + CHUNK)).execute();
  return { listedTalents: tRows.length, listedEnterprises: eRows.length };
}

/** Ranks again after a correction (competition ranking over the entries of one list). */
export async function rerank(tx: Tx, cycleId: string, type: 'talent' | 'enterprise') {
  const table = type === 'talent' ? 'talent_cycle_talent_entries' : 'talent_cycle_enterprise_entries';
  const rows = await tx.selectFrom(table).select(['id', 'points', 'rank']).where('cycle_id', '=', cycleId).orderBy('points', 'desc').orderBy('id').execute();
  const ranks = competitionRanks(rows.map((r) => Number(r.points)));
  for (const [i, r] of rows.entries()) if (r.rank !== ranks[i]) await tx.updateTable(table).set({ rank: ranks[i]! }).where('id', '=', r.id).execute();
}
