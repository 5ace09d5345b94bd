/**
 * The period a report covers (requests submitted in [from, to], local Asia/Shanghai dates). Without
 * dates or a period the report is about this month; presets are resolved against the request's
 * clock so the page and the export agree on the days. Pure.
 */
export const METRIC_PERIODS = ['this_month', 'last_month', 'this_quarter', 'this_year', 'all', 'custom'] as const;
export type MetricPeriod = (typeof METRIC_PERIODS)[number];

export interface MetricWindow {
  period: MetricPeriod;
  from: string | null;
  to: string | null;
}

const TZ_MS = 8 * 3_600_000; // Asia/Shanghai, no summer time
const iso = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, d)).toISOString().slice(0, 10);

export function metricWindow(q: { period?: MetricPeriod; from?: string; to?: string }, now: Date): MetricWindow {
  const period: MetricPeriod = q.period ?? (q.from || q.to ? 'custom' : 'this_month');
  const local = new Date(now.getTime() + TZ_MS);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth();
  const today = iso(y, m, local.getUTCDate());
  switch (period) {
    case 'this_month': return { period, from: iso(y, m, 1), to: today };
    case 'last_month': return { period, from: iso(y, m - 1, 1), to: iso(y, m, 0) };
    case 'this_quarter': return { period, from: iso(y, m - (m % 3), 1), to: today };
    case 'this_year': return { period, from: iso(y, 0, 1), to: today };
    case 'all': return { period, from: null, to: null };
    case 'custom': return { period, from: q.from ?? null, to: q.to ?? null };
  }
}
