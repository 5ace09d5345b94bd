import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../../db/schema';
import type { JobHandler } from '../../../../core/jobs/job-runner';
import type { ClaimsStore } from '../../claims/claims-store';
import { claimsStoreOf } from '../../claims/open-claims-store';
import { rulesForRun } from '../rule-store';
import { naturalKey, type RawFinding } from '../domain/finding-rows';
import { evidenceOf } from '../domain/evidence';
import { sqlDate, sqlString } from '../domain/sql-literals';
import { rankProviders, type ProviderStats } from '../domain/provider-risk';
import { claimsDataVersion, ensureScreeningViews, screenRule } from './screen-claims';
import { withWindowClaims } from './window-claims';
import { withFullClaims } from './full-claims';
import type { ClaimsSources } from '../domain/template-sql';
import { lastScreenedDay } from './run.service';
import { queueRollup } from '../../warnings/rollup/rollup-job';
import { markRunPending } from '../../warnings/rollup/rollup-scope';
import { enqueueJob } from '../../../../core/jobs/job-queue';
import { DEMO_CASES_JOB } from '../../demo-jobs';

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const maxDay = (a: string, b: string) => (a > b ? a : b);
const minDay = (a: string, b: string) => (a < b ? a : b);

/**
 * The screening job: every enabled rule (its current version, within its effective period) over
 * the run's window, findings upserted by natural key (a rerun refreshes last_run_id, adds no row),
 * then the provider risk over the whole data span. Progress after each rule.
 */
export const screeningJob: JobHandler = async (job, jctx) => {
  const { runId: rawRunId, demo } = job.payload as { runId: number; demo?: boolean };
  const runId = Number(rawRunId);
  const db = jctx.db;
  try {
    const store = await claimsStoreOf(db);
    const result = await runScreening(db, store, runId, jctx.now, (done, total, note) => jctx.progress(done, total, note));
    await db.transaction().execute(async (tx) => {
      // the warnings follow every finished run (modules/medfund/warnings: a job of its own, so a failed roll-up leaves the run done)
      await queueRollup(tx, { trigger: 'screening', runId });
      // the demo's first run hands over to the demo cases, queued behind the roll-up (jobs are claimed
      // in queue order), so the cases meet the warnings they will be linked to (cases/demo-cases.ts)
      if (demo) await enqueueJob(tx, { kind: DEMO_CASES_JOB, payload: { runId }, maxAttempts: 1 });
    });
    return { ...result, ...(demo ? { then: DEMO_CASES_JOB } : {}) };
  } catch (err) {
    await db
      .updateTable('medfund_screening_runs')
      .set({ status: 'failed', error: err instanceof Error ? err.message.slice(0, 500) : String(err), finished_at: jctx.now() })
      .where('id', '=', runId)
      .execute();
    // findings it stored before failing: the next roll-up weighs their subjects (an incremental one would not otherwise)
    await markRunPending(db, runId);
    throw err;
  }
};

export async function runScreening(
  db: Kysely<DB>, store: ClaimsStore, runId: number, now: () => Date,
  progress: (done: number, total: number, note: string) => Promise<void> = async () => undefined,
): Promise<Record<string, number>> {
  const run = await db.selectFrom('medfund_screening_runs').selectAll().where('id', '=', runId).executeTakeFirstOrThrow();
  await ensureScreeningViews(store);
  const data = await claimsDataVersion(store);
  const rules = await rulesForRun(db);
  let from = data.from;
  let to = data.to;
  if (run.kind === 'full') {
    if (run.period_from && from) from = maxDay(from, run.period_from);
    if (run.period_to && to) to = minDay(to, run.period_to);
  } else {
    const last = await lastScreenedDay(db, run.store_key);
    if (last && from) from = maxDay(from, addDays(last, 1));
  }
  const total = rules.length + 1;
  await db
    .updateTable('medfund_screening_runs')
    .set({
      status: 'running', started_at: now(), data_version: data.version, period_from: from, period_to: to, progress_total: total,
      rule_versions: JSON.stringify(rules.map((r) => ({ rule: r.code, version: r.version.version }))),
    })
    .where('id', '=', runId)
    .execute();
  const counts: Record<string, number> = { settlements: data.settlements, found: 0, new: 0 };
  if (from && to && from <= to) {
    const window = { from, to };
    const screenAll = async (st: ClaimsStore, claims: ClaimsSources, lookback: boolean) => {
      for (const [i, rule] of rules.entries()) {
        await report(db, runId, i, total, `${rule.code}`, progress);
        const v = rule.version;
        const wFrom = maxDay(window.from, v.effectiveFrom);
        const wTo = v.effectiveTo ? minDay(window.to, v.effectiveTo) : window.to;
        if (wFrom > wTo) continue;
        const found = await screenRule(st, { code: rule.code, template: rule.template, params: v.params, tables: v.tables }, { from: wFrom, to: wTo, lookback }, claims);
        const added = await saveFindings(db, st, runId, rule, found);
        counts[rule.code] = found.length;
        counts.found! += found.length;
        counts.new! += added;
      }
    };
    // Each run reads one netted snapshot instead of the netting views: an incremental run the claims
    // of the persons its new days touch, each rule with its look-back (window-claims.ts); a full run
    // the whole store's (full-claims.ts)
    if (run.kind === 'incremental') {
      await withWindowClaims(store, window, rules.map((r) => ({ template: r.template, params: r.version.params })), (tx, claims) => screenAll(tx, claims, true));
    } else {
      await withFullClaims(store, (tx, claims) => screenAll(tx, claims, false));
    }
  }
  await report(db, runId, rules.length, total, 'provider risk', progress);
  if (data.from && data.to) counts.providers = await computeProviderRisk(db, store, runId, data.from, data.to);
  await db
    .updateTable('medfund_screening_runs')
    .set({ status: 'done', finished_at: now(), progress_done: total, progress_note: '', counts: JSON.stringify(counts) })
    .where('id', '=', runId)
    .execute();
  await progress(total, total, 'done');
  return counts;
}

async function report(db: Kysely<DB>, runId: number, done: number, total: number, note: string, progress: (d: number, t: number, n: string) => Promise<void>) {
  await db.updateTable('medfund_screening_runs').set({ progress_done: done, progress_note: note }).where('id', '=', runId).execute();
  await progress(done, total, note);
}

const inList = (values: string[]) => values.map(sqlString).join(', ');

async function saveFindings(
  db: Kysely<DB>, store: ClaimsStore, runId: number,
  rule: Awaited<ReturnType<typeof rulesForRun>>[number], found: RawFinding[],
): Promise<number> {
  let added = 0;
  for (let i = 0; i < found.length; i += 400) {
    const chunk = found.slice(i, i + 400);
    const persons = [...new Set(chunk.map((f) => f.psnNo))];
    const providers = [...new Set(chunk.map((f) => f.fixmedinsCode))];
    const people = new Map(
      (await store.query<{ psn_no: string; psn_name: string | null; certno: string | null }>(`SELECT psn_no, psn_name, certno FROM medfund.psn_info WHERE psn_no IN (${inList(persons)})`)).map((p) => [p.psn_no, p]),
    );
    const provs = new Map(
      (await store.query<{ fixmedins_code: string; fixmedins_name: string }>(`SELECT fixmedins_code, fixmedins_name FROM medfund.fixmedins WHERE fixmedins_code IN (${inList(providers)})`)).map((p) => [p.fixmedins_code, p.fixmedins_name]),
    );
    const rows = chunk.map((f) => ({
      natural_key: naturalKey(rule.code, f), rule_code: rule.code, rule_version: rule.version.version,
      severity: f.severity ?? rule.version.severity, psn_no: f.psnNo, psn_name: people.get(f.psnNo)?.psn_name ?? '',
      certno: people.get(f.psnNo)?.certno ?? '', fixmedins_code: f.fixmedinsCode, fixmedins_name: provs.get(f.fixmedinsCode) ?? '',
      setl_id: f.setlId, line_ids: f.lineIds, occurred_on: f.occurredOn, amount_fen: f.amountFen,
      evidence: JSON.stringify({ template: rule.template, ...evidenceOf(rule.template, f) }),
      department_name: rule.version.departmentName, first_run_id: runId, last_run_id: runId,
    }));
    const res = await db
      .insertInto('medfund_findings')
      .values(rows)
      .onConflict((oc) => oc.column('natural_key').doUpdateSet({ last_run_id: runId }))
      .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
      .execute();
    added += res.filter((r) => r.inserted).length;
  }
  return added;
}

/** Each provider's settlements, cost and fund payment over [from, to] (the provider risk's input; every run, over the whole data span). */
export function providerStatsSql(from: string, to: string): string {
  return `SELECT s.fixmedins_code AS code, min(p.fixmedins_name) AS name,
       min(COALESCE(p.fixmedins_type, '') || '/' || COALESCE(p.medins_type, '')) AS type,
       CAST(min(COALESCE(p.lv_rank, 0)) AS VARCHAR) AS level,
       count(*) AS n, sum(s.medfee_fen) AS cost, sum(s.fund_pay_fen) AS fund
     FROM medfund.mf_setl s LEFT JOIN medfund.fixmedins p ON p.fixmedins_code = s.fixmedins_code
     WHERE s.setl_date BETWEEN ${sqlDate(from)} AND ${sqlDate(to)}
     GROUP BY s.fixmedins_code`;
}

async function computeProviderRisk(db: Kysely<DB>, store: ClaimsStore, runId: number, from: string, to: string): Promise<number> {
  const stats = await store.query<{ code: string; name: string | null; type: string | null; level: string | null; n: number; cost: number; fund: number }>(
    providerStatsSql(from, to),
  );
  const perProvider = new Map(
    (
      await db
        .selectFrom('medfund_findings')
        .select(['fixmedins_code', sql<number>`count(*)`.as('n'), sql<number>`coalesce(sum(amount_fen), 0)`.as('amount')])
        .where('occurred_on', '>=', from)
        .where('occurred_on', '<=', to)
        .groupBy('fixmedins_code')
        .execute()
    ).map((r) => [r.fixmedins_code, { n: Number(r.n), amount: Number(r.amount) }]),
  );
  const ranked = rankProviders(
    stats.map((s): ProviderStats => ({
      code: s.code, name: s.name ?? s.code, type: s.type ?? '', level: s.level ?? '0', settlements: Number(s.n),
      costFen: Number(s.cost), fundFen: Number(s.fund), findings: perProvider.get(s.code)?.n ?? 0, amountAtRiskFen: perProvider.get(s.code)?.amount ?? 0,
    })),
  );
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('medfund_provider_risk').where('run_id', '=', runId).execute();
    for (let i = 0; i < ranked.length; i += 500) {
      await tx
        .insertInto('medfund_provider_risk')
        .values(
          ranked.slice(i, i + 500).map((r) => ({
            run_id: runId, fixmedins_code: r.code, fixmedins_name: r.name, provider_type: r.type, hosp_lv: r.level, peer_group: r.peerGroup,
            peer_count: r.peerCount, settlements: r.settlements, cost_per_visit_fen: r.costPerVisitFen, fund_share: r.fundShare,
            findings: r.findings, findings_per_k: r.findingsPerK, amount_at_risk_fen: r.amountAtRiskFen, z_cost: r.zCost,
            z_fund_share: r.zFundShare, z_findings: r.zFindings, risk_score: r.riskScore, outlier_metrics: r.outliers, rank: r.rank,
          })),
        )
        .execute();
    }
  });
  return ranked.length;
}
