import { useMemo } from 'react';
import { ScatterChart } from 'echarts/charts';
import { EChart, echarts } from '../../../ui/EChart';
import { formatDistance, type NearestResult } from './api';

echarts.use([ScatterChart]);

/**
 * A small map of the origin and the providers found: a scatter on a plain background (no tiles:
 * the network is closed), longitude scaled by cos(latitude) so that distances look right.
 */
export function NearbyMap({ result, height = 260 }: { result: NearestResult; height?: number }) {
  const option = useMemo(() => {
    const k = Math.cos((result.origin.lat * Math.PI) / 180);
    const pts = [result.origin, ...result.providers];
    const xs = pts.map((p) => p.lng * k);
    const ys = pts.map((p) => p.lat);
    const pad = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys), 0.002) * 0.15;
    const span = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys)) / 2 + pad;
    const cx = (Math.max(...xs) + Math.min(...xs)) / 2;
    const cy = (Math.max(...ys) + Math.min(...ys)) / 2;
    return {
      grid: { left: 8, right: 8, top: 8, bottom: 8 },
      xAxis: { type: 'value', min: cx - span, max: cx + span, show: false },
      yAxis: { type: 'value', min: cy - span, max: cy + span, show: false },
      tooltip: { trigger: 'item', formatter: (p: { data: { name: string; d?: number } }) => (p.data.d === undefined ? p.data.name : `${p.data.name}<br/>${formatDistance(p.data.d)}`) },
      series: [
        {
          type: 'scatter', symbolSize: 10,
          data: result.providers.map((p, i) => ({ value: [p.lng * k, p.lat], name: `${i + 1}. ${p.name}`, d: p.distanceM })),
          label: { show: true, formatter: (p: { dataIndex: number }) => String(p.dataIndex + 1), position: 'right', fontSize: 10 },
        },
        { type: 'scatter', symbolSize: 14, itemStyle: { color: '#d9534f' }, data: [{ value: [result.origin.lng * k, result.origin.lat], name: result.origin.label || '●' }] },
      ],
    };
  }, [result]);
  return <div style={{ border: '1px solid #f0f0f0', borderRadius: 6, background: '#fafcff' }}><EChart option={option} height={height} testId="nearby-map" /></div>;
}
