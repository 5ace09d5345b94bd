import { useEffect, useState } from 'react';
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { EnterpriseSummary, ListPage } from '../../api/types';

export interface EnterpriseSelectProps {
  value?: string | null;
  onChange?: (value: string | null) => void;
  /** Name of the current enterprise (the list only loads what was typed). */
  initialLabel?: string | null;
  placeholder?: string;
  disabled?: boolean;
  style?: React.CSSProperties;
  id?: string;
  testId?: string;
}

/** Search-as-you-type over /api/enterprises?q= (name or credit code), 20 at a time. */
export function EnterpriseSelect({ value, onChange, initialLabel, placeholder, disabled, style, id, testId }: EnterpriseSelectProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  // The name of what was picked, so the box shows it after the search text is cleared.
  const [picked, setPicked] = useState<{ value: string; label: string } | null>(null);
  useEffect(() => {
    const h = setTimeout(() => setQ(search.trim()), 300);
    return () => clearTimeout(h);
  }, [search]);
  const list = useQuery({
    queryKey: ['enterprises', 'pick', q],
    queryFn: () => api.get<ListPage<EnterpriseSummary>>('/api/enterprises', { q, pageSize: 20, sort: 'name', order: 'asc' }),
    enabled: q.length > 0,
    staleTime: 30_000,
  });
  const options = (list.data?.items ?? []).map((e) => ({
    value: e.id,
    label: e.name,
    desc: e.creditCode,
  }));
  if (value && !options.some((o) => o.value === value)) {
    const label = picked?.value === value ? picked.label : (initialLabel ?? value);
    options.unshift({ value, label, desc: '' });
  }
  return (
    <Select
      id={id}
      data-testid={testId}
      style={style}
      value={value ?? undefined}
      onChange={(v, option) => {
        const o = Array.isArray(option) ? option[0] : option;
        setPicked(v && o ? { value: v, label: String(o.label) } : null);
        onChange?.(v ?? null);
      }}
      options={options}
      optionRender={(o) => (
        <div>
          <div>{o.data.label}</div>
          {o.data.desc ? <div style={{ fontSize: 12, color: '#8c8c8c' }}>{o.data.desc}</div> : null}
        </div>
      )}
      showSearch={{ searchValue: search, onSearch: setSearch, filterOption: false }}
      loading={list.isFetching}
      placeholder={placeholder ?? t('select.enterprise')}
      allowClear
      disabled={disabled}
      notFoundContent={list.isFetching ? t('state.loading') : q ? t('state.empty') : null}
    />
  );
}
