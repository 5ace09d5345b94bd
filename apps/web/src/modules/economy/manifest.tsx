import { lazyNamed } from '../lazy';
import type { ModuleManifest, RouteHandle } from '../types';
import { prefetchDashboardHeadline } from './api';
import { BuildingIcon, FileSearchIcon, SettingsIcon, TreeIcon, TrophyIcon, UploadIcon } from '../../ui/icons';
import enUS from './i18n/en-US';
import zhCN from './i18n/zh-CN';

const named = lazyNamed;

// the file tabs load with the file page that shows them, not with the app
const EnterpriseFiguresTab = named(() => import('./EnterpriseFiguresTab'), 'EnterpriseFiguresTab');
const ParkFiguresTab = named(() => import('./ParkFiguresTab'), 'ParkFiguresTab');
const DashboardPage = named(() => import('./DashboardPage'), 'DashboardPage');
const FiguresImportPage = named(() => import('./FiguresImportPage'), 'FiguresImportPage');
const EcosystemsPage = named(() => import('./EcosystemsPage'), 'EcosystemsPage');
const ChainsPage = named(() => import('./ChainsPage'), 'ChainsPage');
const ChainEditorPage = named(() => import('./ChainEditorPage'), 'ChainEditorPage');
const ProjectsPage = named(() => import('./ProjectsPage'), 'ProjectsPage');
const ProjectDetailPage = named(() => import('./ProjectDetailPage'), 'ProjectDetailPage');
const ProjectStagesPage = named(() => import('./ProjectStagesPage'), 'ProjectStagesPage');
const TransferListPage = named(() => import('./transfer/TransferListPage'), 'TransferListPage');
const TransferResultPage = named(() => import('./transfer/TransferResultPage'), 'TransferResultPage');

/** 经济运行 (issue 9, part 1): the leaders' screen, the figures import, ecosystems; tabs on the enterprise and park files. */
export const manifest: ModuleManifest = {
  id: 'economy',
  order: 40,
  messages: { 'zh-CN': zhCN, 'en-US': enUS },
  routes: [
    { path: 'economy/dashboard', element: <DashboardPage />, handle: { permission: 'economy.read', prefetch: ({ queryClient }) => void prefetchDashboardHeadline(queryClient) } satisfies RouteHandle },
    { path: 'economy/import', element: <FiguresImportPage />, handle: { permission: 'economy.write' } },
    { path: 'economy/ecosystems', element: <EcosystemsPage />, handle: { permission: 'economy.read' } },
    { path: 'economy/chains', element: <ChainsPage />, handle: { permission: 'economy.read' } },
    { path: 'economy/chains/:id', element: <ChainsPage />, handle: { permission: 'economy.read' } },
    { path: 'economy/chains/:id/edit', element: <ChainEditorPage />, handle: { permission: 'economy.chains' } },
    { path: 'economy/projects', element: <ProjectsPage />, handle: { permission: 'economy.read' } },
    { path: 'economy/projects/:id', element: <ProjectDetailPage />, handle: { permission: 'economy.read' } },
    { path: 'economy/project-stages', element: <ProjectStagesPage />, handle: { permission: 'economy.read' } },
    { path: 'economy/transfer', element: <TransferListPage />, handle: { permission: 'economy.transfer.read' } },
    { path: 'economy/transfer/:id', element: <TransferResultPage />, handle: { permission: 'economy.transfer.read' } },
  ],
  menu: [
    {
      key: 'economy',
      label: 'economy:menu.group',
      icon: <TrophyIcon />,
      order: 25,
      // the group shows to the statistics side and to the science and technology officers alike
      visible: (me) => me.permissions.includes('economy.read') || me.permissions.includes('economy.transfer.read'),
      children: [
        { key: 'economy-dashboard', label: 'economy:menu.dashboard', icon: <TrophyIcon />, path: '/economy/dashboard', permission: 'economy.read', order: 10 },
        { key: 'economy-import', label: 'economy:menu.import', icon: <UploadIcon />, path: '/economy/import', permission: 'economy.write', order: 20 },
        { key: 'economy-ecosystems', label: 'economy:menu.ecosystems', icon: <SettingsIcon />, path: '/economy/ecosystems', permission: 'economy.read', order: 30 },
        { key: 'economy-chains', label: 'economy:menu.chains', icon: <TreeIcon />, path: '/economy/chains', permission: 'economy.read', order: 40 },
        { key: 'economy-projects', label: 'economy:menu.projects', icon: <BuildingIcon />, path: '/economy/projects', permission: 'economy.read', order: 50 },
        { key: 'economy-project-stages', label: 'economy:menu.projectStages', icon: <SettingsIcon />, path: '/economy/project-stages', permission: 'economy.invest.configure', order: 60 },
        { key: 'economy-transfer', label: 'economy:menu.transfer', icon: <FileSearchIcon />, path: '/economy/transfer', permission: 'economy.transfer.read', order: 70 },
      ],
    },
  ],
  enterpriseFileTabs: [
    { key: 'economy', label: 'economy:tab', permission: 'economy.read', order: 20, render: (id) => <EnterpriseFiguresTab enterpriseId={id} /> },
  ],
  parkFileTabs: [
    { key: 'economy', label: 'economy:tab', permission: 'economy.read', order: 20, render: (id) => <ParkFiguresTab parkId={id} /> },
  ],
  // accounts that hold only economy roles start on the screen (others keep their module's home)
  home: (me) => (me.roles.length > 0 && me.roles.every((r) => r.startsWith('economy_'))
    ? (me.permissions.includes('economy.read') ? '/economy/dashboard' : '/economy/transfer')
    : me.roles.length > 0 && me.roles.every((r) => r === 'investment_officer') ? '/economy/projects' : null),
};
