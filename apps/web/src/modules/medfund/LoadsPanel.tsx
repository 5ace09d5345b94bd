import { useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Drawer, Flex, Form, Progress, Row, Select, Table, Tag, Typography, Upload, message } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { DownloadButton } from '../../ui/DownloadButton';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { UploadIcon } from '../../ui/icons';
import { formatDateTime } from '../../ui/format';
import type { ClaimsTable, LoadDetail, LoadStatus, LoadView, Mapping } from './api';

const STATUS_COLOR: Record<LoadStatus, string> = { queued: 'default', running: 'processing', succeeded: 'success', failed: 'error', duplicate: 'warning' };
const ACCEPT = '.csv,.xlsx,.parquet,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function useClaimsTables() {
  return useQuery({ queryKey: ['medfund', 'tables'], queryFn: () => api.get<ClaimsTable[]>('/api/medfund/tables'), staleTime: 10 * 60_000 });
}

export function LoadsPanel({ canLoad, canReveal }: { canLoad: boolean; canReveal: boolean }) {
  const { t, i18n } = useTranslation('medfund');
  const qc = useQueryClient();
  const zh = i18n.language !== 'en-US';
  const tables = useClaimsTables();
  const [page, setPage] = useState(1);
  const [filterTable, setFilterTable] = useState<string | undefined>();
  const [table, setTable] = useState<string>('fee_list_d');
  const [mappingId, setMappingId] = useState<number | undefined>();
  const [uploadError, setUploadError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [openId, setOpenId] = useState<number | null>(null);

  const loads = useQuery({
    queryKey: ['medfund', 'loads', page, filterTable],
    queryFn: () => api.get<{ items: LoadView[]; total: number }>('/api/medfund/loads', { page, pageSize: 20, table: filterTable }),
    // follow the running loads
    refetchInterval: (q) => (q.state.data?.items.some((l) => l.status === 'queued' || l.status === 'running') ? 1500 : false),
  });
  const mappings = useQuery({ queryKey: ['medfund', 'mappings', table], queryFn: () => api.get<Mapping[]>('/api/medfund/mappings', { table }) });
  const tableName = useMemo(() => new Map((tables.data ?? []).map((x) => [x.name, zh ? x.zh : x.en])), [tables.data, zh]);

  return (
    <Flex vertical gap={16}>
      {canLoad ? (
        <Card title={t('loads.upload.title')} size="small">
          <Row gutter={16}>
            <Col xs={24} md={10}>
              <Form layout="vertical">
                <Form.Item label={t('loads.upload.table')}>
                  <Select
                    data-testid="medfund-upload-table"
                    value={table}
                    onChange={(v) => { setTable(v); setMappingId(undefined); }}
                    options={(tables.data ?? []).map((x) => ({ value: x.name, label: `${x.loadOrder}. ${zh ? x.zh : x.en}（${x.name}）` }))}
                  />
                </Form.Item>
                <Form.Item label={t('loads.upload.mapping')} extra={t('loads.upload.mappingHint')}>
                  <Select
                    data-testid="medfund-upload-mapping"
                    value={mappingId ?? mappings.data?.find((m) => m.builtin)?.id}
                    onChange={setMappingId}
                    options={(mappings.data ?? []).map((m) => ({ value: m.id, label: m.builtin ? `${t('loads.builtinMapping')}` : m.name }))}
                  />
                </Form.Item>
              </Form>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('loads.upload.order')}</Typography.Text>
            </Col>
            <Col xs={24} md={14}>
              {uploadError ? <ErrorAlert error={uploadError} /> : null}
              <div data-testid="medfund-upload">
                <Upload.Dragger
                  accept={ACCEPT}
                  multiple={false}
                  showUploadList={false}
                  disabled={busy}
                  beforeUpload={(file) => {
                    const ok = /\.(csv|xlsx|parquet)$/i.test(file.name);
                    if (!ok) setUploadError(new Error(t('loads.upload.wrongType')));
                    return ok || Upload.LIST_IGNORE;
                  }}
                  customRequest={({ file, onSuccess, onError }) => {
                    setBusy(true);
                    setUploadError(null);
                    const chosen = mappingId ?? mappings.data?.find((m) => m.builtin)?.id;
                    api.upload<LoadView>(`/api/medfund/loads?table=${table}${chosen ? `&mappingId=${chosen}` : ''}`, file as File)
                      .then((l) => {
                        onSuccess?.(l);
                        void message.success(l.status === 'duplicate' ? t('loads.duplicateOf', { id: l.duplicateOf }) : t('loads.upload.queued'));
                        void qc.invalidateQueries({ queryKey: ['medfund', 'loads'] });
                      })
                      .catch((e: Error) => { setUploadError(e); onError?.(e); })
                      .finally(() => setBusy(false));
                  }}
                >
                  <p style={{ fontSize: 32, color: '#1b5fd1', margin: 0 }}><UploadIcon /></p>
                  <Typography.Title level={5} style={{ margin: '8px 0 4px' }}>{t('loads.upload.drop')}</Typography.Title>
                  <Typography.Text type="secondary">{t('loads.upload.dropHint')}</Typography.Text>
                </Upload.Dragger>
              </div>
            </Col>
          </Row>
        </Card>
      ) : null}

      {loads.error ? <ErrorAlert error={loads.error} /> : null}
      <Flex justify="flex-end">
        <Select
          allowClear
          placeholder={t('loads.allTables')}
          style={{ width: 240 }}
          value={filterTable}
          onChange={(v) => { setFilterTable(v); setPage(1); }}
          options={(tables.data ?? []).map((x) => ({ value: x.name, label: zh ? x.zh : x.en }))}
        />
      </Flex>
      <Table<LoadView>
        data-testid="medfund-loads"
        rowKey="id"
        size="middle"
        loading={loads.isLoading}
        dataSource={loads.data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: loads.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        scroll={{ x: 1480 }}
        columns={[
          { title: t('loads.col.id'), dataIndex: 'id', width: 70 },
          {
            title: t('loads.col.file'), dataIndex: 'fileName', width: 260, ellipsis: true,
            render: (v: string, l) => (
              <Flex vertical>
                <Typography.Text ellipsis={{ tooltip: v }}>{v}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t(`loads.source.${l.source}`)} · {l.fileFormat.toUpperCase()}{l.fileSize ? ` · ${l.fileSize < 1024 * 1024 ? `${Math.max(1, Math.round(l.fileSize / 1024))} KB` : `${(l.fileSize / 1024 / 1024).toFixed(1)} MB`}` : ''}</Typography.Text>
              </Flex>
            ),
          },
          { title: t('loads.col.table'), dataIndex: 'targetTable', width: 150, render: (v: string) => (v === '*' ? t('loads.allTables') : tableName.get(v) ?? v) },
          { title: t('loads.col.mapping'), dataIndex: 'mappingName', width: 140, ellipsis: true, render: (v: string | null, l) => (l.source === 'generator' ? '—' : v ?? t('loads.builtinMapping')) },
          {
            title: t('loads.col.status'), dataIndex: 'status', width: 200,
            render: (s: LoadStatus, l) => (
              <Flex vertical gap={2}>
                <span><Tag color={STATUS_COLOR[s]} data-testid={`load-status-${l.id}`}>{t(`loads.status.${s}`)}</Tag></span>
                {s === 'running' || s === 'queued' ? (
                  <Progress size="small" percent={l.progress ? Math.round((l.progress.done / Math.max(1, l.progress.total)) * 100) : 0} status="active" format={(p) => `${p}%${l.progress?.message ? ` ${l.progress.message}` : ''}`} />
                ) : null}
                {s === 'duplicate' && l.duplicateOf ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('loads.duplicateOf', { id: l.duplicateOf })}</Typography.Text> : null}
                {s === 'failed' && l.error ? <Typography.Text type="danger" style={{ fontSize: 12 }}>{l.error}</Typography.Text> : null}
              </Flex>
            ),
          },
          { title: t('loads.col.read'), dataIndex: 'rowsRead', width: 90, align: 'right', render: (n: number) => n.toLocaleString() },
          { title: t('loads.col.added'), dataIndex: 'rowsAdded', width: 90, align: 'right', render: (n: number) => n.toLocaleString() },
          { title: t('loads.col.existing'), dataIndex: 'rowsExisting', width: 90, align: 'right', render: (n: number) => n.toLocaleString() },
          {
            title: t('loads.col.rejected'), dataIndex: 'rowsRejected', width: 100, align: 'right',
            render: (n: number, l) => (n > 0 ? <Button type="link" danger size="small" onClick={() => setOpenId(l.id)} data-testid={`load-errors-${l.id}`}>{n.toLocaleString()}</Button> : '0'),
          },
          { title: t('loads.col.by'), dataIndex: 'createdBy', width: 130, ellipsis: true },
          { title: t('loads.col.at'), dataIndex: 'createdAt', width: 150, render: (v: string) => formatDateTime(v) },
        ]}
      />
      <ErrorsDrawer id={openId} canReveal={canReveal} onClose={() => setOpenId(null)} />
    </Flex>
  );
}

function ErrorsDrawer({ id, canReveal, onClose }: { id: number | null; canReveal: boolean; onClose: () => void }) {
  const { t } = useTranslation('medfund');
  const detail = useQuery({ queryKey: ['medfund', 'load', id], queryFn: () => api.get<LoadDetail>(`/api/medfund/loads/${id}`), enabled: id !== null });
  return (
    <Drawer open={id !== null} onClose={onClose} size="large" title={id ? t('loads.errorsTitle', { id }) : ''} data-testid="medfund-errors">
      {detail.error ? <ErrorAlert error={detail.error} /> : null}
      {detail.data ? (
        <Flex vertical gap={12}>
          <Flex gap={8} wrap>
            <DownloadButton path={`/api/medfund/loads/${id}/errors.xlsx`} fileName={`errors-${id}.xlsx`} testId="medfund-errors-download">{t('loads.download')}</DownloadButton>
            {canReveal ? <DownloadButton path={`/api/medfund/loads/${id}/errors.xlsx`} query={{ reveal: 'true' }} fileName={`errors-${id}-full.xlsx`}>{t('loads.downloadFull')}</DownloadButton> : null}
          </Flex>
          <Typography.Text strong>{t('loads.errorsByCode')}</Typography.Text>
          <Flex gap={8} wrap>
            {Object.entries(detail.data.errorsByCode).map(([code, n]) => <Tag key={code} color="red">{t(`loads.code.${code}`, { defaultValue: code })}：{n.toLocaleString()}</Tag>)}
          </Flex>
          {detail.data.errors.length ? (
            <Table
              rowKey={(e) => `${e.rowNo}-${e.column}-${e.code}`}
              size="small"
              pagination={false}
              dataSource={detail.data.errors}
              columns={[
                { title: t('loads.rowNo'), dataIndex: 'rowNo', width: 70 },
                { title: t('loads.errors'), dataIndex: 'code', width: 130, render: (c: string) => t(`loads.code.${c}`, { defaultValue: c }) },
                { title: t('loads.message'), dataIndex: 'message' },
                { title: t('loads.value'), dataIndex: 'value', width: 160, ellipsis: true },
              ]}
            />
          ) : <Alert type="success" title={t('loads.noErrors')} />}
        </Flex>
      ) : null}
    </Drawer>
  );
}
