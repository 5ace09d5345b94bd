import { App, Flex, Switch, Tooltip, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { NotificationChannels as Channels, OutboxChannel } from '../api/types';

const KEY = ['notification-channels'] as const;

/** Under the bell: whether the user's notifications also go by SMS and by e-mail (each can be turned off). */
export function NotificationChannels() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: KEY, queryFn: () => api.get<Channels>('/api/notifications/channels'), retry: false });
  const save = useMutation({
    mutationFn: (choice: Record<OutboxChannel, boolean>) => api.put<Channels>('/api/notifications/channels', choice),
    onSuccess: (data) => {
      qc.setQueryData(KEY, data);
      message.success(t('layout.channelsSaved'));
    },
    onError: (e) => message.error((e as Error).message),
  });
  if (!q.data) return null;
  const c = q.data;
  const toggle = (channel: OutboxChannel, on: boolean) => save.mutate({ sms: c.sms.enabled, email: c.email.enabled, [channel]: on });
  return (
    <Tooltip title={t('layout.channelsHint')} placement="left">
      <Flex gap={12} align="center" wrap style={{ borderTop: '1px solid rgba(5,5,5,0.06)', paddingTop: 8, marginTop: 4, fontSize: 12 }} data-testid="notification-channels">
        <Typography.Text type="secondary">{t('layout.channels')}</Typography.Text>
        {(['sms', 'email'] as const).map((ch) => (
          <Flex key={ch} gap={4} align="center">
            <Switch
              size="small"
              checked={c[ch].enabled && !!c[ch].address}
              disabled={!c[ch].address || save.isPending}
              onChange={(on) => toggle(ch, on)}
              data-testid={`notification-channel-${ch}`}
            />
            <span>{t(ch === 'sms' ? 'layout.channelSms' : 'layout.channelEmail')}</span>
            <Typography.Text type="secondary" className="zz-mono">
              {c[ch].address ?? t('layout.channelNoAddress')}
            </Typography.Text>
          </Flex>
        ))}
      </Flex>
    </Tooltip>
  );
}
