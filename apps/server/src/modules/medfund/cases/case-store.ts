import type { Ctx, Tx } from '../../../core/context';
import { AppError } from '../../../http/app-error';
import type { MedfundCaseTable } from '../../../db/schema';
import type { Selectable } from 'kysely';

export type CaseRow = Selectable<MedfundCaseTable>;

export const caseNotFound = (id: number | string) =>
  new AppError('MEDFUND_CASE_NOT_FOUND', undefined, { zh: `案件 #${id} 不存在`, en: `Case #${id} not found` });

/** The case, locked for the rest of the transaction (a stage move, a decision, a payment). */
export async function lockCase(tx: Tx, id: number): Promise<CaseRow> {
  const c = await tx.selectFrom('medfund_cases').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!c) throw caseNotFound(id);
  return c;
}

export async function insertEvent(tx: Tx, ctx: Pick<Ctx, 'actor' | 'now'> | null, e: { caseId: number; type: string; stage: string; note?: string; payload?: Record<string, unknown>; at?: Date }) {
  await tx.insertInto('medfund_case_events').values({
    case_id: e.caseId, type: e.type, stage: e.stage, note: e.note ?? '', payload: JSON.stringify(e.payload ?? {}),
    actor_id: ctx?.actor.userId ?? null, actor_name: ctx?.actor.displayName ?? '系统', created_at: e.at ?? ctx?.now ?? new Date(),
  }).execute();
}

/** Ends the open stage row of the case and, when given, opens the next one. */
export async function moveStage(tx: Tx, caseId: number, now: Date, next: { stage: 'first_review' | 'second_review' | 'appeal' | 'investigation'; dueOn: string } | null) {
  await tx.updateTable('medfund_case_stages').set({ ended_at: now }).where('case_id', '=', caseId).where('ended_at', 'is', null).execute();
  if (next) await tx.insertInto('medfund_case_stages').values({ case_id: caseId, stage: next.stage, started_at: now, due_on: next.dueOn }).execute();
}
