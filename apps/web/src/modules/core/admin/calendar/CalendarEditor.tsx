import { useMemo, useState } from 'react';
import { Alert, App, Button, DatePicker, Drawer, Flex, Form, Input, Select, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { checkCalendarYear, type CalendarDayKind, type CalendarImportResult, type CalendarYearView } from '@zhizhi/contracts';
import { isApiError } from '../../../../api/client';
import { DownloadButton } from '../../../../ui/DownloadButton';
import { ErrorAlert } from '../../../../ui/ErrorAlert';
import { PlusIcon } from '../../../../ui/icons';
import { useLeaveGuard } from '../../../../ui/useLeaveGuard';
import { CalendarImportButton } from './CalendarImportButton';
import { calendarKeys, saveCalendarYear } from './calendarApi';

interface RowState {
  key: number;
  date: string;
  kind: CalendarDayKind;
  name: string;
}

let nextKey = 1;
const toRows = (days: readonly { date: string; kind: CalendarDayKind; name: string }[]): RowState[] => days.map((d) => ({ key: nextKey++, ...d }));

export interface CalendarEditorProps {
  year: number;
  /** The year as shown (its days are the starting point; a package year is copied to be corrected). */
  view: CalendarYearView | undefined;
  /** Days read from a file (replace the starting days). */
  imported?: CalendarImportResult | null;
  onClose: () => void;
}

/** Enter or correct a year's arrangement from the State Council notice: notice, then the days. */
export function CalendarEditor({ year, view, imported, onClose }: CalendarEditorProps) {
  const { t } = useTranslation('core');
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [noticeNumber, setNoticeNumber] = useState(view?.source === 'entered' ? (view.noticeNumber ?? '') : '');
  const [noticeTitle, setNoticeTitle] = useState(view?.source === 'entered' ? (view.noticeTitle ?? '') : t('calendar.editor.defaultTitle', { year }));
  const [noticeUrl, setNoticeUrl] = useState(view?.source === 'entered' ? (view.noticeUrl ?? '') : '');
  const [rows, setRows] = useState<RowState[]>(() => toRows(imported && imported.errorCount === 0 ? imported.days : (view?.days ?? [])));
  const [importResult, setImportResult] = useState<CalendarImportResult | null>(imported ?? null);
  const [importedFrom, setImportedFrom] = useState<string | undefined>(imported && imported.errorCount === 0 ? imported.fileName : undefined);
  const [range, setRange] = useState<{ from: Dayjs | null; to: Dayjs | null; name: string }>({ from: null, to: null, name: '' });
  const [dirty, setDirty] = useState(!!imported && imported.errorCount === 0);
  const { release } = useLeaveGuard(dirty);

  const issues = useMemo(() => checkCalendarYear(year, rows), [year, rows]);
  const issueAt = (index: number, field: string) => issues.find((i) => i.index === index && i.field === field)?.message;
  const yearIssue = issues.find((i) => i.index === null)?.message;
  const noticeMissing = !noticeNumber.trim();

  const save = useMutation({
    mutationFn: () =>
      saveCalendarYear(year, {
        noticeNumber: noticeNumber.trim(),
        noticeTitle: noticeTitle.trim(),
        noticeUrl: noticeUrl.trim(),
        days: [...rows].sort((a, b) => a.date.localeCompare(b.date)).map(({ date, kind, name }) => ({ date, kind, name: name.trim() })),
        ...(importedFrom ? { importedFrom } : {}),
      }),
    onSuccess: (v) => {
      qc.setQueryData(calendarKeys.year(year), v);
      void qc.invalidateQueries({ queryKey: calendarKeys.all });
      message.success(t('calendar.editor.saved', { year }));
      release();
      onClose();
    },
  });

  const change = (key: number, patch: Partial<RowState>) => {
    setDirty(true);
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  };
  const addRow = () => {
    setDirty(true);
    setRows((rs) => [...rs, { key: nextKey++, date: '', kind: 'holiday', name: rs.at(-1)?.name ?? '' }]);
  };
  const addRange = () => {
    if (!range.from || !range.to) return;
    const have = new Set(rows.map((r) => r.date));
    const added: RowState[] = [];
    for (let d = range.from; !d.isAfter(range.to, 'day'); d = d.add(1, 'day')) {
      const date = d.format('YYYY-MM-DD');
      if (!have.has(date)) added.push({ key: nextKey++, date, kind: 'holiday', name: range.name.trim() });
    }
    setDirty(true);
    setRows((rs) => [...rs, ...added].sort((a, b) => (a.date || '9').localeCompare(b.date || '9')));
    setRange({ from: null, to: null, name: range.name });
  };
  const onImported = (r: CalendarImportResult) => {
    setImportResult(r);
    if (r.errorCount === 0) {
      setRows(toRows(r.days));
      setImportedFrom(r.fileName);
      setDirty(true);
      message.success(t('calendar.editor.importRead', { count: r.days.length }));
    }
  };
  const serverFields = isApiError(save.error) ? save.error.fields : {};
  const inYear = (d: Dayjs) => d.year() !== year;

  return (
    <Drawer
      open
      width={920}
      title={t('calendar.editor.title', { year })}
      onClose={onClose}
      destroyOnHidden
      data-testid="calendar-editor"
      extra={
        <Flex gap={8}>
          <CalendarImportButton year={year} onResult={onImported} testId="calendar-editor-import" />
          <Button onClick={onClose}>{t('common:action.cancel')}</Button>
          <Button
            type="primary"
            onClick={() => save.mutate()}
            loading={save.isPending}
            disabled={issues.length > 0 || noticeMissing}
            data-testid="calendar-save"
          >
            {t('common:action.save')}
          </Button>
        </Flex>
      }
    >
      <Flex vertical gap={16}>
        <Alert type="info" showIcon title={t('calendar.editor.hint')} />
        {save.error ? <ErrorAlert error={save.error} showFields /> : null}
        {importResult && importResult.errorCount > 0 ? (
          <Alert
            type="warning"
            showIcon
            data-testid="calendar-import-errors"
            title={t('calendar.editor.importErrors', { file: importResult.fileName, count: importResult.errorCount })}
            description={
              <Table
                size="small"
                rowKey={(e) => `${e.line}-${e.column}-${e.message}`}
                dataSource={importResult.errors}
                pagination={false}
                data-testid="calendar-import-error-table"
                columns={[
                  { title: t('import.line'), dataIndex: 'line', width: 70 },
                  { title: t('import.column'), dataIndex: 'column', width: 100 },
                  { title: t('import.reason'), dataIndex: 'message' },
                ]}
              />
            }
            action={
              importResult.batchId ? (
                <DownloadButton path={`/api/imports/${importResult.batchId}/errors.xlsx`} fileName="错误报告.xlsx" size="small" testId="calendar-import-error-report">
                  {t('import.errorReport')}
                </DownloadButton>
              ) : undefined
            }
          />
        ) : null}

        <Form layout="vertical" component="div">
          <Flex gap={12} wrap>
            <Form.Item
              label={t('calendar.field.noticeNumber')}
              required
              style={{ flex: '1 1 260px', marginBottom: 8 }}
              validateStatus={noticeMissing || serverFields.noticeNumber ? 'error' : undefined}
              help={noticeMissing ? t('calendar.editor.noticeRequired') : serverFields.noticeNumber}
            >
              <Input value={noticeNumber} onChange={(e) => { setDirty(true); setNoticeNumber(e.target.value); }} placeholder={t('calendar.editor.noticePlaceholder', { year: year - 1 })} data-testid="calendar-notice-number" />
            </Form.Item>
            <Form.Item label={t('calendar.field.noticeTitle')} style={{ flex: '2 1 360px', marginBottom: 8 }}>
              <Input value={noticeTitle} onChange={(e) => { setDirty(true); setNoticeTitle(e.target.value); }} data-testid="calendar-notice-title" />
            </Form.Item>
            <Form.Item
              label={t('calendar.field.noticeUrl')}
              style={{ flex: '1 1 100%', marginBottom: 8 }}
              validateStatus={serverFields.noticeUrl ? 'error' : undefined}
              help={serverFields.noticeUrl}
            >
              <Input value={noticeUrl} onChange={(e) => { setDirty(true); setNoticeUrl(e.target.value); }} placeholder="https://www.gov.cn/…" data-testid="calendar-notice-url" />
            </Form.Item>
          </Flex>
        </Form>

        <Flex gap={8} align="center" wrap>
          <Typography.Text>{t('calendar.editor.addRange')}</Typography.Text>
          <DatePicker.RangePicker
            value={[range.from, range.to]}
            onChange={(v) => setRange({ ...range, from: v?.[0] ?? null, to: v?.[1] ?? null })}
            disabledDate={inYear}
            defaultPickerValue={[dayjs(`${year}-01-01`), dayjs(`${year}-02-01`)]}
            data-testid="calendar-range"
          />
          <Input style={{ width: 140 }} placeholder={t('calendar.field.name')} value={range.name} onChange={(e) => setRange({ ...range, name: e.target.value })} data-testid="calendar-range-name" />
          <Button onClick={addRange} disabled={!range.from || !range.to} data-testid="calendar-range-add">
            {t('calendar.editor.addRangeButton')}
          </Button>
        </Flex>

        {yearIssue ? <Alert type="warning" showIcon title={yearIssue} data-testid="calendar-year-issue" /> : null}

        <Table<RowState>
          size="small"
          rowKey="key"
          dataSource={rows}
          pagination={false}
          data-testid="calendar-day-table"
          locale={{ emptyText: t('calendar.editor.empty') }}
          columns={[
            {
              title: t('calendar.field.date'),
              width: 220,
              render: (_, r, i) => {
                const msg = issueAt(i, 'date') ?? serverFields[`days.${i}.date`];
                return (
                  <div>
                    <DatePicker
                      value={r.date && dayjs(r.date, 'YYYY-MM-DD', true).isValid() ? dayjs(r.date) : null}
                      onChange={(d) => change(r.key, { date: d ? d.format('YYYY-MM-DD') : '' })}
                      disabledDate={inYear}
                      defaultPickerValue={dayjs(`${year}-01-01`)}
                      status={msg ? 'error' : undefined}
                      data-testid={`calendar-row-date-${i}`}
                    />
                    {msg ? <Typography.Text type="danger" style={{ display: 'block', fontSize: 12 }}>{msg}</Typography.Text> : null}
                  </div>
                );
              },
            },
            {
              title: t('calendar.field.kind'),
              width: 230,
              render: (_, r, i) => {
                const msg = issueAt(i, 'kind') ?? serverFields[`days.${i}.kind`];
                return (
                  <div>
                    <Select<CalendarDayKind>
                      value={r.kind}
                      style={{ width: 130 }}
                      onChange={(kind) => change(r.key, { kind })}
                      status={msg ? 'error' : undefined}
                      data-testid={`calendar-row-kind-${i}`}
                      options={[
                        { value: 'holiday', label: t('calendar.kind.holiday') },
                        { value: 'makeup_workday', label: t('calendar.kind.makeup_workday') },
                      ]}
                    />
                    {msg ? <Typography.Text type="danger" style={{ display: 'block', fontSize: 12 }}>{msg}</Typography.Text> : null}
                  </div>
                );
              },
            },
            {
              title: t('calendar.field.name'),
              render: (_, r, i) => {
                const msg = issueAt(i, 'name') ?? serverFields[`days.${i}.name`];
                return (
                  <div>
                    <Input
                      value={r.name}
                      maxLength={20}
                      onChange={(e) => change(r.key, { name: e.target.value })}
                      placeholder={r.kind === 'holiday' ? t('calendar.editor.namePlaceholder') : t('calendar.editor.makeupNamePlaceholder')}
                      status={msg ? 'error' : undefined}
                      data-testid={`calendar-row-name-${i}`}
                    />
                    {msg ? <Typography.Text type="danger" style={{ display: 'block', fontSize: 12 }}>{msg}</Typography.Text> : null}
                  </div>
                );
              },
            },
            {
              title: t('common:table.actions'),
              width: 80,
              render: (_, r, i) => (
                <Button type="link" danger size="small" onClick={() => { setDirty(true); setRows((rs) => rs.filter((x) => x.key !== r.key)); }} data-testid={`calendar-row-remove-${i}`}>
                  {t('common:action.delete')}
                </Button>
              ),
            },
          ]}
        />
        <Button icon={<PlusIcon />} onClick={addRow} data-testid="calendar-row-add" style={{ alignSelf: 'flex-start' }}>
          {t('calendar.editor.addRow')}
        </Button>
        <Typography.Text type="secondary">{t('calendar.editor.summary', { holidays: rows.filter((r) => r.kind === 'holiday').length, makeup: rows.filter((r) => r.kind === 'makeup_workday').length })}</Typography.Text>
      </Flex>
    </Drawer>
  );
}
