import { useEffect } from 'react';
import { App, Button, Col, Form, Input, InputNumber, Modal, Row, Select, Space, TreeSelect, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { applyFieldErrors } from '../../../ui/formErrors';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { capabilityTree, directoryKeys, PROVIDER_KINDS, useCapabilities, type ProviderDetail } from './api';

/** Registers or edits a provider: contact, hours, location (in the system it was read in), services under capabilities. */
export function ProviderFormModal({ provider, open, onClose }: { provider: ProviderDetail | null; open: boolean; onClose: () => void }) {
  const { t } = useTranslation('service', { keyPrefix: 'directory' });
  const [form] = Form.useForm();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const caps = useCapabilities();
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (provider) {
      form.setFieldsValue({
        ...provider, location: { lat: provider.lat, lng: provider.lng, system: 'gcj02' },
        services: provider.services.map((s) => ({ capabilityCode: s.capabilityCode, name: s.name, description: s.description })),
      });
    } else form.setFieldsValue({ kind: 'testing_lab', status: 'active', location: { system: 'gcj02' }, services: [{}] });
  }, [open, provider, form]);
  const submit = async () => {
    const v = await form.validateFields();
    const body = { ...v, divisionCode: v.divisionCode || null, enterpriseId: provider?.enterpriseId ?? null };
    try {
      if (provider) await api.put(`/api/service/directory/providers/${provider.id}`, { ...body, version: provider.version });
      else await api.post('/api/service/directory/providers', body);
      message.success(t('providers.saved'));
      await qc.invalidateQueries({ queryKey: directoryKeys.all });
      onClose();
    } catch (e) {
      applyFieldErrors(form, e);
      Modal.error({ title: t(provider ? 'providers.edit' : 'providers.create'), content: <ErrorAlert error={e} /> });
    }
  };
  return (
    <Modal open={open} onCancel={onClose} onOk={() => void submit()} width={760} title={t(provider ? 'providers.edit' : 'providers.create')} destroyOnHidden okButtonProps={{ 'data-testid': 'provider-save' } as never}>
      <Form form={form} layout="vertical" data-testid="provider-form">
        <Row gutter={12}>
          <Col span={14}><Form.Item name="name" label={t('field.name')} rules={[{ required: true, max: 100 }]}><Input /></Form.Item></Col>
          <Col span={10}><Form.Item name="kind" label={t('field.kind')} rules={[{ required: true }]}><Select options={PROVIDER_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))} /></Form.Item></Col>
          <Col span={14}><Form.Item name="address" label={t('field.address')}><Input maxLength={200} /></Form.Item></Col>
          <Col span={10}><Form.Item name="divisionCode" label={t('field.division')}><Input maxLength={9} placeholder="330110010" /></Form.Item></Col>
          <Col span={8}><Form.Item name={['location', 'lat']} label={t('field.lat')} rules={[{ required: true }]}><InputNumber style={{ width: '100%' }} step={0.0001} /></Form.Item></Col>
          <Col span={8}><Form.Item name={['location', 'lng']} label={t('field.lng')} rules={[{ required: true }]}><InputNumber style={{ width: '100%' }} step={0.0001} /></Form.Item></Col>
          <Col span={8}><Form.Item name={['location', 'system']} label={t('field.system')}><Select options={(['gcj02', 'wgs84', 'bd09'] as const).map((s) => ({ value: s, label: t(`system.${s}`) }))} /></Form.Item></Col>
          <Col span={24}><Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('providers.locationHint')}</Typography.Text></Col>
          <Col span={8}><Form.Item name="contactName" label={t('field.contactName')}><Input maxLength={50} /></Form.Item></Col>
          <Col span={8}><Form.Item name="contactPhone" label={t('field.contactPhone')}><Input maxLength={20} /></Form.Item></Col>
          <Col span={8}><Form.Item name="openingHours" label={t('field.openingHours')}><Input maxLength={200} /></Form.Item></Col>
          <Col span={12}><Form.Item name="website" label={t('field.website')}><Input maxLength={200} /></Form.Item></Col>
          <Col span={12}><Form.Item name="email" label={t('field.email')}><Input maxLength={100} /></Form.Item></Col>
          <Col span={24}><Form.Item name="description" label={t('field.description')}><Input.TextArea rows={2} maxLength={2000} /></Form.Item></Col>
          {provider ? <Col span={8}><Form.Item name="status" label={t('field.status')}><Select options={(['active', 'inactive'] as const).map((s) => ({ value: s, label: t(`status.${s}`) }))} /></Form.Item></Col> : null}
        </Row>
        <Typography.Text strong>{t('field.services')}</Typography.Text>
        <Form.List name="services">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="start" style={{ display: 'flex', marginTop: 8 }}>
                  <Form.Item name={[f.name, 'capabilityCode']} rules={[{ required: true }]} style={{ marginBottom: 0 }}>
                    <TreeSelect style={{ width: 220 }} treeDefaultExpandAll placeholder={t('field.capability')} treeData={capabilityTree(caps.data ?? [])} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true, max: 100 }]} style={{ marginBottom: 0 }}><Input style={{ width: 300 }} placeholder={t('field.serviceName')} /></Form.Item>
                  <Button onClick={() => remove(f.name)} disabled={fields.length === 1}>−</Button>
                </Space>
              ))}
              <Button type="dashed" onClick={() => add({})} style={{ marginTop: 8 }}>{t('providers.addService')}</Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
