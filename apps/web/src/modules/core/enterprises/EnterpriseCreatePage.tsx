import { useState } from 'react';
import { App, Button, Flex, Form } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import type { EnterpriseFile } from '../../../api/types';
import { useCan } from '../../../auth/session';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { PageHeader } from '../../../ui/PageHeader';
import { enterpriseKeys } from './api';
import { EMPTY_ENTERPRISE, inputFromForm, type EnterpriseFormValues } from './enterpriseForm';
import { EnterpriseFormFields } from './EnterpriseFormFields';
import { showSaveError } from './useSaveErrors';
import { useLeaveGuard } from '../../../ui/useLeaveGuard';

/** 新增企业: the same form as the profile editor, all fields open. */
export function EnterpriseCreatePage() {
  const { t } = useTranslation('core');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const can = useCan();
  const qc = useQueryClient();
  const [form] = Form.useForm<EnterpriseFormValues>();
  const [dirty, setDirty] = useState(false);

  const guard = useLeaveGuard(dirty);
  const create = useMutation({
    mutationFn: (v: EnterpriseFormValues) => api.post<EnterpriseFile>('/api/enterprises', inputFromForm(v)),
    onSuccess: (e) => {
      guard.release();
      setDirty(false);
      qc.setQueryData(enterpriseKeys.file(e.id), e);
      void qc.invalidateQueries({ queryKey: enterpriseKeys.list });
      void qc.invalidateQueries({ queryKey: ['parks'] });
      message.success(t('enterprise.create.done', { name: e.name }));
      navigate(`/enterprises/${e.id}`, { replace: true });
    },
    onError: (e) => showSaveError(form, e),
  });

  return (
    <>
      <PageHeader
        title={t('enterprise.create.title')}
        back="/enterprises"
        breadcrumb={[{ title: t('enterprise.list.title'), to: '/enterprises' }, { title: t('enterprise.create.title') }]}
      />
      <div className="zz-card" style={{ maxWidth: 1100 }}>
        {create.error ? <ErrorAlert error={create.error} style={{ marginBottom: 12 }} /> : null}
        <Form<EnterpriseFormValues>
          form={form}
          layout="vertical"
          initialValues={EMPTY_ENTERPRISE}
          onFinish={(v) => create.mutate(v)}
          onValuesChange={() => setDirty(true)}
          onFinishFailed={({ errorFields }) => errorFields[0] && form.scrollToField(errorFields[0].name, { block: 'center' })}
          scrollToFirstError
        >
          <EnterpriseFormFields editable={() => true} canReadParks={can('park.read')} />
          <Flex gap={8} justify="end">
            <Button onClick={() => navigate('/enterprises')}>{t('common:action.cancel')}</Button>
            <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="enterprise-save">
              {t('common:action.save')}
            </Button>
          </Flex>
        </Form>
      </div>
    </>
  );
}
