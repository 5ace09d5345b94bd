import { lazyNamed } from '../../lazy';
import type { EnterpriseFileTab, MenuEntry, ParkFileTab } from '../../types';
import { GlobeIcon, UsersIcon } from '../../../ui/icons';
import enUS from './i18n/en-US';
import zhCN from './i18n/zh-CN';

const named = lazyNamed;
const EnterpriseResourcesTab = named(() => import('./FileTabs'), 'EnterpriseResourcesTab');
const EnterpriseVisitsTab = named(() => import('./FileTabs'), 'EnterpriseVisitsTab');
const ParkResourcesTab = named(() => import('./FileTabs'), 'ParkResourcesTab');
const ProvidersPage = named(() => import('./ProvidersPage'), 'ProvidersPage');
const ProviderImportPage = named(() => import('./ProviderImportPage'), 'ProviderImportPage');
const VisitsPage = named(() => import('./VisitsPage'), 'VisitsPage');

/** The directory's words, merged into the service namespace under `directory` (and its import wording as `import`). */
export const directoryMessages = { 'zh-CN': zhCN, 'en-US': enUS };

export const directoryRoutes = [
  { path: 'service/directory', element: <ProvidersPage />, handle: { permission: 'service.directory.read' } },
  { path: 'service/directory/import', element: <ProviderImportPage />, handle: { permission: 'service.directory.manage' } },
  { path: 'service/visits', element: <VisitsPage />, handle: { permission: 'service.visit.read' } },
];

export const directoryMenu: MenuEntry[] = [
  { key: 'service-directory', label: 'service:directory.menu.providers', icon: <GlobeIcon />, path: '/service/directory', permission: 'service.directory.read', order: 32 },
  { key: 'service-visits', label: 'service:directory.menu.visits', icon: <UsersIcon />, path: '/service/visits', permission: 'service.visit.read', order: 34 },
];

export const directoryEnterpriseTabs: EnterpriseFileTab[] = [
  { key: 'resources', label: 'service:directory.tab.resources', permission: 'service.directory.read', order: 32, render: (id) => <EnterpriseResourcesTab enterpriseId={id} /> },
  { key: 'visits', label: 'service:directory.tab.visits', permission: 'service.visit.read', order: 34, render: (id) => <EnterpriseVisitsTab enterpriseId={id} /> },
];

export const directoryParkTabs: ParkFileTab[] = [
  { key: 'resources', label: 'service:directory.tab.resources', permission: 'park.read', order: 32, render: (id) => <ParkResourcesTab parkId={id} /> },
];

