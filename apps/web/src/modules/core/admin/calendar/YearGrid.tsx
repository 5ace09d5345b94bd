import { Col, Flex, Row, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CalendarDayInput } from '@zhizhi/contracts';

/** Colours of the year view (also the legend). */
export const DAY_STYLE = {
  holiday: { background: '#fde8e8', color: '#c0392b', border: '1px solid #f5b7b1' },
  makeup_workday: { background: '#fff4e0', color: '#b35c00', border: '1px solid #f8c471' },
  weekend: { background: 'transparent', color: '#999', border: '1px solid transparent' },
  workday: { background: 'transparent', color: 'inherit', border: '1px solid transparent' },
} as const;

const pad = (n: number) => String(n).padStart(2, '0');

/** A year as twelve month grids (Monday first), holidays and 调休 days coloured. */
export function YearGrid({ year, days, today }: { year: number; days: readonly CalendarDayInput[]; today: string }) {
  const byDate = new Map(days.map((d) => [d.date, d]));
  return (
    <Row gutter={[16, 16]} data-testid="calendar-year-grid">
      {Array.from({ length: 12 }, (_, m) => (
        <Col key={m} xs={24} sm={12} lg={8} xxl={6}>
          <MonthGrid year={year} month={m} byDate={byDate} today={today} />
        </Col>
      ))}
    </Row>
  );
}

function MonthGrid({ year, month, byDate, today }: { year: number; month: number; byDate: Map<string, CalendarDayInput>; today: string }) {
  const { t } = useTranslation('core');
  const first = new Date(Date.UTC(year, month, 1));
  const daysInMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const lead = (first.getUTCDay() + 6) % 7; // Monday first
  const cells: (number | null)[] = [...Array<null>(lead).fill(null), ...Array.from({ length: daysInMonth }, (_, i) => i + 1)];
  while (cells.length % 7) cells.push(null);
  const weekdays = t('calendar.weekdays').split(',');

  return (
    <div className="zz-card" style={{ padding: 12 }} data-testid={`calendar-month-${month + 1}`}>
      <Typography.Text strong>{t('calendar.monthTitle', { year, month: month + 1 })}</Typography.Text>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)', gap: 2, marginTop: 8, textAlign: 'center', fontSize: 12 }}>
        {weekdays.map((w, i) => (
          <div key={w} style={{ color: i >= 5 ? '#999' : '#666', paddingBottom: 2 }}>
            {w}
          </div>
        ))}
        {cells.map((d, i) => {
          if (d === null) return <div key={`e${i}`} />;
          const date = `${year}-${pad(month + 1)}-${pad(d)}`;
          const special = byDate.get(date);
          const weekend = i % 7 >= 5;
          const kind = special?.kind ?? (weekend ? 'weekend' : 'workday');
          const style = DAY_STYLE[kind];
          const cell = (
            <div
              data-testid={`calendar-day-${date}`}
              data-kind={kind}
              style={{
                ...style,
                borderRadius: 4,
                padding: '2px 0',
                lineHeight: '16px',
                outline: date === today ? '2px solid #1b5fd1' : undefined,
                position: 'relative',
              }}
            >
              <div>{d}</div>
              <div style={{ fontSize: 10, minHeight: 12 }}>
                {special ? (special.kind === 'holiday' ? t('calendar.mark.holiday') : t('calendar.mark.makeup')) : ''}
              </div>
            </div>
          );
          return special ? (
            <Tooltip key={date} title={`${date} ${special.kind === 'holiday' ? t('calendar.kind.holiday') : t('calendar.kind.makeup_workday')}${special.name ? ` · ${special.name}` : ''}`}>
              {cell}
            </Tooltip>
          ) : (
            <div key={date}>{cell}</div>
          );
        })}
      </div>
    </div>
  );
}

export function CalendarLegend() {
  const { t } = useTranslation('core');
  const item = (kind: keyof typeof DAY_STYLE, label: string, mark?: string) => (
    <Flex align="center" gap={6} key={kind}>
      <span style={{ ...DAY_STYLE[kind], display: 'inline-block', width: 22, height: 18, borderRadius: 4, fontSize: 10, textAlign: 'center', lineHeight: '16px' }}>{mark ?? ''}</span>
      <span>{label}</span>
    </Flex>
  );
  return (
    <Flex gap={16} wrap data-testid="calendar-legend" style={{ fontSize: 13 }}>
      {item('holiday', t('calendar.legend.holiday'), t('calendar.mark.holiday'))}
      {item('makeup_workday', t('calendar.legend.makeup'), t('calendar.mark.makeup'))}
      {item('weekend', t('calendar.legend.weekend'), '6')}
      {item('workday', t('calendar.legend.workday'), '1')}
    </Flex>
  );
}
