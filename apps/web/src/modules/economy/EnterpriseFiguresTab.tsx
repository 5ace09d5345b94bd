import { useState } from 'react';
import { Button, Card, Col, Empty, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useMe } from '../../auth/session';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { DownloadButton } from '../../ui/DownloadButton';
import { CHART_COLORS, EChart } from '../../ui/EChart';
import { CorrectModal } from './CorrectModal';
import { HistoryModal } from './HistoryModal';
import { INDICATOR_KEYS, UNIT_OF, economyKeys, fmtNumber, type Basis, type EnterpriseFigures, type FigureRow } from './api';

/** 一企一档·经济指标: above-scale status with its reason, 亩均, the series, corrections and history. */
export function EnterpriseFiguresTab({ enterpriseId }: { enterpriseId: string }) {
  const { t } = useTranslation('economy');
  const { data: me } = useMe();
  const canWrite = !!me?.permissions.includes('economy.write');
  const [basis, setBasis] = useState<Basis>('cumulative');
  const [correcting, setCorrecting] = useState<FigureRow | null>(null);
  const [history, setHistory] = useState<FigureRow | null>(null);
  const q = useQuery({ queryKey: economyKeys.enterprise(enterpriseId), queryFn: () => api.get<EnterpriseFigures>(`/api/economy/enterprises/${enterpriseId}/figures`) });
  const f = q.data;
  if (q.error) return <ErrorAlert error={q.error} />;
  if (!f) return null;
  const rows = f.rows.filter((r) => r.basis === basis);
  const months = [...rows].filter((r) => !r.period.includes('Q')).reverse();
  const flags = [f.registry.highTech ? t('enterprise.highTech') : null, f.registry.listed ? t('enterprise.listed') : null, ...f.registry.tags].filter(Boolean).join('、');
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }} data-testid="economy-enterprise-tab">
      <Card size="small" title={t('enterprise.scale')}>
        {f.scale.length === 0 ? <Typography.Text type="secondary">{t('enterprise.none')}</Typography.Text> : f.scale.slice(0, 3).map((s) => (
          <div key={s.year} style={{ marginBottom: 4 }} data-testid={`economy-scale-${s.year}`}>
            <Tag color={s.aboveScale ? 'blue' : 'default'}>{t('enterprise.scaleYear', { year: s.year })} {s.aboveScale ? t('enterprise.aboveScale') : t('enterprise.notAboveScale')}</Tag>
            <Typography.Text type="secondary">{s.reason}</Typography.Text>
          </div>
        ))}
        {flags ? <Typography.Text type="secondary">{t('enterprise.registry', { flags })}</Typography.Text> : null}
      </Card>
      {f.rows.length === 0 ? <Empty description={t('enterprise.none')} /> : (
        <>
          <Row gutter={12}>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('enterprise.perMu')}>
                <Table
                  size="small" rowKey="year" pagination={false} dataSource={f.perMu} data-testid="economy-per-mu"
                  columns={[
                    { title: t('enterprise.perMuYear'), dataIndex: 'through' },
                    { title: t('enterprise.taxPerMu'), dataIndex: 'taxPerMuWan', align: 'right', render: (v: number | null) => fmtNumber(v) },
                    { title: t('enterprise.valueAddedPerMu'), dataIndex: 'valueAddedPerMuWan', align: 'right', render: (v: number | null) => fmtNumber(v) },
                    { title: t('enterprise.valueAddedPerTce'), dataIndex: 'valueAddedPerTceWan', align: 'right', render: (v: number | null) => fmtNumber(v) },
                    { title: t('enterprise.taxPerTce'), dataIndex: 'taxPerTceWan', align: 'right', render: (v: number | null) => fmtNumber(v) },
                  ]}
                />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('enterprise.trend')}>
                <EChart height={220} testId="economy-enterprise-trend" option={{
                  color: CHART_COLORS, tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 60, right: 20, top: 30, bottom: 30 },
                  xAxis: { type: 'category', data: months.map((r) => r.period) }, yAxis: { type: 'value' },
                  series: [
                    { name: t('indicator.revenue'), type: 'line', data: months.map((r) => r.values.revenue) },
                    { name: t('indicator.tax'), type: 'line', data: months.map((r) => r.values.tax) },
                  ],
                }} />
              </Card>
            </Col>
          </Row>
          <Card size="small" title={t('enterprise.series')} extra={
            <Space>
              <Select<Basis> size="small" value={basis} onChange={setBasis} style={{ width: 100 }} options={(['cumulative', 'current'] as const).map((b) => ({ value: b, label: t(`basis.${b}`) }))} data-testid="economy-basis" />
              <DownloadButton size="small" path="/api/economy/figures/export.xlsx" query={{ enterpriseId, basis }}>{t('enterprise.export')}</DownloadButton>
            </Space>
          }>
            <Table<FigureRow>
              size="small" rowKey={(r) => `${r.period}|${r.basis}`} dataSource={rows} pagination={{ pageSize: 12 }} scroll={{ x: 1200 }} data-testid="economy-series"
              columns={[
                { title: t('enterprise.period'), dataIndex: 'period', fixed: 'left', width: 90 },
                ...INDICATOR_KEYS.map((k) => ({
                  title: `${t(`indicator.${k}`)}（${t(`unit.${UNIT_OF[k]}`)}）`, key: k, align: 'right' as const,
                  render: (_: unknown, r: FigureRow) => fmtNumber(r.values[k]),
                })),
                {
                  title: '', key: 'actions', fixed: 'right', width: 170,
                  render: (_: unknown, r: FigureRow) => (
                    <Space size={4}>
                      {canWrite ? <Button size="small" type="link" onClick={() => setCorrecting(r)} data-testid={`economy-correct-${r.period}`}>{t('enterprise.correct')}</Button> : null}
                      <Button size="small" type="link" onClick={() => setHistory(r)}>{r.corrections ? t('enterprise.corrections', { count: r.corrections }) : t('enterprise.history')}</Button>
                    </Space>
                  ),
                },
              ]}
            />
          </Card>
        </>
      )}
      {correcting ? <CorrectModal enterpriseId={enterpriseId} row={correcting} onClose={() => setCorrecting(null)} /> : null}
      {history ? <HistoryModal enterpriseId={enterpriseId} row={history} onClose={() => setHistory(null)} /> : null}
    </Space>
  );
}
