import { sql } from 'kysely';
import type { Ctx, Tx } from '../../../core/context';
import { recordAudit } from '../../../core/audit/audit';
import { AppError } from '../../../http/app-error';
import type { DB, MedfundRuleVersionTable } from '../../../db/schema';
import type { Selectable } from 'kysely';
import type { Kysely } from 'kysely';
import { SHIPPED_RULES, type Severity } from './domain/rule-catalog';
import { TEMPLATES, type TemplateCode } from './domain/templates';
import { validateParams, validateTables, type ParamValues, type TableValues } from './domain/parameters';

/** The rules with their current version as stored; shipped rules are added the first time they are read. */
export interface RuleVersionView {
  version: number;
  severity: Severity;
  effectiveFrom: string;
  effectiveTo: string | null;
  params: ParamValues;
  tables: TableValues;
  departmentName: string;
  changeNote: string;
  createdByName: string;
  createdAt: Date;
}

export interface RuleView {
  code: string;
  template: TemplateCode;
  name: string;
  nameEn: string;
  enabled: boolean;
  currentVersion: number;
  current: RuleVersionView;
}

/** Adds the shipped rules (version 1, in force from 2020) that are not stored yet. Idempotent. */
export async function ensureShippedRules(db: Kysely<DB>): Promise<void> {
  const have = await db.selectFrom('medfund_rules').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  if (Number(have.n) >= SHIPPED_RULES.length) return;
  await db.transaction().execute(async (tx) => {
    for (const [i, r] of SHIPPED_RULES.entries()) {
      const inserted = await tx
        .insertInto('medfund_rules')
        .values({ code: r.code, template: r.template, name: r.zh, name_en: r.en, sort_order: i + 1, updated_at: new Date() })
        .onConflict((oc) => oc.column('code').doNothing())
        .returning('code')
        .executeTakeFirst();
      if (!inserted) continue;
      await tx
        .insertInto('medfund_rule_versions')
        .values({
          rule_code: r.code, version: 1, severity: r.severity, effective_from: '2020-01-01', effective_to: null,
          params: JSON.stringify(r.params), tables: JSON.stringify(r.tables), department_name: r.department,
          change_note: '初始版本（随系统发布）', created_by_name: '系统',
        })
        .execute();
    }
  });
}

function versionView(v: Selectable<MedfundRuleVersionTable>): RuleVersionView {
  return {
    version: v.version, severity: v.severity, effectiveFrom: v.effective_from, effectiveTo: v.effective_to,
    params: v.params, tables: v.tables, departmentName: v.department_name, changeNote: v.change_note,
    createdByName: v.created_by_name, createdAt: v.created_at,
  };
}

export async function listRules(db: Kysely<DB>): Promise<RuleView[]> {
  await ensureShippedRules(db);
  const rows = await db
    .selectFrom('medfund_rules as r')
    .innerJoin('medfund_rule_versions as v', (j) => j.onRef('v.rule_code', '=', 'r.code').onRef('v.version', '=', 'r.current_version'))
    .selectAll('v')
    .select(['r.code', 'r.template', 'r.name', 'r.name_en', 'r.enabled', 'r.current_version'])
    .orderBy('r.sort_order')
    .execute();
  return rows.map((r) => ({
    code: r.code, template: r.template as TemplateCode, name: r.name, nameEn: r.name_en, enabled: r.enabled,
    currentVersion: r.current_version, current: versionView(r),
  }));
}

export async function getRule(db: Kysely<DB>, code: string): Promise<RuleView & { versions: RuleVersionView[] }> {
  const rule = (await listRules(db)).find((r) => r.code === code);
  if (!rule) throw new AppError('MEDFUND_RULE_NOT_FOUND', undefined, { zh: `筛查规则 ${code} 不存在`, en: `Screening rule ${code} not found` });
  const versions = await db.selectFrom('medfund_rule_versions').selectAll().where('rule_code', '=', code).orderBy('version', 'desc').execute();
  return { ...rule, versions: versions.map(versionView) };
}

export interface RuleChange {
  /** The version the analyst edited (optimistic check: another change since → 409 CONFLICT). */
  baseVersion: number;
  severity?: Severity;
  effectiveFrom?: string;
  effectiveTo?: string | null;
  params?: Record<string, unknown>;
  tables?: Record<string, unknown>;
  departmentName?: string;
  changeNote: string;
}

/** A change of a rule's values is a new version; the old one stays for the runs and findings that used it. */
export async function changeRule(ctx: Ctx, code: string, change: RuleChange): Promise<void> {
  const rule = await getRule(ctx.db, code);
  if (change.baseVersion !== rule.currentVersion) throw new AppError('CONFLICT');
  const spec = TEMPLATES[rule.template];
  const params = change.params ?? rule.current.params;
  const tables = change.tables ?? rule.current.tables;
  const problems = [...validateParams(spec.params, params), ...validateTables(spec.tables, tables)];
  const effectiveFrom = change.effectiveFrom ?? rule.current.effectiveFrom;
  const effectiveTo = change.effectiveTo === undefined ? rule.current.effectiveTo : change.effectiveTo;
  if (effectiveTo && effectiveTo < effectiveFrom) {
    problems.push({ field: 'effectiveTo', zh: `失效日期 ${effectiveTo} 早于生效日期 ${effectiveFrom}`, en: `Effective to ${effectiveTo} is before effective from ${effectiveFrom}` });
  }
  if (problems.length) {
    const zh = ctx.actor.locale !== 'en-US';
    throw new AppError(
      'MEDFUND_RULE_INVALID',
      Object.fromEntries(problems.map((p) => [p.field, zh ? p.zh : p.en])),
      { zh: `规则 ${code} 的参数有误：${problems.map((p) => p.zh).join('；')}`, en: `Rule ${code}: ${problems.map((p) => p.en).join('; ')}` },
    );
  }
  const next = rule.currentVersion + 1;
  await ctx.db.transaction().execute(async (tx) => {
    const moved = await tx
      .updateTable('medfund_rules')
      .set({ current_version: next, updated_at: ctx.now })
      .where('code', '=', code)
      .where('current_version', '=', rule.currentVersion)
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1) throw new AppError('CONFLICT');
    await tx
      .insertInto('medfund_rule_versions')
      .values({
        rule_code: code, version: next, severity: change.severity ?? rule.current.severity, effective_from: effectiveFrom, effective_to: effectiveTo,
        params: JSON.stringify(params), tables: JSON.stringify(tables), department_name: change.departmentName ?? rule.current.departmentName,
        change_note: change.changeNote, created_by: ctx.actor.userId, created_by_name: ctx.actor.displayName,
      })
      .execute();
    await recordAudit(tx, ctx, {
      action: 'medfund.rule.update', entityType: 'medfund_rule', entityId: code,
      before: { version: rule.currentVersion, severity: rule.current.severity, params: rule.current.params, effectiveFrom: rule.current.effectiveFrom, effectiveTo: rule.current.effectiveTo, departmentName: rule.current.departmentName },
      after: { version: next, severity: change.severity ?? rule.current.severity, params, effectiveFrom, effectiveTo, departmentName: change.departmentName ?? rule.current.departmentName, note: change.changeNote },
    });
  });
}

export async function setRuleEnabled(ctx: Ctx, code: string, enabled: boolean): Promise<void> {
  const rule = await getRule(ctx.db, code);
  if (rule.enabled === enabled) return;
  await ctx.db.transaction().execute(async (tx: Tx) => {
    await tx.updateTable('medfund_rules').set({ enabled, updated_at: ctx.now }).where('code', '=', code).execute();
    await recordAudit(tx, ctx, { action: enabled ? 'medfund.rule.enable' : 'medfund.rule.disable', entityType: 'medfund_rule', entityId: code, before: { enabled: !enabled }, after: { enabled } });
  });
}

/** The version of each enabled rule a run uses: the current one. */
export async function rulesForRun(db: Kysely<DB>): Promise<(RuleView & { version: RuleVersionView })[]> {
  return (await listRules(db)).filter((r) => r.enabled).map((r) => ({ ...r, version: r.current }));
}
