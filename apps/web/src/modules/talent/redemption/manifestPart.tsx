import { lazyNamed } from '../../lazy';
import type { RouteObject } from 'react-router';
import type { MenuEntry } from '../../types';
import { BuildingIcon, CalendarIcon, FileSearchIcon, TrophyIcon, UsersIcon } from '../../../ui/icons';
import enUS from './i18n/en-US';
import zhCN from './i18n/zh-CN';

/**
 * The redemption pages (兑现, issue 4): resources, tier quotas and rounds for the office; the
 * rounds of its resources for a resource owner; quota handover (调剂) for enterprise HR; open
 * rounds, applications and results for a talent. Spliced into the talent module's manifest
 * (words under `redeem` in the talent namespace).
 */
const named = lazyNamed;

const ResourcesPage = named(() => import('./ResourcesPage'), 'ResourcesPage');
const QuotasPage = named(() => import('./QuotasPage'), 'QuotasPage');
const RoundListPage = named(() => import('./RoundListPage'), 'RoundListPage');
const RoundDetailPage = named(() => import('./RoundDetailPage'), 'RoundDetailPage');
const HandoversPage = named(() => import('./HandoversPage'), 'HandoversPage');
const MyRedemptionPage = named(() => import('./MyRedemptionPage'), 'MyRedemptionPage');
const MyApplicationPage = named(() => import('./MyApplicationPage'), 'MyApplicationPage');

const MANAGE = 'talent.rounds.manage';

export const redemptionRoutes: RouteObject[] = [
  { path: 'talent/redemption/resources', element: <ResourcesPage />, handle: { permission: MANAGE } },
  { path: 'talent/redemption/quotas', element: <QuotasPage />, handle: { permission: MANAGE } },
  { path: 'talent/redemption/rounds', element: <RoundListPage />, handle: { permission: 'talent.rounds.read' } },
  { path: 'talent/redemption/rounds/:id', element: <RoundDetailPage />, handle: { permission: 'talent.rounds.read' } },
  { path: 'talent/redemption/handovers', element: <HandoversPage />, handle: { permission: 'talent.read' } },
  // the links in the notifications a talent receives (redemption/*.service.ts, round-notices.ts)
  { path: 'talent/redemption', element: <MyRedemptionPage />, handle: { permission: 'talent.apply' } },
  { path: 'talent/applications/:id', element: <MyApplicationPage />, handle: { permission: 'talent.apply' } },
];

/**
 * A group of its own, so that the resource owner (who has no talent.read) sees it too: the office
 * gets all four office pages, the owner the rounds, HR the handover, a talent their own page.
 */
export const redemptionMenu: MenuEntry[] = [
  {
    key: 'talent-redemption',
    label: 'talent:redeem.menu.group',
    icon: <TrophyIcon />,
    order: 31,
    permission: 'talent.rounds.read',
    children: [
      { key: 'redeem-mine', label: 'talent:redeem.menu.mine', icon: <UsersIcon />, path: '/talent/redemption', permission: 'talent.apply', order: 10 },
      { key: 'redeem-handovers', label: 'talent:redeem.menu.handovers', icon: <BuildingIcon />, path: '/talent/redemption/handovers', permission: 'talent.quota.handover', order: 20 },
      {
        key: 'redeem-handovers-office', label: 'talent:redeem.menu.handovers', icon: <BuildingIcon />, path: '/talent/redemption/handovers', permission: MANAGE, order: 45,
        visible: (me) => !me.permissions.includes('talent.quota.handover'),
      },
      { key: 'redeem-rounds', label: 'talent:redeem.menu.rounds', icon: <CalendarIcon />, path: '/talent/redemption/rounds', permission: 'talent.resource.publish', order: 30 },
      { key: 'redeem-resources', label: 'talent:redeem.menu.resources', icon: <FileSearchIcon />, path: '/talent/redemption/resources', permission: MANAGE, order: 35 },
      { key: 'redeem-quotas', label: 'talent:redeem.menu.quotas', icon: <TrophyIcon />, path: '/talent/redemption/quotas', permission: MANAGE, order: 40 },
    ],
  },
];

export const redemptionMessages = { 'zh-CN': zhCN, 'en-US': enUS };
