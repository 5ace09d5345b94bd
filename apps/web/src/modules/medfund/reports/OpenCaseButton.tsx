import { useState } from 'react';
import { App, Button, Form, Input, Modal, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../../api/client';
import { ErrorAlert } from '../../../ui/ErrorAlert';

/**
 * 立案: opens a case from a warning (POST /api/medfund/cases with the warning's id: the server takes
 * all of the warning's findings — the page lists only the newest 500 — leaving out those already in
 * an open case); the 0034 trigger marks the warning 'in_case' in the same transaction. The glue
 * between the warnings page and the cases part: shown to whoever may open cases, on an open
 * warning without a case.
 */
export function OpenCaseButton({ warning }: { warning: { id: number; subjectName: string; findingsCount: number } }) {
  const { t } = useTranslation('medfund');
  const { message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ title: string; note?: string }>();
  const create = useMutation({
    mutationFn: (v: { title: string; note?: string }) => api.post<{ id: number; number: string; skippedFindings: number[] }>('/api/medfund/cases', {
      warningId: warning.id, title: v.title, note: v.note || undefined,
    }),
    onSuccess: (c) => {
      setOpen(false);
      void qc.invalidateQueries({ queryKey: ['medfund'] });
      message.success(
        <span data-testid="case-opened">
          {t('handling.opened', { number: c.number })}
          {c.skippedFindings.length ? ` ${t('handling.openedSkipped', { n: c.skippedFindings.length })}` : ''}
          {/* the message renders outside the router (antd's App holder): a plain link that navigates through the page's router */}
          {' '}<a href={`/medfund/cases/${c.id}`} onClick={(e) => { e.preventDefault(); void navigate(`/medfund/cases/${c.id}`); }}>{t('handling.goToCase')}</a>
        </span>, 8,
      );
    },
  });
  return (
    <>
      <Button type="primary" danger data-testid="warning-open-case" onClick={() => { form.setFieldsValue({ title: t('handling.defaultTitle', { subject: warning.subjectName, id: warning.id }) }); setOpen(true); }}>
        {t('handling.openCase')}
      </Button>
      <Modal
        open={open} title={t('handling.openCaseTitle', { n: warning.findingsCount })} okText={t('handling.openCase')} confirmLoading={create.isPending}
        onCancel={() => setOpen(false)} onOk={() => form.submit()} okButtonProps={{ 'data-testid': 'open-case-ok' } as never} destroyOnHidden
      >
        {create.error ? <ErrorAlert error={create.error} /> : null}
        <Typography.Paragraph type="secondary">{t('handling.openCaseSkippedHint')}</Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)}>
          <Form.Item name="title" label={t('handling.caseTitle')} rules={[{ required: true, whitespace: true, message: t('handling.titleRequired') }, { max: 120 }]}>
            <Input data-testid="open-case-title" />
          </Form.Item>
          <Form.Item name="note" label={t('handling.note')} rules={[{ max: 2000 }]}><Input.TextArea rows={3} data-testid="open-case-note" /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}
