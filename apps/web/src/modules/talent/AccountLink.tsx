import { useState } from 'react';
import { App, Button, Form, Input, Modal, Popconfirm, Space, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { applyFieldErrors } from '../../ui/formErrors';
import { talentKeys, type TalentFile } from './api';

/**
 * 人才本人账号: the talent office links the login an administrator created with the 人才 role
 * (用户管理), so the person sees their own file and points; or removes the link. Others see only
 * whether there is one.
 */
export function AccountLink({ file }: { file: TalentFile }) {
  const { t } = useTranslation('talent');
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ username: string }>();
  const done = (next: TalentFile, text: string) => {
    qc.setQueryData(talentKeys.file(file.id), next);
    void message.success(text);
  };
  const link = useMutation({
    mutationFn: (v: { username: string }) => api.put<TalentFile>(`/api/talent/talents/${file.id}/account`, v),
    onSuccess: (next) => {
      done(next, t('account.linked'));
      setOpen(false);
    },
    onError: (e) => applyFieldErrors(form, e),
  });
  const unlink = useMutation({
    mutationFn: () => api.del<TalentFile>(`/api/talent/talents/${file.id}/account`),
    onSuccess: (next) => done(next, t('account.unlinked')),
  });

  return (
    <Space data-testid="talent-account">
      <Typography.Text type="secondary">{t('account.label')}:</Typography.Text>
      {file.account ? (
        <>
          <Typography.Text data-testid="talent-account-username">{file.account.username}（{file.account.displayName}）</Typography.Text>
          <Popconfirm title={t('account.unlinkConfirm')} onConfirm={() => unlink.mutate()}>
            <Button type="link" size="small" loading={unlink.isPending} data-testid="talent-account-unlink">{t('account.unlink')}</Button>
          </Popconfirm>
        </>
      ) : (
        <>
          <Typography.Text type="secondary">{file.hasUser ? t('file.linkedUser') : t('account.none')}</Typography.Text>
          <Button type="link" size="small" onClick={() => setOpen(true)} data-testid="talent-account-link">{t('account.link')}</Button>
        </>
      )}
      {unlink.error ? <ErrorAlert error={unlink.error} /> : null}
      <Modal
        open={open}
        title={t('account.link')}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        confirmLoading={link.isPending}
        destroyOnHidden
        okButtonProps={{ 'data-testid': 'talent-account-save' } as React.ComponentProps<typeof Button>}
      >
        {link.error ? <ErrorAlert error={link.error} style={{ marginBottom: 12 }} /> : null}
        <Typography.Paragraph type="secondary">{t('account.hint')}</Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={(v) => link.mutate(v)} preserve={false}>
          <Form.Item name="username" label={t('account.username')} rules={[{ required: true, message: t('account.usernameRequired') }]}>
            <Input autoComplete="off" data-testid="talent-account-username-input" />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
