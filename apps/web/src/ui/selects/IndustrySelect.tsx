import { useEffect, useMemo, useState } from 'react';
import { TreeSelect } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { RefNode } from '../../api/types';
import { fetchIndustries, refKeys, searchIndustries } from '../reference';

export interface IndustrySelectProps {
  value?: string | null;
  onChange?: (value: string | undefined) => void;
  /** The name of the current value when known (saves a request and shows it before the tree). */
  initialLabel?: string | null;
  placeholder?: string;
  disabled?: boolean;
  allowClear?: boolean;
  /** Only 小类 (level 4) can be chosen: an enterprise has one exact industry; filters take any level. */
  leafOnly?: boolean;
  style?: React.CSSProperties;
  id?: string;
  testId?: string;
}

const LEAF_LEVEL = 4;

/**
 * GB/T 4754 industry picker: the tree opens at 门类 and loads each level on demand
 * (/api/reference/industries?parent=), typing searches names and codes on the server.
 */
export function IndustrySelect({
  value,
  onChange,
  initialLabel,
  placeholder,
  disabled,
  allowClear = true,
  leafOnly = false,
  style,
  id,
  testId,
}: IndustrySelectProps) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [loaded, setLoaded] = useState<RefNode[]>([]);
  const [search, setSearch] = useState('');
  const [debounced, setDebounced] = useState('');

  const roots = useQuery({ queryKey: refKeys.industries(''), queryFn: () => fetchIndustries(''), staleTime: Infinity });
  const found = useQuery({
    queryKey: refKeys.industrySearch(debounced),
    queryFn: () => searchIndustries(debounced),
    enabled: debounced.length > 0,
    staleTime: Infinity,
  });
  const known = useMemo(() => new Map([...(roots.data ?? []), ...loaded].map((n) => [n.code, n])), [roots.data, loaded]);
  // A value from the URL or the record whose name we do not know yet: ask for it once.
  const label = useQuery({
    queryKey: refKeys.industrySearch(value ?? ''),
    queryFn: () => searchIndustries(value ?? ''),
    enabled: !!value && !known.has(value) && !initialLabel,
    staleTime: Infinity,
  });

  useEffect(() => {
    const h = setTimeout(() => setDebounced(search.trim()), 250);
    return () => clearTimeout(h);
  }, [search]);

  const treeData = useMemo(() => {
    const toNode = (n: RefNode, flat: boolean) => ({
      id: n.code,
      pId: flat ? 0 : (n.parentCode ?? 0),
      value: n.code,
      title: `${n.code} ${n.name}`,
      isLeaf: n.level >= LEAF_LEVEL || flat,
      selectable: !leafOnly || n.level >= LEAF_LEVEL,
    });
    const nodes = debounced ? (found.data ?? []).map((n) => toNode(n, true)) : [...known.values()].map((n) => toNode(n, false));
    if (value && !nodes.some((n) => n.value === value)) {
      const hit = known.get(value) ?? label.data?.find((n) => n.code === value);
      nodes.unshift({
        id: value,
        pId: 0,
        value,
        title: hit ? `${hit.code} ${hit.name}` : initialLabel ? `${value} ${initialLabel}` : value,
        isLeaf: true,
        selectable: true,
      });
    }
    return nodes;
  }, [debounced, found.data, known, value, label.data, initialLabel, leafOnly]);

  return (
    <TreeSelect
      id={id}
      data-testid={testId}
      style={style}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? undefined)}
      treeDataSimpleMode
      treeData={treeData}
      loadData={async (node) => {
        const code = String(node.value);
        const children = await qc.fetchQuery({
          queryKey: refKeys.industries(code),
          queryFn: () => fetchIndustries(code),
          staleTime: Infinity,
        });
        setLoaded((prev) => {
          const have = new Set(prev.map((n) => n.code));
          return [...prev, ...children.filter((c) => !have.has(c.code))];
        });
      }}
      showSearch={{ searchValue: search, onSearch: setSearch, filterTreeNode: false, autoClearSearchValue: true }}
      placeholder={placeholder ?? t('select.industrySearch')}
      allowClear={allowClear}
      disabled={disabled}
      loading={roots.isLoading || found.isFetching}
      popupMatchSelectWidth={false}
      listHeight={360}
      notFoundContent={found.isFetching ? t('state.loading') : t('state.empty')}
    />
  );
}
