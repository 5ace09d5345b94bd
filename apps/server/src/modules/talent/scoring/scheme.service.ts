import { AppError } from '../../../http/app-error';
import { recordAudit } from '../../../core/audit/audit';
import { enqueueJob } from '../../../core/jobs/job-queue';
import { localDateOf } from '../../../core/reference/domain/workday';
import type { Ctx, Tx } from '../../../core/context';
import type { TalentSchemeKind, TalentSchemeStatus } from '../../../db/schema';
import { diffSchemes, type SchemeDoc } from '../domain';
import { parseSchemeSource, type SourceFormat } from './scheme-source';
import { SchemeRejected, issue } from './scheme-issues';
import { currentVersion, findVersion, forgetCurrentVersions, toSummary, type SchemeVersionRow } from './scheme.repo';
import { RECOMPUTE_JOB } from './recompute';

const KIND_ZH: Record<TalentSchemeKind, string> = { personal: '个人积分', enterprise: '企业积分', evaluation_bonus: '综合评价加分' };

const PG_UNIQUE = '23505';
const PG_EXCLUSION = '23P01';

const auditView = (v: Pick<SchemeVersionRow, 'kind' | 'code' | 'version' | 'effective_from' | 'effective_to' | 'content_hash' | 'status'>) => ({
  kind: v.kind, code: v.code, version: v.version, effectiveFrom: v.effective_from, effectiveTo: v.effective_to, contentHash: v.content_hash, status: v.status,
});

export async function listSchemes(ctx: Ctx, q: { kind?: TalentSchemeKind; status?: TalentSchemeStatus }) {
  let qb = ctx.db.selectFrom('talent_scheme_versions').selectAll();
  if (q.kind) qb = qb.where('kind', '=', q.kind);
  if (q.status) qb = qb.where('status', '=', q.status);
  const rows = await qb.orderBy('kind').orderBy('effective_from', 'desc').orderBy('created_at', 'desc').execute();
  const today = localDateOf(ctx.now);
  return { items: rows.map((r) => toSummary(r, today)) };
}

export async function loadScheme(ctx: Ctx, id: string, tx: Tx = ctx.db): Promise<SchemeVersionRow> {
  const v = await findVersion(tx, id);
  if (!v) throw new AppError('NOT_FOUND');
  return v;
}

export async function getScheme(ctx: Ctx, id: string) {
  const v = await loadScheme(ctx, id);
  return { ...toSummary(v, localDateOf(ctx.now)), document: v.document, source: v.source, sourceFormat: v.source_format };
}

function parsedOrReject(source: string, format?: SourceFormat) {
  const p = parseSchemeSource(source, format);
  if (!p.ok) throw new SchemeRejected(p.issues);
  return p;
}

/** Validation without saving, for the editor (200 with the issues, never 400). */
export function validateSource(source: string, format?: SourceFormat) {
  const p = parseSchemeSource(source, format);
  if (!p.ok) return { ok: false, issues: p.issues, summary: null };
  const d = p.doc;
  return {
    ok: true,
    issues: [],
    summary: {
      kind: d.kind, code: d.code, version: d.version, effectiveFrom: d.effective.from, effectiveTo: d.effective.to ?? null,
      items: d.items.length, facts: d.facts.length, contentHash: p.hash,
    },
  };
}

function columnsOf(doc: SchemeDoc) {
  return {
    kind: doc.kind, code: doc.code, version: doc.version, name: JSON.stringify(doc.name),
    effective_from: doc.effective.from, effective_to: doc.effective.to ?? null, document: JSON.stringify(doc),
  };
}

const duplicateVersion = (doc: SchemeDoc) =>
  new SchemeRejected([issue('version', 'duplicate-version', `积分办法 ${doc.code} 已有版本 ${doc.version}，请改用新的版本号`, `${doc.code} already has a version ${doc.version}; use a new version label`)]);

async function rejectDuplicate(tx: Tx, doc: SchemeDoc, exceptId?: string) {
  let qb = tx.selectFrom('talent_scheme_versions').select('id').where('code', '=', doc.code).where('version', '=', doc.version);
  if (exceptId) qb = qb.where('id', '<>', exceptId);
  if (await qb.executeTakeFirst()) throw duplicateVersion(doc);
}

export async function createDraft(ctx: Ctx, input: { source: string; format?: SourceFormat }) {
  const p = parsedOrReject(input.source, input.format);
  const id = await ctx.db.transaction().execute(async (tx) => {
    await rejectDuplicate(tx, p.doc);
    const row = await tx
      .insertInto('talent_scheme_versions')
      .values({ ...columnsOf(p.doc), status: 'draft', source: input.source, source_format: p.format, content_hash: p.hash, created_by: ctx.actor.userId, updated_at: ctx.now })
      .returning(['id', 'kind', 'code', 'version', 'effective_from', 'effective_to', 'content_hash', 'status'])
      .executeTakeFirstOrThrow()
      .catch((err: { code?: string }) => {
        throw err.code === PG_UNIQUE ? duplicateVersion(p.doc) : err;
      });
    await recordAudit(tx, ctx, { action: 'talent.scheme.create', entityType: 'talent_scheme_version', entityId: row.id, after: auditView(row) });
    return row.id;
  });
  return getScheme(ctx, id);
}

export async function updateDraft(ctx: Ctx, id: string, input: { source: string; format?: SourceFormat; revision: number }) {
  const p = parsedOrReject(input.source, input.format);
  await ctx.db.transaction().execute(async (tx) => {
    const v = await tx.selectFrom('talent_scheme_versions').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!v) throw new AppError('NOT_FOUND');
    if (v.status !== 'draft') throw notDraft(v);
    if (v.revision !== input.revision) throw new AppError('CONFLICT');
    if (p.doc.kind !== v.kind)
      throw new SchemeRejected([issue('kind', 'kind-changed', `草稿是${KIND_ZH[v.kind]}办法，不能改为另一类`, `this draft is a ${v.kind} scheme; its kind cannot change`)]);
    await rejectDuplicate(tx, p.doc, id);
    await tx
      .updateTable('talent_scheme_versions')
      .set({ ...columnsOf(p.doc), source: input.source, source_format: p.format, content_hash: p.hash, revision: v.revision + 1, updated_at: ctx.now })
      .where('id', '=', id)
      .execute();
    if (v.content_hash !== p.hash || v.source !== input.source)
      await recordAudit(tx, ctx, {
        action: 'talent.scheme.update', entityType: 'talent_scheme_version', entityId: id,
        before: auditView(v), after: auditView({ ...v, ...columnsOf(p.doc), content_hash: p.hash }),
      });
  });
  return getScheme(ctx, id);
}

const notDraft = (v: SchemeVersionRow) =>
  new SchemeRejected([issue('status', 'not-draft', `版本 ${v.version} 已${v.status === 'published' ? '发布' : '停用'}，不能修改；请新建草稿`, `version ${v.version} is ${v.status} and cannot change; create a new draft`)], 409);

export async function deleteDraft(ctx: Ctx, id: string) {
  await ctx.db.transaction().execute(async (tx) => {
    const v = await tx.selectFrom('talent_scheme_versions').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!v) throw new AppError('NOT_FOUND');
    if (v.status !== 'draft') throw notDraft(v);
    await tx.deleteFrom('talent_scheme_versions').where('id', '=', id).execute();
    await recordAudit(tx, ctx, { action: 'talent.scheme.delete', entityType: 'talent_scheme_version', entityId: id, before: auditView(v) });
  });
}

/** Draft vs the published version (the one in effect, else the latest), or vs `againstId`. */
export async function diffScheme(ctx: Ctx, id: string, againstId?: string) {
  const v = await loadScheme(ctx, id);
  const today = localDateOf(ctx.now);
  const against = againstId ? await loadScheme(ctx, againstId) : await currentVersion(ctx.db, v.kind, today);
  const base = against && against.id !== v.id ? against : undefined;
  return { against: base ? toSummary(base, today) : null, changes: diffSchemes(base?.document ?? {}, v.document) };
}

/** The first published version of the kind whose period meets [from, to], other than `id`. */
async function overlapping(tx: Tx, v: SchemeVersionRow) {
  let qb = tx
    .selectFrom('talent_scheme_versions')
    .selectAll()
    .where('kind', '=', v.kind)
    .where('status', '=', 'published')
    .where('id', '<>', v.id)
    .where((eb) => eb.or([eb('effective_to', 'is', null), eb('effective_to', '>=', v.effective_from)]));
  if (v.effective_to !== null) qb = qb.where('effective_from', '<=', v.effective_to);
  return qb.orderBy('effective_from').executeTakeFirst();
}

function overlapIssue(v: SchemeVersionRow, o: SchemeVersionRow) {
  const period = `${o.effective_from} 至 ${o.effective_to ?? '长期'}`;
  const periodEn = `${o.effective_from} to ${o.effective_to ?? 'open-ended'}`;
  return new SchemeRejected([issue('effective', 'period-overlap',
    `有效期与已发布的版本 ${o.code} ${o.version}（${period}）重叠；请调整有效期，或先停用该版本`,
    `the effective period overlaps published version ${o.code} ${o.version} (${periodEn}); change the period or retire that version first`)], 409);
}

/** The day scores are computed as of: `day`, moved into the version's period. */
export function clampToPeriod(v: { effective_from: string; effective_to: string | null }, day: string): string {
  if (day < v.effective_from) return v.effective_from;
  if (v.effective_to !== null && day > v.effective_to) return v.effective_to;
  return day;
}

/**
 * Publishes a draft: refused when a published version of the same kind covers any day of its
 * period (the database enforces the same). Nothing else changes: older versions keep their
 * status and their scores. Queues the recompute of the scores under the new version.
 */
/**
 * Publishes a draft. `replaces` names published versions of the same kind to retire first, in the
 * same transaction: a new version that takes over a period never leaves the county without a
 * scheme in effect when something fails half-way.
 */
export async function publishScheme(ctx: Ctx, id: string, replaces: readonly string[] = []) {
  const jobId = await ctx.db.transaction().execute(async (tx) => {
    const v = await tx.selectFrom('talent_scheme_versions').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!v) throw new AppError('NOT_FOUND');
    if (v.status !== 'draft') throw notDraft(v);
    for (const oldId of replaces) await retireIn(tx, ctx, oldId, v.kind);
    const o = await overlapping(tx, v);
    if (o) throw overlapIssue(v, o);
    await tx
      .updateTable('talent_scheme_versions')
      .set({ status: 'published', published_by: ctx.actor.userId, published_at: ctx.now, updated_at: ctx.now })
      .where('id', '=', id)
      .execute()
      .catch(async (err: { code?: string }) => {
        if (err.code !== PG_EXCLUSION) throw err;
        throw overlapIssue(v, (await overlapping(ctx.db, v)) ?? v); // published meanwhile by someone else
      });
    await recordAudit(tx, ctx, { action: 'talent.scheme.publish', entityType: 'talent_scheme_version', entityId: id, before: { status: 'draft' }, after: auditView({ ...v, status: 'published' }) });
    const asOf = clampToPeriod(v, localDateOf(ctx.now));
    return enqueueJob(tx, { kind: RECOMPUTE_JOB, payload: { kind: v.kind, versionId: id, asOf }, createdBy: ctx.actor.userId, runAt: ctx.now });
  });
  forgetCurrentVersions();
  const v = await loadScheme(ctx, id);
  return { version: toSummary(v, localDateOf(ctx.now)), jobId };
}

/** Retires a published version: it stops being in effect; its scores stay, readable as history. */
export async function retireScheme(ctx: Ctx, id: string) {
  await ctx.db.transaction().execute(async (tx) => retireIn(tx, ctx, id));
  forgetCurrentVersions();
  const v = await loadScheme(ctx, id);
  return toSummary(v, localDateOf(ctx.now));
}

async function retireIn(tx: Tx, ctx: Ctx, id: string, kind?: TalentSchemeKind) {
  const v = await tx.selectFrom('talent_scheme_versions').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!v || (kind && v.kind !== kind)) throw new AppError('NOT_FOUND');
  if (v.status !== 'published')
    throw new SchemeRejected([issue('status', 'not-published', '只有已发布的版本可以停用', 'only a published version can be retired')], 409);
  await tx.updateTable('talent_scheme_versions').set({ status: 'retired', retired_by: ctx.actor.userId, retired_at: ctx.now, updated_at: ctx.now }).where('id', '=', id).execute();
  await recordAudit(tx, ctx, { action: 'talent.scheme.retire', entityType: 'talent_scheme_version', entityId: id, before: { status: 'published' }, after: { status: 'retired' } });
}
