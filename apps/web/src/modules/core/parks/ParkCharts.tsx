import { useMemo } from 'react';
import { Empty } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ParkFile, SizeClass } from '../../../api/types';
import { EChart } from '../../../ui/EChart';

const SIZE_ORDER: (SizeClass | 'unknown')[] = ['large', 'medium', 'small', 'micro', 'unknown'];

/** 规模结构: a ring of large / medium / small / micro; a click filters the table below. */
export function SizeClassChart({ data, onPick }: { data: ParkFile['bySizeClass']; onPick?: (s: SizeClass | 'unknown') => void }) {
  const { t } = useTranslation('core');
  const series = SIZE_ORDER.map((s) => ({ id: s, name: t(`common:enum.sizeClass.${s}`), value: data[s] ?? 0 })).filter((d) => d.value > 0);
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
      legend: { bottom: 0, icon: 'circle', itemWidth: 8, itemHeight: 8 },
      series: [
        {
          type: 'pie',
          radius: ['45%', '70%'],
          center: ['50%', '45%'],
          avoidLabelOverlap: true,
          label: { formatter: '{b}\n{c}' },
          data: series,
        },
      ],
    }),
    [series],
  );
  return (
    <EChart
      option={option}
      height={280}
      testId="chart-size"
      empty={series.length ? undefined : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
      onClick={(p) => onPick?.((p.data as { id?: SizeClass | 'unknown' } | undefined)?.id ?? 'unknown')}
    />
  );
}

/** 行业分布: the ten largest industries as horizontal bars; a click filters the table below. */
export function IndustryChart({ data, onPick }: { data: ParkFile['byIndustry']; onPick?: (code: string) => void }) {
  const top = useMemo(() => [...data].sort((a, b) => b.count - a.count).slice(0, 10).reverse(), [data]);
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 32, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: {
        type: 'category',
        data: top.map((d) => d.name),
        axisLabel: { width: 150, overflow: 'truncate' },
      },
      series: [{ type: 'bar', data: top.map((d) => d.count), barMaxWidth: 18, label: { show: true, position: 'right' } }],
    }),
    [top],
  );
  return (
    <EChart
      option={option}
      height={280}
      testId="chart-industry"
      empty={top.length ? undefined : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
      onClick={(p) => {
        const hit = top[p.dataIndex];
        if (hit) onPick?.(hit.code);
      }}
    />
  );
}
