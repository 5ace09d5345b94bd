import { AppError } from '../../../http/app-error';
import { recordAudit } from '../../../core/audit/audit';
import type { Ctx, Tx } from '../../../core/context';
import type { WorkdayCalendar } from '../../../core/reference/domain/workday';
import {
  compileServiceLevelPolicy, DEFAULT_SERVICE_LEVEL_POLICY, serviceClockFor, serviceLevelPolicyIssues,
  type CompiledServiceLevelPolicy, type ServiceClock, type ServiceLevelPolicy,
} from '../domain';

/**
 * The stored service-level policy (时限规则): versions in service_level_policies, appended by
 * each replacement. A step keeps the rules in force when it opened — the newest version whose
 * effective_from is not after the step's start — so a change applies to steps opened after it and
 * never moves a deadline already promised. No version stored: DEFAULT_SERVICE_LEVEL_POLICY.
 */
export interface PolicyInForce {
  /** The stored version, or null for the built-in default. */
  version: number | null;
  levels: CompiledServiceLevelPolicy;
  clock: ServiceClock;
}

export interface PolicyBook {
  /** The policy for a step opened at `start`. */
  at(start: Date): PolicyInForce;
}

const defaultClock = new WeakMap<WorkdayCalendar, PolicyInForce>();

function inForce(version: number | null, policy: ServiceLevelPolicy, calendar: WorkdayCalendar): PolicyInForce {
  return {
    version,
    levels: compileServiceLevelPolicy(policy),
    clock: serviceClockFor(calendar, policy.officeHours, { outsideCoverage: policy.outsideCoverage }),
  };
}

/** The default policy with the calendar's clock (cached per calendar: the sweep asks for it every run). */
export function defaultPolicyInForce(calendar: WorkdayCalendar): PolicyInForce {
  let p = defaultClock.get(calendar);
  if (!p) defaultClock.set(calendar, (p = inForce(null, DEFAULT_SERVICE_LEVEL_POLICY, calendar)));
  return p;
}

/**
 * The compiled versions, per calendar: compiling a policy and building its clock's year tables is
 * most of what reading the book cost, and every action and every sweep run reads it. A version is
 * reused only for the same stored row (id, start and the policy's text), so a version replaced in
 * another process, or another database in the same process, is never served stale; replacePolicy
 * also drops the compiled versions (`forgetCompiledPolicies`).
 */
let compiled = new WeakMap<WorkdayCalendar, Map<string, PolicyInForce>>();

export function forgetCompiledPolicies(): void {
  compiled = new WeakMap();
}

function compiledVersion(id: number, effectiveFrom: Date, policy: unknown, calendar: WorkdayCalendar): PolicyInForce {
  let versions = compiled.get(calendar);
  if (!versions) compiled.set(calendar, (versions = new Map()));
  const key = `${id}|${effectiveFrom.getTime()}|${JSON.stringify(policy)}`;
  let p = versions.get(key);
  if (!p) versions.set(key, (p = inForce(id, policy as ServiceLevelPolicy, calendar)));
  return p;
}

export async function loadPolicyBook(db: Tx, calendar: WorkdayCalendar): Promise<PolicyBook> {
  const rows = await db.selectFrom('service_level_policies').select(['id', 'policy', 'effective_from'])
    .orderBy('effective_from', 'desc').orderBy('id', 'desc').execute();
  const fallback = defaultPolicyInForce(calendar);
  if (rows.length === 0) return { at: () => fallback };
  const versions = rows.map((r) => ({ fromMs: r.effective_from.getTime(), p: compiledVersion(r.id, r.effective_from, r.policy, calendar) }));
  return {
    at(start) {
      const t = start.getTime();
      return versions.find((v) => v.fromMs <= t)?.p ?? fallback;
    },
  };
}

export interface PolicyView {
  /** The stored version in force now, or null (the built-in default). */
  version: number | null;
  effectiveFrom: Date | null;
  updatedBy: string | null;
  policy: ServiceLevelPolicy;
  defaultPolicy: ServiceLevelPolicy;
}

export async function currentPolicy(db: Tx): Promise<PolicyView> {
  const row = await db.selectFrom('service_level_policies').select(['id', 'policy', 'effective_from', 'created_by_name'])
    .orderBy('effective_from', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return {
    version: row?.id ?? null,
    effectiveFrom: row?.effective_from ?? null,
    updatedBy: row?.created_by_name ?? null,
    policy: row ? (row.policy as unknown as ServiceLevelPolicy) : DEFAULT_SERVICE_LEVEL_POLICY,
    defaultPolicy: DEFAULT_SERVICE_LEVEL_POLICY,
  };
}

/**
 * Stores a new version, in force from now for steps opened from now on. Checked by the domain's
 * serviceLevelPolicyIssues (and unknown categories): 400 SERVICE_POLICY_INVALID listing them.
 * Audited with the policy before and after.
 */
export async function replacePolicy(ctx: Ctx, policy: ServiceLevelPolicy): Promise<PolicyView> {
  const issues = serviceLevelPolicyIssues(policy);
  const categories = new Set((await ctx.db.selectFrom('service_categories').select('id').execute()).map((c) => c.id));
  for (const c of Object.keys(policy.byCategory)) {
    if (!categories.has(c)) issues.push({ zh: `诉求类别 ${c} 不存在`, en: `category ${c} does not exist` });
  }
  if (issues.length) {
    throw new AppError('SERVICE_POLICY_INVALID', { policy: issues.map((i) => i.zh).join('；') }, {
      zh: `时限规则有误：${issues.map((i) => i.zh).join('；')}`,
      en: `The service-level policy is not valid: ${issues.map((i) => i.en).join('; ')}`,
    });
  }
  forgetCompiledPolicies();
  return ctx.db.transaction().execute(async (tx) => {
    const before = await currentPolicy(tx);
    const row = await tx.insertInto('service_level_policies').values({
      policy: JSON.stringify(policy), effective_from: ctx.now, created_by: ctx.actor.userId, created_by_name: ctx.actor.displayName,
    }).returning('id').executeTakeFirstOrThrow();
    await recordAudit(tx, ctx, {
      action: 'service.policy.replace', entityType: 'service_level_policy', entityId: String(row.id),
      before: { version: before.version, policy: before.policy }, after: { version: row.id, policy },
    });
    return currentPolicy(tx);
  });
}
