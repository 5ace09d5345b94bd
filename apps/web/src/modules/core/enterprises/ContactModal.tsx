import { Alert, App, Checkbox, Form, Input, Modal } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import type { Contact, ContactInput } from '../../../api/types';
import { useCan } from '../../../auth/session';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { applyFieldErrors } from '../../../ui/formErrors';
import { PageLoading } from '../../../ui/PageLoading';
import { enterpriseKeys } from './api';

interface Values {
  name: string;
  title: string;
  phone: string;
  email: string;
  isPrimary: boolean;
}

/** Same rule as the server's ContactInput: a mobile number or a landline with area code. */
const PHONE = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;

export function revealContact(enterpriseId: string, contactId: string) {
  return api.post<{ phone: string; email: string }>(`/api/enterprises/${enterpriseId}/contacts/${contactId}/reveal`);
}

/**
 * Add or edit a contact. PUT replaces the whole contact, and the list holds only masked phone and
 * e-mail, so editing first reveals the full values (an audited read) to fill the form; a user
 * who may not reveal must type them again.
 */
export function ContactModal({ enterpriseId, contact, onClose }: { enterpriseId: string; contact: Contact | null; onClose: () => void }) {
  const { t } = useTranslation('core');
  const { message } = App.useApp();
  const can = useCan();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const isNew = !contact;
  const canReveal = can('personal.reveal');
  const full = useQuery({
    queryKey: ['contact-reveal', contact?.id],
    queryFn: () => revealContact(enterpriseId, contact?.id ?? ''),
    enabled: !!contact && canReveal && !!(contact.phone || contact.email),
    staleTime: 60_000,
    gcTime: 60_000,
  });
  const mustRetype = !isNew && !canReveal && !!(contact.phone || contact.email);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const body: ContactInput = {
        name: v.name.trim(),
        title: (v.title ?? '').trim(),
        phone: (v.phone ?? '').trim(),
        email: (v.email ?? '').trim(),
        isPrimary: !!v.isPrimary,
      };
      return isNew
        ? api.post<Contact>(`/api/enterprises/${enterpriseId}/contacts`, body)
        : api.put<Contact>(`/api/enterprises/${enterpriseId}/contacts/${contact.id}`, body);
    },
    onSuccess: () => {
      message.success(t('common:state.saved'));
      void qc.invalidateQueries({ queryKey: enterpriseKeys.file(enterpriseId) });
      void qc.invalidateQueries({ queryKey: enterpriseKeys.history(enterpriseId) });
      if (contact) qc.removeQueries({ queryKey: ['contact-reveal', contact.id] });
      onClose();
    },
    onError: (e) => applyFieldErrors(form, e, ['name', 'title', 'phone', 'email', 'isPrimary']),
  });

  const waiting = full.isFetching && !full.data;
  return (
    <Modal
      open
      title={isNew ? t('contact.add') : t('contact.edit')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common:action.save')}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'contact-save', disabled: waiting }}
      destroyOnHidden
    >
      {save.error ? <ErrorAlert error={save.error} style={{ marginBottom: 12 }} /> : null}
      {full.error ? <ErrorAlert error={full.error} style={{ marginBottom: 12 }} /> : null}
      {mustRetype ? <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('contact.retype')} /> : null}
      {waiting ? (
        <PageLoading />
      ) : (
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{
            name: contact?.name ?? '',
            title: contact?.title ?? '',
            phone: full.data?.phone ?? '',
            email: full.data?.email ?? '',
            isPrimary: contact?.isPrimary ?? false,
          }}
          onFinish={(v) => save.mutate(v)}
        >
          <Form.Item name="name" label={t('contact.name')} rules={[{ required: true, message: t('contact.nameRequired') }, { max: 50 }]}>
            <Input data-testid="contact-name" />
          </Form.Item>
          <Form.Item name="title" label={t('contact.title')} rules={[{ max: 50 }]}>
            <Input data-testid="contact-title" />
          </Form.Item>
          <Form.Item
            name="phone"
            label={t('contact.phone')}
            normalize={(v: string) => v?.replace(/\s/g, '')}
            rules={[{ pattern: PHONE, message: t('contact.phoneInvalid') }]}
          >
            <Input placeholder={mustRetype ? contact.phone : t('contact.phoneHint')} autoComplete="off" data-testid="contact-phone" />
          </Form.Item>
          <Form.Item name="email" label={t('contact.email')} rules={[{ type: 'email', message: t('contact.emailInvalid') }]}>
            <Input placeholder={mustRetype ? contact.email : undefined} autoComplete="off" data-testid="contact-email" />
          </Form.Item>
          <Form.Item name="isPrimary" valuePropName="checked">
            <Checkbox data-testid="contact-primary">{t('contact.setPrimary')}</Checkbox>
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
