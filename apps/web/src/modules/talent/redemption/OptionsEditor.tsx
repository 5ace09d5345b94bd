import { useEffect, useState } from 'react';
import { App, Button, Flex, Input, InputNumber, Table, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { redeemKeys, setOptions, type RoundDetail } from './api';

type Row = { key: string; id?: string; name: string; capacity: number };

/**
 * 发布名额 (the resource owner, or the office): the options and their places. In a draft, options
 * can be added and removed; once open only names and places change (the server refuses the rest).
 */
export function OptionsEditor({ round }: { round: RoundDetail }) {
  const { t } = useTranslation('talent');
  const { message } = App.useApp();
  const qc = useQueryClient();
  const draft = round.status === 'draft';
  const fromRound = () => round.options.map((o) => ({ key: o.id, id: o.id, name: o.name, capacity: o.capacity }));
  const [rows, setRows] = useState<Row[]>(fromRound);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => setRows(fromRound()), [round.options]);
  const patch = (key: string, p: Partial<Row>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...p } : r)));
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const saved = await setOptions(round.id, rows.map((r) => ({ id: r.id, name: r.name.trim(), capacity: r.capacity })));
      qc.setQueryData(redeemKeys.round(round.id), saved);
      await qc.invalidateQueries({ queryKey: redeemKeys.rounds, exact: true });
      message.success(t('redeem.rounds.optionsSaved'));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Flex vertical gap={8}>
      <Typography.Text type="secondary">{t('redeem.rounds.optionsHint')}</Typography.Text>
      <Table<Row>
        size="small" rowKey="key" pagination={false} dataSource={rows} data-testid="options-editor"
        locale={{ emptyText: t('redeem.rounds.noOptions') }}
        columns={[
          { title: '#', width: 40, render: (_, __, i) => i + 1 },
          {
            title: t('redeem.rounds.optionName'),
            render: (_, r, i) => <Input value={r.name} maxLength={100} onChange={(e) => patch(r.key, { name: e.target.value })} data-testid={`option-name-${i}`} />,
          },
          {
            title: t('redeem.field.capacity'), width: 140,
            render: (_, r, i) => <InputNumber min={0} max={100000} precision={0} value={r.capacity} onChange={(v) => patch(r.key, { capacity: typeof v === 'number' ? v : 0 })} data-testid={`option-capacity-${i}`} />,
          },
          ...(draft ? [{
            title: '', width: 80,
            render: (_: unknown, r: Row) => <Typography.Link type="danger" onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}>{t('redeem.rounds.remove')}</Typography.Link>,
          }] : []),
        ]}
      />
      <Flex gap={8}>
        {draft ? (
          <Button onClick={() => setRows((rs) => [...rs, { key: `new-${Date.now()}-${rs.length}`, name: '', capacity: 1 }])} data-testid="option-add">{t('redeem.rounds.addOption')}</Button>
        ) : null}
        <Button type="primary" loading={busy} disabled={!rows.length || rows.some((r) => !r.name.trim())} onClick={() => void save()} data-testid="options-save">
          {t('redeem.rounds.saveOptions')}
        </Button>
      </Flex>
      {error ? <ErrorAlert error={error} showFields /> : null}
    </Flex>
  );
}
