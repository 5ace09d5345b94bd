import { z } from 'zod';
import { INDICATOR_KEYS } from './domain';

export const PeriodText = z.string().regex(/^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/, '期间应如 2025-03（月）或 2025-Q1（季）');
export const Basis = z.enum(['cumulative', 'current']);
export const IndicatorKey = z.enum(INDICATOR_KEYS);
export const GROUPINGS = ['none', 'ecosystem', 'street', 'park', 'industry'] as const;
export const Grouping = z.enum(GROUPINGS);
export const Cohort = z.enum(['above_scale', 'all']);

const FigureValues = z.object(Object.fromEntries(INDICATOR_KEYS.map((k) => [k, z.number().nullable()])) as Record<(typeof INDICATOR_KEYS)[number], z.ZodNullable<z.ZodNumber>>);
/** Values as entered and shown: money in 万元, employees in persons, energy in tce, land in 亩. */
export const FigureValuesView = FigureValues;
export const FigureValuesInput = FigureValues.partial();

export const FigureRowView = z.object({
  period: PeriodText,
  basis: Basis,
  values: FigureValuesView,
  source: z.enum(['import', 'correction', 'seed']),
  updatedAt: z.date(),
  version: z.number(),
  corrections: z.number(),
});

export const ScaleStatusView = z.object({
  year: z.number(),
  aboveScale: z.boolean(),
  revenueYear: z.number(),
  annualRevenueWan: z.number().nullable(),
  thresholdWan: z.number().nullable(),
  sector: z.string(),
  reason: z.string(),
});

export const PerMuView = z.object({
  year: z.number(),
  /** The cumulative period the year's figures are read from (December, or the latest reported). */
  through: PeriodText,
  landMu: z.number().nullable(),
  energyTce: z.number().nullable(),
  taxWan: z.number().nullable(),
  valueAddedWan: z.number().nullable(),
  taxPerMuWan: z.number().nullable(),
  valueAddedPerMuWan: z.number().nullable(),
  revenuePerMuWan: z.number().nullable(),
  valueAddedPerTceWan: z.number().nullable(),
  taxPerTceWan: z.number().nullable(),
});

export const EnterpriseFiguresView = z.object({
  enterpriseId: z.uuid(),
  name: z.string(),
  rows: z.array(FigureRowView),
  scale: z.array(ScaleStatusView),
  registry: z.object({ highTech: z.boolean(), listed: z.boolean(), sizeClass: z.string().nullable(), tags: z.array(z.string()) }),
  perMu: z.array(PerMuView),
});

export const FigureHistoryView = z.array(z.object({
  id: z.number(),
  change: z.enum(['import', 'correction']),
  reason: z.string(),
  before: FigureValuesInput,
  after: FigureValuesInput,
  changedBy: z.string(),
  changedAt: z.date(),
}));

export const CorrectionBody = z.object({
  values: FigureValuesInput.refine((v) => Object.keys(v).length > 0, '至少更正一项指标'),
  reason: z.string().trim().min(2, '请填写更正原因').max(500),
  version: z.number().int().optional(),
});

export const FigureKeyParams = z.object({ id: z.uuid(), period: PeriodText, basis: Basis });

export const GrowthQuery = z.object({
  period: PeriodText.optional(),
  basis: Basis.default('cumulative'),
  indicator: IndicatorKey.default('revenue'),
  groupBy: Grouping.default('none'),
  cohort: Cohort.default('above_scale'),
});
export type GrowthQuery = z.infer<typeof GrowthQuery>;

export const GrowthRow = z.object({
  key: z.string(),
  name: z.string(),
  /** Σ this period over the cohort enterprises that reported (万元 or the indicator's unit). */
  total: z.number(),
  comparableCurrent: z.number(),
  comparableBase: z.number(),
  /** Percent, comparable basis (同口径); null without a positive base. */
  growthPercent: z.number().nullable(),
  cohortSize: z.number(),
  compared: z.number(),
  withoutBase: z.number(),
  withoutCurrent: z.number(),
  /** This group's share of the total now and a year earlier (%), and its change in percentage points. */
  sharePercent: z.number().nullable(),
  shareChangePoints: z.number().nullable(),
  official: z.object({ ratePercent: z.number(), source: z.string() }).nullable(),
});

export const GrowthReport = z.object({
  period: PeriodText,
  basis: Basis,
  indicator: IndicatorKey,
  unit: z.string(),
  cohort: Cohort,
  groupBy: Grouping,
  total: GrowthRow,
  groups: z.array(GrowthRow),
  method: z.string(),
});
export type GrowthReport = z.infer<typeof GrowthReport>;

export const DashboardQuery = z.object({ period: PeriodText.optional(), months: z.coerce.number().int().min(3).max(60).default(24) });

const Headline = z.object({ value: z.number().nullable(), growthPercent: z.number().nullable(), official: z.object({ ratePercent: z.number(), source: z.string() }).nullable() });
export const DashboardView = z.object({
  period: PeriodText.nullable(),
  year: z.number(),
  counts: z.object({
    enterprises: z.number(), aboveScale: z.number(), listed: z.number(), highTech: z.number(),
    unicorns: z.number(), prospectiveUnicorns: z.number(), specialised: z.number(),
  }),
  aboveScaleRevenueWan: Headline,
  aboveScaleTaxWan: Headline,
  employees: Headline,
  /** Month by month (cumulative basis): above-scale revenue and tax and their comparable growth. */
  series: z.array(z.object({
    period: PeriodText, revenueWan: z.number(), revenueGrowthPercent: z.number().nullable(), taxWan: z.number(), taxGrowthPercent: z.number().nullable(),
  })),
  byEcosystem: z.array(GrowthRow),
  byStreet: z.array(GrowthRow),
  byPark: z.array(GrowthRow),
  periods: z.array(PeriodText),
});
export type DashboardView = z.infer<typeof DashboardView>;
/** The first screen: counts and the three headline figures (the months and groups follow in /economy/dashboard). */
export const DashboardHeadline = DashboardView.pick({ period: true, year: true, counts: true, aboveScaleRevenueWan: true, aboveScaleTaxWan: true, employees: true, periods: true });
export type DashboardHeadline = z.infer<typeof DashboardHeadline>;
export const DashboardHeadlineQuery = z.object({ period: PeriodText.optional() });

export const EcosystemInput = z.object({
  name: z.string().trim().min(2).max(60),
  nameEn: z.string().trim().max(120).default(''),
  industryPrefixes: z.array(z.string().regex(/^\d{2,4}$/, '行业代码应为 2–4 位数字（大类、中类或小类）')).min(1).max(200),
  description: z.string().max(500).default(''),
  sortOrder: z.number().int().min(0).max(999).default(0),
});
export const EcosystemView = z.object({
  id: z.uuid(), name: z.string(), nameEn: z.string(), industryPrefixes: z.array(z.string()), industryNames: z.array(z.string()),
  description: z.string(), sortOrder: z.number(), enterprises: z.number(), version: z.number(),
});

export const OfficialRateInput = z.object({
  indicator: IndicatorKey,
  scopeKind: z.enum(['county', 'ecosystem', 'street', 'park']).default('county'),
  scopeKey: z.string().max(64).default(''),
  period: PeriodText,
  basis: Basis.default('cumulative'),
  ratePercent: z.number().min(-100).max(10000),
  source: z.string().trim().min(2, '请注明来源，如“区统计局 2025 年 6 月统计快报”').max(200),
});
export const OfficialRateView = OfficialRateInput.extend({ id: z.uuid(), enteredAt: z.date() });

export const ExportQuery = z.object({
  from: PeriodText.optional(),
  to: PeriodText.optional(),
  basis: Basis.optional(),
  enterpriseId: z.uuid().optional(),
});

export const ParkFiguresView = z.object({
  parkId: z.uuid(), name: z.string(), areaMu: z.number().nullable(), enterprises: z.number(), highTech: z.number(),
  period: PeriodText.nullable(), aboveScale: z.number(),
  revenueWan: z.number().nullable(), revenueGrowthPercent: z.number().nullable(),
  taxWan: z.number().nullable(), taxGrowthPercent: z.number().nullable(),
  employees: z.number().nullable(),
  /** Tax of the year so far (every reporting enterprise) per mu of the park's area, 万元/亩. */
  taxPerMuWan: z.number().nullable(),
  months: z.array(z.object({ period: PeriodText, revenueWan: z.number(), revenueGrowthPercent: z.number().nullable(), taxWan: z.number(), taxGrowthPercent: z.number().nullable() })),
});
