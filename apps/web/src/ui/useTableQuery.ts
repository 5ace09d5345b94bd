import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

export type SortOrder = 'asc' | 'desc';

export interface TableQueryOptions {
  /** Namespaces the URL keys ("e.page") when a page shows more than one server table. */
  prefix?: string;
  /** The filter keys this table owns; the URL keeps only these (and paging/sorting). */
  filterKeys: readonly string[];
  defaultPageSize?: number;
  defaultSort?: { sort: string; order: SortOrder };
}

export interface TableQuery {
  filters: Record<string, string | undefined>;
  page: number;
  pageSize: number;
  sort: string | undefined;
  order: SortOrder | undefined;
  /** true when any filter is set (for "no match" vs "no data" empty states). */
  filtered: boolean;
  /** What to send to the API: filters + page + pageSize + sort + order. */
  apiQuery: Record<string, string | number | undefined>;
  /** Filters only (exports want the same filters without paging). */
  filterQuery: Record<string, string | undefined>;
  setFilters: (patch: Record<string, string | number | boolean | null | undefined>) => void;
  setPaging: (page: number, pageSize: number) => void;
  setSort: (sort: string | undefined, order: SortOrder | undefined) => void;
  reset: () => void;
}

/**
 * Paging, sorting and filters of a server-side table, kept in the URL so that a link, a reload
 * or the back button brings the officer to exactly the same list.
 */
export function useTableQuery(opts: TableQueryOptions): TableQuery {
  const { prefix, filterKeys, defaultPageSize = 20, defaultSort } = opts;
  const [sp, setSp] = useSearchParams();
  const k = useCallback((key: string) => (prefix ? `${prefix}.${key}` : key), [prefix]);
  const keysSig = filterKeys.join(',');

  const state = useMemo(() => {
    const filters: Record<string, string | undefined> = {};
    for (const key of keysSig.split(',').filter(Boolean)) {
      const v = sp.get(k(key));
      if (v !== null && v !== '') filters[key] = v;
    }
    const page = Math.max(1, Number.parseInt(sp.get(k('page')) ?? '', 10) || 1);
    const sizeRaw = Number.parseInt(sp.get(k('pageSize')) ?? '', 10);
    const pageSize = sizeRaw > 0 && sizeRaw <= 100 ? sizeRaw : defaultPageSize;
    const sortRaw = sp.get(k('sort'));
    const orderRaw = sp.get(k('order'));
    const sort = sortRaw ?? defaultSort?.sort;
    const order: SortOrder | undefined =
      orderRaw === 'asc' || orderRaw === 'desc' ? orderRaw : sortRaw ? 'asc' : defaultSort?.order;
    return { filters, page, pageSize, sort, order };
  }, [sp, k, keysSig, defaultPageSize, defaultSort?.sort, defaultSort?.order]);

  const update = useCallback(
    (patch: Record<string, string | undefined>) => {
      setSp(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [key, v] of Object.entries(patch)) {
            if (v === undefined || v === '') next.delete(k(key));
            else next.set(k(key), v);
          }
          return next;
        },
        { replace: true },
      );
    },
    [setSp, k],
  );

  const setFilters = useCallback(
    (patch: Record<string, string | number | boolean | null | undefined>) => {
      const p: Record<string, string | undefined> = { page: undefined };
      for (const [key, v] of Object.entries(patch)) p[key] = v === null || v === undefined ? undefined : String(v);
      update(p);
    },
    [update],
  );
  const setPaging = useCallback(
    (page: number, pageSize: number) =>
      update({ page: page > 1 ? String(page) : undefined, pageSize: pageSize !== defaultPageSize ? String(pageSize) : undefined }),
    [update, defaultPageSize],
  );
  const setSort = useCallback(
    (sort: string | undefined, order: SortOrder | undefined) =>
      update({ sort: sort ?? '', order: sort ? order : undefined, page: undefined }),
    [update],
  );
  const reset = useCallback(() => {
    const p: Record<string, undefined> = { page: undefined, sort: undefined, order: undefined };
    for (const key of keysSig.split(',').filter(Boolean)) p[key] = undefined;
    update(p);
  }, [update, keysSig]);

  return useMemo(
    () => ({
      ...state,
      filtered: Object.keys(state.filters).length > 0,
      filterQuery: state.filters,
      apiQuery: { ...state.filters, page: state.page, pageSize: state.pageSize, sort: state.sort, order: state.sort ? state.order : undefined },
      setFilters,
      setPaging,
      setSort,
      reset,
    }),
    [state, setFilters, setPaging, setSort, reset],
  );
}
