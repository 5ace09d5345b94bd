import { useState } from 'react';
import { Alert, Checkbox, Descriptions, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/client';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { publishScheme, type SchemeSummary } from './api';
import { overlappingPublished } from './schemeSource';

/**
 * 发布: asks for confirmation and shows the effective period. A published version of the same
 * kind covering any of those days blocks the API (409 period-overlap); the officer may retire it
 * in the same step (a corrected version for the same period), or change the draft's period.
 */
export function PublishModal({
  draft, all, before, onDone, onClose,
}: {
  draft: { id: string; kind: string; version: string; effectiveFrom: string; effectiveTo: string | null };
  all: SchemeSummary[];
  /** Saves unsaved edits first; throws when that failed (the error is shown here). */
  before: () => Promise<unknown>;
  onDone: (jobId: number) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation('talent');
  const overlaps = overlappingPublished(all, draft, draft.effectiveFrom, draft.effectiveTo);
  const [retire, setRetire] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await before();
      const out = await publishScheme(draft.id, retire ? overlaps.map((o) => o.id) : []);
      onDone(out.jobId);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const overlapMessage = isApiError(error) ? error.fields.effective : undefined;

  return (
    <Modal
      open
      title={t('points.publish.title', { version: draft.version })}
      okText={t('points.publish.ok')}
      onOk={() => void submit()}
      confirmLoading={busy}
      onCancel={onClose}
      okButtonProps={{ danger: retire, 'data-testid': 'publish-confirm' }}
      destroyOnHidden
    >
      <Descriptions size="small" column={1} bordered style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('points.field.version')}>{draft.version}</Descriptions.Item>
        <Descriptions.Item label={t('points.field.period')}>
          <span data-testid="publish-period">
            {draft.effectiveFrom} — {draft.effectiveTo ?? t('points.openEnded')}
          </span>
        </Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph type="secondary">{t('points.publish.hint')}</Typography.Paragraph>
      {overlaps.length ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('points.publish.overlapWarning', { versions: overlaps.map((o) => `${o.version}（${o.effectiveFrom} — ${o.effectiveTo ?? t('points.openEnded')}）`).join('、') })}
          description={
            <Checkbox checked={retire} onChange={(e) => setRetire(e.target.checked)} data-testid="publish-retire-overlap">
              {t('points.publish.retireOverlap', { versions: overlaps.map((o) => o.version).join('、') })}
            </Checkbox>
          }
        />
      ) : null}
      {error ? (
        <div data-testid="publish-error">
          {overlapMessage ? (
            <Alert type="error" showIcon title={t('points.publish.overlapError')} description={overlapMessage} />
          ) : (
            <ErrorAlert error={error} showFields />
          )}
        </div>
      ) : null}
    </Modal>
  );
}
