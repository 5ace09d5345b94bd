import { useEffect, useState } from 'react';
import { Alert, App, Button, Checkbox, Col, Flex, Form, Input, Row, Select, Typography, Upload, type UploadFile } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useCan, useCurrentUser } from '../../auth/session';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { applyFieldErrors } from '../../ui/formErrors';
import { PageHeader } from '../../ui/PageHeader';
import { EnterpriseSelect } from '../../ui/selects/EnterpriseSelect';
import { StreetSelect } from '../../ui/selects/StreetSelect';
import { ATTACHMENT_ACCEPT, CHANNELS, serviceKeys, uploadAttachment, useCategories, type Channel, type RequestDetail } from './api';
import { UploadIcon } from '../../ui/icons';
import { PhoneLookup } from './PhoneLookup';

interface FormValues {
  enterpriseId?: string | null;
  unregistered?: boolean;
  organizationName?: string;
  divisionCode?: string;
  channel: Channel;
  categoryId?: string | null;
  title: string;
  description: string;
  contactName: string;
  contactPhone: string;
  location?: string;
}

/** The text the suggestion reads, a moment after the last key stroke. */
function useDebounced(value: string, ms: number): string {
  const [v, setV] = useState(value);
  useEffect(() => {
    const h = setTimeout(() => setV(value), ms);
    return () => clearTimeout(h);
  }, [value, ms]);
  return v;
}

/**
 * 诉求登记: an operator records a call (or visit, letter) in under a minute — enterprise by name or
 * credit code, the text, the contact; the category is suggested from the text as they type. An
 * enterprise user gets the same form for its own enterprise (channel web, set by the server).
 */
export function RequestFormPage() {
  const { t } = useTranslation('service');
  const me = useCurrentUser();
  const own = !!me.scope.enterpriseId;
  const can = useCan();
  // The lookup by the caller's number reads full phone numbers: operators with personal.reveal.
  const phoneLookup = !own && can('service.operate') && can('personal.reveal');
  const [pickedName, setPickedName] = useState<string | null>(null);
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  // Photos and PDFs chosen with the request: uploaded once it exists (the server checks each).
  const [files, setFiles] = useState<UploadFile[]>([]);
  const categories = useCategories();
  const unregistered = Form.useWatch('unregistered', form);
  const title = Form.useWatch('title', form) ?? '';
  const description = Form.useWatch('description', form) ?? '';
  const categoryId = Form.useWatch('categoryId', form);
  const text = useDebounced(`${title}\n${description}`.trim(), 300);
  const suggestion = useQuery({
    queryKey: ['service', 'suggestion', text],
    queryFn: () => api.get<{ categoryId: string | null; keyword: string | null }>('/api/service/category-suggestion', { text }),
    enabled: text.length > 1,
    staleTime: 60_000,
  });
  const suggested = suggestion.data?.categoryId ? categories.data?.find((c) => c.id === suggestion.data!.categoryId) : undefined;

  const create = useMutation({
    mutationFn: (v: FormValues) =>
      api.post<RequestDetail>('/api/service/requests', {
        enterpriseId: own || v.unregistered ? null : (v.enterpriseId ?? null),
        organizationName: v.unregistered ? (v.organizationName ?? '') : '',
        divisionCode: v.unregistered ? (v.divisionCode ?? null) : null,
        channel: own ? 'web' : v.channel,
        categoryId: v.categoryId ?? null,
        title: v.title,
        description: v.description,
        contactName: v.contactName,
        contactPhone: v.contactPhone,
        location: v.location ?? '',
      }),
    onSuccess: async (r) => {
      // The request is saved; a refused file is named and the others still go up (nothing else is lost).
      for (const f of files) {
        if (!f.originFileObj) continue;
        try {
          await uploadAttachment(r.id, f.originFileObj);
        } catch (e) {
          message.error((e as Error).message, 8);
        }
      }
      void qc.invalidateQueries({ queryKey: serviceKeys.all });
      message.success(t('form.done', { number: r.number }));
      navigate(`/service/requests/${r.id}`);
    },
    onError: (e) => applyFieldErrors(form, e),
  });
  const req = (field: string) => [{ required: true, whitespace: true, message: t('form.required', { field: t(`field.${field}`) }) }];

  return (
    <>
      <PageHeader title={own ? t('form.titleEnterprise') : t('form.title')} subTitle={own ? me.enterpriseName : undefined} back="/service/requests" />
      <div className="zz-card" style={{ maxWidth: 920 }}>
        <Typography.Paragraph type="secondary">{own ? t('form.hintEnterprise') : t('form.hint')}</Typography.Paragraph>
        {create.error ? <ErrorAlert error={create.error} style={{ marginBottom: 12 }} /> : null}
        <Form form={form} layout="vertical" initialValues={{ channel: own ? 'web' : 'hotline' }} onFinish={(v) => create.mutate(v)} data-testid="request-form">
          {!own ? (
            <Row gutter={12}>
              <Col xs={24} md={16}>
                {unregistered ? (
                  <Form.Item name="organizationName" label={t('field.organizationName')} rules={req('organizationName')}>
                    <Input maxLength={100} data-testid="request-organization" />
                  </Form.Item>
                ) : (
                  <Form.Item
                    name="enterpriseId"
                    label={t('field.enterprise')}
                    rules={[{ required: true, message: t('form.required', { field: t('field.enterprise') }) }]}
                  >
                    <EnterpriseSelect placeholder={t('form.findEnterprise')} initialLabel={pickedName} testId="request-enterprise" />
                  </Form.Item>
                )}
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name="channel" label={t('field.channel')}>
                  <Select options={CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))} data-testid="request-channel" />
                </Form.Item>
              </Col>
              {phoneLookup && !unregistered ? (
                <Col xs={24} md={16}>
                  <Form.Item label={t('form.phoneLookup')} extra={t('form.phoneLookupNote')}>
                    <PhoneLookup
                      onPick={(m, phone) => {
                        setPickedName(m.enterpriseName);
                        form.setFieldsValue({ enterpriseId: m.enterpriseId, contactName: m.contactName, contactPhone: phone });
                      }}
                    />
                  </Form.Item>
                </Col>
              ) : null}
              <Col span={24}>
                <Flex gap={16} align="center" style={{ marginTop: -12, marginBottom: 12 }}>
                  <Form.Item name="unregistered" valuePropName="checked" noStyle>
                    <Checkbox data-testid="request-unregistered">{t('form.unregistered')}</Checkbox>
                  </Form.Item>
                  {unregistered ? (
                    <Form.Item name="divisionCode" noStyle>
                      <StreetSelect placeholder={t('field.street')} style={{ width: 180 }} testId="request-street" />
                    </Form.Item>
                  ) : null}
                </Flex>
              </Col>
            </Row>
          ) : null}
          <Form.Item name="title" label={t('field.title')} rules={req('title')}>
            <Input maxLength={100} data-testid="request-title" />
          </Form.Item>
          <Form.Item name="description" label={t('field.description')} rules={req('description')}>
            <Input.TextArea rows={4} maxLength={4000} showCount data-testid="request-description" />
          </Form.Item>
          <Row gutter={12} align="bottom">
            <Col xs={24} md={8}>
              <Form.Item name="categoryId" label={t('field.category')}>
                <Select
                  allowClear
                  options={(categories.data ?? []).filter((c) => c.active).map((c) => ({ value: c.id, label: c.parentId ? `— ${c.name}` : c.name }))}
                  data-testid="request-category"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={16}>
              <Form.Item>
                {suggested ? (
                  <Alert
                    type="info"
                    showIcon
                    data-testid="request-suggestion"
                    title={t('form.suggestion', { name: suggested.name, keyword: suggestion.data?.keyword ?? '' })}
                    action={
                      categoryId !== suggested.id ? (
                        <Button size="small" type="link" onClick={() => form.setFieldValue('categoryId', suggested.id)} data-testid="request-use-suggestion">
                          {t('form.useSuggestion')}
                        </Button>
                      ) : null
                    }
                  />
                ) : (
                  <Typography.Text type="secondary">{t('form.noSuggestion')}</Typography.Text>
                )}
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={12}>
            <Col xs={24} md={8}>
              <Form.Item name="contactName" label={t('field.contactName')} rules={req('contactName')}>
                <Input maxLength={50} data-testid="request-contact-name" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="contactPhone" label={t('field.contactPhone')} rules={req('contactPhone')}>
                <Input maxLength={20} data-testid="request-contact-phone" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="location" label={t('field.location')}>
                <Input maxLength={200} data-testid="request-location" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item label={t('attachments.title')} extra={t('attachments.formHint')}>
            <Upload
              accept={ATTACHMENT_ACCEPT}
              multiple
              fileList={files}
              beforeUpload={() => false}
              onChange={({ fileList }) => setFiles(fileList.slice(0, 10))}
            >
              <Button icon={<UploadIcon />} data-testid="request-attachments">{t('attachments.add')}</Button>
            </Upload>
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="request-submit">
            {t('form.submit')}
          </Button>
        </Form>
      </div>
    </>
  );
}
