import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParks } from '../reference';

export interface ParkSelectProps {
  value?: string | null;
  onChange?: (value: string | null) => void;
  placeholder?: string;
  disabled?: boolean;
  allowClear?: boolean;
  style?: React.CSSProperties;
  id?: string;
  testId?: string;
  /** Name of the current park, shown when the list cannot be loaded (no park.read). */
  initialLabel?: string | null;
  /** Load the list of parks (off when the user may not read parks). */
  enabled?: boolean;
}

/** The county's parks (园区) from /api/parks; clearing means "not in a park". */
export function ParkSelect({ value, onChange, placeholder, disabled, allowClear = true, style, id, testId, initialLabel, enabled = true }: ParkSelectProps) {
  const { t } = useTranslation();
  const parks = useParks(enabled && !disabled);
  const options = (parks.data ?? []).map((p) => ({ value: p.id, label: p.name }));
  if (value && !options.some((o) => o.value === value)) options.unshift({ value, label: initialLabel ?? value });
  return (
    <Select
      id={id}
      data-testid={testId}
      style={style}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      options={options}
      loading={parks.isLoading}
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={placeholder ?? t('select.park')}
      allowClear={allowClear}
      disabled={disabled}
      popupMatchSelectWidth={false}
    />
  );
}
