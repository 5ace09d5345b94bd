import type { Grouping, GrowthSums, MonthSums } from './growth.repo';
import type { SumsRow } from './period-sums.store';

/**
 * Adds up stored period sums (period-sums.store.ts) into the shapes growth.repo.ts computes live:
 * the same sums, because every one of them is additive over disjoint sets of enterprises and each
 * stored row is one street × park × industry code. An ecosystem takes the rows whose industry code
 * starts with one of its prefixes (each row once, as the live query's EXISTS).
 */
export type SumsIndicator = 'revenue' | 'tax' | 'employees';
export interface EcosystemPrefixes { id: string; prefixes: readonly string[] }

const COLS = {
  revenue: { size: 'as_size', reported: 'rev_reported', compared: 'rev_compared', total: 'rev_total', cur: 'rev_cur', base: 'rev_base' },
  tax: { size: 'as_size', reported: 'tax_reported', compared: 'tax_compared', total: 'tax_total', cur: 'tax_cur', base: 'tax_base' },
  employees: { size: 'emp_reported', reported: 'emp_reported', compared: 'emp_compared', total: 'emp_total', cur: 'emp_cur', base: 'emp_base' },
} as const;

function keysOf(r: SumsRow, groupBy: Grouping, ecosystems: readonly EcosystemPrefixes[]): string[] {
  switch (groupBy) {
    case 'none': return [''];
    case 'street': return [r.division_code];
    case 'park': return [r.park_key];
    case 'industry': return [r.industry_code.slice(0, 2)];
    case 'ecosystem': return ecosystems.filter((e) => e.prefixes.some((p) => r.industry_code.startsWith(p))).map((e) => e.id);
  }
}

/** GrowthSums per group (sorted by key, as the live query), over the rows of one period. */
export function growthFromRows(rows: readonly SumsRow[], indicator: SumsIndicator, groupBy: Grouping, ecosystems: readonly EcosystemPrefixes[] = []): GrowthSums[] {
  const c = COLS[indicator];
  const out = new Map<string, GrowthSums>();
  for (const r of rows) {
    const size = Number(r[c.size]);
    if (size === 0) continue; // no enterprise of this cohort in the row
    for (const key of keysOf(r, groupBy, ecosystems)) {
      const g = out.get(key) ?? { key, cohortSize: 0, reported: 0, compared: 0, total: 0, comparableCurrent: 0, comparableBase: 0 };
      g.cohortSize += size;
      g.reported += Number(r[c.reported]);
      g.compared += Number(r[c.compared]);
      g.total += Number(r[c.total]);
      g.comparableCurrent += Number(r[c.cur]);
      g.comparableBase += Number(r[c.base]);
      out.set(key, g);
    }
  }
  return [...out.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** Above-scale revenue and tax per month (the months where a cohort enterprise has a row), as monthlyAboveScale. */
export function monthsFromRows(rows: readonly SumsRow[]): MonthSums[] {
  const out = new Map<string, MonthSums & { withRow: number }>();
  for (const r of rows) {
    const key = `${r.year}|${r.period}`;
    const m = out.get(key) ?? { year: Number(r.year), part: r.period, withRow: 0, revenue: { total: 0, cur: 0, base: 0 }, tax: { total: 0, cur: 0, base: 0 } };
    m.withRow += Number(r.as_with_row);
    m.revenue.total += Number(r.rev_total); m.revenue.cur += Number(r.rev_cur); m.revenue.base += Number(r.rev_base);
    m.tax.total += Number(r.tax_total); m.tax.cur += Number(r.tax_cur); m.tax.base += Number(r.tax_base);
    out.set(key, m);
  }
  return [...out.values()].filter((m) => m.withRow > 0)
    .sort((a, b) => a.year - b.year || (a.part < b.part ? -1 : 1))
    .map(({ withRow: _, ...m }) => m);
}
