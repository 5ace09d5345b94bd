import { useState } from 'react';
import { App, Button, Col, Empty, Form, Input, List, Modal, Row, Statistic, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { applyFieldErrors } from '../../../ui/formErrors';
import { formatDateTime, formatWan } from '../../../ui/format';
import { BASE, type EnterpriseBenefit, type EnterpriseBenefits, type Grant } from './api';
import { INTENT_COLOR } from './GrantListPanel';

function PolicyItem({ p }: { p: EnterpriseBenefit }) {
  const { t } = useTranslation('service');
  const fields = (xs: string[]) => xs.map((f) => t(`benefits.fields.${f}`)).join('、');
  return (
    <List.Item data-testid={`benefit-${p.outcome}`}>
      <List.Item.Meta
        title={<><Link to={`/service/benefits/policies/${p.id}`}>{p.title}</Link> {p.autoGrant ? <Tag color="gold">{t('benefits.autoGrant')}</Tag> : null}</>}
        description={<>
          <div>{p.issuer} · {p.benefitAmountFen !== null ? `${formatWan(p.benefitAmountFen)} ${t('benefits.wan')} ` : ''}{p.benefitDescription}{p.validTo ? ` · ${t('benefits.col.validTo')} ${p.validTo}` : ''}</div>
          {p.outcome === 'nearly' ? (
            <Typography.Text type="warning">
              {p.missing.length ? `${t('benefits.col.missing')}：${fields(p.missing)}` : ''}{p.missing.length && p.failed.length ? '；' : ''}
              {p.failed.length ? `${t('benefits.col.failed')}：${fields(p.failed)}` : ''}
            </Typography.Text>
          ) : null}
        </>}
      />
    </List.Item>
  );
}

interface IntentForm { bankName: string; bankAccountName: string; bankAccountNo: string; contactName: string; contactPhone: string }

/** The enterprise's benefits: eligible, nearly (with what is missing), grants — the file tab and the enterprise's own page. */
export function BenefitsView({ data, mine }: { data: EnterpriseBenefits; mine: boolean }) {
  const { t } = useTranslation('service');
  const qc = useQueryClient();
  const { modal } = App.useApp();
  const [giving, setGiving] = useState<Grant | null>(null);
  const [form] = Form.useForm<IntentForm>();
  const intent = useMutation({
    mutationFn: (v: { grant: Grant; accept: boolean; body?: IntentForm }) => api.post(`${BASE}/grants/${v.grant.id}/intent`, { accept: v.accept, ...(v.body ?? {}) }),
    onSuccess: () => { setGiving(null); void qc.invalidateQueries({ queryKey: ['benefits'] }); },
    onError: (e) => applyFieldErrors(form, e),
  });
  return (
    <div data-testid="benefits-view">
      <Row gutter={16} style={{ marginBottom: 12 }}>
        <Col xs={12} md={6}><Statistic title={t('benefits.col.eligible')} value={data.eligible.length} /></Col>
        <Col xs={12} md={6}><Statistic title={t('benefits.col.nearly')} value={data.nearly.length} /></Col>
        <Col xs={12} md={6}><Statistic title={t('benefits.mine.received')} value={`${formatWan(data.receivedFen) || 0} ${t('benefits.wan')}`} data-testid="benefits-received" /></Col>
      </Row>
      {intent.error && !giving ? <ErrorAlert error={intent.error} style={{ marginBottom: 12 }} /> : null}
      <Typography.Title level={5}>{t('benefits.mine.grants')}</Typography.Title>
      {data.grants.length === 0 ? <Empty description={t('benefits.mine.noGrants')} image={Empty.PRESENTED_IMAGE_SIMPLE} /> : (
        <Table<Grant>
          rowKey="id" size="small" pagination={false} dataSource={data.grants} data-testid="grants-table"
          columns={[
            { title: t('benefits.col.title'), dataIndex: 'policyTitle' },
            { title: t('benefits.col.amount'), width: 110, align: 'right', render: (_, g) => (g.amountFen === null ? '—' : `${formatWan(g.amountFen)} ${t('benefits.wan')}`) },
            { title: t('benefits.col.intent'), width: 160, render: (_, g) => <><Tag color={INTENT_COLOR[g.intent]} data-testid="grant-intent">{t(`benefits.intent.${g.intent}`)}</Tag>{g.intentAt ? formatDateTime(g.intentAt) : ''}</> },
            { title: t('benefits.col.bank'), render: (_, g) => (g.bankAccountNo ? `${g.bankName} ${g.bankAccountNo}` : '—') },
            ...(mine ? [{
              title: '', width: 170, render: (_: unknown, g: Grant) => (g.intent === 'pending' ? (
                <>
                  <Button size="small" type="primary" onClick={() => { form.resetFields(); setGiving(g); }} data-testid="intent-give">{t('benefits.intent.give')}</Button>{' '}
                  <Button size="small" onClick={() => modal.confirm({ title: t('benefits.intent.decline'), content: t('benefits.intent.declineAsk'), onOk: () => intent.mutateAsync({ grant: g, accept: false }) })}>{t('benefits.intent.decline')}</Button>
                </>
              ) : null),
            }] : []),
          ]}
        />
      )}
      <Typography.Title level={5} style={{ marginTop: 16 }}>{t('benefits.mine.eligible', { n: data.eligible.length })}</Typography.Title>
      {data.eligible.length ? <List size="small" dataSource={data.eligible} renderItem={(p) => <PolicyItem p={p} />} /> : <Empty description={t('benefits.mine.noEligible')} image={Empty.PRESENTED_IMAGE_SIMPLE} />}
      <Typography.Title level={5} style={{ marginTop: 16 }}>{t('benefits.mine.nearly', { n: data.nearly.length })}</Typography.Title>
      {data.nearly.length ? <>
        <Typography.Text type="secondary">{t('benefits.mine.missingNote')}</Typography.Text>
        <List size="small" dataSource={data.nearly} renderItem={(p) => <PolicyItem p={p} />} />
      </> : <Empty description={t('benefits.mine.noNearly')} image={Empty.PRESENTED_IMAGE_SIMPLE} />}
      <Modal
        open={!!giving} title={t('benefits.intent.title', { policy: giving?.policyTitle ?? '' })} onCancel={() => setGiving(null)}
        okText={t('benefits.intent.give')} okButtonProps={{ loading: intent.isPending, ...{ 'data-testid': 'intent-submit' } } as never}
        onOk={() => form.validateFields().then((body) => giving && intent.mutate({ grant: giving, accept: true, body }))}
      >
        <Typography.Paragraph type="secondary">{t('benefits.intent.note')}</Typography.Paragraph>
        {intent.error ? <ErrorAlert error={intent.error} style={{ marginBottom: 12 }} /> : null}
        <Form form={form} layout="vertical" data-testid="intent-form">
          {(['bankName', 'bankAccountName', 'bankAccountNo', 'contactName', 'contactPhone'] as const).map((k) => (
            <Form.Item key={k} name={k} label={t(`benefits.intent.${k}`)} rules={[{ required: true }]}>
              <Input data-testid={`intent-${k}`} maxLength={k === 'bankAccountNo' ? 30 : 100} />
            </Form.Item>
          ))}
        </Form>
      </Modal>
    </div>
  );
}
