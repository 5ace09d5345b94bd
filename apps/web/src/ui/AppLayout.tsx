import { useMemo, useState, type ReactNode } from 'react';
import { Avatar, Button, Dropdown, Flex, Layout, Menu, Typography, type MenuProps } from 'antd';
import { Link, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LogoutIcon, MenuFoldIcon, MenuUnfoldIcon, UserIcon } from './icons';

/** A menu item already filtered for the user and translated. */
export interface NavItem {
  key: string;
  label: ReactNode;
  icon?: ReactNode;
  path?: string;
  children?: NavItem[];
}

export interface AppLayoutProps {
  nav: NavItem[];
  user: { displayName: string; detail?: ReactNode };
  /** Things in the header before the user menu (locale switch, notifications). */
  headerExtra?: ReactNode;
  /** Extra entries in the user menu, before "退出登录". */
  userMenu?: { key: string; label: ReactNode; icon?: ReactNode; onClick: () => void }[];
  onLogout: () => void;
  children: ReactNode;
}

const COLLAPSE_KEY = 'zz.sider.collapsed';

function flatten(items: NavItem[]): NavItem[] {
  return items.flatMap((i) => [i, ...(i.children ? flatten(i.children) : [])]);
}

/** The shell: side menu, header with user, language and sign-out; the page in the middle. */
export function AppLayout({ nav, user, headerExtra, userMenu = [], onLogout, children }: AppLayoutProps) {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const [collapsed, setCollapsed] = useState(() => localStorage.getItem(COLLAPSE_KEY) === '1');

  // The entry whose path is the longest prefix of the current URL is the selected one.
  const { selectedKey, openKey } = useMemo(() => {
    let best: NavItem | undefined;
    for (const item of flatten(nav)) {
      if (!item.path) continue;
      const p = item.path;
      const hit = location.pathname === p || location.pathname.startsWith(p.endsWith('/') ? p : `${p}/`);
      if (hit && (!best?.path || p.length > best.path.length)) best = item;
    }
    const parent = nav.find((g) => g.children?.some((c) => c.key === best?.key));
    return { selectedKey: best?.key, openKey: parent?.key };
  }, [nav, location.pathname]);

  const [openKeys, setOpenKeys] = useState<string[]>(openKey ? [openKey] : []);
  const mergedOpen = openKey && !openKeys.includes(openKey) ? [...openKeys, openKey] : openKeys;

  const menuItems: MenuProps['items'] = useMemo(() => {
    const toItem = (i: NavItem): NonNullable<MenuProps['items']>[number] =>
      i.children?.length
        ? { key: i.key, icon: i.icon, label: i.label, children: i.children.map(toItem) }
        : {
            key: i.key,
            icon: i.icon,
            label: i.path ? (
              <Link to={i.path} data-testid={`nav-${i.key}`}>
                {i.label}
              </Link>
            ) : (
              i.label
            ),
          };
    return nav.map(toItem);
  }, [nav]);

  const toggle = () => {
    setCollapsed((c) => {
      localStorage.setItem(COLLAPSE_KEY, c ? '0' : '1');
      return !c;
    });
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={216} collapsedWidth={56} collapsible collapsed={collapsed} trigger={null} className="zz-sider">
        <div className="zz-brand" onClick={() => navigate('/')} role="link" tabIndex={0}>
          <span className="zz-brand-mark">智</span>
          {collapsed ? null : (
            <span className="zz-brand-text">
              {t('app.name')}
              <small>{t('app.fullName')}</small>
            </span>
          )}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          items={menuItems}
          selectedKeys={selectedKey ? [selectedKey] : []}
          openKeys={collapsed ? undefined : mergedOpen}
          onOpenChange={(keys) => setOpenKeys(keys as string[])}
          data-testid="side-menu"
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="zz-header">
          <Button
            type="text"
            onClick={toggle}
            aria-label={collapsed ? t('layout.expand') : t('layout.collapse')}
            icon={collapsed ? <MenuUnfoldIcon /> : <MenuFoldIcon />}
          />
          <Flex align="center" gap={4}>
            {headerExtra}
            <Dropdown
              trigger={['click']}
              menu={{
                items: [
                  ...userMenu.map((m) => ({ key: m.key, label: m.label, icon: m.icon, onClick: m.onClick })),
                  ...(userMenu.length ? [{ type: 'divider' as const }] : []),
                  {
                    key: 'logout',
                    icon: <LogoutIcon />,
                    label: <span data-testid="logout">{t('layout.logout')}</span>,
                    onClick: onLogout,
                  },
                ],
              }}
            >
              <Button type="text" data-testid="user-menu" style={{ height: 40 }}>
                <Flex align="center" gap={8}>
                  <Avatar size="small" style={{ background: '#1b5fd1' }} icon={<UserIcon />} />
                  <Flex vertical align="start" style={{ lineHeight: 1.2 }}>
                    <Typography.Text strong style={{ fontSize: 13 }} data-testid="current-user">
                      {user.displayName}
                    </Typography.Text>
                    {user.detail ? (
                      <Typography.Text type="secondary" style={{ fontSize: 11, maxWidth: 220 }} ellipsis>
                        {user.detail}
                      </Typography.Text>
                    ) : null}
                  </Flex>
                </Flex>
              </Button>
            </Dropdown>
          </Flex>
        </Layout.Header>
        <Layout.Content className="zz-content">{children}</Layout.Content>
      </Layout>
    </Layout>
  );
}
