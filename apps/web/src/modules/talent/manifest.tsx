import { lazyNamed } from '../lazy';
import type { ModuleManifest } from '../types';
import { FileSearchIcon, UserIcon, UsersIcon } from '../../ui/icons';
import enUS from './i18n/en-US';
import zhCN from './i18n/zh-CN';
import { pointsMenu, pointsMessages, pointsRoutes, pointsTabs } from './scoring/manifestPart';
import { cycleMenu, cycleMessages, cyclePublicRoutes, cycleRoutes } from './cycle/manifestPart';
import { redemptionMenu, redemptionMessages, redemptionRoutes } from './redemption/manifestPart';
import { claimMenu, claimMessages, claimRoutes } from './claims/manifestPart';

const named = lazyNamed;
// the file tab loads with the file page that shows it, not with the app
const EnterpriseTalentsTab = named(() => import('./EnterpriseTalentsTab'), 'EnterpriseTalentsTab');

const TalentListPage = named(() => import('./TalentListPage'), 'TalentListPage');
const TalentFilePage = named(() => import('./TalentFilePage'), 'TalentFilePage');
const TalentFormPage = named(() => import('./TalentFormPage'), 'TalentFormPage');
const TalentImportPage = named(() => import('./TalentImportPage'), 'TalentImportPage');
const ConflictsPage = named(() => import('./ConflictsPage'), 'ConflictsPage');
const MyTalentPage = named(() => import('./MyTalentPage'), 'MyTalentPage');

/** A list of talents is for the county and for enterprise HR; a talent sees only their own file. */
const seesList = (me: { permissions: string[]; scope: { enterpriseId: string | null } }) =>
  me.permissions.includes('talent.county') || !!me.scope.enterpriseId;

/** 企业人才积分制 — part 1: the talent registry. */
export const manifest: ModuleManifest = {
  id: 'talent',
  order: 20,
  messages: {
    'zh-CN': { ...zhCN, ...pointsMessages['zh-CN'], ...cycleMessages['zh-CN'], ...redemptionMessages['zh-CN'], ...claimMessages['zh-CN'] },
    'en-US': { ...enUS, ...pointsMessages['en-US'], ...cycleMessages['en-US'], ...redemptionMessages['en-US'], ...claimMessages['en-US'] },
  },
  routes: [
    { path: 'talent/talents', element: <TalentListPage />, handle: { permission: 'talent.read' } },
    { path: 'talent/talents/new', element: <TalentFormPage />, handle: { permission: 'talent.write' } },
    { path: 'talent/talents/:id', element: <TalentFilePage />, handle: { permission: 'talent.read' } },
    { path: 'talent/talents/:id/edit', element: <TalentFormPage />, handle: { permission: 'talent.write' } },
    { path: 'talent/import', element: <TalentImportPage />, handle: { permission: 'talent.import' } },
    { path: 'talent/conflicts', element: <ConflictsPage />, handle: { permission: 'talent.manage' } },
    { path: 'talent/me', element: <MyTalentPage />, handle: { permission: 'talent.read' } },
    ...pointsRoutes,
    ...cycleRoutes,
    ...redemptionRoutes,
    ...claimRoutes,
  ],
  publicRoutes: cyclePublicRoutes,
  menu: [
    {
      key: 'talent',
      label: 'talent:menu.talent',
      icon: <UsersIcon />,
      order: 30,
      permission: 'talent.read',
      children: [
        { key: 'talent-list', label: 'talent:menu.talents', icon: <UsersIcon />, path: '/talent/talents', permission: 'talent.read', visible: seesList, order: 10 },
        { key: 'talent-conflicts', label: 'talent:menu.conflicts', icon: <FileSearchIcon />, path: '/talent/conflicts', permission: 'talent.manage', order: 20 },
        { key: 'talent-me', label: 'talent:menu.myTalent', icon: <UserIcon />, path: '/talent/me', permission: 'talent.read', visible: (me) => !seesList(me), order: 30 },
        ...claimMenu,
        ...pointsMenu,
        ...cycleMenu,
      ],
    },
    ...redemptionMenu,
  ],
  enterpriseFileTabs: [
    { key: 'talent', label: 'talent:tab', permission: 'talent.read', order: 10, render: (id) => <EnterpriseTalentsTab enterpriseId={id} /> },
    ...pointsTabs,
  ],
};
