import { useMemo, useState } from 'react';
import { Checkbox, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { applyFieldErrors } from '../../../ui/formErrors';
import { labelOf, useScheme, useSchemes } from '../scoring/api';
import { createRound, redeemKeys, thisYear, updateRound, useResources, type RoundDetail, type RoundInput } from './api';

interface FormValues {
  name: string; resourceId: string; period: string; minPoints: number | null; quotaHolders: boolean; quotaFirst: boolean;
  tieBreakItems: string[]; window: [Dayjs, Dayjs]; noticeDays: number;
}

/** The tie-break choices: the items of the personal scheme in effect (the server checks them too). */
function usePersonalItems() {
  const schemes = useSchemes();
  const current = schemes.data?.items.find((s) => s.kind === 'personal' && s.inEffect);
  const detail = useScheme(current?.id ?? '');
  return useMemo(() => ((detail.data?.document as { items?: { id: string; label: { zh: string; en: string } }[] } | undefined)?.items ?? []), [detail.data]);
}

/** 新建 / 修改兑现轮次: the rules, fixed once the round opens. */
export function RoundFormModal({ round, onClose }: { round: RoundDetail | null; onClose: () => void }) {
  const { t, i18n } = useTranslation('talent');
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [form] = Form.useForm<FormValues>();
  const resources = useResources();
  const items = usePersonalItems();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const initial: Partial<FormValues> = round
    ? {
      name: round.name, resourceId: round.resourceId, period: round.period, minPoints: round.minPoints, quotaHolders: round.quotaHolders,
      quotaFirst: round.quotaFirst, tieBreakItems: round.tieBreakItems.map((x) => x.itemId), window: [dayjs(round.opensAt), dayjs(round.closesAt)], noticeDays: round.noticeDays,
    }
    : { period: thisYear(), minPoints: 80, quotaHolders: true, quotaFirst: true, tieBreakItems: [], noticeDays: 5, window: [dayjs().startOf('minute'), dayjs().add(14, 'day').hour(17).minute(0).second(0)] };

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    const body: RoundInput = {
      name: v.name, resourceId: v.resourceId, period: v.period, minPoints: v.minPoints ?? null, quotaHolders: !!v.quotaHolders, quotaFirst: !!v.quotaFirst,
      tieBreakItems: v.tieBreakItems ?? [], opensAt: v.window[0].toISOString(), closesAt: v.window[1].toISOString(), noticeDays: v.noticeDays,
    };
    try {
      const saved = round ? await updateRound(round.id, body) : await createRound(body);
      qc.setQueryData(redeemKeys.round(saved.id), saved);
      await qc.invalidateQueries({ queryKey: redeemKeys.rounds, exact: true });
      onClose();
      if (!round) navigate(`/talent/redemption/rounds/${saved.id}`);
    } catch (e) {
      const mapped = applyFieldErrors(form, e, ['name', 'resourceId', 'period', 'minPoints', 'quotaHolders', 'quotaFirst', 'tieBreakItems', 'noticeDays']);
      if (!mapped) setError(e);
      else if (Object.keys((e as { fields?: object }).fields ?? {}).some((k) => k === 'opensAt' || k === 'closesAt')) setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open width={640} title={round ? t('redeem.roundForm.edit') : t('redeem.roundForm.create')} onOk={() => void submit()} confirmLoading={busy} onCancel={onClose}
      okButtonProps={{ 'data-testid': 'round-save' }} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={initial}>
        <Form.Item name="name" label={t('redeem.field.name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input data-testid="round-name" placeholder="2026 年度人才子女入学（秋季）" />
        </Form.Item>
        <Form.Item name="resourceId" label={t('redeem.field.resource')} rules={[{ required: true }]}>
          <Select data-testid="round-resource" options={(resources.data?.items ?? []).filter((r) => r.active || r.id === round?.resourceId).map((r) => ({ value: r.id, label: `${r.name}（${r.departmentName}）` }))} />
        </Form.Item>
        <Form.Item name="period" label={t('redeem.field.period')} extra={t('redeem.period.hint')} rules={[{ required: true, pattern: /^\d{4}(-[A-Za-z0-9]{1,8})?$/, message: t('redeem.period.hint') }]}>
          <Input style={{ width: 160 }} data-testid="round-period" />
        </Form.Item>
        <Form.Item name="window" label={t('redeem.roundForm.window')} rules={[{ required: true }]}>
          <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" data-testid="round-window" />
        </Form.Item>
        <Form.Item name="minPoints" label={t('redeem.field.minPoints')} extra={t('redeem.roundForm.thresholdHint')}>
          <InputNumber min={0} style={{ width: 160 }} data-testid="round-min-points" />
        </Form.Item>
        <Form.Item name="quotaHolders" valuePropName="checked" style={{ marginBottom: 4 }}>
          <Checkbox data-testid="round-quota-holders">{t('redeem.field.quotaHolders')}</Checkbox>
        </Form.Item>
        <Form.Item name="quotaFirst" valuePropName="checked">
          <Checkbox data-testid="round-quota-first">{t('redeem.field.quotaFirst')}</Checkbox>
        </Form.Item>
        <Form.Item name="tieBreakItems" label={t('redeem.field.tieBreakItems')} extra={t('redeem.roundForm.tieHint')}>
          <Select mode="multiple" data-testid="round-tie-break" options={items.map((it) => ({ value: it.id, label: labelOf(it.label, i18n.language) }))} />
        </Form.Item>
        <Form.Item name="noticeDays" label={t('redeem.field.noticeDays')} rules={[{ required: true }]}>
          <InputNumber min={0} max={30} precision={0} style={{ width: 120 }} />
        </Form.Item>
      </Form>
      {error ? <ErrorAlert error={error} showFields /> : null}
    </Modal>
  );
}
