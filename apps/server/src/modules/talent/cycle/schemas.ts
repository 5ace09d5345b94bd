import { z } from 'zod';

/** Request and response shapes of the annual cycle API (docs/talent/CYCLE.md). */
const Label = z.object({ zh: z.string(), en: z.string() });
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const Status = z.enum(['open', 'reviewing', 'computed', 'notice', 'final']);
const Action = z.enum(['review', 'compute', 'reopen', 'publish', 'finalize']);
export const IdParams = z.object({ id: z.uuid() });
export const YearParams = z.object({ year: z.coerce.number().int().min(2000).max(2100) });

const SchemeRef = z.object({ id: z.uuid(), code: z.string(), version: z.string(), name: Label, status: z.string() });

export const CycleInput = z.object({
  year: z.number().int().min(2000, '年度应在 2000–2100 之间').max(2100, '年度应在 2000–2100 之间'),
  noticeWorkdays: z.number().int().min(1, '公示期至少 1 个工作日').max(30, '公示期最长 30 个工作日').default(5).describe('Length of the public notice in Chinese working days (工作日)'),
  objectionChannel: z.string().trim().max(500, '异议渠道最长 500 字').default('').describe('How to object besides the platform: office, address, phone'),
  personalVersionId: z.uuid().optional().describe('Default: the published personal version in effect on 31 December (else 1 January) of the year'),
  enterpriseVersionId: z.uuid().optional(),
  bonusVersionId: z.uuid().nullable().optional().describe('null: no evaluation bonus in the notice'),
});
export const CycleUpdateInput = CycleInput.pick({ noticeWorkdays: true, objectionChannel: true });
export const TransitionParams = z.object({ id: z.uuid(), action: Action });
export const TransitionInput = z.object({
  asOf: Day.optional().describe('compute: take the latest complete points day on or before this day (default: the latest)'),
  startsOn: Day.optional().describe('publish: the first day of the notice (default today; moved to the next working day if it is not one)'),
}).default({});

export const CycleView = z.object({
  id: z.uuid(), year: z.number(), status: Status,
  schemes: z.object({ personal: SchemeRef, enterprise: SchemeRef, bonus: SchemeRef.nullable() }),
  noticeWorkdays: z.number(), objectionChannel: z.string(),
  pointsAsOf: z.string().nullable(), enterpriseAsOf: z.string().nullable(), bonusAsOf: z.string().nullable(),
  notice: z.object({
    startsOn: z.string(), endsOn: z.string(), workdays: z.number(), endsAt: z.date(), phase: z.enum(['before', 'running', 'ended']), workdaysLeft: z.number(),
  }).nullable(),
  openedAt: z.date(), reviewingAt: z.date().nullable(), computedAt: z.date().nullable(), publishedAt: z.date().nullable(), finalizedAt: z.date().nullable(),
  allowedActions: z.array(Action),
  counts: z.object({
    listedTalents: z.number(), listedEnterprises: z.number(), scoredTalents: z.number().nullable(), scoredEnterprises: z.number().nullable(),
    objections: z.object({ pending: z.number(), upheld: z.number(), dismissed: z.number() }),
    evidencePending: z.number().describe('Claims waiting for the office\'s review: every open talent claim and the enterprise claims of this year (docs/talent/EVIDENCE.md)'),
  }),
});
export const CycleList = z.object({ items: z.array(CycleView) });

// ---- entries and the public notice ------------------------------------------------------------
const List = z.enum(['talents', 'enterprises']);
export const EntriesQuery = z.object({
  list: List.default('talents'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  q: z.string().trim().max(50).optional().describe('The office: a name or an enterprise; others: an enterprise name'),
});
export const EntryView = z.object({
  id: z.uuid(), rank: z.number().nullable(), name: z.string(), talentId: z.uuid().nullable(), enterpriseName: z.string().nullable(),
  points: z.number(), tier: Label.nullable(), evaluationBonus: z.number().nullable(), corrected: z.boolean(),
});
export const EntryList = z.object({ items: z.array(EntryView), total: z.number() });

export const PublicNoticeQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional().describe('Default: the latest published year'),
  list: List.default('talents'),
  page: z.coerce.number().int().min(1).max(1000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
  enterprise: z.string().trim().max(50).optional().describe('Part of an enterprise name (there is no search by a person\'s name)'),
});
// .strict() shapes: the public answer carries these fields and nothing else
const PublicTalent = z.object({ rank: z.number(), name: z.string().describe('Masked as official notices print it: 张*明, 李*'), enterpriseName: z.string().nullable(), points: z.number(), corrected: z.boolean() }).strict();
const PublicEnterprise = z.object({ rank: z.number().nullable(), name: z.string(), points: z.number(), tier: Label.nullable(), evaluationBonus: z.number().nullable(), corrected: z.boolean() }).strict();
export const PublicNotice = z.object({
  years: z.array(z.object({ year: z.number(), status: z.enum(['notice', 'final']) })),
  notice: z.object({
    year: z.number(), status: z.enum(['notice', 'final']), startsOn: z.string(), endsOn: z.string(), endsAt: z.date(), workdays: z.number(),
    phase: z.enum(['before', 'running', 'ended']), workdaysLeft: z.number(), objectionChannel: z.string(),
    publishedAt: z.date().nullable(), finalizedAt: z.date().nullable(), pointsAsOf: z.string().nullable(), enterpriseAsOf: z.string().nullable(),
    schemes: z.object({ personal: z.object({ name: Label, version: z.string() }), enterprise: z.object({ name: Label, version: z.string() }) }),
    counts: z.object({ talents: z.number(), enterprises: z.number(), objectionsAnswered: z.number(), objectionsUpheld: z.number() }),
  }).nullable(),
  list: List,
  items: z.array(z.union([PublicTalent, PublicEnterprise])),
  total: z.number(),
});

// ---- objections -------------------------------------------------------------------------------
export const ObjectionInput = z.object({
  entryType: z.enum(['talent', 'enterprise']),
  entryId: z.uuid('请选择异议所针对的公示条目'),
  text: z.string().trim().min(5, '请写明异议的事实和理由（至少 5 个字）').max(2000, '异议内容最长 2000 字'),
});
export const AnswerInput = z.object({
  decision: z.enum(['upheld', 'dismissed']),
  answer: z.string().trim().min(2, '请填写答复意见（采纳时写明更正内容，驳回时写明理由）').max(2000, '答复最长 2000 字'),
  correction: z.object({
    points: z.number().min(-10_000).max(100_000).optional().describe('The corrected points of the entry'),
    tier: z.string().min(1).max(40).optional().describe('An enterprise entry: the corrected tier id'),
  }).optional(),
});
export const ObjectionQuery = z.object({ cycleId: z.uuid().optional(), status: z.enum(['pending', 'upheld', 'dismissed']).optional() });
export const ObjectionView = z.object({
  id: z.uuid(), cycleId: z.uuid(), year: z.number(), entryType: z.enum(['talent', 'enterprise']),
  entry: z.object({
    id: z.uuid(), name: z.string(), enterpriseName: z.string().nullable(), points: z.number(), rank: z.number().nullable(),
    tier: z.string().nullable(), tierLabel: Label.nullable(), corrected: z.boolean(),
  }).nullable(),
  text: z.string(), raisedBy: z.string().nullable(), raisedAt: z.date(), mine: z.boolean(),
  status: z.enum(['pending', 'upheld', 'dismissed']), answer: z.string().nullable(), correction: z.record(z.string(), z.unknown()).nullable(),
  answeredAt: z.date().nullable(), answeredBy: z.string().nullable(),
});
export const ObjectionList = z.object({ items: z.array(ObjectionView) });

// ---- tier board and reports -------------------------------------------------------------------
const Move = z.enum(['up', 'down', 'same', 'new', 'untiered']);
export const TierBoard = z.object({
  year: z.number(), status: z.enum(['notice', 'final']), previousYear: z.number().nullable(),
  tiers: z.array(z.object({ tier: z.string(), tierOrder: z.number(), label: Label, count: z.number(), up: z.number(), down: z.number() })),
  moves: z.object({ up: z.number(), down: z.number(), same: z.number(), new: z.number() }),
  items: z.array(z.object({
    enterpriseId: z.uuid(), enterpriseName: z.string(), points: z.number(), rank: z.number().nullable(), tier: z.string().nullable(), tierOrder: z.number().nullable(),
    tierLabel: Label.nullable(), evaluationBonus: z.number().nullable(), talentCount: z.number(), corrected: z.boolean(),
    previous: z.object({ points: z.number(), tier: z.string().nullable(), tierLabel: Label.nullable() }).nullable(), move: Move,
  })),
});
const Bins = z.object({ binWidth: z.number(), count: z.number(), bins: z.array(z.object({ min: z.number(), max: z.number(), count: z.number() })) });
export const Reports = z.object({
  year: z.number(), previousYear: z.number().nullable(), status: z.enum(['notice', 'final']),
  served: z.object({
    resources: z.array(z.object({ resourceId: z.uuid(), name: z.string(), unit: z.string(), talents: z.number(), places: z.number() })),
    distinctTalents: z.number(),
  }),
  tiers: z.array(z.object({ tier: z.string(), tierOrder: z.number(), label: Label, thisYear: z.number(), lastYear: z.number() })),
  tierChanges: z.object({
    up: z.number(), down: z.number(), same: z.number(), new: z.number(), untiered: z.number(), dropped: z.number(),
    matrix: z.record(z.string(), z.record(z.string(), z.number())),
  }).nullable(),
  distribution: z.object({ talents: Bins, enterprises: Bins }),
  growth: z.object({
    totalThisYear: z.number(), totalLastYear: z.number(), totalGrowth: z.number().nullable(),
    both: z.number(), bothThisYear: z.number(), bothLastYear: z.number(), bothGrowth: z.number().nullable(),
    grew: z.number(), fell: z.number(), unchanged: z.number(),
  }),
});
