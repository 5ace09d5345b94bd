import { lazy, Suspense, useMemo, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Navigate, Outlet, useLocation, useMatches, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useLogout, useMe } from '../auth/session';
import { menuFor, type ResolvedMenuEntry, type RouteHandle } from '../modules/registry';
import { AppLayout, type NavItem } from '../ui/AppLayout';
import { ErrorAlert } from '../ui/ErrorAlert';
import { KeyIcon } from '../ui/icons';
import { LocaleSwitch } from '../ui/LocaleSwitch';
import { PageLoading } from '../ui/PageLoading';
import { ForbiddenResult } from '../ui/StatusResult';
import { NotificationBell } from './NotificationBell';

// the form's code (antd Form and its validators) loads the first time the user opens it
const ChangePasswordModal = lazy(() => import('./ChangePasswordModal').then((m) => ({ default: m.ChangePasswordModal })));

/** The signed-in frame: checks the session, builds the menu from the modules, gates pages. */
export function Shell() {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  const matches = useMatches();
  const navigate = useNavigate();
  const logout = useLogout();
  const qc = useQueryClient();
  const [pwOpen, setPwOpen] = useState(false);
  const [pwUsed, setPwUsed] = useState(false); // mounted from the first opening on, so it closes with its animation

  const nav = useMemo<NavItem[]>(() => {
    if (!me.data) return [];
    const tr = (items: ResolvedMenuEntry[]): NavItem[] =>
      items.map((i) => ({ key: i.key, label: t(i.label), icon: i.icon, path: i.path, children: i.children ? tr(i.children) : undefined }));
    return tr(menuFor(me.data));
  }, [me.data, t]);

  if (me.isPending) return <PageLoading fullScreen />;
  if (me.error) {
    return (
      <div style={{ maxWidth: 560, margin: '15vh auto' }}>
        <ErrorAlert error={me.error} onRetry={() => void qc.invalidateQueries()} />
      </div>
    );
  }
  if (!me.data) {
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  const user = me.data;
  const denied = matches.some((m) => {
    const perm = (m.handle as RouteHandle | undefined)?.permission;
    return perm && !user.permissions.includes(perm);
  });

  return (
    <AppLayout
      nav={nav}
      user={{ displayName: user.displayName, detail: user.enterpriseName ?? user.username }}
      headerExtra={
        <>
          <NotificationBell />
          <LocaleSwitch persist />
        </>
      }
      userMenu={[{ key: 'password', label: t('layout.changePassword'), icon: <KeyIcon />, onClick: () => { setPwUsed(true); setPwOpen(true); } }]}
      onLogout={() => void logout().then(() => navigate('/login', { replace: true }))}
    >
      <Suspense fallback={<PageLoading />}>{denied ? <ForbiddenResult /> : <Outlet />}</Suspense>
      {pwUsed ? <Suspense fallback={null}><ChangePasswordModal open={pwOpen} onClose={() => setPwOpen(false)} /></Suspense> : null}
    </AppLayout>
  );
}
