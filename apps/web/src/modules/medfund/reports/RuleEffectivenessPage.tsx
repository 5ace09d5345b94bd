import { Alert, Card, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../ui/PageHeader';
import { DownloadButton } from '../../../ui/DownloadButton';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { EChart } from '../../../ui/EChart';
import { yuan } from '../api';
import { useRuleEffectiveness, type EffectivenessRow, type RuleEffectiveness } from './api';

type Rule = RuleEffectiveness['rules'][number];
const pct = (p: number | null) => (p === null ? '—' : `${(p * 100).toFixed(1)}%`);

/** 规则成效: per rule (and version) how its findings ended, so analysts can tune or retire rules. */
export function RuleEffectivenessPage() {
  const { t, i18n } = useTranslation('medfund');
  const en = i18n.language === 'en-US';
  const q = useRuleEffectiveness();
  const e = q.data;
  const rules = e?.rules ?? [];
  const charted = rules.filter((r) => r.findings > 0);
  const name = (r: Rule) => (en ? r.nameEn : r.name);
  const columns = [
    { title: t('effect.findings'), dataIndex: 'findings', align: 'right' as const },
    { title: t('effect.inCase'), dataIndex: 'inCase', align: 'right' as const },
    { title: t('effect.pending'), dataIndex: 'pending', align: 'right' as const },
    { title: t('effect.confirmed'), dataIndex: 'confirmed', align: 'right' as const },
    { title: t('effect.dismissed'), dataIndex: 'dismissed', align: 'right' as const },
    { title: t('effect.dataQuality'), dataIndex: 'dataQuality', align: 'right' as const },
    { title: t('effect.precision'), align: 'right' as const, render: (_: unknown, r: EffectivenessRow) => pct(r.precision) },
    { title: t('effect.amount'), align: 'right' as const, render: (_: unknown, r: EffectivenessRow) => yuan(r.amountFen) },
    { title: t('effect.recoveryDecided'), align: 'right' as const, render: (_: unknown, r: EffectivenessRow) => yuan(r.recoveryDecidedFen) },
    { title: t('effect.recovered'), align: 'right' as const, render: (_: unknown, r: EffectivenessRow) => yuan(r.recoveredFen) },
    {
      title: t('effect.hint'), render: (_: unknown, r: EffectivenessRow) => (
        <>
          {r.lowPrecision ? <Tag color="red">{t('effect.lowPrecision')}</Tag> : null}
          {r.mostlyDataQuality ? <Tag color="orange">{t('effect.mostlyDataQuality')}</Tag> : null}
          {r.findings === 0 ? <Tag>{t('effect.neverFired')}</Tag> : null}
        </>
      ),
    },
  ];
  return (
    <div data-testid="medfund-effectiveness">
      <PageHeader
        title={t('effect.title')} subTitle={t('effect.subTitle')}
        extra={<DownloadButton path="/api/medfund/reports/rule-effectiveness/export.xlsx" testId="effectiveness-export">{t('report.export')}</DownloadButton>}
      />
      {q.error ? <ErrorAlert error={q.error} onRetry={() => q.refetch()} /> : null}
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        <Card size="small" title={t('effect.chart')}>
          <EChart
            height={Math.max(260, charted.length * 28 + 60)} testId="effectiveness-chart" loading={q.isLoading} empty={charted.length ? undefined : t('effect.none')}
            option={{
              color: ['#2fa36b', '#8c8c8c', '#f0a020', '#d0d0d0', '#d9534f'],
              tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 190, right: 60, top: 36, bottom: 24 },
              yAxis: { type: 'category', inverse: true, data: charted.map(name), axisLabel: { width: 180, overflow: 'truncate' } },
              xAxis: [{ type: 'value', name: t('effect.findings') }, { type: 'value', name: '%', max: 100, splitLine: { show: false } }],
              series: [
                { name: t('effect.confirmed'), type: 'bar', stack: 'o', data: charted.map((r) => r.confirmed) },
                { name: t('effect.dismissed'), type: 'bar', stack: 'o', data: charted.map((r) => r.dismissed) },
                { name: t('effect.dataQuality'), type: 'bar', stack: 'o', data: charted.map((r) => r.dataQuality) },
                { name: t('effect.undecided'), type: 'bar', stack: 'o', data: charted.map((r) => r.findings - r.decided) },
                { name: t('effect.precision'), type: 'scatter', xAxisIndex: 1, symbolSize: 12, data: charted.map((r) => (r.precision === null ? null : Math.round(r.precision * 1000) / 10)) },
              ],
            }}
          />
        </Card>
        <Table<Rule>
          rowKey="ruleCode" size="small" loading={q.isLoading} dataSource={rules} pagination={false} data-testid="effectiveness-table"
          expandable={{
            rowExpandable: (r) => r.versions.length > 0,
            expandedRowRender: (r) => (
              <Table<EffectivenessRow>
                rowKey={(v) => String(v.ruleVersion)} size="small" pagination={false} dataSource={r.versions}
                columns={[{ title: t('effect.version'), render: (_, v) => `v${v.ruleVersion}` }, ...columns]}
              />
            ),
          }}
          columns={[
            { title: t('effect.rule'), render: (_, r) => <><Typography.Text strong>{name(r)}</Typography.Text> <Typography.Text type="secondary">{r.ruleCode} · v{r.currentVersion}</Typography.Text>{r.enabled ? null : <Tag style={{ marginLeft: 6 }}>{t('effect.disabled')}</Tag>}</> },
            ...columns,
          ]}
          summary={() => (e ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={2}><Typography.Text strong>{t('effect.total')}</Typography.Text></Table.Summary.Cell>
              {[e.totals.findings, e.totals.inCase, e.totals.pending, e.totals.confirmed, e.totals.dismissed, e.totals.dataQuality, pct(e.totals.precision), yuan(e.totals.amountFen),
                yuan(e.totals.recoveryDecidedFen), yuan(e.totals.recoveredFen), ''].map((v, i) => <Table.Summary.Cell key={i} index={i + 2} align="right">{v}</Table.Summary.Cell>)}
            </Table.Summary.Row>
          ) : null)}
        />
        {e && e.unattributed.cases > 0 ? (
          <Alert type="warning" showIcon message={t('effect.unattributed', { cases: e.unattributed.cases, decided: yuan(e.unattributed.recoveryDecidedFen), recovered: yuan(e.unattributed.recoveredFen) })} />
        ) : null}
        <Alert type="info" showIcon message={t('report.method')} description={t('effect.method')} />
      </Space>
    </div>
  );
}
