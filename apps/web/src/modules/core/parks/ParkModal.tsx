import { App, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import type { Park, ParkInput, ParkKind } from '../../../api/types';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { applyFieldErrors } from '../../../ui/formErrors';
import { StreetSelect } from '../../../ui/selects/StreetSelect';

const KINDS: ParkKind[] = ['industrial_park', 'characteristic_town', 'incubator', 'science_park'];

/** 新增/编辑园区. */
export function ParkModal({ park, onClose }: { park: Park | null; onClose: () => void }) {
  const { t } = useTranslation('core');
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<ParkInput>();
  const save = useMutation({
    mutationFn: (v: ParkInput) => {
      const body: ParkInput = { ...v, name: v.name.trim(), address: v.address ?? '', description: v.description ?? '', areaMu: v.areaMu ?? null };
      return park ? api.put<Park>(`/api/parks/${park.id}`, body) : api.post<Park>('/api/parks', body);
    },
    onSuccess: () => {
      message.success(t('common:state.saved'));
      void qc.invalidateQueries({ queryKey: ['parks'] });
      onClose();
    },
    onError: (e) => {
      if ((e as { code?: string }).code === 'PARK_NAME_TAKEN') form.setFields([{ name: 'name', errors: [(e as Error).message] }]);
      else applyFieldErrors(form, e);
    },
  });
  return (
    <Modal
      open
      title={park ? t('park.edit') : t('park.create')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common:action.save')}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'park-save' }}
      destroyOnHidden
    >
      {save.error ? <ErrorAlert error={save.error} style={{ marginBottom: 12 }} /> : null}
      <Form<ParkInput>
        form={form}
        layout="vertical"
        initialValues={{
          name: park?.name ?? '',
          kind: park?.kind ?? 'industrial_park',
          divisionCode: park?.divisionCode,
          address: park?.address ?? '',
          areaMu: park?.areaMu ?? null,
          description: park?.description ?? '',
        }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="name" label={t('park.field.name')} rules={[{ required: true, message: t('park.nameRequired') }]}>
          <Input data-testid="park-name" />
        </Form.Item>
        <Form.Item name="kind" label={t('park.field.kind')} rules={[{ required: true }]}>
          <Select options={KINDS.map((k) => ({ value: k, label: t(`common:enum.parkKind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="divisionCode" label={t('park.field.division')} rules={[{ required: true, message: t('enterprise.validate.division') }]}>
          <StreetSelect initialLabel={park?.divisionName} />
        </Form.Item>
        <Form.Item name="address" label={t('park.field.address')}>
          <Input />
        </Form.Item>
        <Form.Item name="areaMu" label={t('park.field.areaMu')}>
          <InputNumber min={0} precision={0} style={{ width: '100%' }} suffix={t('common:unit.mu')} />
        </Form.Item>
        <Form.Item name="description" label={t('park.field.description')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
