import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../../db/schema';
import type { Tx } from '../../../../core/context';
import type { Notifier } from '../../../../core/notifications/notifier';
import { levelOf, reasonsText } from '../domain/warning-level';
import { planWarning, type OpenWarning, type Plan } from '../domain/plan-warning';
import { SUBJECT_KINDS, type RollupRules, type SubjectKind, type WarningLevel } from '../domain/rollup-rules';
import { currentRollupRules } from './rule-versions';
import { subjectStats } from './subject-stats';
import { markRedNotified, notifiedEntry, oversightUsers, sendRedNotices, type RedWarning } from './notify-oversight';
import { decideScope, ROLLUP_SETTING, scopeKeys, type RollupScope } from './rollup-scope';
import { closeWarnings, insertWarnings, noteHandled, updateWarnings, type Close, type Create, type RollupWriteContext, type Update } from './write-warnings';

/** Written warnings from which a roll-up refreshes the planner's statistics of its tables. */
const ANALYZE_AFTER = 1000;
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export interface RollupCounts {
  subjects: number;
  created: number;
  updated: number;
  closed: number;
  unchanged: number;
  red: number;
  notified: number;
}

/**
 * One roll-up (docs/medfund/WARNINGS.md): for each subject kind, the findings of the period
 * aggregated per subject in one statement, each subject's level from the rules (pure:
 * domain/warning-level.ts) and what to do with its open warning (pure: domain/plan-warning.ts),
 * then the writes as set-based statements, in one transaction under an advisory lock (two
 * roll-ups never interleave). Full, or incremental after a screening run (rollup-scope.ts: the
 * run's subjects and those whose warnings changed since). Handled warnings are never touched; a
 * subject with a handled warning and new findings gets a new warning, and the handled one's
 * history says so. New red warnings notify the discipline inspection group (notify-oversight.ts)
 * in the same transaction.
 */
export async function runRollup(db: Kysely<DB>, rollupId: number, now: () => Date, notifier: Notifier): Promise<RollupCounts & { asOf: string | null; mode: RollupScope['mode'] }> {
  return db.transaction().execute(async (tx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtext('medfund.warnings.rollup'))`.execute(tx);
    // the roll-up's own changes of level and status are not "changed since" (migration 0037's triggers)
    await sql`SELECT set_config(${ROLLUP_SETTING}, 'on', true)`.execute(tx);
    const rollup = await tx.selectFrom('medfund_warning_rollups').select(['id', 'trigger', 'run_id']).where('id', '=', rollupId).executeTakeFirstOrThrow();
    const { version, rules } = await currentRollupRules(tx);
    const scope = await decideScope(tx, { ...rollup, id: Number(rollup.id), run_id: rollup.run_id === null ? null : Number(rollup.run_id) }, version);
    const latest = await tx.selectFrom('medfund_findings').select(sql<string | null>`max(occurred_on)`.as('d')).executeTakeFirst();
    const asOf = latest?.d ?? null;
    const counts: RollupCounts = { subjects: 0, created: 0, updated: 0, closed: 0, unchanged: 0, red: 0, notified: 0 };
    await tx.updateTable('medfund_warning_rollups').set({ status: 'running', mode: scope.mode, started_at: now(), rule_version: version, as_of: asOf }).where('id', '=', rollupId).execute();
    const users = await oversightUsers(tx);
    const newRed: RedWarning[] = [];
    const becameRed: number[] = [];
    if (asOf) {
      const from = addDays(asOf, 1 - rules.periodDays);
      await tx.updateTable('medfund_warning_rollups').set({ period_from: from }).where('id', '=', rollupId).execute();
      for (const kind of SUBJECT_KINDS) {
        const out = await rollUpKind(tx, kind, rules, scope, { kind, version, rollupId, at: now(), redNotice: notifiedEntry(users.length) }, from, asOf);
        for (const k of Object.keys(counts) as (keyof RollupCounts)[]) counts[k] += out.counts[k];
        newRed.push(...out.newRed);
        becameRed.push(...out.becameRed);
      }
    }
    // new red warnings were marked notified as they were written; those that became red are marked now; then the messages
    newRed.push(...await markRedNotified(tx, becameRed, users.length, rollupId, now()));
    await sendRedNotices(tx, notifier, users, newRed);
    counts.notified = newRed.length;
    counts.red = Number((await tx.selectFrom('medfund_warnings').select(sql<number>`count(*)`.as('n')).where('level', '=', 'red').where('status', '=', 'open').executeTakeFirstOrThrow()).n);
    // fresh statistics after many writes: with stale ones (PGlite has no autovacuum) the next incremental roll-up's plan
    // took the open warnings for one row (a 3.4 s nested loop instead of ~0.1 s, EXPLAIN ANALYZE at 50,000 findings)
    if (counts.created + counts.updated + counts.closed >= ANALYZE_AFTER) await sql`ANALYZE medfund_warnings, medfund_warning_findings`.execute(tx);
    await tx.updateTable('medfund_warning_rollups').set({ status: 'done', finished_at: now(), counts: JSON.stringify(counts) }).where('id', '=', rollupId).execute();
    return { ...counts, asOf, mode: scope.mode };
  });
}

interface OpenRow { id: number; subject_key: string; level: WarningLevel; computed_level: WarningLevel | null; level_pinned: boolean; findings_count: number; amount_fen: number; reasons: string[] }

async function rollUpKind(tx: Tx, kind: SubjectKind, rules: RollupRules, scope: RollupScope, c: RollupWriteContext, from: string, to: string) {
  const sr = rules[kind];
  const keys = scopeKeys(scope, kind);
  const subjects = await subjectStats(tx, kind, from, to, sr.red.withinDays, sr.orange.withinDays, keys);
  let openQuery = tx.selectFrom('medfund_warnings')
    .select(['id', 'subject_key', 'level', 'computed_level', 'level_pinned', 'findings_count', 'amount_fen', 'reasons'])
    .where('subject_kind', '=', kind).where('status', '=', 'open');
  if (keys) openQuery = openQuery.where(sql<boolean>`subject_key IN (${keys})`);
  const openRows = await openQuery.execute() as OpenRow[];
  const open = new Map(openRows.map((o) => [o.subject_key, o]));
  const counts: RollupCounts = { subjects: subjects.length, created: 0, updated: 0, closed: 0, unchanged: 0, red: 0, notified: 0 };
  const creates: Create[] = [];
  const updates: Update[] = [];
  const closes: Close[] = [];
  const becameRed: number[] = [];
  for (const s of subjects) {
    const ev = levelOf({ findings: s.n, amountFen: s.amount, maxRedFen: s.max_red, maxInRedWindow: s.win_red, maxInOrangeWindow: s.win_orange }, sr);
    const o = open.get(s.k);
    const current: OpenWarning | null = o
      ? { id: o.id, level: o.level, computedLevel: o.computed_level, pinned: o.level_pinned, findings: o.findings_count, amountFen: Number(o.amount_fen), reasons: o.reasons }
      : null;
    const plan: Plan = planWarning(ev, { findings: s.n, amountFen: s.amount }, current);
    const why = `预警规则 v${c.version}：${reasonsText(ev.reasons) || '未达到任何等级'}`;
    if (plan.action === 'none') counts.unchanged++;
    else if (plan.action === 'create') creates.push({ s, level: plan.level, reasons: ev.reasons, why });
    else if (plan.action === 'update') {
      updates.push({ id: o!.id, s, level: plan.level, computed: plan.computedLevel, reasons: ev.reasons, why, events: plan.events });
      if (plan.level === 'red' && o!.level !== 'red') becameRed.push(o!.id);
    } else closes.push({ id: o!.id, why, events: plan.events });
  }
  // open warnings whose subject has no finding left in the candidates cannot occur (an open warning keeps its findings)
  const created = await insertWarnings(tx, c, creates);
  const createdBy = new Map(creates.map((x) => [x.s.k, x.s]));
  const newRed: RedWarning[] = created.filter((w) => w.level === 'red').map((w) => {
    const s = createdBy.get(w.subject_key)!;
    return { id: w.id, subject_kind: kind, subject_key: s.k, subject_name: s.name ?? '', amount_fen: s.amount, findings_count: s.n, rule_codes: s.rules };
  });
  await updateWarnings(tx, c, updates);
  await closeWarnings(tx, c, closes);
  await noteHandled(tx, c, created.map((w) => w.subject_key).filter((k) => !open.has(k)));
  counts.created = created.length;
  counts.updated = updates.length;
  counts.closed = closes.length;
  return { counts, newRed, becameRed };
}
