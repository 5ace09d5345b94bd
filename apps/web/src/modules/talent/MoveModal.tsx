import { App, Button, DatePicker, Form, Input, Modal } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Dayjs } from 'dayjs';
import { api } from '../../api/client';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { applyFieldErrors } from '../../ui/formErrors';
import { EnterpriseSelect } from '../../ui/selects/EnterpriseSelect';
import { talentKeys, type TalentFile } from './api';

interface MoveValues {
  enterpriseId: string;
  startedOn?: Dayjs;
  note?: string;
}

/** The talent office moves a talent: the current employment ends, a new one starts; history stays. */
export function MoveModal({ file, onClose }: { file: TalentFile; onClose: () => void }) {
  const { t } = useTranslation('talent');
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<MoveValues>();
  const move = useMutation({
    mutationFn: (v: MoveValues) =>
      api.post<TalentFile>(`/api/talent/talents/${file.id}/move`, {
        enterpriseId: v.enterpriseId, startedOn: v.startedOn?.format('YYYY-MM-DD'), note: v.note ?? '', version: file.version,
      }),
    onSuccess: (next) => {
      qc.setQueryData(talentKeys.file(file.id), next);
      void qc.invalidateQueries({ queryKey: talentKeys.all });
      message.success(t('move.done'));
      onClose();
    },
    onError: (e) => applyFieldErrors(form, e),
  });
  return (
    <Modal
      open
      title={t('move.title')}
      okText={t('move.submit')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={move.isPending}
      okButtonProps={{ 'data-testid': 'move-save' } as React.ComponentProps<typeof Button>}
    >
      {move.error ? <ErrorAlert error={move.error} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" onFinish={(v) => move.mutate(v)}>
        <Form.Item name="enterpriseId" label={t('move.to')} rules={[{ required: true, message: t('form.enterpriseRequired') }]}>
          <EnterpriseSelect testId="move-enterprise" />
        </Form.Item>
        <Form.Item name="startedOn" label={t('move.startedOn')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="note" label={t('move.note')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
