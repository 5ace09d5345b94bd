import { lazyNamed } from '../lazy';
import type { ModuleManifest } from '../types';
import { BuildingIcon, CalendarIcon, FileSearchIcon, ParkIcon, SendIcon, SettingsIcon, ShieldIcon, TreeIcon, UsersIcon } from '../../ui/icons';
import { ForbiddenResult, NotFoundResult } from '../../ui/StatusResult';
import { AdminIndex } from './admin/AdminIndex';
import enUS from './i18n/en-US';
import zhCN from './i18n/zh-CN';

const named = lazyNamed;

const LoginPage = named(() => import('./login/LoginPage'), 'LoginPage');
const EnterpriseListPage = named(() => import('./enterprises/EnterpriseListPage'), 'EnterpriseListPage');
const EnterpriseCreatePage = named(() => import('./enterprises/EnterpriseCreatePage'), 'EnterpriseCreatePage');
const EnterpriseFilePage = named(() => import('./enterprises/EnterpriseFilePage'), 'EnterpriseFilePage');
const ImportPage = named(() => import('./enterprises/import/ImportPage'), 'ImportPage');
const ParkListPage = named(() => import('./parks/ParkListPage'), 'ParkListPage');
const ParkFilePage = named(() => import('./parks/ParkFilePage'), 'ParkFilePage');
const UsersPage = named(() => import('./admin/users/UsersPage'), 'UsersPage');
const RolesPage = named(() => import('./admin/roles/RolesPage'), 'RolesPage');
const DepartmentsPage = named(() => import('./admin/departments/DepartmentsPage'), 'DepartmentsPage');
const AuditPage = named(() => import('./admin/audit/AuditPage'), 'AuditPage');
const CalendarPage = named(() => import('./admin/calendar/CalendarPage'), 'CalendarPage');
const OutboxPage = named(() => import('./admin/outbox/OutboxPage'), 'OutboxPage');

/** The platform core: sign-in, 一企一档, 一园一档, administration. */
export const manifest: ModuleManifest = {
  id: 'core',
  order: 0,
  messages: { 'zh-CN': zhCN, 'en-US': enUS },
  publicRoutes: [{ path: '/login', element: <LoginPage /> }],
  routes: [
    { path: 'enterprises', element: <EnterpriseListPage />, handle: { permission: 'enterprise.read' } },
    { path: 'enterprises/new', element: <EnterpriseCreatePage />, handle: { permission: 'enterprise.create' } },
    { path: 'enterprises/import', element: <ImportPage />, handle: { permission: 'enterprise.import' } },
    { path: 'enterprises/:id', element: <EnterpriseFilePage />, handle: { permission: 'enterprise.read' } },
    { path: 'parks', element: <ParkListPage />, handle: { permission: 'park.read' } },
    { path: 'parks/:id', element: <ParkFilePage />, handle: { permission: 'park.read' } },
    { path: 'admin', element: <AdminIndex /> },
    { path: 'admin/users', element: <UsersPage />, handle: { permission: 'user.manage' } },
    { path: 'admin/roles', element: <RolesPage />, handle: { permission: 'role.manage' } },
    { path: 'admin/departments', element: <DepartmentsPage />, handle: { permission: 'department.manage' } },
    { path: 'admin/audit', element: <AuditPage />, handle: { permission: 'audit.read' } },
    // Everyone signed in may read the calendar; only reference.manage sees it in the menu and edits.
    { path: 'admin/calendar', element: <CalendarPage /> },
    { path: 'admin/outbox', element: <OutboxPage />, handle: { permission: 'notification.outbox' } },
    { path: '403', element: <ForbiddenResult /> },
    { path: '404', element: <NotFoundResult /> },
  ],
  menu: [
    {
      key: 'enterprises',
      label: 'core:menu.enterprises',
      icon: <BuildingIcon />,
      path: '/enterprises',
      permission: 'enterprise.read',
      // An enterprise user sees only their own file, never the county's list.
      visible: (me) => !me.scope.enterpriseId,
      order: 10,
    },
    {
      key: 'my-enterprise',
      label: 'core:menu.myEnterprise',
      icon: <BuildingIcon />,
      path: (me) => `/enterprises/${me.scope.enterpriseId ?? ''}`,
      permission: 'enterprise.read',
      visible: (me) => !!me.scope.enterpriseId,
      order: 10,
    },
    { key: 'parks', label: 'core:menu.parks', icon: <ParkIcon />, path: '/parks', permission: 'park.read', order: 20 },
    {
      key: 'admin',
      label: 'core:menu.admin',
      icon: <SettingsIcon />,
      order: 900,
      children: [
        { key: 'admin-users', label: 'core:menu.users', icon: <UsersIcon />, path: '/admin/users', permission: 'user.manage', order: 10 },
        { key: 'admin-roles', label: 'core:menu.roles', icon: <ShieldIcon />, path: '/admin/roles', permission: 'role.manage', order: 20 },
        {
          key: 'admin-departments',
          label: 'core:menu.departments',
          icon: <TreeIcon />,
          path: '/admin/departments',
          permission: 'department.manage',
          order: 30,
        },
        { key: 'admin-audit', label: 'core:menu.audit', icon: <FileSearchIcon />, path: '/admin/audit', permission: 'audit.read', order: 40 },
        { key: 'admin-calendar', label: 'core:menu.calendar', icon: <CalendarIcon />, path: '/admin/calendar', permission: 'reference.manage', order: 50 },
        { key: 'admin-outbox', label: 'core:menu.outbox', icon: <SendIcon />, path: '/admin/outbox', permission: 'notification.outbox', order: 60 },
      ],
    },
  ],
  home: (me) => {
    if (me.scope.enterpriseId) return `/enterprises/${me.scope.enterpriseId}`;
    if (me.permissions.includes('enterprise.read')) return '/enterprises';
    return null;
  },
};
