import { Modal, Table, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { economyKeys, fmtNumber, type FigureHistory, type FigureRow, type IndicatorKey } from './api';

/** The corrections and re-imports of one row, newest first, with the values before and after. */
export function HistoryModal({ enterpriseId, row, onClose }: { enterpriseId: string; row: FigureRow; onClose: () => void }) {
  const { t } = useTranslation('economy');
  const q = useQuery({
    queryKey: economyKeys.history(enterpriseId, row.period, row.basis),
    queryFn: () => api.get<FigureHistory[]>(`/api/economy/enterprises/${enterpriseId}/figures/${row.period}/${row.basis}/history`),
  });
  const values = (v: FigureHistory['before']) => Object.entries(v).map(([k, n]) => `${t(`indicator.${k as IndicatorKey}`)} ${fmtNumber(n as number | null, 6)}`).join('；');
  return (
    <Modal open width={820} footer={null} title={`${t('history.title')} · ${row.period} ${t(`basis.${row.basis}`)}`} onCancel={onClose}>
      {q.error ? <ErrorAlert error={q.error} /> : null}
      <Table<FigureHistory>
        size="small" rowKey="id" pagination={false} loading={q.isLoading} dataSource={q.data ?? []} locale={{ emptyText: t('history.none') }}
        columns={[
          { title: t('history.at'), dataIndex: 'changedAt', render: (v: string) => formatDateTime(v), width: 150 },
          { title: '', dataIndex: 'change', render: (c: FigureHistory['change']) => <Tag>{t(`history.change.${c}`)}</Tag>, width: 90 },
          { title: t('history.before'), dataIndex: 'before', render: values },
          { title: t('history.after'), dataIndex: 'after', render: values },
          { title: t('history.reason'), dataIndex: 'reason' },
          { title: t('history.by'), dataIndex: 'changedBy', width: 100 },
        ]}
      />
    </Modal>
  );
}
