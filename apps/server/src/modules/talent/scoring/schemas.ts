import { PendingClaim } from '@zhizhi/contracts';
import { z } from 'zod';
import { PageQuery, QueryBool, pageOf } from '@zhizhi/contracts';

/** Request and response shapes of the scoring API (they make its OpenAPI document). */
const Label = z.object({ zh: z.string(), en: z.string() }).describe('中文 / English');
const LocaleText = z
  .object({ 'zh-CN': z.string().optional(), 'en-US': z.string().optional() })
  .describe("Explanation text by locale: the user's locale, or both with ?locale=both");
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

export const SchemeKind = z.enum(['personal', 'enterprise', 'evaluation_bonus']).describe('personal: 个人积分; enterprise: 企业积分; evaluation_bonus: 工业企业综合评价人才加分');
export const SchemeStatus = z.enum(['draft', 'published', 'retired']);

export const SchemeIssueView = z.object({
  path: z.string().describe("Where, e.g. items[3].rule.bands[2].min ('' = the document)"),
  code: z.string().describe('Stable machine code, e.g. band-overlap, unknown-fact, period-overlap, syntax'),
  zh: z.string(),
  en: z.string(),
});

export const SchemeVersionSummary = z.object({
  id: z.uuid(),
  kind: SchemeKind,
  code: z.string(),
  version: z.string().describe('The version label written in the document'),
  name: Label,
  status: SchemeStatus,
  effectiveFrom: z.string(),
  effectiveTo: z.string().nullable().describe('null: open-ended'),
  contentHash: z.string(),
  example: z.boolean().describe('The document says its values are illustrative'),
  inEffect: z.boolean().describe('Published and its period covers today'),
  revision: z.number().int().describe('Send back with PUT (optimistic lock)'),
  createdAt: z.date(),
  updatedAt: z.date(),
  publishedAt: z.date().nullable(),
  retiredAt: z.date().nullable(),
});
export type SchemeVersionSummary = z.infer<typeof SchemeVersionSummary>;

export const SchemeVersionDetail = SchemeVersionSummary.extend({
  document: z.record(z.string(), z.unknown()).describe('The parsed document (docs/talent/SCHEME_FORMAT.md)'),
  source: z.string().describe('The text as the author wrote it, comments included'),
  sourceFormat: z.enum(['yaml', 'json']),
});

export const SchemeListQuery = z.object({ kind: SchemeKind.optional(), status: SchemeStatus.optional() });
export const SchemeList = z.object({ items: z.array(SchemeVersionSummary) });

export const SchemeSourceInput = z.object({
  source: z.string().min(1, '请填写积分办法').max(1_000_000, '积分办法过长'),
  format: z.enum(['yaml', 'json']).optional().describe("Default: 'json' when the text starts with '{', else 'yaml'"),
});
export const SchemeUpdateInput = SchemeSourceInput.extend({ revision: z.number().int() });

export const SchemeValidation = z.object({
  ok: z.boolean(),
  issues: z.array(SchemeIssueView),
  summary: z
    .object({ kind: SchemeKind, code: z.string(), version: z.string(), effectiveFrom: z.string(), effectiveTo: z.string().nullable(), items: z.number().int(), facts: z.number().int(), contentHash: z.string() })
    .nullable(),
});

export const SchemeDiff = z.object({
  against: SchemeVersionSummary.nullable().describe('The published version compared with (null: none)'),
  changes: z.array(z.object({ path: z.string(), change: z.enum(['added', 'removed', 'changed']), before: z.unknown().optional(), after: z.unknown().optional() })),
});
export const DiffQuery = z.object({ against: z.uuid().optional().describe('Default: the published version of the same kind in effect (or the latest)') });

export const PublishInput = z.object({
  replaces: z.array(z.uuid()).max(10).default([]).describe('Published versions of the same kind to retire in the same transaction, e.g. the one whose period the draft takes over'),
});
export const PublishResult = z.object({ version: SchemeVersionSummary, jobId: z.number().int().describe('The recompute job: GET /api/jobs/:id') });

export const AsOfInput = z.object({ asOf: Day.optional().describe('Default: today, moved into the effective period') });
export const RecomputeInput = z.object({
  kind: SchemeKind.default('personal').describe('personal also recomputes the enterprise points that depend on it'),
  versionId: z.uuid().optional().describe('Default: the published version in effect today'),
  asOf: Day.optional(),
});
export const JobStarted = z.object({ jobId: z.number().int() });

const WhatIfCounts = z.record(z.string(), z.number()).describe('subjects, gained, lost, unchanged, undecided, tierChanged, tierUp, tierDown, onlyPublished, onlyDraft (+ passGained, passLost for talents)');
export const WhatIfRunView = z.object({
  id: z.uuid(),
  draftId: z.uuid(),
  baselineId: z.uuid().nullable(),
  kind: SchemeKind,
  asOf: z.string(),
  status: z.enum(['queued', 'running', 'succeeded', 'failed']),
  draftChangedSince: z.boolean().describe('The draft was edited after this run'),
  talentCounts: WhatIfCounts.nullable(),
  enterpriseCounts: WhatIfCounts.nullable(),
  jobId: z.number().int().nullable(),
  error: z.string().nullable(),
  createdAt: z.date(),
  finishedAt: z.date().nullable(),
});
export const WhatIfStarted = z.object({ run: WhatIfRunView, jobId: z.number().int() });
export const WhatIfRunList = z.object({ items: z.array(WhatIfRunView) });
export const WhatIfRowsQuery = PageQuery.extend({
  subject: z.enum(['talent', 'enterprise']).optional(),
  change: z.enum(['gained', 'lost', 'undecided', 'onlyPublished', 'onlyDraft', 'tierChanged']).optional(),
});
export const WhatIfRowView = z.object({
  subjectType: z.enum(['talent', 'enterprise']),
  subjectId: z.uuid(),
  name: z.string().nullable(),
  enterpriseId: z.uuid().nullable(),
  enterpriseName: z.string().nullable(),
  beforeTotal: z.number().nullable(),
  beforeTier: z.string().nullable(),
  afterTotal: z.number().nullable(),
  afterTier: z.string().nullable(),
  delta: z.number().nullable(),
  change: z.string(),
  tierChanged: z.boolean(),
  tierMove: z.string().nullable(),
});
export const WhatIfRowPage = pageOf(WhatIfRowView);

export const ExplainQuery = z.object({
  locale: z.enum(['zh-CN', 'en-US', 'both']).optional().describe("Default: the user's locale"),
  version: z.uuid().optional().describe('A scheme version id (default: the one in effect, else the latest published)'),
  full: QueryBool.optional().describe("true: add `result`, the engine's full EvaluationResult (traces, caps, facts used)"),
});

const SchemeRef = z.object({ id: z.uuid(), code: z.string(), version: z.string(), name: Label, status: SchemeStatus });
const ExplainedItem = z.object({
  itemId: z.string(),
  label: Label,
  group: z.string().nullable(),
  reference: z.string().nullable(),
  status: z.enum(['scored', 'not_evaluated', 'gated', 'vetoed']),
  points: z.number(),
  explanation: LocaleText,
});
const ExplainedGroup = z.object({ groupId: z.string(), label: Label, points: z.number(), explanation: LocaleText });
const Tier = z.object({ id: z.string(), label: Label });

export const TalentScoreView = z.object({
  talentId: z.uuid(),
  talentName: z.string(),
  enterpriseId: z.uuid().nullable(),
  enterpriseName: z.string().nullable(),
  scheme: SchemeRef,
  asOf: z.string().describe('The date the facts and rules were read at'),
  computedAt: z.date(),
  total: z.number(),
  complete: z.boolean().describe('Every item could be evaluated'),
  passed: z.boolean().nullable().describe('Reached the pass mark; null: cannot tell (facts missing)'),
  passMark: z.number().nullable(),
  tier: Tier.nullable(),
  summary: LocaleText,
  items: z.array(ExplainedItem),
  groups: z.array(ExplainedGroup),
  reproduced: z.boolean().describe('The result rebuilt from the stored facts gives every item its stored points (false would mean the engine changed since)'),
  result: z.record(z.string(), z.unknown()).optional().describe("With ?full=true: the engine's full EvaluationResult (traces, caps, facts used), rebuilt from the stored facts"),
});

export const TalentScoreHistory = z.object({
  items: z.array(z.object({ scheme: SchemeRef, asOf: z.string(), total: z.number(), complete: z.boolean(), passed: z.boolean().nullable(), computedAt: z.date() })),
});

const ScoreFilterFields = {
  q: z.string().max(50).optional().describe('Name contains'),
  enterprise: z.uuid().optional(),
  passed: z.enum(['true', 'false', 'unknown']).optional(),
  minTotal: z.coerce.number().optional().describe('Total points ≥ minTotal'),
  maxTotal: z.coerce.number().optional().describe('Total points < maxTotal (a band is [minTotal, maxTotal), as the distribution bins)'),
  item: z.string().max(80).optional().describe("A scoring item's id: only talents with points in that item (and its points as itemPoints). Unknown id: 400"),
  version: z.uuid().optional(),
};
export const ScoreExportQuery = z.object(ScoreFilterFields);
export const ScoreListQuery = PageQuery.extend({
  ...ScoreFilterFields,
  sort: z.enum(['total', 'name']).default('total'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export const ScoreListItem = z.object({
  talentId: z.uuid(), name: z.string(), enterpriseId: z.uuid().nullable(), enterpriseName: z.string().nullable(),
  total: z.number(), complete: z.boolean(), passed: z.boolean().nullable(), asOf: z.string(),
  itemPoints: z.number().nullable().optional().describe('With ?item=: the points of that item'),
});
export const ScoreListPage = pageOf(ScoreListItem).extend({
  scheme: SchemeRef.nullable(), asOf: z.string().nullable(),
  schemeItems: z.array(z.object({ itemId: z.string(), label: Label })).describe("The version's scoring items, in order (the values of ?item=)"),
});

export const EnterpriseScoreQuery = PageQuery.extend({
  tier: z.string().max(40).optional(),
  q: z.string().max(50).optional(),
  version: z.uuid().optional(),
});
export const EnterpriseScoreListItem = z.object({
  enterpriseId: z.uuid(), enterpriseName: z.string(), total: z.number(), tier: Tier.nullable(), rank: z.number().int().nullable(),
  complete: z.boolean(), staffPointsTotal: z.number(), talentCount: z.number().int(), asOf: z.string(),
});
export const EnterpriseScorePage = pageOf(EnterpriseScoreListItem).extend({ scheme: SchemeRef.nullable(), asOf: z.string().nullable() });

export const EnterpriseScoreView = EnterpriseScoreListItem.extend({
  scheme: SchemeRef,
  personalSchemeId: z.uuid().nullable().describe('The personal version whose points make staffPointsTotal'),
  ranked: z.number().int().describe('How many enterprises were ranked'),
  computedAt: z.date(),
  summary: LocaleText,
  items: z.array(ExplainedItem),
  groups: z.array(ExplainedGroup),
  talents: z.array(z.object({ talentId: z.uuid(), name: z.string(), total: z.number(), complete: z.boolean() })).describe('The talents whose points make staffPointsTotal, highest first'),
  reproduced: z.boolean(),
  result: z.record(z.string(), z.unknown()).optional().describe('With ?full=true'),
});

export const Distribution = z.object({
  personal: z.object({
    scheme: SchemeRef.nullable(), asOf: z.string().nullable(), count: z.number().int(), complete: z.number().int(),
    passed: z.number().int(), notPassed: z.number().int(), undecided: z.number().int(),
    mean: z.number().nullable(), passMark: z.number().nullable(),
    histogram: z.array(z.object({ from: z.number(), to: z.number(), count: z.number().int() })).describe('Bins of `binWidth` points: from ≤ total < to'),
    binWidth: z.number(),
  }),
  enterprise: z.object({
    scheme: SchemeRef.nullable(), asOf: z.string().nullable(), count: z.number().int(),
    tiers: z.array(z.object({ id: z.string(), label: Label, count: z.number().int(), minTotal: z.number().nullable(), maxTotal: z.number().nullable() })),
    untiered: z.number().int(),
  }),
});
export const DistributionQuery = z.object({ binWidth: z.coerce.number().int().min(1).max(100).default(10) });

const FactShape = {
  key: z.string(), label: Label,
  unit: Label.optional(), min: z.number().optional(), max: z.number().optional(), integer: z.boolean().optional(),
  values: z.array(z.object({ value: z.string(), label: Label })).optional().describe('An enum: its values'),
};
const DeclaredField = z.object({ ...FactShape, type: z.enum(['number', 'enum', 'boolean', 'date']) });
const DeclaredFact = z.object({
  ...FactShape,
  type: z.enum(['number', 'enum', 'boolean', 'date', 'list']),
  fields: z.array(DeclaredField).optional().describe('A list: the fields of one entry'),
  computed: z.boolean(),
});
export const EvaluationBonusQuery = PageQuery.extend({
  q: z.string().max(50).optional().describe('Enterprise name contains'),
  version: z.uuid().optional().describe('An evaluation-bonus version (default: the one in effect today)'),
});
export const EvaluationBonusExportQuery = EvaluationBonusQuery.omit({ page: true, pageSize: true });
const BonusSource = z.object({ scheme: SchemeRef, asOf: z.string() }).describe('The enterprise score the bonuses were computed from: its version and day');
export const EvaluationBonusItem = z.object({
  enterpriseId: z.uuid(), enterpriseName: z.string(), creditCode: z.string(), industryCode: z.string(),
  enterprisePoints: z.number(), enterpriseTier: Tier.nullable(), points: z.number().describe('The bonus (0–8 under the shipped example)'),
  complete: z.boolean().describe('false: the enterprise score was incomplete, the bonus is not evaluated'),
});
export const EvaluationBonusPage = pageOf(EvaluationBonusItem).extend({ scheme: SchemeRef.nullable(), asOf: z.string().nullable(), source: BonusSource.nullable() });
export const EvaluationBonusView = EvaluationBonusItem.extend({
  scheme: SchemeRef, asOf: z.string(), source: BonusSource, computedAt: z.date(),
  summary: LocaleText, items: z.array(ExplainedItem), reproduced: z.boolean(),
});

export const EnterpriseFactsQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });
export const EnterpriseFactsView = z.object({
  enterpriseId: z.uuid(), year: z.number().int(), facts: z.record(z.string(), z.unknown()),
  declared: z.array(DeclaredFact).describe("The facts the enterprise scheme of that year declares, as the scheme declares them (a form is built from them); computed ones (staffPointsTotal) are the platform's"),
  updatedAt: z.date().nullable(),
  factsApplyDirectly: z.boolean().describe("true for the talent office: its edits are the approved facts; an enterprise's edits become a claim for review"),
  pendingClaim: PendingClaim.nullable().describe('The open claim of these facts (待审核), or null; `facts` are the approved ones'),
});
export const EnterpriseFactsInput = z.object({ year: z.number().int().min(2000).max(2100), facts: z.record(z.string(), z.unknown()) });

export const IdParams = z.object({ id: z.uuid() });
export const TalentIdParams = z.object({ talentId: z.uuid() });
export const EnterpriseIdParams = z.object({ enterpriseId: z.uuid() });
