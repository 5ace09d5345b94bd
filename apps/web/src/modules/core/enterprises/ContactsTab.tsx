import { useState } from 'react';
import { App, Button, Flex, Popconfirm, Table, Tag } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import type { Contact, EnterpriseFile } from '../../../api/types';
import { useCan } from '../../../auth/session';
import { PlusIcon } from '../../../ui/icons';
import { MaskedValue } from '../../../ui/MaskedValue';
import { enterpriseKeys } from './api';
import { ContactModal, revealContact } from './ContactModal';

/** 联系人: masked phone and e-mail; "查看" asks the server (and is logged). */
export function ContactsTab({ file }: { file: EnterpriseFile }) {
  const { t } = useTranslation('core');
  const { message } = App.useApp();
  const can = useCan();
  const qc = useQueryClient();
  const [editing, setEditing] = useState<Contact | 'new' | null>(null);
  const canEdit = file.canEdit;

  // One reveal per contact: phone and e-mail come together, so the second "查看" is free.
  const reveal = (c: Contact) =>
    qc.fetchQuery({ queryKey: ['contact-reveal', c.id], queryFn: () => revealContact(file.id, c.id), staleTime: 60_000, gcTime: 60_000 });

  const remove = useMutation({
    mutationFn: (c: Contact) => api.del(`/api/enterprises/${file.id}/contacts/${c.id}`),
    onSuccess: () => {
      message.success(t('common:state.deleted'));
      void qc.invalidateQueries({ queryKey: enterpriseKeys.file(file.id) });
      void qc.invalidateQueries({ queryKey: enterpriseKeys.history(file.id) });
    },
    onError: (e) => message.error((e as Error).message),
  });

  return (
    <>
      {canEdit ? (
        <Flex justify="end" style={{ marginBottom: 8 }}>
          <Button type="primary" icon={<PlusIcon />} onClick={() => setEditing('new')} data-testid="contact-add">
            {t('contact.add')}
          </Button>
        </Flex>
      ) : null}
      <Table<Contact>
        size="small"
        rowKey="id"
        dataSource={file.contacts}
        pagination={false}
        data-testid="contacts-table"
        locale={{ emptyText: t('contact.empty') }}
        columns={[
          {
            title: t('contact.name'),
            render: (_, c) => (
              <>
                {c.name} {c.isPrimary ? <Tag color="blue">{t('contact.primary')}</Tag> : null}
              </>
            ),
          },
          { title: t('contact.title'), dataIndex: 'title', render: (v: string) => v || '—' },
          {
            title: t('contact.phone'),
            render: (_, c) => (
              <MaskedValue masked={c.phone} canReveal={can('personal.reveal')} reveal={async () => (await reveal(c)).phone} testId={`contact-phone-${c.id}`} />
            ),
          },
          {
            title: t('contact.email'),
            render: (_, c) => (
              <MaskedValue masked={c.email} canReveal={can('personal.reveal')} reveal={async () => (await reveal(c)).email} testId={`contact-email-${c.id}`} />
            ),
          },
          ...(canEdit
            ? [
                {
                  title: t('common:table.actions'),
                  width: 120,
                  render: (_: unknown, c: Contact) => (
                    <Flex gap={4}>
                      <Button type="link" size="small" onClick={() => setEditing(c)} data-testid={`contact-edit-${c.id}`}>
                        {t('common:action.edit')}
                      </Button>
                      <Popconfirm
                        title={t('common:confirm.deleteNamed', { name: c.name })}
                        onConfirm={() => remove.mutateAsync(c)}
                        okButtonProps={{ danger: true }}
                      >
                        <Button type="link" size="small" danger data-testid={`contact-delete-${c.id}`}>
                          {t('common:action.delete')}
                        </Button>
                      </Popconfirm>
                    </Flex>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing ? <ContactModal enterpriseId={file.id} contact={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}
