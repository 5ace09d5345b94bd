import { sql } from 'kysely';
import type { Tx } from '../../../core/context';
import { compareWhatIf, type CompiledScheme, type EvaluationResult, type WhatIfComparison, type WhatIfSubject } from '../domain';
import { compiledOfRow } from './recompute';
import { currentVersion, findVersion, versionInEffect, type SchemeVersionRow } from './scheme.repo';
import { activeTalentBatches, enterpriseFactsOfYear, evaluate, evaluateEnterprises, rankableTotal, type StaffTotal } from './population';

/** Job kind: a what-if run (试算). Payload: { runId }. */
export const WHATIF_JOB = 'talent.scores.what-if';

function addStaff(m: Map<string, StaffTotal>, enterpriseId: string | null, points: number) {
  if (!enterpriseId) return;
  const s = m.get(enterpriseId) ?? { total: 0, count: 0 };
  s.total += points;
  s.count++;
  m.set(enterpriseId, s);
}

const personalSubject = (id: string, r: EvaluationResult): WhatIfSubject & { passed: boolean | null } => ({
  id, total: rankableTotal(r), tier: r.tier?.id ?? null, passed: r.passed,
});

export interface WhatIfOutcome {
  talents: (WhatIfComparison & { counts: WhatIfComparison['counts'] & { passGained: number; passLost: number } }) | null;
  enterprises: WhatIfComparison | null;
  enterpriseOf: Map<string, string | null>;
}

/**
 * Applies a draft to the whole current population, next to the published version it would
 * replace (the one in effect on asOf): every active talent under both personal schemes, and
 * every enterprise under the enterprise scheme with staffPointsTotal from each side's points.
 * A personal draft changes talents and, through staffPointsTotal, enterprises; an enterprise
 * draft changes only enterprises.
 */
export async function runWhatIf(db: Tx, draft: SchemeVersionRow, baseline: SchemeVersionRow | undefined, asOf: string): Promise<WhatIfOutcome> {
  const draftScheme = compiledOfRow(draft);
  const basePersonal: CompiledScheme | undefined =
    draft.kind === 'personal' ? (baseline ? compiledOfRow(baseline) : undefined) : await personalInEffect(db, asOf);
  const before: (WhatIfSubject & { passed: boolean | null })[] = [];
  const after: (WhatIfSubject & { passed: boolean | null })[] = [];
  const staffBefore = new Map<string, StaffTotal>();
  const staffAfter = new Map<string, StaffTotal>();
  const enterpriseOf = new Map<string, string | null>();
  for await (const batch of activeTalentBatches(db)) {
    for (const t of batch) {
      enterpriseOf.set(t.id, t.enterprise_id);
      const b = basePersonal ? evaluate(basePersonal, t.facts, asOf) : undefined;
      if (b) {
        before.push(personalSubject(t.id, b));
        addStaff(staffBefore, t.enterprise_id, b.total);
      }
      if (draft.kind === 'personal') {
        const a = evaluate(draftScheme, t.facts, asOf);
        after.push(personalSubject(t.id, a));
        addStaff(staffAfter, t.enterprise_id, a.total);
      } else if (b) addStaff(staffAfter, t.enterprise_id, b.total);
    }
  }

  let talents: WhatIfOutcome['talents'] = null;
  if (draft.kind === 'personal') {
    const cmp = compareWhatIf(before, after, { tierOrder: draftScheme.tiering?.tiers.map((t) => t.id) });
    const passedBefore = new Map(before.map((s) => [s.id, s.passed]));
    let passGained = 0;
    let passLost = 0;
    for (const s of after) {
      const was = passedBefore.get(s.id) ?? null;
      if (was !== true && s.passed === true) passGained++;
      if (was === true && s.passed !== true) passLost++;
    }
    talents = { ...cmp, counts: { ...cmp.counts, passGained, passLost } };
  }

  // Enterprises: the published enterprise scheme (or the draft, for an enterprise draft).
  const baseEnterprise = draft.kind === 'enterprise' ? (baseline ? compiledOfRow(baseline) : undefined) : await enterpriseInEffect(db, asOf);
  const afterEnterprise = draft.kind === 'enterprise' ? draftScheme : baseEnterprise;
  let enterprises: WhatIfComparison | null = null;
  if (afterEnterprise) {
    const facts = await enterpriseFactsOfYear(db, Number(asOf.slice(0, 4)));
    const side = (scheme: CompiledScheme | undefined, staff: Map<string, StaffTotal>) =>
      scheme ? evaluateEnterprises(scheme, asOf, facts, staff).map((e) => ({ id: e.enterpriseId, total: rankableTotal(e.result), tier: e.tier?.id ?? null })) : [];
    enterprises = compareWhatIf(side(baseEnterprise, staffBefore), side(afterEnterprise, staffAfter), {
      tierOrder: afterEnterprise.tiering?.tiers.map((t) => t.id),
    });
  }
  return { talents, enterprises, enterpriseOf };
}

async function personalInEffect(db: Tx, asOf: string) {
  const v = await versionInEffect(db, 'personal', asOf);
  return v ? compiledOfRow(v) : undefined;
}
async function enterpriseInEffect(db: Tx, asOf: string) {
  const v = await versionInEffect(db, 'enterprise', asOf);
  return v ? compiledOfRow(v) : undefined;
}

/** The published version a draft is compared with: in effect on asOf, else the current one. */
export async function baselineFor(db: Tx, draft: SchemeVersionRow, asOf: string) {
  return (await versionInEffect(db, draft.kind, asOf)) ?? (await currentVersion(db, draft.kind, asOf));
}

/** The job: runs the what-if of a stored run and keeps its counts and changed rows. */
export async function whatIfJob(db: Tx, runId: string, now: () => Date, progress?: (d: number, t: number, m?: string) => Promise<void>) {
  const run = await db.selectFrom('talent_whatif_runs').selectAll().where('id', '=', runId).executeTakeFirst();
  if (!run) throw new Error(`what-if run ${runId} not found`);
  await db.updateTable('talent_whatif_runs').set({ status: 'running', error: null }).where('id', '=', runId).execute();
  try {
    const draft = await findVersion(db, run.draft_id);
    if (!draft) throw new Error('draft not found');
    const baseline = run.baseline_id ? await findVersion(db, run.baseline_id) : undefined;
    const out = await runWhatIf(db, draft, baseline, run.as_of);
    await progress?.(1, 2, 'compared');
    await db.deleteFrom('talent_whatif_rows').where('run_id', '=', runId).execute();
    const rows = [
      ...(out.talents?.rows ?? []).map((r) => ({ ...r, type: 'talent' as const, ent: out.enterpriseOf.get(r.id) ?? null })),
      ...(out.enterprises?.rows ?? []).map((r) => ({ ...r, type: 'enterprise' as const, ent: r.id })),
    ].filter((r) => r.change !== 'unchanged' || r.tierChanged);
    for (let i = 0; i < rows.length; i += 5_000) {
      const chunk = rows.slice(i, i + 5_000).map((r) => ({
        s: r.type, id: r.id, e: r.ent, bt: r.before?.total ?? null, btr: r.before?.tier ?? null, at: r.after?.total ?? null, atr: r.after?.tier ?? null,
        d: r.delta, c: r.change, tc: r.tierChanged, tm: r.tierMove,
      }));
      await sql`
        INSERT INTO talent_whatif_rows (run_id, subject_type, subject_id, enterprise_id, before_total, before_tier, after_total, after_tier, delta, change, tier_changed, tier_move)
        SELECT ${runId}::uuid, x.s, x.id, x.e, x.bt, x.btr, x.at, x.atr, x.d, x.c, x.tc, x.tm
        FROM json_to_recordset(${JSON.stringify(chunk)}::json)
          AS x(s text, id uuid, e uuid, bt numeric, btr text, at numeric, atr text, d numeric, c text, tc boolean, tm text)`.execute(db);
    }
    await db
      .updateTable('talent_whatif_runs')
      .set({
        status: 'succeeded', finished_at: now(),
        talent_counts: out.talents ? JSON.stringify(out.talents.counts) : null,
        enterprise_counts: out.enterprises ? JSON.stringify(out.enterprises.counts) : null,
      })
      .where('id', '=', runId)
      .execute();
    await progress?.(2, 2, 'stored');
    return { talents: out.talents?.counts ?? null, enterprises: out.enterprises?.counts ?? null, rows: rows.length };
  } catch (err) {
    await db.updateTable('talent_whatif_runs').set({ status: 'failed', error: (err as Error).message, finished_at: now() }).where('id', '=', runId).execute();
    throw err;
  }
}
