import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCounty } from '../reference';

export interface StreetSelectProps {
  value?: string | null;
  onChange?: (value: string | undefined) => void;
  placeholder?: string;
  disabled?: boolean;
  allowClear?: boolean;
  style?: React.CSSProperties;
  id?: string;
  testId?: string;
  initialLabel?: string | null;
}

/** 街道/乡镇 of the county the platform serves (/api/reference/county). */
export function StreetSelect({ value, onChange, placeholder, disabled, allowClear = true, style, id, testId, initialLabel }: StreetSelectProps) {
  const { t } = useTranslation();
  const county = useCounty();
  const options = (county.data?.streets ?? []).map((s) => ({ value: s.code, label: s.name }));
  if (value && !options.some((o) => o.value === value)) options.unshift({ value, label: initialLabel ?? value });
  return (
    <Select
      id={id}
      data-testid={testId}
      style={style}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? undefined)}
      options={options}
      loading={county.isLoading}
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={placeholder ?? t('select.street')}
      allowClear={allowClear}
      disabled={disabled}
      popupMatchSelectWidth={false}
    />
  );
}
