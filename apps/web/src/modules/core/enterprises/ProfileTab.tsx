import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Flex, Form } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../../api/client';
import type { EnterpriseFile } from '../../../api/types';
import { useCan } from '../../../auth/session';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { enterpriseKeys } from './api';
import { ENTERPRISE_INPUT_FIELDS, formFromFile, inputFromForm, type EnterpriseFormValues } from './enterpriseForm';
import { EnterpriseFormFields } from './EnterpriseFormFields';
import { ProfileView } from './ProfileView';
import { showSaveError } from './useSaveErrors';
import { useLeaveGuard } from '../../../ui/useLeaveGuard';

/** 基本信息: read the profile; who may edit gets a form with only their editable fields open. */
export function ProfileTab({ file }: { file: EnterpriseFile }) {
  const { t } = useTranslation('core');
  const [editing, setEditing] = useState(false);
  if (!editing) {
    return (
      <>
        {file.canEdit ? (
          <Flex justify="end" style={{ marginBottom: 8 }}>
            <Button type="primary" onClick={() => setEditing(true)} data-testid="enterprise-edit">
              {t('enterprise.profile.edit')}
            </Button>
          </Flex>
        ) : null}
        <ProfileView file={file} />
      </>
    );
  }
  return <ProfileEditor file={file} onDone={() => setEditing(false)} />;
}

function ProfileEditor({ file, onDone }: { file: EnterpriseFile; onDone: () => void }) {
  const { t } = useTranslation('core');
  const { message } = App.useApp();
  const qc = useQueryClient();
  const can = useCan();
  const [form] = Form.useForm<EnterpriseFormValues>();
  const [base, setBase] = useState(file);
  const [dirty, setDirty] = useState(false);
  const guard = useLeaveGuard(dirty);
  const editable = new Set(base.editableFields);

  const save = useMutation({
    mutationFn: (v: EnterpriseFormValues) =>
      api.put<EnterpriseFile>(`/api/enterprises/${base.id}`, { ...inputFromForm(v), version: base.version }),
    onSuccess: (saved) => {
      guard.release();
      setDirty(false);
      qc.setQueryData(enterpriseKeys.file(saved.id), saved);
      void qc.invalidateQueries({ queryKey: enterpriseKeys.history(saved.id) });
      void qc.invalidateQueries({ queryKey: enterpriseKeys.list });
      message.success(t('common:state.saved'));
      onDone();
    },
    onError: (e) => showSaveError(form, e),
  });
  const conflict = isApiError(save.error) && save.error.code === 'CONFLICT';
  const top = useRef<HTMLDivElement>(null);
  const fieldErrors = isApiError(save.error) && Object.keys(save.error.fields).length > 0;
  // A conflict or a general failure is announced at the top of the form: bring it into view
  // (field errors scroll to their field instead).
  useEffect(() => {
    if (save.error && !fieldErrors) top.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [save.error, fieldErrors]);

  // Someone saved in between: load their version and start again from it (the user's edits are
  // dropped on purpose; merging silently would overwrite the other person's change).
  const reload = async () => {
    const fresh = await qc.fetchQuery({
      queryKey: enterpriseKeys.file(base.id),
      queryFn: () => api.get<EnterpriseFile>(`/api/enterprises/${base.id}`),
      staleTime: 0,
    });
    setBase(fresh);
    form.setFieldsValue(formFromFile(fresh));
    setDirty(false);
    save.reset();
  };

  return (
    <Form<EnterpriseFormValues>
      form={form}
      layout="vertical"
      initialValues={formFromFile(base)}
      onFinish={(v) => save.mutate(v)}
      onValuesChange={() => setDirty(true)}
      scrollToFirstError
      data-testid="enterprise-form"
    >
      <div ref={top} style={{ scrollMarginTop: 64 }} />
      {conflict ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('enterprise.profile.conflictTitle')}
          description={t('enterprise.profile.conflict')}
          data-testid="conflict-alert"
          action={
            <Button size="small" onClick={() => void reload()} data-testid="conflict-reload">
              {t('common:action.reload')}
            </Button>
          }
        />
      ) : save.error ? (
        <ErrorAlert error={save.error} style={{ marginBottom: 12 }} />
      ) : null}
      {ENTERPRISE_INPUT_FIELDS.some((f) => !editable.has(f)) ? (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('enterprise.profile.limited')} />
      ) : null}
      <EnterpriseFormFields
        editable={(f) => editable.has(f)}
        canReadParks={can('park.read')}
        labels={{ industryName: base.industryName, divisionName: base.divisionName, parkName: base.parkName }}
      />
      <Flex gap={8} justify="end">
        <Button onClick={onDone}>{t('common:action.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={save.isPending} disabled={conflict} data-testid="enterprise-save">
          {t('common:action.save')}
        </Button>
      </Flex>
    </Form>
  );
}
