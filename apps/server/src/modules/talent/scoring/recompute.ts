import { sql } from 'kysely';
import type { Tx } from '../../../core/context';
import type { TalentSchemeKind } from '../../../db/schema';
import type { CompiledScheme } from '../domain';
import { compiledOf } from './scheme-source';
import { storedResult, type StoredResult } from './stored-result';
import { boundedWrites } from './bounded-writes';
import { recomputeEvaluationBonus } from './evaluation-bonus';
import { findVersion, versionInEffect, type SchemeVersionRow } from './scheme.repo';
import {
  activeTalentBatches, countActiveTalents, DEFAULT_BATCH, enterpriseFactsOfYear, evaluate, evaluateEnterprises, staffTotalsFromScores, type StaffTotal,
} from './population';

/** Job kind: recompute the scores under one version as of one day. Payload: RecomputePayload. */
export const RECOMPUTE_JOB = 'talent.scores.recompute';

export interface RecomputePayload {
  kind: TalentSchemeKind;
  versionId: string;
  asOf: string;
}

export interface RecomputeOptions {
  /** The run's timestamp, stored on every row it writes; older rows of the same version and day are removed. */
  computedAt: Date;
  batchSize?: number;
  progress?: (done: number, total: number, message?: string) => Promise<void>;
  /** 'bulk' (default): one INSERT per batch; 'row': one INSERT per talent (the bench's baseline). */
  write?: 'bulk' | 'row';
  /** Stop after this many talents (the bench's sample for the slow baseline). */
  limit?: number;
  /**
   * Batches written at once (default 2). PostgreSQL spends most of a recompute inserting rows on
   * one backend; two writers use two (bench/RESULTS.md, talent recompute). On PGlite, which has
   * one connection, the second write simply queues behind the first.
   */
  writers?: number;
}

export interface RecomputeSummary {
  talents: number;
  enterprises: number;
  /** Industrial enterprises given an evaluation bonus. */
  evaluationBonuses: number;
  personalVersionId: string | null;
  enterpriseVersionId: string | null;
  evaluationBonusVersionId: string | null;
  asOf: string;
  ms: { personal: number; enterprise: number; evaluationBonus: number };
}

/**
 * Re-running a day starts from an empty day: it is no longer complete (readers fall back to the
 * previous complete day until this run ends), and its rows go. The run then writes every active
 * talent again with plain inserts, which need no upsert and leave no stale rows behind.
 */
async function clearDay(db: Tx, versionId: string, asOf: string): Promise<void> {
  await unmarkDay(db, versionId, asOf);
  await db.deleteFrom('talent_scores').where('scheme_version_id', '=', versionId).where('as_of', '=', asOf).execute();
}

/** The day is no longer complete (talent_score_days): readers fall back to the previous complete day. */
export async function unmarkDay(db: Tx, versionId: string, asOf: string): Promise<void> {
  await db.deleteFrom('talent_score_days').where('scheme_version_id', '=', versionId).where('as_of', '=', asOf).execute();
}

/**
 * The day is complete: readers may show it (talent_score_days, migration 0011). Until this row
 * exists — while the batches are written, or after a run that failed — they keep to the
 * previous complete day.
 */
async function markDayComplete(db: Tx, versionId: string, asOf: string, rowCount: number, completedAt: Date): Promise<void> {
  await db
    .insertInto('talent_score_days')
    .values({ scheme_version_id: versionId, as_of: asOf, row_count: rowCount, completed_at: completedAt })
    .onConflict((oc) => oc.columns(['scheme_version_id', 'as_of']).doUpdateSet({ row_count: rowCount, completed_at: completedAt }))
    .execute();
}

export const compiledOfRow = (v: SchemeVersionRow): CompiledScheme => compiledOf(v.document, v.content_hash);

interface ScoreRow {
  t: string;
  e: string | null;
  tot: number;
  c: boolean;
  p: boolean | null;
  r: StoredResult;
}

/**
 * One statement per batch, into a day recomputePersonal has emptied (so no upsert): the rows
 * travel as one JSON document that PostgreSQL unpacks with json_to_recordset (no parameter limit,
 * one round trip; json, not jsonb: the text is only checked, not parsed into numerics, migration
 * 0008). COPY … FROM STDIN was tried instead (pg-copy-streams): on this 2-core machine it moved
 * the formatting onto the Node thread and was no faster end to end (bench/RESULTS.md).
 */
async function writeBulk(db: Tx, versionId: string, asOf: string, computedAt: Date, rows: ScoreRow[]): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    INSERT INTO talent_scores (talent_id, scheme_version_id, as_of, enterprise_id, total, complete, passed, result, computed_at)
    SELECT x.t, ${versionId}::uuid, ${asOf}::date, x.e, x.tot, x.c, x.p, x.r, ${computedAt}::timestamptz
    FROM json_to_recordset(${JSON.stringify(rows)}::json) AS x(t uuid, e uuid, tot numeric, c boolean, p boolean, r json)`.execute(db);
}

async function writeRowByRow(db: Tx, versionId: string, asOf: string, computedAt: Date, rows: ScoreRow[]): Promise<void> {
  for (const x of rows) {
    await sql`
      INSERT INTO talent_scores (talent_id, scheme_version_id, as_of, enterprise_id, total, complete, passed, result, computed_at)
      VALUES (${x.t}, ${versionId}, ${asOf}, ${x.e}, ${x.tot}, ${x.c}, ${x.p}, ${JSON.stringify(x.r)}::json, ${computedAt})`.execute(db);
  }
}

/**
 * Personal scores of every active talent under `version` as of `asOf`: evaluated in memory,
 * written in bulk. Pipelined: while the database writes the previous batches (up to
 * `opts.writers` at once), this thread reads and evaluates the next one.
 * Returns the count and each employer's staff points (the sum the enterprise scheme reads).
 */
export async function recomputePersonal(db: Tx, version: SchemeVersionRow, asOf: string, opts: RecomputeOptions): Promise<{ talents: number; staff: Map<string, StaffTotal> }> {
  const scheme = compiledOfRow(version);
  const size = opts.batchSize ?? DEFAULT_BATCH;
  const total = opts.progress ? await countActiveTalents(db) : 0;
  const write = opts.write === 'row' ? writeRowByRow : writeBulk;
  const writes = boundedWrites(opts.writers ?? 2);
  const staff = new Map<string, StaffTotal>();
  let read = 0;
  let written = 0;
  if (opts.limit === undefined) await clearDay(db, version.id, asOf);
  for await (const all of activeTalentBatches(db, size)) {
    const batch = opts.limit !== undefined ? all.slice(0, Math.max(0, opts.limit - read)) : all;
    if (batch.length === 0) break;
    const rows: ScoreRow[] = batch.map((t) => {
      const r = evaluate(scheme, t.facts, asOf);
      if (t.enterprise_id) {
        const st = staff.get(t.enterprise_id);
        if (st) {
          st.total += r.total;
          st.count++;
        } else staff.set(t.enterprise_id, { total: r.total, count: 1 });
      }
      return { t: t.id, e: t.enterprise_id, tot: r.total, c: r.complete, p: r.passed, r: storedResult(t.facts, r) };
    });
    read += batch.length;
    await writes.add(async () => {
      await write(db, version.id, asOf, opts.computedAt, rows);
      written += rows.length;
      await opts.progress?.(written, total, `personal ${version.code} ${version.version}`);
    });
  }
  await writes.drain();
  if (opts.limit === undefined) await markDayComplete(db, version.id, asOf, read, opts.computedAt);
  return { talents: read, staff };
}

/** Enterprise scores and tiers under `version` as of `asOf`, from the stored personal scores. */
export async function recomputeEnterprises(
  db: Tx,
  version: SchemeVersionRow,
  asOf: string,
  opts: RecomputeOptions,
  /** Staff points just computed for `personal` (else read from the stored scores). */
  known?: { personalVersionId: string; staff: Map<string, StaffTotal> },
): Promise<{ enterprises: number; personalVersionId: string | null }> {
  const scheme = compiledOfRow(version);
  const personal = await versionInEffect(db, 'personal', asOf);
  const staff = !personal ? new Map<string, StaffTotal>()
    : known?.personalVersionId === personal.id ? known.staff
    : await staffTotalsFromScores(db, personal.id, asOf);
  const facts = await enterpriseFactsOfYear(db, Number(asOf.slice(0, 4)));
  const evaluated = evaluateEnterprises(scheme, asOf, facts, staff);
  // A re-run rewrites the day batch by batch: until it is marked again, readers keep to the previous complete day.
  await unmarkDay(db, version.id, asOf);
  for (let i = 0; i < evaluated.length; i += 2_000) {
    const rows = evaluated.slice(i, i + 2_000).map((e) => ({
      e: e.enterpriseId, st: e.staff.total, n: e.staff.count, tot: e.result.total, c: e.result.complete, tier: e.tier?.id ?? null, rk: e.rank,
      r: storedResult(e.facts, e.result),
    }));
    await sql`
      INSERT INTO talent_enterprise_scores
        (enterprise_id, scheme_version_id, as_of, personal_version_id, staff_points_total, talent_count, total, complete, tier, rank, result, computed_at)
      SELECT x.e, ${version.id}::uuid, ${asOf}::date, ${personal?.id ?? null}::uuid, x.st, x.n, x.tot, x.c, x.tier, x.rk, x.r, ${opts.computedAt}::timestamptz
      FROM json_to_recordset(${JSON.stringify(rows)}::json) AS x(e uuid, st numeric, n integer, tot numeric, c boolean, tier text, rk integer, r json)
      ON CONFLICT (enterprise_id, scheme_version_id, as_of) DO UPDATE
        SET personal_version_id = excluded.personal_version_id, staff_points_total = excluded.staff_points_total,
            talent_count = excluded.talent_count, total = excluded.total, complete = excluded.complete, tier = excluded.tier,
            rank = excluded.rank, result = excluded.result, computed_at = excluded.computed_at`.execute(db);
  }
  await db.deleteFrom('talent_enterprise_scores').where('scheme_version_id', '=', version.id).where('as_of', '=', asOf).where('computed_at', '<', opts.computedAt).execute();
  await markDayComplete(db, version.id, asOf, evaluated.length, opts.computedAt);
  await opts.progress?.(evaluated.length, evaluated.length, `enterprise ${version.code} ${version.version}`);
  return { enterprises: evaluated.length, personalVersionId: personal?.id ?? null };
}

/**
 * The recompute job's work, down the chain each score feeds: a personal version is recomputed,
 * then the enterprise version in effect on the same day (its staffPointsTotal depends on the
 * personal points), then the evaluation-bonus version in effect (it reads the enterprise points).
 * An enterprise version starts the chain at the enterprise step (from the stored personal
 * scores), an evaluation-bonus version at its own (from the stored enterprise scores).
 */
export async function recompute(db: Tx, p: RecomputePayload, opts: RecomputeOptions): Promise<RecomputeSummary> {
  const version = await findVersion(db, p.versionId);
  if (!version) throw new Error(`scheme version ${p.versionId} not found`);
  if (version.status === 'draft') throw new Error(`scheme version ${version.code} ${version.version} is a draft`);
  const out: RecomputeSummary = {
    talents: 0, enterprises: 0, evaluationBonuses: 0, personalVersionId: null, enterpriseVersionId: null, evaluationBonusVersionId: null,
    asOf: p.asOf, ms: { personal: 0, enterprise: 0, evaluationBonus: 0 },
  };
  let enterpriseVersion = version.kind === 'enterprise' ? version : undefined;
  let bonusVersion = version.kind === 'evaluation_bonus' ? version : undefined;
  let known: { personalVersionId: string; staff: Map<string, StaffTotal> } | undefined;
  if (version.kind === 'personal') {
    const t0 = performance.now();
    const r = await recomputePersonal(db, version, p.asOf, opts);
    out.talents = r.talents;
    known = { personalVersionId: version.id, staff: r.staff };
    out.personalVersionId = version.id;
    out.ms.personal = Math.round(performance.now() - t0);
    enterpriseVersion = await versionInEffect(db, 'enterprise', p.asOf);
  }
  if (enterpriseVersion) {
    const t0 = performance.now();
    const e = await recomputeEnterprises(db, enterpriseVersion, p.asOf, opts, known);
    out.enterprises = e.enterprises;
    out.personalVersionId ??= e.personalVersionId;
    out.enterpriseVersionId = enterpriseVersion.id;
    out.ms.enterprise = Math.round(performance.now() - t0);
    bonusVersion = await versionInEffect(db, 'evaluation_bonus', p.asOf);
  }
  if (bonusVersion) {
    const t0 = performance.now();
    const b = await recomputeEvaluationBonus(db, bonusVersion, p.asOf, opts.computedAt);
    out.evaluationBonuses = b.enterprises;
    out.enterpriseVersionId ??= b.enterpriseVersionId;
    out.evaluationBonusVersionId = bonusVersion.id;
    out.ms.evaluationBonus = Math.round(performance.now() - t0);
    await opts.progress?.(b.enterprises, b.enterprises, `evaluation bonus ${bonusVersion.code} ${bonusVersion.version}`);
  }
  return out;
}
