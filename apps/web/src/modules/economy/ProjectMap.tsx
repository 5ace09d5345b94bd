import { useMemo } from 'react';
import { Card, Col, Empty, List, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ScatterChart } from 'echarts/charts';
import { CHART_COLORS, EChart, echarts } from '../../ui/EChart';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageLoading } from '../../ui/PageLoading';
import { fmtNumber } from './api';
import { useProjectMap, type ProjectMap as MapData } from './chains-api';

echarts.use([ScatterChart]);

/** Plot area width ÷ height the bounds are fitted to (the chart is ~1.9 wide for 1 high). */
const ASPECT = 1.9;

/**
 * Bounds around the points with a margin, widened so that a kilometre is as long east–west as
 * north–south (at latitude φ a degree of longitude is cos φ of a degree of latitude).
 */
function boundsOf(points: { lat: number; lng: number }[]) {
  const lats = points.map((p) => p.lat);
  const lngs = points.map((p) => p.lng);
  let [minLat, maxLat, minLng, maxLng] = [Math.min(...lats), Math.max(...lats), Math.min(...lngs), Math.max(...lngs)];
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const padLat = Math.max((maxLat - minLat) * 0.12, 0.005);
  const padLng = Math.max((maxLng - minLng) * 0.12, 0.005);
  [minLat, maxLat, minLng, maxLng] = [minLat - padLat, maxLat + padLat, minLng - padLng, maxLng + padLng];
  const h = maxLat - minLat;
  const w = (maxLng - minLng) * k;
  if (w / h < ASPECT) {
    const extra = (h * ASPECT - w) / k / 2;
    minLng -= extra; maxLng += extra;
  } else {
    const extra = (w / ASPECT - h) / 2;
    minLat -= extra; maxLat += extra;
  }
  return { minLat, maxLat, minLng, maxLng };
}

type Point = { value: [number, number, number]; id: string; name: string; investor: string; stageName: string; streetName: string };

type Bounds = ReturnType<typeof boundsOf>;
/**
 * The grid's margins in pixels, room enough for the axis labels and names (the journey test finds a
 * project's point from them and the bounds, so the chart must not shrink its grid on its own:
 * outerBoundsMode 'none').
 */
const GRID = { left: 56, right: 48, top: 40, bottom: 40 };

function mapOption(d: MapData, b: Bounds, t: (k: string, o?: Record<string, unknown>) => string) {
  const maxWan = Math.max(1, ...d.projects.map((p) => p.totalInvestmentWan));
  const size = (wan: number) => 9 + 19 * Math.sqrt(wan / maxWan);
  return {
    color: CHART_COLORS,
    legend: { top: 0, data: d.stages.map((s) => s.name) },
    grid: { ...GRID, outerBoundsMode: 'none' },
    tooltip: {
      trigger: 'item',
      formatter: (p: { seriesName: string; data: Point | { name: string; enterprises: number } }) => ('id' in p.data
        ? `<b>${p.data.name}</b><br/>${p.data.investor}<br/>${p.data.stageName} · ${p.data.streetName}<br/>${t('map.investment', { value: fmtNumber(p.data.value[2] / 10_000, 2) })}`
        : `${p.data.name}<br/>${t('map.streetCentre', { count: p.data.enterprises })}`),
    },
    xAxis: { type: 'value', name: t('map.lng'), min: b.minLng, max: b.maxLng, axisLabel: { formatter: (v: number) => v.toFixed(2), showMinLabel: false, showMaxLabel: false }, splitLine: { lineStyle: { type: 'dashed' } } },
    yAxis: { type: 'value', name: t('map.lat'), min: b.minLat, max: b.maxLat, axisLabel: { formatter: (v: number) => v.toFixed(2), showMinLabel: false, showMaxLabel: false }, splitLine: { lineStyle: { type: 'dashed' } } },
    series: [
      ...d.stages.map((s, i) => ({
        name: s.name, type: 'scatter', color: CHART_COLORS[i % CHART_COLORS.length],
        itemStyle: { opacity: 0.85, borderColor: '#fff', borderWidth: 1 },
        symbolSize: (v: [number, number, number]) => size(v[2]),
        data: d.projects.filter((p) => p.stage === s.code).map((p): Point => ({
          value: [p.location!.lng, p.location!.lat, p.totalInvestmentWan], id: p.id, name: p.name, investor: p.investor, stageName: p.stageName, streetName: p.streetName,
        })),
      })),
      {
        name: t('map.streets'), type: 'scatter', symbol: 'diamond', symbolSize: 9, itemStyle: { color: '#8c8c8c' }, z: 3,
        label: { show: true, position: 'right', distance: 14, color: '#434343', fontWeight: 'bold', textBorderColor: '#fff', textBorderWidth: 3, formatter: '{b}' },
        data: d.streets.map((s) => ({ value: [s.lng, s.lat], name: s.name, enterprises: s.enterprises })),
      },
    ],
  };
}

/**
 * 项目地图: the investment projects where they are, coloured by stage, sized by investment, on the
 * streets' centres — drawn on coordinates alone (no tile server: the platform runs on government
 * intranets). A click on a project opens it; projects without a location are listed beside.
 */
export function ProjectMap() {
  const { t } = useTranslation('economy');
  const navigate = useNavigate();
  const q = useProjectMap();
  const d = q.data;
  const bounds = useMemo(() => (d && (d.projects.length || d.streets.length) ? boundsOf([...d.projects.map((p) => p.location!), ...d.streets]) : null), [d]);
  const option = useMemo(() => (d && bounds ? mapOption(d, bounds, (k, o) => t(`projects.${k}`, o)) : null), [d, bounds, t]);
  if (q.error) return <ErrorAlert error={q.error} onRetry={() => q.refetch()} />;
  if (!d) return <PageLoading />;
  return (
    <Row gutter={12}>
      <Col xs={24} lg={18} data-testid="project-map-area" data-bounds={bounds ? JSON.stringify({ ...bounds, ...GRID }) : undefined}>
        <EChart
          option={option ?? {}} height={460} testId="project-map" empty={option ? undefined : <Empty description={t('projects.map.none')} />}
          onClick={(p) => { const id = (p.data as { id?: string } | undefined)?.id; if (id) navigate(`/economy/projects/${id}`); }}
        />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('projects.map.help')}</Typography.Text>
      </Col>
      <Col xs={24} lg={6}>
        <Card size="small" title={t('projects.map.unlocated', { count: d.unlocated.length })} data-testid="project-map-unlocated">
          <List size="small" dataSource={d.unlocated} locale={{ emptyText: t('projects.map.allLocated') }}
            renderItem={(u) => (
              <List.Item><div><Link to={`/economy/projects/${u.id}`}>{u.name}</Link><div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{u.stageName} · {u.streetName}</Typography.Text></div></div></List.Item>
            )} />
        </Card>
      </Col>
    </Row>
  );
}
