import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../../db/schema';
import type { Tx } from '../../../../core/context';
import type { Notifier } from '../../../../core/notifications/notifier';
import { levelOf, reasonsText } from '../domain/warning-level';
import { planWarning, type OpenWarning, type Plan } from '../domain/plan-warning';
import { SUBJECT_KINDS, type RollupRules, type SubjectKind, type WarningLevel } from '../domain/rollup-rules';
import { currentRollupRules } from './rule-versions';
import { subjectStats, type SubjectRow } from './subject-stats';
import { notifyRedWarnings } from './notify-oversight';

const SYSTEM = '系统（预警归集）';
const CHUNK = 5000;
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

const jsonRows = (rows: unknown[]) => sql`${JSON.stringify(rows)}::json`;

/** Writes rows in chunks through one JSON document each (thousands of bound parameters cost more on PGlite). */
async function inChunks<T>(rows: T[], write: (chunk: T[]) => Promise<void>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await write(rows.slice(i, i + CHUNK));
}

/**
 * One roll-up (docs/medfund/WARNINGS.md): for each subject kind, the findings of the period
 * aggregated per subject in one statement, each subject's level from the rules (pure:
 * domain/warning-level.ts) and what to do with its open warning (pure: domain/plan-warning.ts),
 * then the writes as set-based statements, in one transaction under an advisory lock (two
 * roll-ups never interleave). Handled warnings are never touched; a subject with a handled warning
 * and new findings gets a new warning, and the handled one's history says so. New red warnings
 * notify the discipline inspection group (notify-oversight.ts) in the same transaction.
 */
export async function runRollup(db: Kysely<DB>, rollupId: number, now: () => Date, notifier: Notifier): Promise<RollupCounts & { asOf: string | null }> {
  return db.transaction().execute(async (tx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtext('medfund.warnings.rollup'))`.execute(tx);
    const { version, rules } = await currentRollupRules(tx);
    const latest = await tx.selectFrom('medfund_findings').select(sql<string | null>`max(occurred_on)`.as('d')).executeTakeFirst();
    const asOf = latest?.d ?? null;
    const counts: RollupCounts = { subjects: 0, created: 0, updated: 0, closed: 0, unchanged: 0, red: 0, notified: 0 };
    await tx.updateTable('medfund_warning_rollups').set({ status: 'running', started_at: now(), rule_version: version, as_of: asOf }).where('id', '=', rollupId).execute();
    const newRed: number[] = [];
    if (asOf) {
      const from = addDays(asOf, 1 - rules.periodDays);
      await tx.updateTable('medfund_warning_rollups').set({ period_from: from }).where('id', '=', rollupId).execute();
      for (const kind of SUBJECT_KINDS) {
        const out = await rollUpKind(tx, kind, rules, version, rollupId, from, asOf, now());
        for (const k of Object.keys(counts) as (keyof RollupCounts)[]) counts[k] += out.counts[k];
        newRed.push(...out.newRed);
      }
    }
    counts.notified = await notifyRedWarnings(tx, notifier, newRed, rollupId, now());
    counts.red = Number((await tx.selectFrom('medfund_warnings').select(sql<number>`count(*)`.as('n')).where('level', '=', 'red').where('status', '=', 'open').executeTakeFirstOrThrow()).n);
    await tx.updateTable('medfund_warning_rollups').set({ status: 'done', finished_at: now(), counts: JSON.stringify(counts) }).where('id', '=', rollupId).execute();
    return { ...counts, asOf };
  });
}

interface OpenRow { id: number; subject_key: string; level: WarningLevel; computed_level: WarningLevel | null; level_pinned: boolean; findings_count: number; amount_fen: number; reasons: string[] }

async function rollUpKind(tx: Tx, kind: SubjectKind, rules: RollupRules, version: number, rollupId: number, from: string, to: string, at: Date) {
  const sr = rules[kind];
  const subjects = await subjectStats(tx, kind, from, to, sr.red.withinDays, sr.orange.withinDays);
  const openRows = await tx.selectFrom('medfund_warnings')
    .select(['id', 'subject_key', 'level', 'computed_level', 'level_pinned', 'findings_count', 'amount_fen', 'reasons'])
    .where('subject_kind', '=', kind).where('status', '=', 'open').execute() as OpenRow[];
  const open = new Map(openRows.map((o) => [o.subject_key, o]));
  const counts: RollupCounts = { subjects: subjects.length, created: 0, updated: 0, closed: 0, unchanged: 0, red: 0, notified: 0 };
  const creates: { s: SubjectRow; level: WarningLevel; reasons: string[] }[] = [];
  const updates: { id: number; s: SubjectRow; level: WarningLevel; computed: WarningLevel | null; reasons: string[] }[] = [];
  const closes: number[] = [];
  const events: { warning_id: number; kind: string; from_value: string | null; to_value: string | null; reason: string }[] = [];
  const newRed: number[] = [];
  for (const s of subjects) {
    const ev = levelOf({ findings: s.n, amountFen: s.amount, maxRedFen: s.max_red, maxInRedWindow: s.win_red, maxInOrangeWindow: s.win_orange }, sr);
    const o = open.get(s.k);
    const current: OpenWarning | null = o
      ? { id: o.id, level: o.level, computedLevel: o.computed_level, pinned: o.level_pinned, findings: o.findings_count, amountFen: Number(o.amount_fen), reasons: o.reasons }
      : null;
    const plan: Plan = planWarning(ev, { findings: s.n, amountFen: s.amount }, current);
    const why = `预警规则 v${version}：${reasonsText(ev.reasons) || '未达到任何等级'}`;
    if (plan.action === 'none') counts.unchanged++;
    else if (plan.action === 'create') creates.push({ s, level: plan.level, reasons: ev.reasons });
    else if (plan.action === 'update') {
      updates.push({ id: o!.id, s, level: plan.level, computed: plan.computedLevel, reasons: ev.reasons });
      for (const e of plan.events) events.push({ warning_id: o!.id, kind: e.kind, from_value: e.from, to_value: e.to, reason: why });
      if (plan.level === 'red' && o!.level !== 'red') newRed.push(o!.id);
    } else {
      closes.push(o!.id);
      for (const e of plan.events) events.push({ warning_id: o!.id, kind: e.kind, from_value: e.from, to_value: e.to, reason: why });
    }
  }
  // open warnings whose subject has no finding left in the candidates cannot occur (an open warning keeps its findings)
  const touched: string[] = [];
  const links: { w: number; ids: number[] }[] = [];
  const byKey = new Map(subjects.map((s) => [s.k, s]));
  await inChunks(creates, async (chunk) => {
    const rows = chunk.map(({ s, level, reasons }) => ({
      subject_key: s.k, subject_name: s.name ?? '', subject_certno: s.certno ?? '', level, amount_fen: s.amount, findings_count: s.n, red_findings: s.reds,
      max_red_fen: s.max_red ?? 0, reasons, providers: s.providers, rule_codes: s.rules, first_on: s.first_on, last_on: s.last_on,
    }));
    const ids = await sql<{ id: number; subject_key: string; level: WarningLevel }>`
      INSERT INTO medfund_warnings (subject_kind, subject_key, subject_name, subject_certno, level, computed_level, amount_fen, findings_count, red_findings,
        max_red_fen, reasons, providers, rule_codes, first_occurred_on, last_occurred_on, rule_version, last_rollup_id, created_at, updated_at)
      SELECT ${kind}, x.subject_key, x.subject_name, x.subject_certno, x.level, x.level, x.amount_fen, x.findings_count, x.red_findings,
        x.max_red_fen, x.reasons, x.providers, x.rule_codes,
        x.first_on, x.last_on, ${version}, ${rollupId}, ${at}, ${at}
      FROM json_to_recordset(${jsonRows(rows)}) AS x(subject_key text, subject_name text, subject_certno text, level text, amount_fen bigint, findings_count int,
        red_findings int, max_red_fen bigint, reasons jsonb, providers text[], rule_codes text[], first_on date, last_on date)
      RETURNING id, subject_key, level`.execute(tx);
    const reasonsOf = new Map(chunk.map((c) => [c.s.k, c.reasons]));
    for (const r of ids.rows) {
      events.push({ warning_id: Number(r.id), kind: 'created', from_value: null, to_value: r.level, reason: `预警规则 v${version}：${reasonsText(reasonsOf.get(r.subject_key) ?? [])}` });
      if (r.level === 'red') newRed.push(Number(r.id));
      touched.push(r.subject_key);
      links.push({ w: Number(r.id), ids: byKey.get(r.subject_key)!.ids });
    }
    counts.created += ids.rows.length;
  });
  await inChunks(updates, async (chunk) => {
    const rows = chunk.map(({ id, s, level, computed, reasons }) => ({
      id, level, computed, amount_fen: s.amount, findings_count: s.n, red_findings: s.reds, max_red_fen: s.max_red ?? 0, reasons,
      providers: s.providers, rule_codes: s.rules, first_on: s.first_on, last_on: s.last_on, subject_name: s.name ?? '',
    }));
    await sql`
      UPDATE medfund_warnings w SET level = x.level, computed_level = x.computed, amount_fen = x.amount_fen, findings_count = x.findings_count,
        red_findings = x.red_findings, max_red_fen = x.max_red_fen, reasons = x.reasons, providers = x.providers,
        rule_codes = x.rule_codes, first_occurred_on = x.first_on, last_occurred_on = x.last_on,
        subject_name = CASE WHEN x.subject_name = '' THEN w.subject_name ELSE x.subject_name END,
        rule_version = ${version}, last_rollup_id = ${rollupId}, updated_at = ${at}
      FROM json_to_recordset(${jsonRows(rows)}) AS x(id bigint, level text, computed text, amount_fen bigint, findings_count int, red_findings int,
        max_red_fen bigint, reasons jsonb, providers text[], rule_codes text[], first_on date, last_on date, subject_name text)
      WHERE w.id = x.id`.execute(tx);
    touched.push(...chunk.map((u) => u.s.k));
    links.push(...chunk.map((u) => ({ w: u.id, ids: u.s.ids })));
    counts.updated += chunk.length;
  });
  if (closes.length) {
    await tx.updateTable('medfund_warnings')
      .set({ status: 'closed', handled_by_name: SYSTEM, handled_at: at, updated_at: at, rule_version: version, last_rollup_id: rollupId })
      .where('id', 'in', closes).execute();
    counts.closed += closes.length;
  }
  // the findings of each created or changed warning (an unchanged one has them already), from the ids the aggregate returned
  await inChunks(links, async (chunk) => {
    await sql`
      INSERT INTO medfund_warning_findings (warning_id, finding_id)
      SELECT x.w, unnest(x.ids) FROM json_to_recordset(${jsonRows(chunk)}) AS x(w bigint, ids bigint[])
      ON CONFLICT DO NOTHING`.execute(tx);
  });
  // a subject with a handled warning that gets a new one: the handled one's history says so
  await inChunks(touched.filter((k) => !open.has(k)), async (keys) => {
    await sql`
      INSERT INTO medfund_warning_events (warning_id, kind, reason, rollup_id, actor_name, at)
      SELECT DISTINCT ON (h.subject_key) h.id, 'note', '该对象的后续疑点已归集为新预警 #' || n.id || '（本预警已处理，未改动）', ${rollupId}, ${SYSTEM}, ${at}
      FROM medfund_warnings h JOIN medfund_warnings n ON n.subject_kind = h.subject_kind AND n.subject_key = h.subject_key AND n.status = 'open'
      WHERE h.subject_kind = ${kind} AND h.status <> 'open' AND h.subject_key IN (SELECT value FROM json_array_elements_text(${jsonRows(keys)}))
      ORDER BY h.subject_key, h.id DESC`.execute(tx);
  });
  await inChunks(events, async (chunk) => {
    await sql`
      INSERT INTO medfund_warning_events (warning_id, kind, from_value, to_value, reason, rollup_id, actor_name, at)
      SELECT x.warning_id, x.kind, x.from_value, x.to_value, x.reason, ${rollupId}, ${SYSTEM}, ${at}
      FROM json_to_recordset(${jsonRows(chunk)}) AS x(warning_id bigint, kind text, from_value text, to_value text, reason text)`.execute(tx);
  });
  return { counts, newRed };
}
