import { App, DatePicker, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../../api/client';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { FIELDS, MODES, transferKeys, useLabs, type Patent } from './api';

interface Draft {
  labId: string; title: string; summary: string; field: string; maturity: number; modes: string[];
  priceMinWan: number | null; priceMaxWan: number | null; industryPrefixes: string[]; keywords: string[]; offeredOn: Dayjs; patentsText: string;
}

/** 专利 one a line: "ZL202110234567.1 一种…方法" (number, then title); the kind is read from the number. */
function parsePatents(text: string): Patent[] {
  return text.split('\n').map((l) => l.trim()).filter(Boolean).map((l) => {
    const [number = '', ...rest] = l.split(/\s+/);
    const kind: Patent['kind'] = /SR/i.test(number) ? 'software' : /^ZL\d{4}2/i.test(number) ? 'utility' : /^ZL\d{4}3/i.test(number) ? 'design' : 'invention';
    return { number, title: rest.join(' ') || number, kind };
  });
}

/** Enter a research result offered for transfer. */
export function ResultFormModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('economy');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const labs = useLabs();
  const [form] = Form.useForm<Draft>();
  const save = useMutation({
    mutationFn: ({ patentsText, offeredOn, ...v }: Draft) =>
      api.post<{ id: string }>('/api/economy/transfer/results', { ...v, offeredOn: offeredOn.format('YYYY-MM-DD'), patents: parsePatents(patentsText ?? ''), priceMinWan: v.priceMinWan ?? null, priceMaxWan: v.priceMaxWan ?? null }),
    onSuccess: async (r) => { message.success(t('transfer.saved')); await qc.invalidateQueries({ queryKey: transferKeys.all }); onClose(); navigate(`/economy/transfer/${r.id}`); },
  });
  return (
    <Modal open width={720} title={t('transfer.add')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending} okButtonProps={{ 'data-testid': 'transfer-save' } as never}>
      {save.error ? <ErrorAlert error={save.error} showFields /> : null}
      <Form form={form} layout="vertical" initialValues={{ maturity: 5, modes: ['licence'], offeredOn: dayjs(), industryPrefixes: [], keywords: [], summary: '', patentsText: '' }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="labId" label={t('transfer.lab')} rules={[{ required: true }]}><Select options={(labs.data ?? []).map((l) => ({ value: l.id, label: l.name }))} /></Form.Item>
        <Form.Item name="title" label={t('transfer.title')} rules={[{ required: true, min: 2 }]}><Input maxLength={200} /></Form.Item>
        <Form.Item name="summary" label={t('transfer.summary')}><Input.TextArea rows={2} maxLength={4000} /></Form.Item>
        <Space wrap size={16}>
          <Form.Item name="field" label={t('transfer.field')} rules={[{ required: true }]}><Select style={{ width: 180 }} options={FIELDS.map((f) => ({ value: f, label: t(`transfer.fields.${f}`) }))} /></Form.Item>
          <Form.Item name="maturity" label={t('transfer.maturity')} extra={t('transfer.maturityHelp')} rules={[{ required: true }]}><InputNumber min={1} max={9} addonBefore="TRL" /></Form.Item>
          <Form.Item name="offeredOn" label={t('transfer.offeredOn')} rules={[{ required: true }]}><DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} /></Form.Item>
        </Space>
        <Form.Item name="modes" label={t('transfer.modes')} rules={[{ required: true }]}><Select mode="multiple" options={MODES.map((m) => ({ value: m, label: t(`transfer.modeNames.${m}`) }))} /></Form.Item>
        <Space wrap size={16}>
          <Form.Item name="priceMinWan" label={t('transfer.priceMin')}><InputNumber min={0} precision={2} addonAfter={t('unit.wan')} /></Form.Item>
          <Form.Item name="priceMaxWan" label={t('transfer.priceMax')}><InputNumber min={0} precision={2} addonAfter={t('unit.wan')} /></Form.Item>
        </Space>
        <Form.Item name="industryPrefixes" label={t('transfer.industries')} extra={t('ecosystems.prefixesHelp')}><Select mode="tags" tokenSeparators={[',', '，', ' ']} open={false} /></Form.Item>
        <Form.Item name="keywords" label={t('transfer.keywords')} extra={t('transfer.keywordsHelp')}><Select mode="tags" tokenSeparators={[',', '，', ' ']} open={false} /></Form.Item>
        <Form.Item name="patentsText" label={t('transfer.patents')} extra={t('transfer.patentsHelp')}><Input.TextArea rows={3} /></Form.Item>
      </Form>
    </Modal>
  );
}
