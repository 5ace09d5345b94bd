import { sql } from 'kysely';
import type { Tx } from '../../../../core/context';
import type { PlannedEvent } from '../domain/plan-warning';
import type { SubjectKind, WarningLevel } from '../domain/rollup-rules';
import type { SubjectRow } from './subject-stats';

export const SYSTEM = '系统（预警归集）';
/** Rows per statement: one JSON document each (thousands of bound parameters cost more on PGlite). */
const CHUNK = 5000;

export interface RollupWriteContext {
  kind: SubjectKind;
  version: number;
  rollupId: number;
  at: Date;
  /** The 'notified' history entry a new red warning gets (notify-oversight.ts notifiedEntry): its messages are sent after the writes. */
  redNotice: { toValue: string; reason: string };
}
export interface Create { s: SubjectRow; level: WarningLevel; reasons: string[]; why: string }
export interface Update { id: number; s: SubjectRow; level: WarningLevel; computed: WarningLevel | null; reasons: string[]; why: string; events: PlannedEvent[] }
export interface Close { id: number; why: string; events: PlannedEvent[] }

const doc = (rows: unknown[]) => sql`${JSON.stringify(rows)}::json`;

async function inChunks<T>(rows: T[], write: (chunk: T[]) => Promise<void>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await write(rows.slice(i, i + CHUNK));
}

const shown = (s: SubjectRow) => ({
  amount_fen: s.amount, findings_count: s.n, red_findings: s.reds, max_red_fen: s.max_red ?? 0,
  providers: s.providers, rule_codes: s.rules, first_on: s.first_on, last_on: s.last_on, subject_name: s.name ?? '', ids: s.ids,
});
const SHOWN_COLUMNS = sql`amount_fen bigint, findings_count int, red_findings int, max_red_fen bigint, providers text[], rule_codes text[],
  first_on date, last_on date, subject_name text, ids bigint[]`;

/**
 * New warnings: per chunk ONE statement writes the warnings, their history — 'created', and for a
 * red one 'notified' with notified_at set (the discipline inspection group's messages are sent
 * once the writes are done: notify-oversight.ts) — and their findings' links, from the inserted
 * rows (data-modifying CTEs). Returns the new warnings' ids and levels.
 */
export async function insertWarnings(tx: Tx, c: RollupWriteContext, creates: Create[]): Promise<{ id: number; subject_key: string; level: WarningLevel }[]> {
  const out: { id: number; subject_key: string; level: WarningLevel }[] = [];
  await inChunks(creates, async (chunk) => {
    const rows = chunk.map(({ s, level, reasons, why }) => ({ subject_key: s.k, subject_certno: s.certno ?? '', level, reasons, why, ...shown(s) }));
    const res = await sql<{ id: number; subject_key: string; level: WarningLevel }>`
      WITH x AS MATERIALIZED (
        SELECT * FROM json_to_recordset(${doc(rows)}) AS x(subject_key text, subject_certno text, level text, reasons jsonb, why text, ${SHOWN_COLUMNS})
      ), ins AS (
        INSERT INTO medfund_warnings (subject_kind, subject_key, subject_name, subject_certno, level, computed_level, amount_fen, findings_count, red_findings,
          max_red_fen, reasons, providers, rule_codes, first_occurred_on, last_occurred_on, rule_version, last_rollup_id, notified_at, created_at, updated_at)
        SELECT ${c.kind}, x.subject_key, x.subject_name, x.subject_certno, x.level, x.level, x.amount_fen, x.findings_count, x.red_findings,
          x.max_red_fen, x.reasons, x.providers, x.rule_codes, x.first_on, x.last_on, ${c.version}, ${c.rollupId},
          CASE WHEN x.level = 'red' THEN ${c.at}::timestamptz END, ${c.at}, ${c.at}
        FROM x
        RETURNING id, subject_key, level
      ), history AS (
        INSERT INTO medfund_warning_events (warning_id, kind, to_value, reason, rollup_id, actor_name, at)
        SELECT ins.id, 'created', ins.level, x.why, ${c.rollupId}::bigint, ${SYSTEM}::text, ${c.at}::timestamptz FROM ins JOIN x ON x.subject_key = ins.subject_key
        UNION ALL
        SELECT ins.id, 'notified', ${c.redNotice.toValue}::text, ${c.redNotice.reason}::text, ${c.rollupId}::bigint, ${SYSTEM}::text, ${c.at}::timestamptz FROM ins WHERE ins.level = 'red'
      ), links AS (
        INSERT INTO medfund_warning_findings (warning_id, finding_id)
        SELECT ins.id, f.id FROM ins JOIN x ON x.subject_key = ins.subject_key CROSS JOIN LATERAL unnest(x.ids) AS f(id)
      )
      SELECT id, subject_key, level FROM ins`.execute(tx);
    out.push(...res.rows.map((r) => ({ ...r, id: Number(r.id) })));
  });
  return out;
}

/**
 * Changed open warnings: per chunk ONE statement updates them, writes their history (each change
 * of level and of the findings count) and links the findings not linked yet.
 */
export async function updateWarnings(tx: Tx, c: RollupWriteContext, updates: Update[]): Promise<void> {
  await inChunks(updates, async (chunk) => {
    const rows = chunk.map(({ id, s, level, computed, reasons, why, events }) => ({ id, level, computed, reasons, why, events, ...shown(s) }));
    await sql`
      WITH x AS MATERIALIZED (
        SELECT * FROM json_to_recordset(${doc(rows)}) AS x(id bigint, level text, computed text, reasons jsonb, why text, events jsonb, ${SHOWN_COLUMNS})
      ), upd AS (
        UPDATE medfund_warnings w SET level = x.level, computed_level = x.computed, amount_fen = x.amount_fen, findings_count = x.findings_count,
          red_findings = x.red_findings, max_red_fen = x.max_red_fen, reasons = x.reasons, providers = x.providers,
          rule_codes = x.rule_codes, first_occurred_on = x.first_on, last_occurred_on = x.last_on,
          subject_name = CASE WHEN x.subject_name = '' THEN w.subject_name ELSE x.subject_name END,
          rule_version = ${c.version}, last_rollup_id = ${c.rollupId}, updated_at = ${c.at}
        FROM x WHERE w.id = x.id
        RETURNING w.id
      ), history AS (
        INSERT INTO medfund_warning_events (warning_id, kind, from_value, to_value, reason, rollup_id, actor_name, at)
        SELECT x.id, e.kind, e."from", e."to", x.why, ${c.rollupId}, ${SYSTEM}, ${c.at}
        FROM x CROSS JOIN LATERAL jsonb_to_recordset(x.events) AS e(kind text, "from" text, "to" text)
      )
      INSERT INTO medfund_warning_findings (warning_id, finding_id)
      SELECT x.id, f.id FROM x CROSS JOIN LATERAL unnest(x.ids) AS f(id)
      WHERE NOT EXISTS (SELECT 1 FROM medfund_warning_findings l WHERE l.warning_id = x.id AND l.finding_id = f.id)`.execute(tx);
  });
}

/** Open, unpinned warnings that no longer reach any level: closed by the system, with their history. */
export async function closeWarnings(tx: Tx, c: RollupWriteContext, closes: Close[]): Promise<void> {
  await inChunks(closes, async (chunk) => {
    const rows = chunk.map(({ id, why, events }) => ({ id, why, events }));
    await sql`
      WITH x AS MATERIALIZED (
        SELECT * FROM json_to_recordset(${doc(rows)}) AS x(id bigint, why text, events jsonb)
      ), upd AS (
        UPDATE medfund_warnings w SET status = 'closed', handled_by_name = ${SYSTEM}, handled_at = ${c.at}, updated_at = ${c.at},
          rule_version = ${c.version}, last_rollup_id = ${c.rollupId}
        FROM x WHERE w.id = x.id
        RETURNING w.id
      )
      INSERT INTO medfund_warning_events (warning_id, kind, from_value, to_value, reason, rollup_id, actor_name, at)
      SELECT x.id, e.kind, e."from", e."to", x.why, ${c.rollupId}, ${SYSTEM}, ${c.at}
      FROM x CROSS JOIN LATERAL jsonb_to_recordset(x.events) AS e(kind text, "from" text, "to" text)`.execute(tx);
  });
}

/**
 * A subject with a handled warning that got a new one: the handled one's history says so, in one
 * statement — and none at all when the kind has no handled warning yet (the first roll-up).
 */
export async function noteHandled(tx: Tx, c: RollupWriteContext, keys: string[]): Promise<void> {
  if (!keys.length) return;
  const handled = await tx.selectFrom('medfund_warnings').select('id').where('subject_kind', '=', c.kind).where('status', '<>', 'open').limit(1).executeTakeFirst();
  if (!handled) return;
  await sql`
    INSERT INTO medfund_warning_events (warning_id, kind, reason, rollup_id, actor_name, at)
    SELECT DISTINCT ON (h.subject_key) h.id, 'note', '该对象的后续疑点已归集为新预警 #' || n.id || '（本预警已处理，未改动）', ${c.rollupId}, ${SYSTEM}, ${c.at}
    FROM medfund_warnings h JOIN medfund_warnings n ON n.subject_kind = h.subject_kind AND n.subject_key = h.subject_key AND n.status = 'open'
    WHERE h.subject_kind = ${c.kind} AND h.status <> 'open' AND h.subject_key IN (SELECT value FROM json_array_elements_text(${doc(keys)}))
    ORDER BY h.subject_key, h.id DESC`.execute(tx);
}
