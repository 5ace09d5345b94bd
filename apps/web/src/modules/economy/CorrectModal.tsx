import { App, Form, Input, InputNumber, Modal, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { INDICATOR_KEYS, UNIT_OF, economyKeys, type FigureRow, type IndicatorKey } from './api';

/** 更正: changed figures with a reason; the previous values stay in the history. */
export function CorrectModal({ enterpriseId, row, onClose }: { enterpriseId: string; row: FigureRow; onClose: () => void }) {
  const { t } = useTranslation('economy');
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const save = useMutation({
    mutationFn: (v: { reason: string } & Partial<Record<IndicatorKey, number | null>>) => {
      const values: Partial<Record<IndicatorKey, number | null>> = {};
      for (const k of INDICATOR_KEYS) if (v[k] !== undefined && v[k] !== row.values[k]) values[k] = v[k] ?? null;
      return api.put(`/api/economy/enterprises/${enterpriseId}/figures/${row.period}/${row.basis}`, { values, reason: v.reason, version: row.version });
    },
    onSuccess: async () => {
      message.success(t('correct.saved'));
      await qc.invalidateQueries({ queryKey: economyKeys.all });
      onClose();
    },
  });
  return (
    <Modal open title={t('correct.title', { period: row.period, basis: t(`basis.${row.basis}`) })} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending} destroyOnHidden data-testid="economy-correct">
      {save.error ? <ErrorAlert error={save.error} showFields /> : null}
      <Typography.Paragraph type="secondary">{t('correct.empty')}</Typography.Paragraph>
      <Form form={form} layout="horizontal" labelCol={{ span: 9 }} initialValues={row.values} onFinish={(v) => save.mutate(v)}>
        {INDICATOR_KEYS.map((k) => (
          <Form.Item key={k} name={k} label={`${t(`indicator.${k}`)}（${t(`unit.${UNIT_OF[k]}`)}）`} style={{ marginBottom: 8 }}>
            <InputNumber style={{ width: '100%' }} min={k === 'profit' || k === 'valueAdded' ? undefined : 0} precision={UNIT_OF[k] === 'persons' ? 0 : undefined} data-testid={`correct-${k}`} />
          </Form.Item>
        ))}
        <Form.Item name="reason" label={t('correct.reason')} extra={t('correct.reasonHelp')} rules={[{ required: true, min: 2, message: t('correct.reasonHelp') }]}>
          <Input.TextArea rows={2} maxLength={500} data-testid="correct-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
