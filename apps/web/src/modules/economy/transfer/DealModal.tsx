import { useState } from 'react';
import { App, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../../api/client';
import { useMe } from '../../../auth/session';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { EnterpriseSelect } from '../../../ui/selects/EnterpriseSelect';
import { IndustrySelect } from '../../../ui/selects/IndustrySelect';
import { StreetSelect } from '../../../ui/selects/StreetSelect';
import { transferKeys, type Deal, type Match, type ResultView } from './api';

export type DealAction =
  | { kind: 'contact'; match: Match }
  | { kind: 'prospect' }
  | { kind: 'event'; deal: Deal }
  | { kind: 'land'; deal: Deal }
  | { kind: 'fail'; deal: Deal };

type Where = 'same' | 'linked' | 'new';

/** Record a first contact, a further contact or negotiation, the landing or the failure of a deal. */
export function DealModal({ resultId, result, action, onClose }: { resultId: string; result: ResultView; action: DealAction; onClose: () => void }) {
  const { t } = useTranslation('economy');
  const { message } = App.useApp();
  const { data: me } = useMe();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const deal = 'deal' in action ? action.deal : null;
  const [where, setWhere] = useState<Where>(deal?.enterpriseId ? 'same' : 'new');
  const base = `/api/economy/transfer/results/${resultId}/deals`;
  const day = (d: Dayjs) => d.format('YYYY-MM-DD');
  const save = useMutation({
    mutationFn: (v: Record<string, any>) => { // eslint-disable-line @typescript-eslint/no-explicit-any
      switch (action.kind) {
        case 'contact': return api.post(base, { enterpriseId: action.match.enterpriseId, happenedOn: day(v.happenedOn), note: v.note });
        case 'prospect': return api.post(base, { prospectName: v.prospectName, happenedOn: day(v.happenedOn), note: v.note });
        case 'event': return api.post(`${base}/${action.deal.id}/events`, { kind: v.kind, happenedOn: day(v.happenedOn), note: v.note, version: action.deal.version });
        case 'fail': return api.post(`${base}/${action.deal.id}/fail`, { happenedOn: day(v.happenedOn), note: v.note, version: action.deal.version });
        case 'land': return api.post(`${base}/${action.deal.id}/land`, {
          version: action.deal.version, landedOn: day(v.happenedOn), mode: v.mode, valueWan: v.valueWan ?? null, note: v.note ?? '',
          ...(where === 'linked' ? { landedEnterpriseId: v.landedEnterpriseId } : {}),
          ...(where === 'new' ? { newEnterprise: { creditCode: v.creditCode, name: v.name, industryCode: v.industryCode, divisionCode: v.divisionCode } } : {}),
        });
      }
    },
    onSuccess: async () => { message.success(t('transfer.recorded')); await qc.invalidateQueries({ queryKey: transferKeys.all }); onClose(); },
  });
  const title = action.kind === 'contact' ? `${t('transfer.recordContact')}：${action.match.name}`
    : action.kind === 'prospect' ? t('transfer.contactProspect')
      : `${t(`transfer.${action.kind === 'event' ? 'recordEvent' : action.kind}`)}：${action.deal.enterpriseName}`;
  const canCreate = !!me?.permissions.includes('enterprise.create');
  return (
    <Modal open width={640} title={title} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending} okButtonProps={{ 'data-testid': 'transfer-deal-save' } as never}>
      {save.error ? <ErrorAlert error={save.error} showFields /> : null}
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}
        initialValues={{ happenedOn: dayjs(), kind: 'negotiation', mode: result.modes[0] }}>
        {action.kind === 'contact' ? <Typography.Paragraph type="secondary">{t('transfer.contactHelp', { score: action.match.score })}</Typography.Paragraph> : null}
        {action.kind === 'prospect' ? <Form.Item name="prospectName" label={t('transfer.prospectName')} extra={t('transfer.prospectHelp')} rules={[{ required: true, min: 2 }]}><Input maxLength={100} /></Form.Item> : null}
        {action.kind === 'event' ? (
          <Form.Item name="kind" label={t('transfer.eventKind')}>
            <Radio.Group options={[{ value: 'contact', label: t('transfer.eventKinds.contact') }, { value: 'negotiation', label: t('transfer.eventKinds.negotiation') }]} />
          </Form.Item>
        ) : null}
        <Form.Item name="happenedOn" label={action.kind === 'land' ? t('transfer.landedOn') : t('transfer.happenedOn')} rules={[{ required: true }]}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid="transfer-deal-date" />
        </Form.Item>
        {action.kind === 'land' ? (
          <>
            <Form.Item name="mode" label={t('transfer.mode')} rules={[{ required: true }]}>
              <Select options={result.modes.map((m) => ({ value: m, label: t(`transfer.modeNames.${m}`) }))} data-testid="transfer-land-mode" />
            </Form.Item>
            <Form.Item name="valueWan" label={t('transfer.value')}><InputNumber min={0} precision={2} addonAfter={t('unit.wan')} data-testid="transfer-land-value" /></Form.Item>
            <Form.Item label={t('transfer.landedIn')}>
              <Radio.Group value={where} onChange={(e) => setWhere(e.target.value)} data-testid="transfer-land-where" options={[
                ...(action.deal.enterpriseId ? [{ value: 'same', label: t('transfer.whereSame') }] : []),
                { value: 'linked', label: t('transfer.whereLinked') },
                { value: 'new', label: t('transfer.whereNew'), disabled: !canCreate },
              ]} />
            </Form.Item>
            {where === 'linked' ? <Form.Item name="landedEnterpriseId" label={t('transfer.enterprise')} rules={[{ required: true }]}><EnterpriseSelect /></Form.Item> : null}
            {where === 'new' ? (
              <>
                <Form.Item name="name" label={t('transfer.newName')} rules={[{ required: true, min: 2 }]}><Input maxLength={100} data-testid="transfer-new-name" /></Form.Item>
                <Form.Item name="creditCode" label={t('transfer.newCreditCode')} rules={[{ required: true, len: 18 }]}><Input maxLength={18} data-testid="transfer-new-code" /></Form.Item>
                <Form.Item name="industryCode" label={t('transfer.industry')} rules={[{ required: true }]}><IndustrySelect /></Form.Item>
                <Form.Item name="divisionCode" label={t('transfer.street')} rules={[{ required: true }]}><StreetSelect testId="transfer-new-street" /></Form.Item>
              </>
            ) : null}
          </>
        ) : null}
        <Form.Item name="note" label={action.kind === 'fail' ? t('transfer.failReason') : t('transfer.note')} rules={action.kind === 'land' ? [] : [{ required: true }]}>
          <Input.TextArea rows={3} maxLength={2000} data-testid="transfer-deal-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
