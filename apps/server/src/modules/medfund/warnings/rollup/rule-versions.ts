import { sql, type Kysely } from 'kysely';
import type { Ctx, Tx } from '../../../../core/context';
import type { DB } from '../../../../db/schema';
import { recordAudit } from '../../../../core/audit/audit';
import { AppError } from '../../../../http/app-error';
import { DEFAULT_ROLLUP_RULES, validateRollupRules, type RollupRules } from '../domain/rollup-rules';

export interface RuleVersionView {
  version: number;
  rules: RollupRules;
  changeNote: string;
  createdByName: string;
  createdAt: Date;
}

/** Version 1 (the shipped defaults) is written the first time the rules are read. Idempotent. */
async function ensureDefaults(db: Tx): Promise<void> {
  await db.insertInto('medfund_warning_rule_versions')
    .values({ version: 1, rules: JSON.stringify(DEFAULT_ROLLUP_RULES), change_note: '初始版本（随系统发布）', created_by_name: '系统' })
    .onConflict((oc) => oc.column('version').doNothing())
    .execute();
}

const view = (r: { version: number; rules: unknown; change_note: string; created_by_name: string; created_at: Date }): RuleVersionView => ({
  version: r.version, rules: r.rules as RollupRules, changeNote: r.change_note, createdByName: r.created_by_name, createdAt: r.created_at,
});

/** The roll-up rules in force: the newest version. */
export async function currentRollupRules(db: Tx): Promise<RuleVersionView> {
  let row = await db.selectFrom('medfund_warning_rule_versions').selectAll().orderBy('version', 'desc').limit(1).executeTakeFirst();
  if (!row) {
    await ensureDefaults(db);
    row = await db.selectFrom('medfund_warning_rule_versions').selectAll().orderBy('version', 'desc').limit(1).executeTakeFirstOrThrow();
  }
  return view(row);
}

export async function rollupRuleHistory(db: Kysely<DB>): Promise<RuleVersionView[]> {
  await currentRollupRules(db);
  return (await db.selectFrom('medfund_warning_rule_versions').selectAll().orderBy('version', 'desc').limit(100).execute()).map(view);
}

/**
 * A change of the roll-up rules is a new version (optimistic: `baseVersion` must be the current
 * one, else 409). Out-of-range values: 400 MEDFUND_WARNING_RULES_INVALID naming each field.
 * Audited (before / after). The caller queues a roll-up so the warnings follow.
 */
export async function changeRollupRules(tx: Tx, ctx: Ctx, input: { baseVersion: number; rules: unknown; changeNote: string }): Promise<RuleVersionView> {
  const problems = validateRollupRules(input.rules);
  if (problems.length) {
    const zh = ctx.actor.locale !== 'en-US';
    throw new AppError(
      'MEDFUND_WARNING_RULES_INVALID',
      Object.fromEntries(problems.map((p) => [`rules.${p.field}`, zh ? p.zh : p.en])),
      { zh: `预警规则有误：${problems.map((p) => p.zh).join('；')}`, en: `Warning rules: ${problems.map((p) => p.en).join('; ')}` },
    );
  }
  await sql`SELECT pg_advisory_xact_lock(hashtext('medfund.warning_rules'))`.execute(tx);
  const current = await currentRollupRules(tx);
  if (current.version !== input.baseVersion) throw new AppError('CONFLICT');
  const r = input.rules as RollupRules;
  const rules: RollupRules = {
    periodDays: r.periodDays,
    person: { red: { ...r.person.red }, orange: { ...r.person.orange }, yellow: { ...r.person.yellow } },
    provider: { red: { ...r.provider.red }, orange: { ...r.provider.orange }, yellow: { ...r.provider.yellow } },
  };
  const row = await tx.insertInto('medfund_warning_rule_versions')
    .values({ version: current.version + 1, rules: JSON.stringify(rules), change_note: input.changeNote, created_by: ctx.actor.userId, created_by_name: ctx.actor.displayName })
    .returningAll().executeTakeFirstOrThrow();
  await recordAudit(tx, ctx, {
    action: 'medfund.warning_rules.update', entityType: 'medfund_warning_rules', entityId: String(row.version),
    before: { version: current.version, rules: current.rules }, after: { version: row.version, rules, note: input.changeNote },
  });
  return view(row);
}
