import { useState } from 'react';
import { App, Form, Input, Modal, Select } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { applyFieldErrors } from '../../../ui/formErrors';
import type { TalentSummary } from '../api';
import { handOver } from './api';

/** The enterprise's current talents matching a name (the list API applies HR's scope). */
function useOwnTalents(q: string) {
  return useQuery({
    queryKey: ['talent', 'list', 'handover-pick', q],
    queryFn: () => api.get<{ items: TalentSummary[] }>('/api/talent/talents', { q: q || undefined, status: 'active', pageSize: 20 }),
  });
}

/** 调剂: one unit of a resource in a period to one current talent of the enterprise, with a note. */
export function HandoverModal({ enterpriseId, resource, onClose }: { enterpriseId: string; resource: { resourceId: string; resourceName: string; period: string }; onClose: () => void }) {
  const { t } = useTranslation('talent');
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ talentId: string; note: string }>();
  const [q, setQ] = useState('');
  const talents = useOwnTalents(q);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      const h = await handOver(enterpriseId, { resourceId: resource.resourceId, period: resource.period, talentId: v.talentId, note: v.note ?? '' });
      message.success(t('redeem.handovers.given', { name: h.talentName }));
      onClose();
    } catch (e) {
      if (!applyFieldErrors(form, e, ['talentId', 'note'])) setError(e);
    } finally {
      setBusy(false);
      await qc.invalidateQueries({ queryKey: ['talent', 'redemption', 'enterprise', enterpriseId] });
    }
  };
  return (
    <Modal open title={t('redeem.handovers.giveTitle', { resource: resource.resourceName, period: resource.period })} onOk={() => void submit()}
      confirmLoading={busy} onCancel={onClose} okButtonProps={{ 'data-testid': 'handover-ok' }} destroyOnHidden>
      <Form form={form} layout="vertical">
        <Form.Item name="talentId" label={t('redeem.field.talent')} rules={[{ required: true }]}>
          <Select showSearch={{ filterOption: false, onSearch: setQ }} placeholder={t('redeem.handovers.talentSearch')} loading={talents.isFetching} data-testid="handover-talent"
            options={(talents.data?.items ?? []).map((x) => ({ value: x.id, label: `${x.name}（${x.idNumber}）` }))} />
        </Form.Item>
        <Form.Item name="note" label={t('redeem.field.note')}>
          <Input.TextArea rows={2} maxLength={500} data-testid="handover-note" />
        </Form.Item>
      </Form>
      {error ? <ErrorAlert error={error} /> : null}
    </Modal>
  );
}
