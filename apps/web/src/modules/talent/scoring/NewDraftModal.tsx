import { useEffect, useState } from 'react';
import { Alert, Form, Input, Modal, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { createScheme, getScheme, pointsKeys, type SchemeSummary } from './api';
import { nextVersionLabel, setManyInSource } from './schemeSource';

/**
 * 新建草稿: a copy of a version's text (comments and all) with a new version label and, if the
 * officer wants, a new effective period; saved as a draft and opened in the editor.
 */
export function NewDraftModal({ from, all, onClose }: { from: SchemeSummary; all: SchemeSummary[]; onClose: () => void }) {
  const { t } = useTranslation('talent');
  const qc = useQueryClient();
  const navigate = useNavigate();
  const taken = new Set(all.filter((s) => s.code === from.code).map((s) => s.version));
  const [version, setVersion] = useState(() => nextVersionLabel(from.version, taken));
  const [effFrom, setEffFrom] = useState(from.effectiveFrom);
  const [effTo, setEffTo] = useState(from.effectiveTo ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => setError(null), [version, effFrom, effTo]);

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const detail = await getScheme(from.id);
      const source = setManyInSource(detail.source, [
        [['version'], version.trim()],
        [['effective', 'from'], effFrom.trim()],
        [['effective', 'to'], effTo.trim() || undefined],
      ]);
      const created = await createScheme(source);
      await qc.invalidateQueries({ queryKey: pointsKeys.schemes });
      qc.setQueryData(pointsKeys.scheme(created.id), created);
      onClose();
      navigate(`/talent/schemes/${created.id}`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('points.newDraft.title', { version: from.version })}
      okText={t('points.newDraft.ok')}
      onOk={() => void submit()}
      confirmLoading={busy}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'new-draft-ok' }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('points.newDraft.hint')}</Typography.Paragraph>
      <Form layout="vertical" component="div">
        <Form.Item label={t('points.field.version')} required>
          <Input value={version} onChange={(e) => setVersion(e.target.value)} data-testid="new-draft-version" />
        </Form.Item>
        <Form.Item label={t('points.field.effectiveFrom')} required extra="YYYY-MM-DD">
          <Input value={effFrom} onChange={(e) => setEffFrom(e.target.value)} data-testid="new-draft-from" />
        </Form.Item>
        <Form.Item label={t('points.field.effectiveTo')} extra={t('points.newDraft.toHint')}>
          <Input value={effTo} onChange={(e) => setEffTo(e.target.value)} data-testid="new-draft-to" />
        </Form.Item>
      </Form>
      {from.status === 'published' ? <Alert type="info" showIcon title={t('points.newDraft.samePeriod')} style={{ marginBottom: 8 }} /> : null}
      {error ? <ErrorAlert error={error} showFields /> : null}
    </Modal>
  );
}
