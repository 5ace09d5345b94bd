import { useState } from 'react';
import { Button, Flex, Input, List, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorAlert } from '../../ui/ErrorAlert';
import type { PhoneMatch } from './api';

/**
 * 来电识别: the operator types the caller's number and gets the enterprises whose contacts have
 * exactly that number (masked; the server audits every lookup). Picking one fills the enterprise,
 * the contact's name and the caller's number into the form.
 */
export function PhoneLookup({ onPick }: { onPick: (m: PhoneMatch, phone: string) => void }) {
  const { t } = useTranslation('service');
  const [phone, setPhone] = useState('');
  const lookup = useMutation({
    mutationFn: (p: string) => api.get<PhoneMatch[]>('/api/service/enterprise-by-phone', { phone: p }),
  });
  return (
    <div data-testid="phone-lookup">
      <Input.Search
        value={phone}
        onChange={(e) => setPhone(e.target.value)}
        onSearch={(v) => v.trim() && lookup.mutate(v.trim())}
        placeholder={t('form.phonePlaceholder')}
        enterButton={t('form.phoneFind')}
        loading={lookup.isPending}
        maxLength={20}
        data-testid="phone-lookup-input"
      />
      {lookup.error ? <ErrorAlert error={lookup.error} style={{ marginTop: 8 }} /> : null}
      {lookup.data ? (
        lookup.data.length ? (
          <List
            size="small"
            style={{ marginTop: 8 }}
            dataSource={lookup.data}
            data-testid="phone-lookup-results"
            renderItem={(m) => (
              <List.Item
                actions={[
                  <Button key="pick" size="small" type="link" onClick={() => onPick(m, lookup.variables ?? phone)} data-testid="phone-lookup-pick">
                    {t('form.phonePick')}
                  </Button>,
                ]}
              >
                <Flex vertical gap={0}>
                  <Typography.Text strong>{m.enterpriseName}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {m.contactName} · {m.contactPhone} · <span className="zz-mono">{m.creditCode}</span>
                  </Typography.Text>
                </Flex>
              </List.Item>
            )}
          />
        ) : (
          <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }} data-testid="phone-lookup-none">
            {t('form.phoneNone')}
          </Typography.Text>
        )
      ) : null}
    </div>
  );
}
