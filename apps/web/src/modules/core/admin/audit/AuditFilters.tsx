import { useEffect, useState } from 'react';
import { AutoComplete, Button, DatePicker, Flex, Input } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { TableQuery } from '../../../../ui/useTableQuery';

const ENTITY_TYPES = ['enterprise', 'contact', 'park', 'user', 'role', 'department', 'import_batch', 'audit_log', 'system'];
const ACTIONS = [
  'user.login',
  'user.login_failed',
  'user.auto_lock',
  'user.change_password',
  'enterprise.create',
  'enterprise.update',
  'enterprise.import',
  'enterprise.export',
  'contact.create',
  'contact.update',
  'contact.delete',
  'contact.reveal',
  'park.create',
  'park.update',
  'import.commit',
  'user.create',
  'user.update',
  'user.lock',
  'user.unlock',
  'user.reset_password',
  'role.create',
  'role.update',
  'role.delete',
  'department.create',
  'department.update',
  'department.delete',
  'audit.export',
];

/** Text filters apply on Enter or blur (not on every key), the dates at once. */
function TextFilter({ value, onApply, placeholder, options, testId }: { value?: string; onApply: (v?: string) => void; placeholder: string; options?: string[]; testId: string }) {
  const [text, setText] = useState(value ?? '');
  useEffect(() => setText(value ?? ''), [value]);
  const apply = (v: string) => v.trim() !== (value ?? '') && onApply(v.trim() || undefined);
  const props = {
    value: text,
    placeholder,
    allowClear: true,
    style: { width: 170 },
    'data-testid': testId,
  };
  if (options) {
    return (
      <AutoComplete
        {...props}
        options={options.filter((o) => o.includes(text)).map((o) => ({ value: o }))}
        onChange={(v: string) => {
          setText(v ?? '');
          if (!v) onApply(undefined);
        }}
        onSelect={(v: string) => onApply(v)}
        onBlur={() => apply(text)}
        onKeyDown={(e) => e.key === 'Enter' && apply(text)}
        popupMatchSelectWidth={false}
      />
    );
  }
  return (
    <Input
      {...props}
      onChange={(e) => {
        setText(e.target.value);
        if (!e.target.value) onApply(undefined);
      }}
      onBlur={() => apply(text)}
      onPressEnter={() => apply(text)}
    />
  );
}

export function AuditFilters({ tq }: { tq: TableQuery }) {
  const { t } = useTranslation('core');
  const f = tq.filters;
  return (
    <Flex wrap gap={8} className="zz-filters" align="center">
      <TextFilter value={f.actor} onApply={(v) => tq.setFilters({ actor: v })} placeholder={t('audit.filterActor')} testId="audit-actor" />
      <TextFilter value={f.action} onApply={(v) => tq.setFilters({ action: v })} placeholder={t('audit.action')} options={ACTIONS} testId="audit-action" />
      <TextFilter
        value={f.entityType}
        onApply={(v) => tq.setFilters({ entityType: v })}
        placeholder={t('audit.filterEntityType')}
        options={ENTITY_TYPES}
        testId="audit-entity-type"
      />
      <TextFilter value={f.entityId} onApply={(v) => tq.setFilters({ entityId: v })} placeholder={t('audit.filterEntityId')} testId="audit-entity-id" />
      <DatePicker.RangePicker
        value={[f.from ? dayjs(f.from) : null, f.to ? dayjs(f.to) : null]}
        onChange={(r) => tq.setFilters({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
        allowEmpty={[true, true]}
        data-testid="audit-range"
      />
      {tq.filtered ? (
        <Button type="link" onClick={() => tq.reset()}>
          {t('common:action.reset')}
        </Button>
      ) : null}
    </Flex>
  );
}
