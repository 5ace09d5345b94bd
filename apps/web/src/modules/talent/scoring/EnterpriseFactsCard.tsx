import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Flex, Form, InputNumber, Select, Space, Switch, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../../api/client';
import { useCan } from '../../../auth/session';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { formatDateTime } from '../../../ui/format';
import { PendingClaimNotice } from '../claims/PendingClaimNotice';
import { withClaimed } from '../claims/api';
import { labelOf, pointsKeys, useEnterpriseFacts, type DeclaredField, type EnterpriseFacts } from './api';

/**
 * 企业积分事实: what the enterprise scheme asks of an enterprise for a year (recruits, talent
 * platforms, training spend…), as a form built from the scheme's own fact declarations, so that a
 * new scheme needs no new page. Enterprise HR fills in its own; the office any. Facts the platform
 * computes (staffPointsTotal) are shown as such. The next recompute uses what is saved.
 */
export function EnterpriseFactsCard({ enterpriseId }: { enterpriseId: string }) {
  const { t, i18n } = useTranslation('talent');
  const locale = i18n.language;
  const can = useCan();
  const editable = can('talent.write');
  const thisYear = dayjs().year();
  const [year, setYear] = useState(thisYear);
  const q = useEnterpriseFacts(enterpriseId, year);
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [serverErrors, setServerErrors] = useState<string[]>([]);

  useEffect(() => {
    if (q.data) {
      form.resetFields();
      // the office edits the approved facts; an enterprise what it has claimed, laid over them
      form.setFieldsValue(toForm(q.data.factsApplyDirectly ? q.data : { ...q.data, facts: withClaimed(q.data.facts, q.data.pendingClaim) }));
      setServerErrors([]);
    }
  }, [q.data, form]);

  const save = useMutation({
    mutationFn: (facts: Record<string, unknown>) => api.put<EnterpriseFacts>(`/api/talent/enterprise-facts/${encodeURIComponent(enterpriseId)}`, { year, facts }),
    onSuccess: (data) => {
      qc.setQueryData(pointsKeys.enterpriseFacts(enterpriseId, year), data);
      void message.success(data.pendingClaim && !data.factsApplyDirectly ? t('points.facts.claimed') : t('points.facts.saved'));
    },
    onError: (e) => {
      if (!isApiError(e)) return;
      // 400: { 'facts.<key>' or 'facts.<list>[i].<field>': message } → the fields' own errors
      const fields = Object.entries(e.fields).map(([path, msg]) => ({ name: formPath(path), errors: [msg] }));
      form.setFields(fields.filter((f) => f.name.length > 0));
      setServerErrors(Object.values(e.fields).length ? Object.values(e.fields) : [e.message]);
    },
  });

  const declared = q.data?.declared ?? [];
  const entered = declared.filter((f) => !f.computed);
  return (
    <Card
      size="small"
      title={t('points.facts.title')}
      data-testid="enterprise-facts"
      extra={
        <Select
          size="small"
          value={year}
          onChange={setYear}
          options={[thisYear + 1, thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: y, label: t('points.facts.year', { year: y }) }))}
          style={{ width: 110 }}
          data-testid="enterprise-facts-year"
        />
      }
    >
      {q.error ? <ErrorAlert error={q.error} onRetry={() => void q.refetch()} /> : null}
      {q.data && declared.length ? <div style={{ marginBottom: 12 }}><PendingClaimNotice claim={q.data.pendingClaim} /></div> : null}
      {q.data && declared.length === 0 ? <Alert type="info" showIcon message={t('points.facts.noScheme', { year })} /> : null}
      {entered.length ? (
        <Form
          form={form}
          layout="vertical"
          disabled={!editable || save.isPending}
          onFinish={(values: Record<string, unknown>) => save.mutate(fromForm(entered, values))}
          data-testid="enterprise-facts-form"
        >
          <Flex wrap gap={16}>
            {entered.map((f) =>
              f.type === 'list' ? (
                <ListField key={f.key} name={f.key} label={labelOf(f.label, locale)} fields={f.fields ?? []} locale={locale} editable={editable} />
              ) : (
                <Form.Item key={f.key} name={f.key} label={labelOf(f.label, locale)} style={{ minWidth: 220 }} valuePropName={f.type === 'boolean' ? 'checked' : 'value'}>
                  {input({ ...f, type: f.type }, locale)}
                </Form.Item>
              ),
            )}
          </Flex>
          {declared.filter((f) => f.computed).map((f) => (
            <Typography.Paragraph key={f.key} type="secondary">
              {t('points.facts.computed', { label: labelOf(f.label, locale) })}
            </Typography.Paragraph>
          ))}
          {serverErrors.length ? <Alert type="error" showIcon message={serverErrors.join('；')} style={{ marginBottom: 12 }} data-testid="enterprise-facts-errors" /> : null}
          {editable ? (
            <Space>
              <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="enterprise-facts-save">
                {t('common:action.save')}
              </Button>
              <Typography.Text type="secondary">
                {q.data?.updatedAt ? t('points.facts.updatedAt', { at: formatDateTime(q.data.updatedAt) }) : t('points.facts.never')}
                {' · '}
                {t('points.facts.nextRecompute')}
              </Typography.Text>
            </Space>
          ) : null}
        </Form>
      ) : null}
    </Card>
  );
}

function input(f: DeclaredField, locale: string) {
  switch (f.type) {
    case 'number':
      return (
        <InputNumber
          min={f.min}
          max={f.max}
          precision={f.integer ? 0 : undefined}
          addonAfter={f.unit ? labelOf(f.unit, locale) : undefined}
          style={{ width: '100%' }}
          data-testid={`fact-${f.key}`}
        />
      );
    case 'enum':
      return <Select allowClear options={(f.values ?? []).map((v) => ({ value: v.value, label: labelOf(v.label, locale) }))} data-testid={`fact-${f.key}`} />;
    case 'boolean':
      return <Switch data-testid={`fact-${f.key}`} />;
    case 'date':
      return <DatePicker style={{ width: '100%' }} data-testid={`fact-${f.key}`} />;
  }
}

function ListField({ name, label, fields, locale, editable }: { name: string; label: string; fields: DeclaredField[]; locale: string; editable: boolean }) {
  const { t } = useTranslation('talent');
  return (
    <Form.Item label={label} style={{ minWidth: 320 }}>
      <Form.List name={name}>
        {(rows, { add, remove }) => (
          <Flex vertical gap={4} data-testid={`fact-${name}`}>
            {rows.map((row) => (
              <Space key={row.key} align="baseline">
                {fields.map((f) => (
                  <Form.Item key={f.key} name={[row.name, f.key]} noStyle valuePropName={f.type === 'boolean' ? 'checked' : 'value'}>
                    {f.type === 'enum' ? (
                      <Select placeholder={labelOf(f.label, locale)} options={(f.values ?? []).map((v) => ({ value: v.value, label: labelOf(v.label, locale) }))} style={{ minWidth: 180 }} />
                    ) : (
                      input(f, locale)
                    )}
                  </Form.Item>
                ))}
                {editable ? (
                  <Button type="link" size="small" onClick={() => remove(row.name)}>
                    {t('points.facts.remove')}
                  </Button>
                ) : null}
              </Space>
            ))}
            {editable ? (
              <Button size="small" onClick={() => add({})} data-testid={`fact-${name}-add`} style={{ alignSelf: 'flex-start' }}>
                {t('points.facts.add')}
              </Button>
            ) : null}
          </Flex>
        )}
      </Form.List>
    </Form.Item>
  );
}

/** Stored facts → form values (dates as dayjs). */
function toForm(d: EnterpriseFacts): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of d.declared) {
    const v = d.facts[f.key];
    if (v === undefined || v === null) continue;
    out[f.key] = f.type === 'date' && typeof v === 'string' ? dayjs(v) : v;
  }
  return out;
}

/** Form values → facts: empty fields are left out (an unknown fact, not a zero). */
function fromForm(declared: EnterpriseFacts['declared'], values: Record<string, unknown>): Record<string, unknown> {
  const facts: Record<string, unknown> = {};
  for (const f of declared) {
    const v = values[f.key];
    if (v === undefined || v === null || v === '') continue;
    if (f.type === 'date') facts[f.key] = dayjs(v as string).format('YYYY-MM-DD');
    else if (f.type === 'list')
      facts[f.key] = (v as (Record<string, unknown> | undefined)[])
        .filter((e): e is Record<string, unknown> => !!e && Object.values(e).some((x) => x !== undefined && x !== null))
        .map((e) => Object.fromEntries((f.fields ?? []).filter((x) => e[x.key] !== undefined && e[x.key] !== null).map((x) => [x.key, x.type === 'date' ? dayjs(e[x.key] as string).format('YYYY-MM-DD') : e[x.key]])));
    else facts[f.key] = v;
  }
  return facts;
}

/** 'facts.platforms[0].kind' → ['platforms', 0, 'kind']; anything else → [] (shown above the button). */
function formPath(path: string): (string | number)[] {
  const m = /^facts\.([A-Za-z_]\w*)(?:\[(\d+)\](?:\.(\w+))?)?$/.exec(path);
  if (!m) return [];
  return [m[1]!, ...(m[2] !== undefined ? [Number(m[2])] : []), ...(m[3] !== undefined ? [m[3]] : [])];
}
