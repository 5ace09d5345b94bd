import { useEffect, useState } from 'react';
import { Button, Input, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { SearchIcon } from './icons';

export interface SearchBoxProps {
  /** The applied search (usually from the URL). */
  value: string | undefined;
  /** Called on Enter, on the button, and with undefined when cleared. */
  onSearch: (value: string | undefined) => void;
  placeholder?: string;
  width?: number;
  /** `testId` on the <input>, `${testId}-submit` on the button. */
  testId?: string;
}

/** A search input that applies on Enter or the button (not on every key stroke). */
export function SearchBox({ value, onSearch, placeholder, width = 280, testId }: SearchBoxProps) {
  const { t } = useTranslation();
  const [text, setText] = useState(value ?? '');
  useEffect(() => setText(value ?? ''), [value]);
  const apply = () => onSearch(text.trim() || undefined);
  return (
    <Space.Compact style={{ width }}>
      <Input
        allowClear
        value={text}
        placeholder={placeholder}
        prefix={<SearchIcon style={{ color: '#8c8c8c' }} />}
        onChange={(e) => {
          setText(e.target.value);
          if (!e.target.value && value) onSearch(undefined);
        }}
        onPressEnter={apply}
        data-testid={testId}
      />
      <Button type="primary" onClick={apply} data-testid={testId ? `${testId}-submit` : undefined}>
        {t('action.search')}
      </Button>
    </Space.Compact>
  );
}
