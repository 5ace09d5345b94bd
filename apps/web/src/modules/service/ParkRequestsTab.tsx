import { Col, Row, Statistic, Tooltip, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { CHART_COLORS, EChart } from '../../ui/EChart';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { useTableQuery } from '../../ui/useTableQuery';
import { REQUEST_STATUSES, type ParkRequestFigures, type Rate } from './api';
import { RequestTable } from './RequestTable';

const pct = (r: Rate) => (r.value === null ? '—' : `${(r.value * 100).toFixed(1)}%`);

/**
 * The 诉求 tab of the park file (一园一档): its enterprises' requests counted by status (a bar per
 * status, click to filter the table), the three rates with their definitions, and the requests.
 */
export function ParkRequestsTab({ parkId }: { parkId: string }) {
  const { t } = useTranslation('service');
  const tq = useTableQuery({ prefix: 'pr', filterKeys: ['status'], defaultSort: { sort: 'submittedAt', order: 'desc' } });
  const figures = useQuery({
    queryKey: ['service', 'park-figures', parkId],
    queryFn: () => api.get<ParkRequestFigures>(`/api/service/parks/${encodeURIComponent(parkId)}/figures`),
  });
  const f = figures.data;
  const statuses = f ? REQUEST_STATUSES.filter((s) => f.byStatus[s] > 0) : [];
  return (
    <div data-testid="park-requests">
      {figures.error ? <ErrorAlert error={figures.error} /> : null}
      {f ? (
        <Row gutter={12} style={{ marginBottom: 12 }}>
          <Col xs={24} lg={9}>
            <Row gutter={[12, 12]}>
              <Col span={12}><Statistic title={t('park.total')} value={f.total} /></Col>
              {(['responseRate', 'resolutionRate', 'satisfactionRate'] as const).map((k) => (
                <Col span={12} key={k}>
                  <Tooltip title={t(`park.definition.${k}`)}>
                    <Statistic title={t(`metrics.${k}`)} value={pct(f[k])} suffix={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{f[k].numerator}/{f[k].denominator}</Typography.Text>} data-testid={`park-${k}`} />
                  </Tooltip>
                </Col>
              ))}
            </Row>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('metrics.asOf', { at: formatDateTime(f.asOf) })}</Typography.Text>
          </Col>
          <Col xs={24} lg={15}>
            <Typography.Text strong>{t('park.byStatus')}</Typography.Text>
            <EChart
              height={220}
              testId="park-status-chart"
              empty={f.total === 0 ? <Typography.Text type="secondary">{t('park.none')}</Typography.Text> : undefined}
              onClick={(p) => tq.setFilters({ status: statuses[p.dataIndex] })}
              option={{
                color: CHART_COLORS,
                tooltip: { trigger: 'axis' },
                grid: { left: 40, right: 12, top: 16, bottom: 40 },
                xAxis: { type: 'category', data: statuses.map((s) => t(`status.${s}`)), axisLabel: { interval: 0, rotate: statuses.length > 6 ? 30 : 0 } },
                yAxis: { type: 'value', minInterval: 1 },
                series: [{ type: 'bar', data: statuses.map((s) => f.byStatus[s]), barMaxWidth: 36 }],
              }}
            />
          </Col>
        </Row>
      ) : null}
      <RequestTable tableQuery={tq} extraQuery={{ parkId }} />
    </div>
  );
}
