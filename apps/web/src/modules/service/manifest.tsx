import { lazyNamed } from '../lazy';
import type { ModuleManifest } from '../types';
import { BellIcon, FileSearchIcon, PlusIcon, SettingsIcon, TrophyIcon } from '../../ui/icons';
import { canSubmit, inService } from './api';
import enUS from './i18n/en-US';
import zhCN from './i18n/zh-CN';
import { directoryEnterpriseTabs, directoryMenu, directoryMessages, directoryParkTabs, directoryRoutes } from './directory/manifest-parts';
import { benefits } from './benefits/manifest-part';

const named = lazyNamed;
// the file tabs load with the file page that shows them, not with the app
const EnterpriseRequestsTab = named(() => import('./EnterpriseRequestsTab'), 'EnterpriseRequestsTab');
const ParkRequestsTab = named(() => import('./ParkRequestsTab'), 'ParkRequestsTab');

const RequestListPage = named(() => import('./RequestListPage'), 'RequestListPage');
const RequestFormPage = named(() => import('./RequestFormPage'), 'RequestFormPage');
const RequestDetailPage = named(() => import('./RequestDetailPage'), 'RequestDetailPage');
const MetricsPage = named(() => import('./MetricsPage'), 'MetricsPage');
const ServiceLevelsPage = named(() => import('./ServiceLevelsPage'), 'ServiceLevelsPage');
const RoutingRulesPage = named(() => import('./RoutingRulesPage'), 'RoutingRulesPage');
const UnitsPage = named(() => import('./UnitsPage'), 'UnitsPage');
const UnitPage = named(() => import('./UnitsPage'), 'UnitPage');

/**
 * 亲企办 (enterprise service), part 1: record, list and handle requests. Enterprise users hold no
 * service permission (the server scopes them to their own enterprise), so the pages are not gated
 * by one permission; the menu shows them per the user's part and the server answers 403 otherwise.
 * Part 2 (directory/): the resource directory, nearby resources on the request page, visits.
 */
export const manifest: ModuleManifest = {
  id: 'service',
  order: 30,
  // the directory's words under `directory` (its import page's wording — ImportFlow reads `<ns>:import.*` — as `import`); the benefit policies' under `benefits`
  messages: {
    'zh-CN': { ...zhCN, directory: directoryMessages['zh-CN'], import: directoryMessages['zh-CN'].import, benefits: benefits.messages['zh-CN'] },
    'en-US': { ...enUS, directory: directoryMessages['en-US'], import: directoryMessages['en-US'].import, benefits: benefits.messages['en-US'] },
  },
  routes: [
    { path: 'service/requests', element: <RequestListPage /> },
    { path: 'service/requests/new', element: <RequestFormPage /> },
    { path: 'service/requests/:id', element: <RequestDetailPage /> },
    { path: 'service/metrics', element: <MetricsPage />, handle: { permission: 'service.read' } },
    { path: 'service/settings/service-levels', element: <ServiceLevelsPage />, handle: { permission: 'service.configure' } },
    { path: 'service/settings/routing-rules', element: <RoutingRulesPage />, handle: { permission: 'service.dispatch' } },
    { path: 'service/units', element: <UnitsPage />, handle: { permission: 'service.dispatch' } },
    { path: 'service/units/:id', element: <UnitPage />, handle: { permission: 'service.dispatch' } },
    ...directoryRoutes,
    ...benefits.routes,
  ],
  menu: [
    {
      key: 'service',
      label: 'service:menu.group',
      icon: <BellIcon />,
      order: 35,
      visible: inService,
      children: [
        { key: 'service-create', label: 'service:menu.create', icon: <PlusIcon />, path: '/service/requests/new', visible: canSubmit, order: 10 },
        { key: 'service-list', label: 'service:menu.list', icon: <FileSearchIcon />, path: '/service/requests', visible: (me) => me.permissions.includes('service.read') && !me.scope.enterpriseId, order: 20 },
        { key: 'service-metrics', label: 'service:menu.metrics', icon: <TrophyIcon />, path: '/service/metrics', visible: (me) => me.permissions.includes('service.read') && !me.scope.enterpriseId, order: 25 },
        { key: 'service-routing', label: 'service:menu.routingRules', icon: <SettingsIcon />, path: '/service/settings/routing-rules', permission: 'service.dispatch', order: 42 },
        { key: 'service-units', label: 'service:menu.units', icon: <SettingsIcon />, path: '/service/units', permission: 'service.dispatch', order: 44 },
        { key: 'service-levels', label: 'service:menu.serviceLevels', icon: <SettingsIcon />, path: '/service/settings/service-levels', permission: 'service.configure', order: 40 },
        { key: 'service-mine', label: 'service:menu.mine', icon: <FileSearchIcon />, path: '/service/requests', visible: (me) => !!me.scope.enterpriseId, order: 30 },
        ...directoryMenu,
      ],
    },
    ...benefits.menu,
  ],
  enterpriseFileTabs: [
    { key: 'service', label: 'service:tab', permission: 'service.read', order: 30, render: (id) => <EnterpriseRequestsTab enterpriseId={id} /> },
    ...directoryEnterpriseTabs,
    ...benefits.enterpriseFileTabs,
  ],
  parkFileTabs: [
    { key: 'service', label: 'service:tab', permission: 'service.read', order: 30, render: (id) => <ParkRequestsTab parkId={id} /> },
    ...directoryParkTabs,
    ...benefits.parkFileTabs,
  ],
};
