import { Empty, Flex, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { formatDateTime, formatWan } from '../../../ui/format';
import { PageLoading } from '../../../ui/PageLoading';
import { useEnterpriseHistory } from './api';
import { ENTERPRISE_INPUT_FIELDS } from './enterpriseForm';
import { useCan } from '../../../auth/session';
import { useCounty, useParks } from '../../../ui/reference';
import { changedFields } from './historyDiff';

/** 变更记录: who changed what and when, each field as before → after. */
export function HistoryTab({ enterpriseId }: { enterpriseId: string }) {
  const { t } = useTranslation('core');
  const history = useEnterpriseHistory(enterpriseId);
  const can = useCan();
  const county = useCounty();
  const parks = useParks(can('park.read'));
  // Codes in the log become names where the page already knows them.
  const names: Names = {
    divisionCode: (code) => county.data?.streets.find((s) => s.code === code)?.name,
    parkId: (id) => parks.data?.find((p) => p.id === id)?.name,
  };
  if (history.isPending) return <PageLoading />;
  if (history.error) return <ErrorAlert error={history.error} onRetry={() => void history.refetch()} />;
  if (!history.data.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('history.empty')} />;

  return (
    <Timeline
      style={{ marginTop: 12 }}
      data-testid="history-list"
      items={history.data.map((h) => {
        const changes = changedFields(h.before, h.after, FIELD_ORDER);
        return {
          key: String(h.id),
          content: (
            <div data-testid="history-entry">
              <Flex gap={8} align="center" wrap>
                <Typography.Text strong className="zz-num">
                  {formatDateTime(h.at)}
                </Typography.Text>
                <Typography.Text>{h.actorName || t('history.system')}</Typography.Text>
                <Tag>{t(`history.action.${h.action}`, { defaultValue: h.action })}</Tag>
              </Flex>
              {changes.length ? (
                <table className="zz-diff-table" style={{ marginTop: 4, borderCollapse: 'collapse', fontSize: 13 }}>
                  <tbody>
                    {changes.map((c) => (
                      <tr key={c.field}>
                        <td style={{ padding: '2px 12px 2px 0', color: '#595959', whiteSpace: 'nowrap', verticalAlign: 'top' }}>{fieldLabel(t, h.action, c.field)}</td>
                        <td style={{ padding: '2px 0' }}>
                          {h.before ? (
                            <>
                              <span className="zz-diff-before">{formatValue(t, names, c.field, c.before)}</span>
                              <span style={{ margin: '0 6px', color: '#8c8c8c' }}>→</span>
                            </>
                          ) : null}
                          <span className="zz-diff-after">{formatValue(t, names, c.field, c.after)}</span>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : null}
            </div>
          ),
        };
      })}
    />
  );
}

function fieldLabel(t: TFunction, action: string, field: string): string {
  const key = field.endsWith('Fen') ? field.replace(/Fen$/, 'Wan') : field;
  const [first, second] = action.startsWith('contact.') ? ['contact', 'enterprise.field'] : ['enterprise.field', 'contact'];
  return t(`${first}.${key}`, { defaultValue: t(`${second}.${key}`, { defaultValue: field }) });
}

type Names = Record<string, (code: string) => string | undefined>;
const FIELD_ORDER = [...ENTERPRISE_INPUT_FIELDS, 'title', 'phone', 'email', 'isPrimary'];

function formatValue(t: TFunction, names: Names, field: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  const named = typeof v === 'string' ? names[field]?.(v) : undefined;
  if (named) return named;
  if (typeof v === 'boolean') return v ? t('common:yesNo.yes') : t('common:yesNo.no');
  if (field.endsWith('Fen') && typeof v === 'number') return `${formatWan(v)} ${t('common:unit.wan')}`;
  if (field === 'status' && typeof v === 'string') return t(`common:enum.enterpriseStatus.${v}`, { defaultValue: v });
  if (field === 'sizeClass' && typeof v === 'string') return t(`common:enum.sizeClass.${v}`, { defaultValue: v });
  if (Array.isArray(v)) return v.length ? v.join('、') : '—';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}
