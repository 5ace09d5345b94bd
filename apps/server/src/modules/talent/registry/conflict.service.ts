import { sql } from 'kysely';
import type { TalentConflict } from '@zhizhi/contracts';
import type { Talent } from '../../../db/schema';
import { AppError } from '../../../http/app-error';
import { recordAudit } from '../../../core/audit/audit';
import { maskIdNumber, maskPhone } from '../../../core/privacy/mask';
import { localDateOf } from '../../../core/reference/domain/workday';
import type { Ctx, Tx } from '../../../core/context';
import { countRows } from '../../../db/count-rows';
import { moveWithin } from './employment';

/**
 * Enterprise B registers a person whom enterprise A employs: the registry keeps one talent and
 * files a conflict for the talent office. One open conflict per (talent, claimant): registering
 * again, or importing the same file again, files nothing new. Returns whether one was filed.
 */
export async function fileConflict(
  tx: Tx,
  ctx: Omit<Ctx, 'db'>,
  c: { talent: Talent; claimantEnterpriseId: string; name: string; submitted: { phone?: string } & Record<string, unknown> },
): Promise<boolean> {
  const submitted = { ...c.submitted, idNumber: undefined, phone: c.submitted.phone ? maskPhone(c.submitted.phone) : '' };
  const row = await tx
    .insertInto('talent_conflicts')
    .values({
      talent_id: c.talent.id,
      id_number: c.talent.id_number,
      name: c.name,
      holder_enterprise_id: c.talent.enterprise_id,
      claimant_enterprise_id: c.claimantEnterpriseId,
      submitted: JSON.stringify(submitted),
      created_by: ctx.actor.userId,
    })
    .onConflict((oc) => oc.columns(['talent_id', 'claimant_enterprise_id']).where('status', '=', 'open').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!row) return false;
  await recordAudit(tx, ctx, {
    action: 'talent_conflict.create', entityType: 'talent_conflict', entityId: row.id, enterpriseId: c.claimantEnterpriseId,
    after: { talentId: c.talent.id, idNumber: maskIdNumber(c.talent.id_number), name: c.name },
  });
  return true;
}

function conflictQuery(db: Tx) {
  return db
    .selectFrom('talent_conflicts as c')
    .innerJoin('talents as t', 't.id', 'c.talent_id')
    .leftJoin('enterprises as h', 'h.id', 'c.holder_enterprise_id')
    .innerJoin('enterprises as b', 'b.id', 'c.claimant_enterprise_id')
    .leftJoin('users as cu', 'cu.id', 'c.created_by')
    .leftJoin('users as ru', 'ru.id', 'c.resolved_by');
}

/** The talent office's list (the route needs talent.manage: county-wide by nature). */
export async function listConflicts(ctx: Ctx, query: { status?: TalentConflict['status']; page: number; pageSize: number }) {
  let base = conflictQuery(ctx.db);
  if (query.status) base = base.where('c.status', '=', query.status);
  const [items, count] = await Promise.all([
    selectConflicts(base)
      .orderBy(sql`c.status = 'open'`, 'desc')
      .orderBy('c.created_at', 'desc')
      .orderBy('c.id')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute()
      .then((rows) => rows.map(toConflict)),
    countRows(ctx.db, base),
  ]);
  return { items, ...count };
}

function selectConflicts(base: ReturnType<typeof conflictQuery>) {
  return base.select([
        'c.id', 'c.id_number', 'c.name', 'c.talent_id', 't.name as talent_name', 'c.holder_enterprise_id', 'h.name as holder_name',
        'c.claimant_enterprise_id', 'b.name as claimant_name', 'c.status', 'c.created_at', 'cu.display_name as created_by_name',
        'c.resolved_at', 'ru.display_name as resolved_by_name', 'c.note',
  ]);
}

function toConflict(r: Awaited<ReturnType<ReturnType<typeof selectConflicts>['execute']>>[number]): TalentConflict {
  return {
    id: r.id,
    idNumber: maskIdNumber(r.id_number),
    name: r.name,
    talentId: r.talent_id,
    talentName: r.talent_name,
    holderEnterpriseId: r.holder_enterprise_id,
    holderEnterpriseName: r.holder_name ?? null,
    claimantEnterpriseId: r.claimant_enterprise_id,
    claimantEnterpriseName: r.claimant_name,
    status: r.status,
    createdAt: r.created_at,
    createdByName: r.created_by_name ?? '',
    resolvedAt: r.resolved_at,
    resolvedByName: r.resolved_by_name ?? null,
    note: r.note,
  };
}

export async function getConflict(ctx: Ctx, id: string): Promise<TalentConflict> {
  const row = await selectConflicts(conflictQuery(ctx.db).where('c.id', '=', id)).executeTakeFirst();
  if (!row) throw new AppError('TALENT_CONFLICT_NOT_FOUND');
  return toConflict(row);
}

/**
 * The office decides: the person stays with the holder (A), moves to the claimant (B: the
 * employment at A ends today, one at B starts), or the conflict is dismissed.
 */
export async function resolveConflict(
  ctx: Ctx,
  id: string,
  input: { resolution: 'resolved_to_holder' | 'resolved_to_claimant' | 'dismissed'; note: string },
): Promise<TalentConflict> {
  await ctx.db.transaction().execute(async (tx) => {
    const c = await tx.selectFrom('talent_conflicts').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!c) throw new AppError('TALENT_CONFLICT_NOT_FOUND');
    if (c.status !== 'open') throw new AppError('TALENT_CONFLICT_CLOSED');
    if (input.resolution === 'resolved_to_claimant') {
      const talent = await tx.selectFrom('talents').selectAll().where('id', '=', c.talent_id).forUpdate().executeTakeFirstOrThrow();
      if (talent.enterprise_id !== c.claimant_enterprise_id) {
        await moveWithin(tx, ctx, talent, { enterpriseId: c.claimant_enterprise_id, startedOn: localDateOf(ctx.now), note: input.note, action: 'talent.move' });
      }
    }
    await tx
      .updateTable('talent_conflicts')
      .set({ status: input.resolution, note: input.note, resolved_by: ctx.actor.userId, resolved_at: ctx.now })
      .where('id', '=', id)
      .execute();
    await recordAudit(tx, ctx, {
      action: 'talent_conflict.resolve', entityType: 'talent_conflict', entityId: id, enterpriseId: c.claimant_enterprise_id,
      before: { status: c.status }, after: { status: input.resolution, note: input.note, talentId: c.talent_id },
    });
  });
  return getConflict(ctx, id);
}
