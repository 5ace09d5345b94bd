import { useState } from 'react';
import { Button, DatePicker, Descriptions, Drawer, Form, Input, InputNumber, Select, Space, Table, Tag } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Dayjs } from 'dayjs';
import { api, withQuery } from '../../api/client';
import { EChart } from '../../ui/EChart';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { yuan, type FindingDetail, type FindingItem, type Rule, type Severity } from './api';

interface Filters { rule?: string; severity?: Severity; provider?: string; person?: string; range?: [Dayjs, Dayjs] | null; minYuan?: number | null }

/** Findings (疑点) with filters, a chart per rule, and a finding's evidence in a drawer (reading it is audited). */
export function FindingsPage() {
  const { t, i18n } = useTranslation('medfund');
  const en = i18n.language === 'en-US';
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<number | null>(null);
  const rules = useQuery({ queryKey: ['medfund', 'rules'], queryFn: () => api.get<{ items: Rule[] }>('/api/medfund/rules') });
  const query = {
    rule: filters.rule, severity: filters.severity, provider: filters.provider || undefined, person: filters.person || undefined,
    from: filters.range?.[0]?.format('YYYY-MM-DD'), to: filters.range?.[1]?.format('YYYY-MM-DD'),
    minAmountFen: filters.minYuan ? Math.round(filters.minYuan * 100) : undefined, page, pageSize: 20,
  };
  const list = useQuery({ queryKey: ['medfund', 'findings', query], queryFn: () => api.get<{ total: number; amountFen: number; items: FindingItem[] }>(withQuery('/api/medfund/findings', query)) });
  const summary = useQuery({ queryKey: ['medfund', 'findings', 'summary'], queryFn: () => api.get<{ items: { ruleCode: string; severity: Severity; count: number }[] }>('/api/medfund/findings/summary') });
  const codes = [...new Set((summary.data?.items ?? []).map((s) => s.ruleCode))];
  const count = (code: string, sev: Severity) => summary.data?.items.find((s) => s.ruleCode === code && s.severity === sev)?.count ?? 0;
  return (
    <>
      <PageHeader title={t('findings.title')} />
      <EChart
        height={220} testId="findings-chart" empty={codes.length ? undefined : ' '}
        option={{
          tooltip: { trigger: 'axis' }, legend: {}, grid: { left: 40, right: 16, bottom: 60 },
          xAxis: { type: 'category', data: codes, axisLabel: { rotate: 30 } }, yAxis: { type: 'value' },
          series: (['red', 'orange'] as const).map((s) => ({ type: 'bar', stack: 'n', name: t(`severity.${s}`), color: s === 'red' ? '#d9534f' : '#f0a020', data: codes.map((c) => count(c, s)) })),
        }}
        onClick={(p) => { setFilters({ ...filters, rule: p.name }); setPage(1); }}
      />
      <Form layout="inline" style={{ margin: '12px 0', rowGap: 8 }} onValuesChange={(_, v: Filters) => { setFilters(v); setPage(1); }} initialValues={filters} key={filters.rule ?? ''}>
        <Form.Item name="rule" label={t('findings.rule')}>
          <Select allowClear style={{ width: 220 }} options={(rules.data?.items ?? []).map((r) => ({ value: r.code, label: en ? r.nameEn : r.name }))} data-testid="filter-rule" />
        </Form.Item>
        <Form.Item name="severity" label={t('findings.severity')}>
          <Select allowClear style={{ width: 160 }} options={(['red', 'orange'] as const).map((s) => ({ value: s, label: t(`severity.${s}`) }))} />
        </Form.Item>
        <Form.Item name="provider" label={t('findings.provider')}><Input allowClear style={{ width: 180 }} /></Form.Item>
        <Form.Item name="person" label={t('findings.person')}><Input allowClear style={{ width: 200 }} /></Form.Item>
        <Form.Item name="range" label={t('findings.period')}><DatePicker.RangePicker /></Form.Item>
        <Form.Item name="minYuan" label={t('findings.minAmount')}><InputNumber min={0} style={{ width: 120 }} /></Form.Item>
      </Form>
      {list.error ? <ErrorAlert error={list.error} /> : null}
      <Table<FindingItem>
        rowKey="id" loading={list.isLoading} dataSource={list.data?.items ?? []} size="middle" data-testid="medfund-findings"
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showTotal: () => t('findings.total', { n: list.data?.total ?? 0, amount: yuan(list.data?.amountFen ?? 0) }) }}
        onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('findings.rule'), render: (_, r) => `${en ? r.ruleNameEn : r.ruleName} v${r.ruleVersion}` },
          { title: t('findings.severity'), render: (_, r) => <Tag color={r.severity === 'red' ? 'red' : 'orange'}>{t(`severity.${r.severity}`)}</Tag> },
          { title: t('findings.person_'), render: (_, r) => `${r.psnName} ${r.certno}` },
          { title: t('findings.provider'), render: (_, r) => r.fixmedinsName || r.fixmedinsCode },
          { title: t('findings.occurredOn'), dataIndex: 'occurredOn' },
          { title: t('findings.setl'), dataIndex: 'setlId' },
          { title: t('findings.amount'), align: 'right', render: (_, r) => yuan(r.amountFen) },
          { title: t('findings.department'), dataIndex: 'departmentName' },
        ]}
      />
      {open !== null ? <Evidence id={open} onClose={() => setOpen(null)} /> : null}
    </>
  );
}

function Evidence({ id, onClose }: { id: number; onClose: () => void }) {
  const { t, i18n } = useTranslation('medfund');
  const en = i18n.language === 'en-US';
  const q = useQuery({ queryKey: ['medfund', 'finding', id], queryFn: () => api.get<FindingDetail>(`/api/medfund/findings/${id}`) });
  const reveal = useMutation({ mutationFn: () => api.post<{ psnName: string; certno: string }>(`/api/medfund/findings/${id}/reveal`) });
  const f = q.data;
  return (
    <Drawer open width={880} onClose={onClose} title={t('findings.evidence')} data-testid="finding-evidence">
      {q.error ? <ErrorAlert error={q.error} /> : null}
      {reveal.error ? <ErrorAlert error={reveal.error} /> : null}
      {f ? (
        <>
          <Descriptions bordered size="small" column={2}>
            <Descriptions.Item label={t('findings.rule')}>{en ? f.ruleNameEn : f.ruleName}（{f.ruleCode} v{f.ruleVersion}）</Descriptions.Item>
            <Descriptions.Item label={t('findings.severity')}><Tag color={f.severity === 'red' ? 'red' : 'orange'}>{t(`severity.${f.severity}`)}</Tag></Descriptions.Item>
            <Descriptions.Item label={t('findings.person_')}>
              <Space>
                {reveal.data ? `${reveal.data.psnName} ${reveal.data.certno}` : `${f.psnName} ${f.certno}`}
                {!reveal.data ? <Button size="small" onClick={() => reveal.mutate()}>{t('findings.reveal')}</Button> : null}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('findings.provider')}>{f.fixmedinsName}（{f.fixmedinsCode}）</Descriptions.Item>
            <Descriptions.Item label={t('findings.amount')}>{yuan(f.amountFen)}</Descriptions.Item>
            <Descriptions.Item label={t('findings.department')}>{f.departmentName}</Descriptions.Item>
            {f.settlement ? (
              <Descriptions.Item label={t('findings.settlement')} span={2}>
                {f.settlement.setlId} · {f.settlement.medKind} · {f.settlement.begndate} – {f.settlement.enddate} · {yuan(f.settlement.medfeeFen)} / {yuan(f.settlement.fundPayFen)} · {f.settlement.mainDiag}
              </Descriptions.Item>
            ) : null}
            {Object.entries(f.evidence).filter(([k]) => k !== 'template').map(([k, v]) => (
              <Descriptions.Item key={k} label={k}>{v === null ? '—' : String(v)}</Descriptions.Item>
            ))}
          </Descriptions>
          <h4 style={{ marginTop: 16 }}>{t('findings.lines')}</h4>
          <Table
            rowKey="lineId" size="small" pagination={false} dataSource={f.lines}
            rowClassName={(l) => (l.offending ? 'ant-table-row-selected' : '')}
            columns={[
              { title: t('findings.item'), render: (_, l) => <span style={{ color: l.offending ? '#d9534f' : undefined }}>{l.itemName || l.itemCode}</span> },
              { title: t('findings.date'), dataIndex: 'feeDate' },
              { title: t('findings.cnt'), dataIndex: 'cnt', align: 'right' },
              { title: t('findings.price'), align: 'right', render: (_, l) => yuan(l.pricFen) },
              { title: t('findings.lineAmount'), align: 'right', render: (_, l) => yuan(l.amountFen) },
              { title: t('findings.fund'), align: 'right', render: (_, l) => yuan(l.fundFen) },
            ]}
          />
        </>
      ) : null}
    </Drawer>
  );
}
