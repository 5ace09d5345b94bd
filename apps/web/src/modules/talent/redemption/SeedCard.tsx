import { Card, Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** The lottery seed's commitment (published at the opening) and the seed (published with the result), with how to check them. */
export function SeedCard({ seed, commitment }: { seed: string | null; commitment: string | null }) {
  const { t } = useTranslation('talent');
  return (
    <Card size="small" title={t('redeem.rounds.seed')} data-testid="seed-card">
      <Descriptions size="small" column={1}
        items={[
          { key: 'c', label: t('redeem.rounds.seedCommitment'), children: commitment ? <Typography.Text code copyable data-testid="seed-commitment">{commitment}</Typography.Text> : '—' },
          { key: 's', label: t('redeem.rounds.seed'), children: seed ? <Typography.Text code copyable data-testid="seed-value">{seed}</Typography.Text> : <Typography.Text type="secondary">{t('redeem.rounds.seedHidden')}</Typography.Text> },
        ]} />
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>{t('redeem.rounds.seedHint')}</Typography.Paragraph>
    </Card>
  );
}
