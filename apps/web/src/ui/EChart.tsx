import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import {
  DatasetComponent,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';

// The common chart kinds; a module that needs more (maps, sankey) calls echarts.use() itself.
echarts.use([BarChart, LineChart, PieChart, DatasetComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent, CanvasRenderer]);

export { echarts };

/** Blue-first palette that reads well on white and in print. */
export const CHART_COLORS = ['#1b5fd1', '#2fa36b', '#f0a020', '#d9534f', '#7b61c4', '#13a8a8', '#8c8c8c', '#e0679d', '#4e7ab5', '#a0d911'];

export interface EChartProps {
  option: EChartsCoreOption;
  height?: number | string;
  /** Shown instead of the chart when there is nothing to draw. */
  empty?: React.ReactNode;
  loading?: boolean;
  testId?: string;
  onClick?: (params: { name: string; data: unknown; dataIndex: number; seriesIndex?: number }) => void;
}

/** One ECharts instance per element: created on mount, resized with its box, disposed on unmount. */
export function EChart({ option, height = 280, empty, loading = false, testId, onClick }: EChartProps) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;

  useEffect(() => {
    if (!el.current) return;
    const instance = echarts.init(el.current, undefined, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (p) => clickRef.current?.(p as never));
    const ro = new ResizeObserver(() => instance.resize());
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption({ color: CHART_COLORS, ...option }, { notMerge: true });
  }, [option]);

  useEffect(() => {
    if (loading) chart.current?.showLoading({ text: '' });
    else chart.current?.hideLoading();
  }, [loading]);

  return (
    <div style={{ position: 'relative', height }} data-testid={testId}>
      <div ref={el} style={{ position: 'absolute', inset: 0, visibility: empty ? 'hidden' : 'visible' }} />
      {empty ? <div style={{ position: 'absolute', inset: 0, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>{empty}</div> : null}
    </div>
  );
}
