import { Badge, Button, Empty, List, Popover, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { Notification } from '../api/types';
import { BellIcon } from '../ui/icons';
import { formatDateTime } from '../ui/format';
import { NotificationChannels } from './NotificationChannels';

const KEY = ['notifications'] as const;

/** The bell in the header: unread count, the latest messages, click to open and mark read. */
export function NotificationBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const list = useQuery({
    queryKey: KEY,
    queryFn: () => api.get<Notification[]>('/api/notifications'),
    refetchInterval: 60_000,
    retry: false,
  });
  const read = useMutation({
    mutationFn: (id: string) => api.post(`/api/notifications/${id}/read`),
    onSettled: () => qc.invalidateQueries({ queryKey: KEY }),
  });
  const items = list.data ?? [];
  const unread = items.filter((n) => !n.readAt).length;

  const content = (
    <div style={{ width: 340, maxHeight: 420, overflow: 'auto' }}>
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('layout.noNotifications')} />
      ) : (
        <List
          size="small"
          dataSource={items.slice(0, 30)}
          renderItem={(n) => (
            <List.Item
              style={{ cursor: n.link ? 'pointer' : 'default', opacity: n.readAt ? 0.6 : 1 }}
              onClick={() => {
                if (!n.readAt) read.mutate(n.id);
                if (n.link) navigate(n.link);
              }}
            >
              <List.Item.Meta
                title={<Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>}
                description={
                  <>
                    {n.body ? <div>{n.body}</div> : null}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatDateTime(n.createdAt)}
                    </Typography.Text>
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
      <NotificationChannels />
    </div>
  );

  return (
    <Popover trigger="click" placement="bottomRight" title={t('layout.notifications')} content={content}>
      <Button type="text" aria-label={t('layout.notifications')} data-testid="notifications">
        <Badge count={unread} size="small" offset={[4, -2]}>
          <BellIcon style={{ fontSize: 16 }} />
        </Badge>
      </Button>
    </Popover>
  );
}
