import { z } from 'zod';
import { PageQuery, pageOf } from './common';

/**
 * The talent registry (企业人才积分制, part 1): the people who earn points, and the facts about
 * them that a points scheme scores. The facts vocabulary below is the county's personal scheme;
 * the scoring engine uses exactly the same keys.
 */
export const EDUCATION_LEVELS = ['none', 'high_school', 'junior_college', 'bachelor', 'master', 'doctorate'] as const;
export const TITLE_LEVELS = ['none', 'junior', 'intermediate', 'associate_senior', 'senior'] as const;
export const SKILL_LEVELS = ['none', 'level5', 'level4', 'level3', 'level2', 'level1'] as const;
export const RECOGNITION_LEVELS = ['national', 'provincial', 'city', 'county'] as const;
export const TALENT_CATEGORIES = ['A', 'B', 'C', 'D', 'E', 'none'] as const;
export const TALENT_STATUSES = ['active', 'inactive'] as const;
export const GENDERS = ['male', 'female'] as const;
export const CONFLICT_STATUSES = ['open', 'resolved_to_holder', 'resolved_to_claimant', 'dismissed'] as const;

export type EducationLevel = (typeof EDUCATION_LEVELS)[number];
export type TitleLevel = (typeof TITLE_LEVELS)[number];
export type SkillLevel = (typeof SKILL_LEVELS)[number];
export type RecognitionLevel = (typeof RECOGNITION_LEVELS)[number];
export type TalentCategory = (typeof TALENT_CATEGORIES)[number];
export type TalentStatus = (typeof TALENT_STATUSES)[number];
export type ConflictStatus = (typeof CONFLICT_STATUSES)[number];

/** An award or an honour: its level and the year it was given. */
export const Recognition = z.strictObject({
  level: z.enum(RECOGNITION_LEVELS),
  year: z.number().int().min(1950, '年份不早于 1950').max(2100, '年份不晚于 2100'),
});
export type Recognition = z.infer<typeof Recognition>;

const count = () => z.number().int('应为整数').nonnegative('不能小于 0').max(100_000);

/** Every fact a talent may have. Each one may be absent: unknown is not zero. */
export const TALENT_FACT_SCHEMAS = {
  education: z.enum(EDUCATION_LEVELS),
  titleLevel: z.enum(TITLE_LEVELS),
  skillLevel: z.enum(SKILL_LEVELS),
  awards: z.array(Recognition).max(100),
  inventionPatents: count(),
  utilityPatents: count(),
  keyProjects: count(),
  honours: z.array(Recognition).max(100),
  /** yuan per year */
  annualSalary: z.number().nonnegative('不能小于 0').max(1_000_000_000),
  yearsInCounty: z.number().nonnegative('不能小于 0').max(80),
  socialInsuranceMonths: count().max(1_000),
  talentCategory: z.enum(TALENT_CATEGORIES),
} as const;

export type TalentFactKey = keyof typeof TALENT_FACT_SCHEMAS;
export const TALENT_FACT_KEYS = Object.keys(TALENT_FACT_SCHEMAS) as TalentFactKey[];

export const TalentFacts = z.strictObject({
  education: TALENT_FACT_SCHEMAS.education.optional(),
  titleLevel: TALENT_FACT_SCHEMAS.titleLevel.optional(),
  skillLevel: TALENT_FACT_SCHEMAS.skillLevel.optional(),
  awards: TALENT_FACT_SCHEMAS.awards.optional(),
  inventionPatents: TALENT_FACT_SCHEMAS.inventionPatents.optional(),
  utilityPatents: TALENT_FACT_SCHEMAS.utilityPatents.optional(),
  keyProjects: TALENT_FACT_SCHEMAS.keyProjects.optional(),
  honours: TALENT_FACT_SCHEMAS.honours.optional(),
  annualSalary: TALENT_FACT_SCHEMAS.annualSalary.optional(),
  yearsInCounty: TALENT_FACT_SCHEMAS.yearsInCounty.optional(),
  socialInsuranceMonths: TALENT_FACT_SCHEMAS.socialInsuranceMonths.optional(),
  talentCategory: TALENT_FACT_SCHEMAS.talentCategory.optional(),
});
export type TalentFacts = z.infer<typeof TalentFacts>;

export type FactsCheck = { ok: true; facts: TalentFacts } | { ok: false; errors: Record<string, string> };

/**
 * Checks a facts object against a vocabulary (by default the county's personal scheme). Keys
 * with a null value are dropped (absent = unknown). An unknown key is an error naming the key.
 * Errors are keyed `facts.<key>` (or `facts.<key>.<index>.<field>`), like the API's field errors.
 */
export function checkTalentFacts(
  raw: unknown,
  vocabulary: Readonly<Record<string, z.ZodType>> = TALENT_FACT_SCHEMAS,
): FactsCheck {
  if (raw === null || raw === undefined) return { ok: true, facts: {} };
  if (typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, errors: { facts: '积分事实应为对象' } };
  const errors: Record<string, string> = {};
  const facts: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value === null || value === undefined) continue;
    const schema = Object.hasOwn(vocabulary, key) ? vocabulary[key] : undefined;
    if (!schema) {
      errors[`facts.${key}`] = `“${key}”不是积分事实清单中的项目`;
      continue;
    }
    const r = schema.safeParse(value);
    if (r.success) facts[key] = r.data;
    else {
      const issue = r.error.issues[0];
      const path = ['facts', key, ...(issue?.path ?? []).map(String)].join('.');
      errors[path] = issue?.message ?? '格式不正确';
    }
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, facts: facts as TalentFacts };
}

// ---- the registry's API shapes ------------------------------------------------------------

export const PHONE_PATTERN = /^(1\d{10}|0\d{2,3}-?\d{7,8})?$/;

export const TalentInput = z.object({
  /** GB 11643 is checked by the server (with a reason per failure); here only the shape. */
  idNumber: z.string().trim().toUpperCase().max(30),
  name: z.string().trim().min(2, '姓名至少 2 个字').max(50),
  phone: z.string().trim().regex(PHONE_PATTERN, '请填写正确的手机号或座机号').default(''),
  /** The employer. An enterprise user registers for their own enterprise and may leave it out. */
  enterpriseId: z.uuid().nullable().default(null),
  status: z.enum(TALENT_STATUSES).default('active'),
  /** Checked against the facts vocabulary by the server (one function: checkTalentFacts). */
  facts: z.record(z.string(), z.unknown()).default({}),
});
export type TalentInput = z.infer<typeof TalentInput>;

/** Editing: the ID number and the employer do not change here; a phone left out keeps the stored one. */
export const TalentUpdateInput = z.object({
  name: TalentInput.shape.name,
  phone: z.string().trim().regex(PHONE_PATTERN, '请填写正确的手机号或座机号').optional(),
  status: z.enum(TALENT_STATUSES).default('active'),
  facts: z.record(z.string(), z.unknown()).default({}),
  version: z.number().int().positive(),
});
export type TalentUpdateInput = z.infer<typeof TalentUpdateInput>;

export const TalentMoveInput = z.object({
  enterpriseId: z.uuid(),
  /** First day at the new employer (and the day after the last one at the old); default today. */
  startedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD').optional(),
  note: z.string().trim().max(500).default(''),
  version: z.number().int().positive(),
});

export const TalentListQuery = PageQuery.extend({
  /** An 18-character ID number matches exactly; anything else searches names. */
  q: z.string().trim().max(50).optional(),
  enterprise: z.uuid().optional(),
  education: z.enum(EDUCATION_LEVELS).optional(),
  talentCategory: z.enum(TALENT_CATEGORIES).optional(),
  status: z.enum(TALENT_STATUSES).optional(),
  sort: z.enum(['name', 'updatedAt', 'birthDate']).default('updatedAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type TalentListQuery = z.infer<typeof TalentListQuery>;

export const TalentSummary = z.object({
  id: z.string(),
  /** masked, e.g. 3301**********1234 */
  idNumber: z.string(),
  name: z.string(),
  gender: z.enum(GENDERS),
  age: z.number(),
  /** masked */
  phone: z.string(),
  enterpriseId: z.string().nullable(),
  enterpriseName: z.string().nullable(),
  status: z.enum(TALENT_STATUSES),
  education: z.enum(EDUCATION_LEVELS).nullable(),
  titleLevel: z.enum(TITLE_LEVELS).nullable(),
  talentCategory: z.enum(TALENT_CATEGORIES).nullable(),
  updatedAt: z.date(),
});
export type TalentSummary = z.infer<typeof TalentSummary>;
export const TalentPage = pageOf(TalentSummary);

export const TalentEmployment = z.object({
  id: z.string(),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  startedOn: z.string(),
  endedOn: z.string().nullable(),
});
export type TalentEmployment = z.infer<typeof TalentEmployment>;

/** The statuses of a claim (申报) of facts; docs/talent/EVIDENCE.md. */
export const CLAIM_STATUSES = ['submitted', 'more_info_requested', 'resubmitted', 'approved', 'rejected', 'withdrawn'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

/** A subject's open claim, as its file shows it: the facts waiting for review (待审核). */
export const PendingClaim = z.object({
  id: z.string(),
  status: z.enum(CLAIM_STATUSES),
  /** What the office asked for (more_info_requested), else '' */
  reason: z.string(),
  changes: z.array(z.object({ fact: z.string(), before: z.unknown(), claimed: z.unknown(), evidenceCount: z.number().int() })),
  evidenceCount: z.number().int(),
  waitingSince: z.date(),
  version: z.number().int(),
});
export type PendingClaim = z.infer<typeof PendingClaim>;

export const TalentFile = TalentSummary.extend({
  birthDate: z.string(),
  facts: TalentFacts,
  employments: z.array(TalentEmployment),
  hasUser: z.boolean(),
  /** The talent's own login, for those who may link it (talent.manage); null otherwise or when none. */
  account: z.object({ userId: z.string(), username: z.string(), displayName: z.string() }).nullable(),
  createdAt: z.date(),
  version: z.number(),
  canEdit: z.boolean(),
  canMove: z.boolean(),
  /** `facts` are the approved facts (the points count only these). The office's edits of them apply at once; others' become a claim. */
  factsApplyDirectly: z.boolean(),
  /** The open claim of this talent's facts, or null. */
  pendingClaim: PendingClaim.nullable(),
});
export type TalentFile = z.infer<typeof TalentFile>;

export const TalentAccountInput = z.object({
  username: z.string().trim().toLowerCase().min(1, '请填写用户名').max(64),
});
export type TalentAccountInput = z.infer<typeof TalentAccountInput>;

export const TalentReveal = z.object({ idNumber: z.string(), phone: z.string() });

export const TalentConflict = z.object({
  id: z.string(),
  /** masked */
  idNumber: z.string(),
  name: z.string(),
  talentId: z.string(),
  talentName: z.string(),
  holderEnterpriseId: z.string().nullable(),
  holderEnterpriseName: z.string().nullable(),
  claimantEnterpriseId: z.string(),
  claimantEnterpriseName: z.string(),
  status: z.enum(CONFLICT_STATUSES),
  createdAt: z.date(),
  createdByName: z.string(),
  resolvedAt: z.date().nullable(),
  resolvedByName: z.string().nullable(),
  note: z.string(),
});
export type TalentConflict = z.infer<typeof TalentConflict>;

export const TalentConflictQuery = PageQuery.extend({
  status: z.enum(CONFLICT_STATUSES).optional(),
});
export const TalentConflictPage = pageOf(TalentConflict);

export const ConflictResolveInput = z.object({
  resolution: z.enum(['resolved_to_holder', 'resolved_to_claimant', 'dismissed']),
  note: z.string().trim().max(500).default(''),
});
