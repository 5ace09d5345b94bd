import { App, Form, Input, Modal } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../../api/client';
import type { Department } from '../../../../api/types';
import { ErrorAlert } from '../../../../ui/ErrorAlert';
import { applyFieldErrors } from '../../../../ui/formErrors';
import { refKeys } from '../../../../ui/reference';
import { StreetSelect } from '../../../../ui/selects/StreetSelect';

export type DepartmentEdit = { mode: 'create'; parent: Department | null } | { mode: 'edit'; department: Department };

interface Values {
  name: string;
  divisionCode: string | null;
}

/** Add a department (no parent) or a section (under a department), or rename one. */
export function DepartmentModal({ edit, onClose }: { edit: DepartmentEdit; onClose: () => void }) {
  const { t } = useTranslation('core');
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const current = edit.mode === 'edit' ? edit.department : null;
  const parent = edit.mode === 'create' ? edit.parent : null;

  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = { name: v.name.trim(), divisionCode: v.divisionCode ?? undefined };
      return current ? api.put(`/api/departments/${current.id}`, body) : api.post('/api/departments', { ...body, parentId: parent?.id });
    },
    onSuccess: () => {
      message.success(t('common:state.saved'));
      void qc.invalidateQueries({ queryKey: refKeys.departments });
      onClose();
    },
    onError: (e) => {
      if ((e as { code?: string }).code === 'DEPARTMENT_NAME_TAKEN') form.setFields([{ name: 'name', errors: [(e as Error).message] }]);
      else applyFieldErrors(form, e);
    },
  });

  const title = current
    ? t('department.edit', { name: current.name })
    : parent
      ? t('department.addSectionTo', { name: parent.name })
      : t('department.create');

  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common:action.save')}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'department-save' }}
      destroyOnHidden
    >
      {save.error ? <ErrorAlert error={save.error} style={{ marginBottom: 12 }} /> : null}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={{ name: current?.name ?? '', divisionCode: current?.divisionCode ?? parent?.divisionCode ?? null }}
      >
        <Form.Item name="name" label={t('department.name')} rules={[{ required: true, message: t('department.nameRequired') }, { max: 100 }]}>
          <Input data-testid="department-name" />
        </Form.Item>
        <Form.Item name="divisionCode" label={t('department.division')} extra={t('department.divisionHint')}>
          <StreetSelect />
        </Form.Item>
      </Form>
    </Modal>
  );
}
