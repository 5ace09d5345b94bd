import { useState } from 'react';
import { Alert, App, Button, Descriptions, Empty, Flex, Popconfirm, Segmented, Spin, Tag, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CalendarImportResult } from '@zhizhi/contracts';
import { useCan } from '../../../../auth/session';
import { DownloadButton } from '../../../../ui/DownloadButton';
import { ErrorAlert } from '../../../../ui/ErrorAlert';
import { formatDateTime } from '../../../../ui/format';
import { PageHeader } from '../../../../ui/PageHeader';
import { CalendarEditor } from './CalendarEditor';
import { CalendarImportButton } from './CalendarImportButton';
import { calendarKeys, deleteCalendarYear, useCalendarOverview, useCalendarYear } from './calendarApi';
import { CalendarLegend, YearGrid } from './YearGrid';

/** Today in Beijing time, 'YYYY-MM-DD' (the calendar's day). */
const beijingToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/**
 * 工作日历: public holidays and 调休 working days by year. Everyone signed in may look; an
 * administrator (reference.manage) enters next year's arrangement the day the State Council
 * notice is published, by hand or from a file.
 */
export function CalendarPage() {
  const { t } = useTranslation('core');
  const { message } = App.useApp();
  const can = useCan();
  const canManage = can('reference.manage');
  const qc = useQueryClient();
  const overview = useCalendarOverview();
  const [picked, setPicked] = useState<number | null>(null);
  const current = overview.data?.currentYear ?? Number(beijingToday().slice(0, 4));
  const year = picked ?? current;
  const view = useCalendarYear(overview.data ? year : null);
  const [editing, setEditing] = useState<{ year: number; imported?: CalendarImportResult | null } | null>(null);
  const nextYear = current + 1;
  const selectable = overview.data ? range(overview.data.editable.from, overview.data.editable.to) : [current, nextYear];

  const remove = useMutation({
    mutationFn: () => deleteCalendarYear(year),
    onSuccess: (v) => {
      qc.setQueryData(calendarKeys.year(year), v);
      void qc.invalidateQueries({ queryKey: calendarKeys.all });
      message.success(t('calendar.deleted', { year }));
    },
    onError: (e) => message.error((e as Error).message),
  });

  const v = view.data;
  const covered = v?.source != null;

  return (
    <>
      <PageHeader
        title={t('calendar.title')}
        extra={
          <>
            <Segmented<number>
              value={year}
              onChange={(y) => setPicked(y)}
              options={selectable.map((y) => ({ value: y, label: t('calendar.yearLabel', { year: y }) }))}
              data-testid="calendar-year-select"
            />
            {canManage ? (
              <>
                <DownloadButton path="/api/reference/calendar/import-template.xlsx" fileName="节假日安排导入模板.xlsx" testId="calendar-template">
                  {t('import.template')}
                </DownloadButton>
                <CalendarImportButton year={year} onResult={(r) => setEditing({ year, imported: r })} />
                <Button type="primary" onClick={() => setEditing({ year })} disabled={!v} data-testid="calendar-edit">
                  {covered ? t('calendar.edit') : t('calendar.enter')}
                </Button>
              </>
            ) : null}
          </>
        }
      />
      <Flex vertical gap={16}>
        {overview.error ? <ErrorAlert error={overview.error} onRetry={() => void overview.refetch()} /> : null}
        {overview.data && !overview.data.nextYearCovered ? (
          <Alert
            type="warning"
            showIcon
            data-testid="calendar-next-year-missing"
            title={t('calendar.nextYearMissing', { year: nextYear })}
            description={t('calendar.nextYearMissingHint')}
            action={
              canManage ? (
                <Button
                  size="small"
                  type="primary"
                  onClick={() => {
                    setPicked(nextYear);
                    setEditing({ year: nextYear });
                  }}
                  data-testid="calendar-enter-next-year"
                >
                  {t('calendar.enterYear', { year: nextYear })}
                </Button>
              ) : undefined
            }
          />
        ) : null}

        <div className="zz-card" data-testid="calendar-year-info">
          {view.error ? <ErrorAlert error={view.error} onRetry={() => void view.refetch()} /> : null}
          {!v ? (
            <Spin />
          ) : (
            <Flex justify="space-between" align="flex-start" gap={12} wrap>
              <Descriptions size="small" column={{ xs: 1, md: 2 }} style={{ flex: 1, minWidth: 320 }}>
                <Descriptions.Item label={t('calendar.field.source')}>
                  <span data-testid="calendar-source">
                    {v.source === 'entered' ? (
                      <Tag color="blue">{t('calendar.source.entered')}</Tag>
                    ) : v.source === 'package' ? (
                      <Tag>{t('calendar.source.package')}</Tag>
                    ) : (
                      <Tag color="red">{t('calendar.source.none')}</Tag>
                    )}
                    {v.source === 'entered' && v.packageAlsoCovers ? <Typography.Text type="secondary">{t('calendar.replacesPackage')}</Typography.Text> : null}
                  </span>
                </Descriptions.Item>
                {v.source === 'entered' ? (
                  <>
                    <Descriptions.Item label={t('calendar.field.noticeNumber')}>
                      <span data-testid="calendar-notice">{v.noticeNumber}</span>
                    </Descriptions.Item>
                    {v.noticeTitle ? (
                      <Descriptions.Item label={t('calendar.field.noticeTitle')}>
                        {v.noticeUrl ? (
                          <a href={v.noticeUrl} target="_blank" rel="noreferrer noopener">
                            {v.noticeTitle}
                          </a>
                        ) : (
                          v.noticeTitle
                        )}
                      </Descriptions.Item>
                    ) : null}
                    <Descriptions.Item label={t('calendar.field.enteredBy')}>
                      {v.enteredBy} · {v.enteredAt ? formatDateTime(v.enteredAt) : ''}
                    </Descriptions.Item>
                  </>
                ) : null}
                <Descriptions.Item label={t('calendar.field.counts')}>
                  {t('calendar.counts', {
                    holidays: v.days.filter((d) => d.kind === 'holiday').length,
                    makeup: v.days.filter((d) => d.kind === 'makeup_workday').length,
                  })}
                </Descriptions.Item>
              </Descriptions>
              {canManage && v.source === 'entered' ? (
                <Popconfirm
                  title={t(v.packageAlsoCovers ? 'calendar.deleteConfirmPackage' : 'calendar.deleteConfirmNone', { year })}
                  onConfirm={() => remove.mutateAsync()}
                  okButtonProps={{ danger: true, ...({ 'data-testid': 'calendar-delete-confirm' } as object) }}
                >
                  <Button danger data-testid="calendar-delete">
                    {t('calendar.delete')}
                  </Button>
                </Popconfirm>
              ) : null}
            </Flex>
          )}
        </div>

        {v && covered ? (
          <>
            <CalendarLegend />
            <YearGrid year={year} days={v.days} today={beijingToday()} />
          </>
        ) : v ? (
          <div className="zz-card">
            <Empty description={t('calendar.notCovered', { year })} data-testid="calendar-not-covered">
              {canManage ? (
                <Button type="primary" onClick={() => setEditing({ year })}>
                  {t('calendar.enterYear', { year })}
                </Button>
              ) : null}
            </Empty>
          </div>
        ) : null}
      </Flex>
      {editing ? (
        <CalendarEditor
          key={`${editing.year}-${editing.imported?.fileName ?? ''}`}
          year={editing.year}
          view={editing.year === year ? v : undefined}
          imported={editing.imported}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </>
  );
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
