import { useQuery, type QueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

/** Answer shapes of /api/economy (docs/economy/API.md). Money in 万元; growth in %; share changes in percentage points. */
export const INDICATOR_KEYS = ['revenue', 'output', 'valueAdded', 'tax', 'profit', 'rd', 'employees', 'energy', 'land'] as const;
export type IndicatorKey = (typeof INDICATOR_KEYS)[number];
export type Basis = 'cumulative' | 'current';

export interface Official { ratePercent: number; source: string }
export interface GrowthRow {
  key: string; name: string; total: number; comparableCurrent: number; comparableBase: number; growthPercent: number | null;
  cohortSize: number; compared: number; withoutBase: number; withoutCurrent: number; sharePercent: number | null; shareChangePoints: number | null;
  official: Official | null;
}
export interface Headline { value: number | null; growthPercent: number | null; official: Official | null }
export interface Dashboard {
  period: string | null; year: number;
  counts: { enterprises: number; aboveScale: number; listed: number; highTech: number; unicorns: number; prospectiveUnicorns: number; specialised: number };
  aboveScaleRevenueWan: Headline; aboveScaleTaxWan: Headline; employees: Headline;
  series: { period: string; revenueWan: number; revenueGrowthPercent: number | null; taxWan: number; taxGrowthPercent: number | null }[];
  byEcosystem: GrowthRow[]; byStreet: GrowthRow[]; byPark: GrowthRow[];
  periods: string[];
}
/** The first screen (GET /api/economy/dashboard/headline): what the leaders see before the months and groups. */
export type DashboardHeadline = Pick<Dashboard, 'period' | 'year' | 'counts' | 'aboveScaleRevenueWan' | 'aboveScaleTaxWan' | 'employees' | 'periods'>;
export interface FigureRow {
  period: string; basis: Basis; values: Record<IndicatorKey, number | null>; source: 'import' | 'correction' | 'seed';
  updatedAt: string; version: number; corrections: number;
}
export interface EnterpriseFigures {
  enterpriseId: string; name: string; rows: FigureRow[];
  scale: { year: number; aboveScale: boolean; revenueYear: number; annualRevenueWan: number | null; thresholdWan: number | null; sector: string; reason: string }[];
  registry: { highTech: boolean; listed: boolean; sizeClass: string | null; tags: string[] };
  perMu: { year: number; through: string; landMu: number | null; energyTce: number | null; taxWan: number | null; valueAddedWan: number | null;
    taxPerMuWan: number | null; valueAddedPerMuWan: number | null; revenuePerMuWan: number | null; valueAddedPerTceWan: number | null; taxPerTceWan: number | null }[];
}
export interface FigureHistory { id: number; change: 'import' | 'correction'; reason: string; before: Partial<Record<IndicatorKey, number | null>>; after: Partial<Record<IndicatorKey, number | null>>; changedBy: string; changedAt: string }
export interface ParkFigures {
  parkId: string; name: string; areaMu: number | null; enterprises: number; highTech: number; period: string | null; aboveScale: number;
  revenueWan: number | null; revenueGrowthPercent: number | null; taxWan: number | null; taxGrowthPercent: number | null; employees: number | null; taxPerMuWan: number | null;
  months: Dashboard['series'];
}
export interface Ecosystem { id: string; name: string; nameEn: string; industryPrefixes: string[]; industryNames: string[]; description: string; sortOrder: number; enterprises: number; version: number }

export const economyKeys = {
  all: ['economy'] as const,
  dashboard: (period: string | undefined) => ['economy', 'dashboard', period ?? ''] as const,
  headline: (period: string | undefined) => ['economy', 'dashboard', 'headline', period ?? ''] as const,
  enterprise: (id: string) => ['economy', 'enterprise', id] as const,
  history: (id: string, period: string, basis: Basis) => ['economy', 'history', id, period, basis] as const,
  park: (id: string) => ['economy', 'park', id] as const,
  ecosystems: ['economy', 'ecosystems'] as const,
};

export const useDashboard = (period: string | undefined) =>
  useQuery({ queryKey: economyKeys.dashboard(period), queryFn: () => api.get<Dashboard>('/api/economy/dashboard', { period }) });

const headlineQuery = (period: string | undefined) => ({
  queryKey: economyKeys.headline(period),
  queryFn: () => api.get<DashboardHeadline>('/api/economy/dashboard/headline', { period }),
});

/** The headline first; the whole screen (months, groups) is asked for at the same time and fills in after. */
export const useDashboardHeadline = (period: string | undefined) => useQuery(headlineQuery(period));

/** The screen's route prefetch: the headline of the latest period, sent with the session check when the app opens on the screen. */
export const prefetchDashboardHeadline = (queryClient: QueryClient) => queryClient.prefetchQuery(headlineQuery(undefined));

export const useEcosystems = () => useQuery({ queryKey: economyKeys.ecosystems, queryFn: () => api.get<Ecosystem[]>('/api/economy/ecosystems') });

/** Units of the indicators as entered and shown. */
export const UNIT_OF: Record<IndicatorKey, 'wan' | 'persons' | 'tce' | 'mu'> = {
  revenue: 'wan', output: 'wan', valueAdded: 'wan', tax: 'wan', profit: 'wan', rd: 'wan', employees: 'persons', energy: 'tce', land: 'mu',
};

export const fmtNumber = (n: number | null | undefined, digits = 2) =>
  n === null || n === undefined ? '—' : n.toLocaleString('zh-CN', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
export const fmtPercent = (n: number | null | undefined) => (n === null || n === undefined ? '—' : `${n > 0 ? '+' : ''}${n.toFixed(1)}%`);
export const fmtPoints = (n: number | null | undefined) => (n === null || n === undefined ? '—' : `${n > 0 ? '+' : ''}${n.toFixed(2)}`);
/** 万元 → 亿元 for the big numbers. */
export const wanToYi = (wan: number | null) => (wan === null ? null : wan / 10_000);
