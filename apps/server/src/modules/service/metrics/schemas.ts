import { z } from 'zod';
import { IsoDate } from '@zhizhi/contracts';
import { CHANNELS, REQUEST_STATUSES, SERVICE_STEPS, SATISFACTION_LEVELS } from '../domain';
import { METRIC_PERIODS } from './window';

export const METRIC_GROUPS = ['unit', 'agent', 'category', 'street', 'park', 'channel', 'month', 'week'] as const;
export type MetricGroup = (typeof METRIC_GROUPS)[number];

/** Which requests the figures are about: those submitted in [from, to] (local dates), narrowed. */
export const MetricsFilter = z.object({
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  /** The category or anything below it. */
  categoryId: z.string().max(64).optional(),
  /** A handling unit: the steps it held and the requests it resolved (docs/service/RATES.md, "Which unit a figure counts for"). */
  unitId: z.uuid().optional(),
  /** A 9-digit street or the 6-digit county. */
  divisionCode: z.string().regex(/^\d{6}(\d{3})?$/).optional(),
  channel: z.enum(CHANNELS).optional(),
  /** The park stored on the request (the park file's 诉求 tab). */
  parkId: z.uuid().optional(),
});
export type MetricsFilter = z.infer<typeof MetricsFilter>;

export const MetricsQuery = MetricsFilter.extend({
  /** The period (submission dates): a preset, `all`, or `custom` = from/to. Default: this month, or custom when from/to are given. */
  period: z.enum(METRIC_PERIODS).optional(),
  /** Group the figures by this; without it only the total. */
  groupBy: z.enum(METRIC_GROUPS).optional(),
});
export type MetricsQuery = z.infer<typeof MetricsQuery>;

const Rate = z.object({ numerator: z.number(), denominator: z.number(), value: z.number().nullable() });
const PerStep = <T extends z.ZodType>(t: T) => z.object(Object.fromEntries(SERVICE_STEPS.map((s) => [s, t])) as Record<(typeof SERVICE_STEPS)[number], T>);

export const Figures = z.object({
  requests: z.number(),
  mergedExcluded: z.number(),
  responseRate: Rate,
  resolutionRate: Rate,
  satisfactionRate: Rate,
  followUpRate: Rate,
  onTime: PerStep(Rate),
  averageDurationMs: PerStep(z.number().nullable()),
  satisfactionCounts: z.object(Object.fromEntries(SATISFACTION_LEVELS.map((s) => [s, z.number()])) as Record<(typeof SATISFACTION_LEVELS)[number], z.ZodNumber>),
  /** Counts: requests not finished (not resolved/followed up/closed/merged), resolved at least once, with a step past its deadline now. */
  counts: z.object({ open: z.number(), resolved: z.number(), followedUp: z.number(), overdue: z.number() }),
});

const Rank = z.number().nullable();
export const MetricsGroupRow = z.object({
  key: z.string(),
  name: z.string(),
  figures: Figures,
  /** 1 = best; groups with no value (nothing to measure) have null; ties share a rank. */
  rank: z.object({ responseRate: Rank, resolutionRate: Rank, satisfactionRate: Rank }),
});

const Words = z.object({ name: z.string(), numerator: z.string(), denominator: z.string(), note: z.string().optional() });
export const MetricsReport = z.object({
  asOf: z.date(),
  /** The period the figures cover (local dates of submission; null = open). */
  period: z.enum(METRIC_PERIODS),
  from: z.string().nullable(),
  to: z.string().nullable(),
  /** 'all' for the office and leaders (their street if bound), 'unit' for a handling unit: the steps it held and the requests it resolved. */
  scope: z.enum(['all', 'unit']),
  groupBy: z.enum(METRIC_GROUPS).nullable(),
  total: Figures,
  groups: z.array(MetricsGroupRow),
  /** Keyed by the figure's path (responseRate, onTime.respond, averageDurationMs.accept …). */
  definitions: z.record(z.string(), z.object({ zh: Words, en: Words })),
});
export type MetricsReport = z.infer<typeof MetricsReport>;

export const OverdueQuery = MetricsFilter.extend({ limit: z.coerce.number().int().min(1).max(1000).default(200) });
export const OverdueItem = z.object({
  requestId: z.string(),
  number: z.number(),
  title: z.string(),
  status: z.enum(REQUEST_STATUSES),
  categoryName: z.string().nullable(),
  enterpriseName: z.string(),
  leadUnit: z.object({ id: z.string(), name: z.string() }).nullable(),
  agent: z.object({ id: z.string(), name: z.string() }).nullable(),
  step: z.enum(SERVICE_STEPS),
  round: z.number(),
  startedAt: z.date(),
  dueAt: z.date(),
  overdueMs: z.number(),
  supervised: z.boolean(),
});
export const OverdueList = z.object({ items: z.array(OverdueItem), total: z.number() });
