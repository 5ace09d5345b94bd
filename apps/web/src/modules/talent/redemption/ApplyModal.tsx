import { useState } from 'react';
import { App, Button, Flex, List, Modal, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { applyTo, changePreferences, redeemKeys, type RoundDetail } from './api';

/**
 * 填报志愿: the talent picks options and orders them (up / down); submits a new application, or
 * saves the new order of an existing one while the round is open. The server's refusal (not
 * eligible, closed, already applied…) is shown as it says it.
 */
export function ApplyModal({ round, initial, onClose }: { round: RoundDetail; initial: string[] | null; onClose: () => void }) {
  const { t } = useTranslation('talent');
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [chosen, setChosen] = useState<string[]>(initial ?? []);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const byId = new Map(round.options.map((o) => [o.id, o]));
  const move = (i: number, d: -1 | 1) => setChosen((c) => {
    const n = [...c];
    const j = i + d;
    if (j < 0 || j >= n.length) return c;
    [n[i], n[j]] = [n[j]!, n[i]!];
    return n;
  });
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      if (initial) await changePreferences(round.id, chosen);
      else await applyTo(round.id, chosen);
      message.success(t(initial ? 'redeem.apply.changed' : 'redeem.apply.done'));
      await qc.invalidateQueries({ queryKey: ['talent', 'redemption', 'my'] });
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const available = round.options.filter((o) => !chosen.includes(o.id));
  return (
    <Modal open width={640} title={t(initial ? 'redeem.apply.changeTitle' : 'redeem.apply.title', { round: round.name })} onCancel={onClose}
      footer={[
        <Button key="c" onClick={onClose}>{t('action.cancel')}</Button>,
        <Button key="ok" type="primary" loading={busy} disabled={!chosen.length} onClick={() => void submit()} data-testid="apply-submit">
          {t(initial ? 'redeem.apply.save' : 'redeem.apply.submit')}
        </Button>,
      ]} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('redeem.apply.hint')}</Typography.Paragraph>
      <Flex gap={16} wrap>
        <div style={{ flex: '1 1 260px' }}>
          <Typography.Text strong>{t('redeem.apply.chosen')}</Typography.Text>
          <List size="small" bordered dataSource={chosen} data-testid="apply-chosen" locale={{ emptyText: t('redeem.apply.none') }}
            renderItem={(id, i) => (
              <List.Item data-testid="apply-chosen-item"
                actions={[
                  <Typography.Link key="u" disabled={i === 0} onClick={() => move(i, -1)} data-testid={`apply-up-${i}`}>{t('redeem.apply.up')}</Typography.Link>,
                  <Typography.Link key="d" disabled={i === chosen.length - 1} onClick={() => move(i, 1)} data-testid={`apply-down-${i}`}>{t('redeem.apply.down')}</Typography.Link>,
                  <Typography.Link key="r" type="danger" onClick={() => setChosen((c) => c.filter((x) => x !== id))}>{t('redeem.apply.remove')}</Typography.Link>,
                ]}>
                {i + 1}. {byId.get(id)?.name ?? id}
              </List.Item>
            )} />
        </div>
        <div style={{ flex: '1 1 220px' }}>
          <Typography.Text strong>{t('redeem.apply.available')}</Typography.Text>
          <List size="small" bordered dataSource={available} data-testid="apply-available"
            renderItem={(o) => (
              <List.Item actions={[<Typography.Link key="a" onClick={() => setChosen((c) => [...c, o.id])} data-testid="apply-add">{t('redeem.apply.add')}</Typography.Link>]}>
                <Flex vertical><span>{o.name}</span><Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('redeem.apply.capacity', { n: o.capacity })}</Typography.Text></Flex>
              </List.Item>
            )} />
        </div>
      </Flex>
      {error ? <ErrorAlert error={error} showFields style={{ marginTop: 12 }} /> : null}
    </Modal>
  );
}
