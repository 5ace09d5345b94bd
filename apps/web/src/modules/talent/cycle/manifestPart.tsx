import { lazyNamed } from '../../lazy';
import type { RouteObject } from 'react-router';
import type { MenuEntry } from '../../types';
import type { Me } from '../../../api/types';
import { BuildingIcon, CalendarIcon, FileSearchIcon, GlobeIcon, TrophyIcon } from '../../../ui/icons';
import enUS from './i18n/en-US';
import zhCN from './i18n/zh-CN';

/**
 * The annual cycle's pages (docs/talent/CYCLE.md), spliced into the talent module's manifest:
 * the office's dashboard, objections, the tier board, reports, and the public notice outside the
 * signed-in shell.
 */
const named = lazyNamed;

const CycleDashboardPage = named(() => import('./CycleDashboardPage'), 'CycleDashboardPage');
const ObjectionsPage = named(() => import('./ObjectionsPage'), 'ObjectionsPage');
const TierBoardPage = named(() => import('./TierBoardPage'), 'TierBoardPage');
const ReportsPage = named(() => import('./ReportsPage'), 'ReportsPage');
const PublicNoticePage = named(() => import('./PublicNoticePage'), 'PublicNoticePage');

const seesTiers = (me: Me) => me.permissions.includes('talent.county') || !!me.scope.enterpriseId;

export const cycleRoutes: RouteObject[] = [
  { path: 'talent/cycles', element: <CycleDashboardPage />, handle: { permission: 'talent.cycle.manage' } },
  { path: 'talent/objections', element: <ObjectionsPage />, handle: { permission: 'talent.cycle.read' } },
  { path: 'talent/tiers', element: <TierBoardPage />, handle: { permission: 'talent.cycle.read' } },
  { path: 'talent/reports', element: <ReportsPage />, handle: { permission: 'talent.county' } },
];

export const cyclePublicRoutes: RouteObject[] = [{ path: '/talent-notice', element: <PublicNoticePage /> }];

export const cycleMenu: MenuEntry[] = [
  { key: 'talent-cycles', label: 'talent:cycle.menu.cycles', icon: <CalendarIcon />, path: '/talent/cycles', permission: 'talent.cycle.manage', order: 60 },
  { key: 'talent-objections', label: 'talent:cycle.menu.objections', icon: <FileSearchIcon />, path: '/talent/objections', permission: 'talent.cycle.read', order: 62 },
  { key: 'talent-tiers', label: 'talent:cycle.menu.tiers', icon: <BuildingIcon />, path: '/talent/tiers', permission: 'talent.cycle.read', visible: seesTiers, order: 64 },
  { key: 'talent-reports', label: 'talent:cycle.menu.reports', icon: <TrophyIcon />, path: '/talent/reports', permission: 'talent.county', order: 66 },
  { key: 'talent-notice', label: 'talent:cycle.menu.notice', icon: <GlobeIcon />, path: '/talent-notice', permission: 'talent.read', order: 68 },
];

export const cycleMessages = { 'zh-CN': zhCN, 'en-US': enUS };
