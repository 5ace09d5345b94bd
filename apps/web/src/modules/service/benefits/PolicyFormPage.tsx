import { useEffect } from 'react';
import { App, Button, Checkbox, Col, DatePicker, Form, Input, InputNumber, Row } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { applyFieldErrors } from '../../../ui/formErrors';
import { PageHeader } from '../../../ui/PageHeader';
import { PageLoading } from '../../../ui/PageLoading';
import { BASE, type Policy } from './api';
import { CriteriaEditor, fromForm, toForm, type CriterionForm } from './CriteriaEditor';

interface FormValues {
  title: string; issuer: string; documentNumber?: string; publishedOn?: Dayjs | null; validFrom?: Dayjs | null; validTo?: Dayjs | null;
  interpretation?: string; benefitAmountWan?: number | null; benefitDescription?: string; autoGrant?: boolean;
  criteria: { combine: 'all' | 'any'; items?: CriterionForm[] };
}
const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

/** 录入 / 修改惠企政策: the policy, its interpretation and its structured eligibility criteria. */
export function PolicyFormPage() {
  const { t } = useTranslation('service');
  const { id } = useParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const existing = useQuery({ queryKey: ['benefits', 'policy', id], queryFn: () => api.get<Policy>(`${BASE}/policies/${id}`), enabled: !!id });
  useEffect(() => {
    const p = existing.data;
    if (!p) return;
    form.setFieldsValue({
      title: p.title, issuer: p.issuer, documentNumber: p.documentNumber, publishedOn: p.publishedOn ? dayjs(p.publishedOn) : null,
      validFrom: p.validFrom ? dayjs(p.validFrom) : null, validTo: p.validTo ? dayjs(p.validTo) : null, interpretation: p.interpretation,
      benefitAmountWan: p.benefitAmountFen === null ? null : p.benefitAmountFen / 1_000_000, benefitDescription: p.benefitDescription, autoGrant: p.autoGrant,
      criteria: toForm(p.criteria),
    });
  }, [existing.data, form]);
  const save = useMutation({
    mutationFn: (v: FormValues) => {
      const body = {
        title: v.title, issuer: v.issuer, documentNumber: v.documentNumber ?? '', publishedOn: day(v.publishedOn), validFrom: day(v.validFrom), validTo: day(v.validTo),
        interpretation: v.interpretation ?? '', benefitDescription: v.benefitDescription ?? '', autoGrant: !!v.autoGrant,
        benefitAmountFen: v.benefitAmountWan === null || v.benefitAmountWan === undefined ? null : Math.round(v.benefitAmountWan * 1_000_000),
        criteria: fromForm(v.criteria),
      };
      return id ? api.put<Policy>(`${BASE}/policies/${id}`, { ...body, version: existing.data!.version }) : api.post<Policy>(`${BASE}/policies`, body);
    },
    onSuccess: (p) => {
      void qc.invalidateQueries({ queryKey: ['benefits'] });
      message.success(t('benefits.saved'));
      navigate(`/service/benefits/policies/${p.id}`);
    },
    onError: (e) => applyFieldErrors(form, e),
  });
  if (id && existing.isLoading) return <PageLoading />;
  return (
    <>
      <PageHeader title={id ? t('benefits.edit') : t('benefits.new')} back="/service/benefits/policies" />
      <div className="zz-card">
        {save.error ? <ErrorAlert error={save.error} showFields style={{ marginBottom: 12 }} /> : null}
        <Form<FormValues> form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={{ criteria: { combine: 'all', items: [{}] }, autoGrant: false }} data-testid="policy-form">
          <Row gutter={16}>
            <Col xs={24} md={12}><Form.Item name="title" label={t('benefits.field.title')} rules={[{ required: true }]}><Input maxLength={200} data-testid="policy-title" /></Form.Item></Col>
            <Col xs={24} md={6}><Form.Item name="issuer" label={t('benefits.field.issuer')} rules={[{ required: true }]}><Input maxLength={100} data-testid="policy-issuer" /></Form.Item></Col>
            <Col xs={24} md={6}><Form.Item name="documentNumber" label={t('benefits.field.documentNumber')}><Input maxLength={100} /></Form.Item></Col>
            <Col xs={24} md={6}><Form.Item name="publishedOn" label={t('benefits.field.publishedOn')}><DatePicker style={{ width: '100%' }} /></Form.Item></Col>
            <Col xs={24} md={6}><Form.Item name="validFrom" label={t('benefits.field.validFrom')}><DatePicker style={{ width: '100%' }} /></Form.Item></Col>
            <Col xs={24} md={6}><Form.Item name="validTo" label={t('benefits.field.validTo')}><DatePicker style={{ width: '100%' }} /></Form.Item></Col>
            <Col xs={24} md={6}><Form.Item name="benefitAmountWan" label={t('benefits.field.benefitAmount')}><InputNumber min={0} style={{ width: '100%' }} /></Form.Item></Col>
            <Col xs={24} md={12}><Form.Item name="benefitDescription" label={t('benefits.field.benefitDescription')}><Input maxLength={2000} /></Form.Item></Col>
            <Col xs={24} md={12}><Form.Item name="autoGrant" valuePropName="checked" label=" "><Checkbox data-testid="policy-auto-grant">{t('benefits.field.autoGrant')}</Checkbox></Form.Item></Col>
            <Col span={24}><Form.Item name="interpretation" label={t('benefits.field.interpretation')}><Input.TextArea rows={4} maxLength={20000} /></Form.Item></Col>
          </Row>
          <Form.Item label={t('benefits.field.criteria')} required>
            <CriteriaEditor />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="policy-save">{t('common:action.save')}</Button>
        </Form>
      </div>
    </>
  );
}
