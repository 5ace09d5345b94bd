import { useState } from 'react';
import { App, Button, Flex, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { EyeIcon } from './icons';

export interface MaskedValueProps {
  /** The masked text the list shows, e.g. 138****5678. */
  masked: string;
  /** Calls the reveal endpoint (audited) and returns the full value. */
  reveal: () => Promise<string>;
  /** Without the personal.reveal permission the button is not shown. */
  canReveal: boolean;
  testId?: string;
  copyable?: boolean;
}

/**
 * Personal data stays masked until the officer asks to see it; each "查看" is a request the
 * server writes to the audit log, so the value is fetched on demand and never cached on disk.
 */
export function MaskedValue({ masked, reveal, canReveal, testId, copyable = true }: MaskedValueProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [value, setValue] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  if (!masked) return <Typography.Text type="secondary">—</Typography.Text>;
  if (value !== null) {
    return (
      <Typography.Text copyable={copyable && !!value} data-testid={testId ? `${testId}-value` : undefined}>
        {value || '—'}
      </Typography.Text>
    );
  }
  const onReveal = async () => {
    setLoading(true);
    try {
      setValue(await reveal());
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setLoading(false);
    }
  };
  return (
    <Flex align="center" gap={4} wrap={false}>
      <Typography.Text data-testid={testId ? `${testId}-masked` : undefined} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {masked}
      </Typography.Text>
      {canReveal ? (
        <Tooltip title={t('masked.revealTip')}>
          <Button
            type="link"
            size="small"
            loading={loading}
            icon={<EyeIcon />}
            onClick={() => void onReveal()}
            data-testid={testId ? `${testId}-reveal` : 'reveal'}
            style={{ paddingInline: 4 }}
          >
            {t('masked.reveal')}
          </Button>
        </Tooltip>
      ) : null}
    </Flex>
  );
}
