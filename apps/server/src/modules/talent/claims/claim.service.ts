import { sql } from 'kysely';
import type { z } from 'zod';
import { ERROR_CATALOG } from '@zhizhi/contracts';
import type { TalentClaimStatus } from '../../../db/schema';
import { AppError } from '../../../http/app-error';
import { can } from '../../../core/identity/actor';
import { recordAudit, changedFields } from '../../../core/audit/audit';
import type { Ctx, Tx } from '../../../core/context';
import type { Notifier } from '../../../core/notifications/notifier';
import type { UploadLimits } from '../../../core/files/domain/upload-limits';
import { applyChanges, CLAIM_STATUS_LABELS, nextStatus, OPEN_CLAIM_STATUSES, refuseClaimStep, staleFacts, type ClaimStep } from '../domain';
import { claimInScope } from './claim-scope';
import { factLabel } from './fact-labels';
import { notifyClaimStep } from './notify';
import type { ClaimDetail, ClaimListQuery, ClaimPage } from './schemas';

const REVIEW = 'talent.claims.review';
const DAY = 86_400_000;

function baseQuery(ctx: Ctx, db: Tx = ctx.db) {
  return db
    .selectFrom('talent_claims as c')
    .innerJoin('enterprises as e', 'e.id', 'c.enterprise_id')
    .leftJoin('talents as t', 't.id', 'c.talent_id')
    .leftJoin('users as u', 'u.id', 'c.submitted_by')
    .where(claimInScope(ctx.actor));
}

const summaryColumns = [
  'c.id', 'c.subject_kind', 'c.talent_id', 't.name as talent_name', 'c.year', 'c.enterprise_id', 'e.name as enterprise_name', 'c.status',
  'c.changes', 'c.reason', 'u.display_name as submitted_by_name', 'c.created_at', 'c.waiting_since', 'c.decided_at', 'c.version',
] as const;

type SummaryRow = {
  id: string; subject_kind: 'talent' | 'enterprise'; talent_id: string | null; talent_name: string | null; year: number | null;
  enterprise_id: string; enterprise_name: string; status: TalentClaimStatus; changes: { fact: string; before: unknown; claimed: unknown }[];
  reason: string; submitted_by_name: string | null; created_at: Date; waiting_since: Date; decided_at: Date | null; version: number;
};

function toSummary(r: SummaryRow, evidenceCount: number) {
  return {
    id: r.id, subjectKind: r.subject_kind, talentId: r.talent_id, talentName: r.talent_name, year: r.year,
    enterpriseId: r.enterprise_id, enterpriseName: r.enterprise_name, status: r.status, facts: r.changes.map((c) => c.fact),
    evidenceCount, reason: r.reason, submittedByName: r.submitted_by_name, createdAt: r.created_at, waitingSince: r.waiting_since,
    decidedAt: r.decided_at, version: r.version,
  };
}

async function evidenceCounts(db: Tx, ids: string[]): Promise<Map<string, number>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('talent_claim_evidence').select(['claim_id', (eb) => eb.fn.countAll<number>().as('n')]).where('claim_id', 'in', ids).groupBy('claim_id').execute();
  return new Map(rows.map((r) => [r.claim_id, Number(r.n)]));
}

/**
 * The review queue (the office) and an enterprise's own claims: filtered by status, enterprise,
 * talent, fact and age, oldest waiting first; with the count per status under the same filters.
 */
export async function listClaims(ctx: Ctx, q: ClaimListQuery): Promise<z.infer<typeof ClaimPage>> {
  let qb = baseQuery(ctx);
  if (q.enterprise) qb = qb.where('c.enterprise_id', '=', q.enterprise);
  if (q.talent) qb = qb.where('c.talent_id', '=', q.talent);
  if (q.subjectKind) qb = qb.where('c.subject_kind', '=', q.subjectKind);
  if (q.fact) qb = qb.where(sql<boolean>`c.changes @> ${JSON.stringify([{ fact: q.fact }])}::jsonb`);
  if (q.minAgeDays !== undefined) qb = qb.where('c.waiting_since', '<=', new Date(ctx.now.getTime() - q.minAgeDays * DAY));
  const countRows = await qb.select(['c.status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('c.status').execute();
  const counts: Record<string, number> = Object.fromEntries(countRows.map((r) => [r.status, Number(r.n)]));
  counts.open = OPEN_CLAIM_STATUSES.reduce((n, s) => n + (counts[s] ?? 0), 0);
  let page = qb;
  if (q.status === 'open') page = page.where('c.status', 'in', [...OPEN_CLAIM_STATUSES]);
  else if (q.status) page = page.where('c.status', '=', q.status);
  const total = q.status === 'open' ? counts.open : q.status ? (counts[q.status] ?? 0) : countRows.reduce((n, r) => n + Number(r.n), 0);
  const rows = (await page
    .select([...summaryColumns])
    .orderBy('c.waiting_since', q.order)
    .orderBy('c.id', q.order)
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute()) as SummaryRow[];
  const ev = await evidenceCounts(ctx.db, rows.map((r) => r.id));
  return { items: rows.map((r) => toSummary(r, ev.get(r.id) ?? 0)), total, totalEstimated: false, counts };
}

/** One claim the actor may see (locked for a step when `tx` is given), else 404. */
async function loadClaim(ctx: Ctx, id: string, tx?: Tx): Promise<SummaryRow> {
  let qb = baseQuery(ctx, tx ?? ctx.db).select([...summaryColumns]).where('c.id', '=', id);
  if (tx) qb = qb.forUpdate('c');
  const row = (await qb.executeTakeFirst()) as SummaryRow | undefined;
  if (!row) throw new AppError('TALENT_CLAIM_NOT_FOUND');
  return row;
}
export { loadClaim as loadVisibleClaim };

/** The approved facts of a claim's subject now (locked when asked). */
async function approvedFacts(tx: Tx, c: SummaryRow, lock = false): Promise<Record<string, unknown>> {
  if (c.subject_kind === 'talent') {
    let qb = tx.selectFrom('talents').select('facts').where('id', '=', c.talent_id!);
    if (lock) qb = qb.forUpdate();
    return (await qb.executeTakeFirst())?.facts ?? {};
  }
  let qb = tx.selectFrom('talent_enterprise_facts').select('facts').where('enterprise_id', '=', c.enterprise_id).where('year', '=', c.year!);
  if (lock) qb = qb.forUpdate();
  return (await qb.executeTakeFirst())?.facts ?? {};
}

const isOwnEnterprise = (ctx: Ctx, c: { enterprise_id: string }) => ctx.actor.scope.enterpriseId === c.enterprise_id;
const isOpen = (s: TalentClaimStatus) => (OPEN_CLAIM_STATUSES as readonly string[]).includes(s);

export async function getClaim(ctx: Ctx, id: string, limits: UploadLimits): Promise<z.infer<typeof ClaimDetail>> {
  const c = await loadClaim(ctx, id);
  const current = await approvedFacts(ctx.db, c);
  const stale = new Set(isOpen(c.status) ? staleFacts(c.changes, current) : []);
  const evidence = await ctx.db
    .selectFrom('talent_claim_evidence as v')
    .innerJoin('files as f', 'f.id', 'v.file_id')
    .leftJoin('users as u', 'u.id', 'f.uploaded_by')
    .select(['f.id', 'f.name', 'f.media_type', 'f.size_bytes', 'v.fact', 'u.display_name', 'f.created_at'])
    .where('v.claim_id', '=', id)
    .orderBy('f.created_at')
    .execute();
  const events = await ctx.db.selectFrom('talent_claim_events').select(['action', 'note', 'actor_name', 'at']).where('claim_id', '=', id).orderBy('id').execute();
  return {
    ...toSummary(c, evidence.length),
    changes: c.changes.map((ch) => ({ ...ch, current: current[ch.fact] ?? null, stale: stale.has(ch.fact) })),
    evidence: evidence.map((f) => ({ id: f.id, name: f.name, mediaType: f.media_type, sizeBytes: f.size_bytes, fact: f.fact, uploadedByName: f.display_name, createdAt: f.created_at })),
    events: events.map((e) => ({ action: e.action, note: e.note, actorName: e.actor_name, at: e.at })),
    canReview: can(ctx.actor, REVIEW) && !ctx.actor.scope.enterpriseId && isOpen(c.status),
    canRespond: isOwnEnterprise(ctx, c) && isOpen(c.status),
    uploadLimits: { kinds: [...limits.kinds], maxBytes: limits.maxBytes },
  };
}

export type Step = { step: 'approve'; note?: string } | { step: 'reject'; reason: string } | { step: 'request_info'; note: string } | { step: 'resubmit'; note?: string };

const TITLES: Record<Step['step'], (subject: string) => { title: string; toTalent: boolean }> = {
  approve: (s) => ({ title: `积分事实申报已通过：${s}`, toTalent: true }),
  reject: (s) => ({ title: `积分事实申报被驳回：${s}`, toTalent: true }),
  request_info: (s) => ({ title: `积分事实申报需补充材料：${s}`, toTalent: false }),
  resubmit: () => ({ title: '', toTalent: false }),
};

/**
 * One step of the review. The office approves (writing the claimed values into the approved facts,
 * refused with 409 naming the fact when one changed since the claim was made), rejects with a
 * reason or asks for more; the enterprise resubmits after adding what was asked. Each step, its
 * audit entry and its notifications commit together; a stale version or a step the status does not
 * allow is a 409.
 */
export async function stepClaim(ctx: Ctx, notifier: Notifier, id: string, version: number | null, s: Step): Promise<void> {
  await ctx.db.transaction().execute((tx) => stepClaimIn(tx, ctx, notifier, id, version, s));
}

/** stepClaim in the caller's transaction (the demo seed). */
export async function stepClaimIn(tx: Tx, ctx: Ctx, notifier: Notifier, id: string, version: number | null, s: Step): Promise<void> {
  const office = s.step !== 'resubmit';
  if (office && (!can(ctx.actor, REVIEW) || ctx.actor.scope.enterpriseId)) throw new AppError('FORBIDDEN');
  const c = await loadClaim(ctx, id, tx);
  if (!office && !isOwnEnterprise(ctx, c)) throw new AppError('FORBIDDEN');
  if (version !== null && c.version !== version) throw new AppError('CONFLICT');
  const refusal = refuseClaimStep(s.step as ClaimStep, c.status);
  if (refusal) throw new AppError('TALENT_CLAIM_STATE', undefined, refusal);
  const subject = c.subject_kind === 'talent' ? (c.talent_name ?? '') : `${c.enterprise_name} ${c.year} 年企业积分事实`;
  const status = nextStatus(s.step as ClaimStep, c.status);
  let note = '';
  let facts: { before: unknown; after: unknown } | null = null;
  if (s.step === 'approve') {
    const current = await approvedFacts(tx, c, true);
    const stale = staleFacts(c.changes, current);
    if (stale.length) {
      const names = stale.map(factLabel);
      throw new AppError('TALENT_CLAIM_STALE', Object.fromEntries(stale.map((f) => [`changes.${f}`, '申报提交后已被修改'])), {
        zh: `申报提交后，${names.map((n) => `“${n.zh}”`).join('、')}已被修改，不能按原申报通过：请驳回，或请企业按现值重新申报`,
        en: `${names.map((n) => n.en).join(', ')} changed after the claim was made; it cannot be approved as it stands: reject it, or ask the enterprise to claim again from the current values`,
      });
    }
    const next = applyChanges(current, c.changes);
    facts = changedFields(current, next) ?? { before: {}, after: {} };
    if (c.subject_kind === 'talent') {
      await tx.updateTable('talents').set((eb) => ({ facts: JSON.stringify(next), updated_at: ctx.now, version: eb('version', '+', 1) })).where('id', '=', c.talent_id!).execute();
      await recordAudit(tx, ctx, { action: 'talent.facts.approve', entityType: 'talent', entityId: c.talent_id, enterpriseId: c.enterprise_id, before: { facts: facts.before }, after: { facts: facts.after, claimId: c.id } });
    } else {
      await tx
        .insertInto('talent_enterprise_facts')
        .values({ enterprise_id: c.enterprise_id, year: c.year!, facts: JSON.stringify(next), updated_by: ctx.actor.userId, updated_at: ctx.now })
        .onConflict((oc) => oc.columns(['enterprise_id', 'year']).doUpdateSet({ facts: JSON.stringify(next), updated_by: ctx.actor.userId, updated_at: ctx.now }))
        .execute();
      await recordAudit(tx, ctx, { action: 'talent.enterprise_facts.approve', entityType: 'talent_enterprise_facts', entityId: `${c.enterprise_id}:${c.year}`, enterpriseId: c.enterprise_id, before: facts.before, after: { ...facts.after as object, claimId: c.id } });
    }
    note = s.note ?? '';
  } else if (s.step === 'reject') note = s.reason;
  else note = s.note ?? '';
  await tx
    .updateTable('talent_claims')
    .set({
      status,
      reason: s.step === 'reject' || s.step === 'request_info' ? note : s.step === 'resubmit' ? '' : c.reason,
      ...(s.step === 'resubmit' ? { waiting_since: ctx.now } : {}),
      ...(s.step === 'approve' || s.step === 'reject' ? { decided_by: ctx.actor.userId, decided_at: ctx.now } : {}),
      updated_at: ctx.now,
      version: c.version + 1,
    })
    .where('id', '=', c.id)
    .execute();
  await tx.insertInto('talent_claim_events').values({ claim_id: c.id, action: s.step, note, detail: facts ? JSON.stringify(facts) : null, actor_id: ctx.actor.userId, actor_name: ctx.actor.displayName, at: ctx.now }).execute();
  await recordAudit(tx, ctx, { action: `talent.claim.${s.step}`, entityType: 'talent_claim', entityId: c.id, enterpriseId: c.enterprise_id, before: { status: c.status }, after: { status, ...(note ? { note } : {}) } });
  const t = TITLES[s.step](subject);
  if (t.title) {
    const facts = c.changes.map((ch) => factLabel(ch.fact).zh).join('、');
    await notifyClaimStep(notifier, tx, c, { title: t.title, body: note ? `${facts}。${note}` : facts, toTalent: t.toTalent });
  }
}

/** Approves each selected claim in its own transaction; one refusal does not stop the others. */
export async function approveClaims(ctx: Ctx, notifier: Notifier, ids: string[], locale: 'zh-CN' | 'en-US') {
  if (!can(ctx.actor, REVIEW) || ctx.actor.scope.enterpriseId) throw new AppError('FORBIDDEN');
  const results: { id: string; ok: boolean; code: string | null; message: string | null }[] = [];
  for (const id of [...new Set(ids)]) {
    try {
      await stepClaim(ctx, notifier, id, null, { step: 'approve', note: '批量通过' });
      results.push({ id, ok: true, code: null, message: null });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const m = err.userMessage ?? ERROR_CATALOG[err.code];
      results.push({ id, ok: false, code: err.code, message: locale === 'en-US' ? m.en : m.zh });
    }
  }
  return { approved: results.filter((r) => r.ok).length, results };
}

export const claimStatusLabel = (s: TalentClaimStatus) => CLAIM_STATUS_LABELS[s];
