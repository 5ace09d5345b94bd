import { lazyNamed } from '../../lazy';
import type { RouteObject } from 'react-router';
import type { MenuEntry } from '../../types';
import type { Me } from '../../../api/types';
import { FileSearchIcon } from '../../../ui/icons';
import enUS from './i18n/en-US';
import zhCN from './i18n/zh-CN';

/**
 * Claims of facts and their review (docs/talent/EVIDENCE.md), spliced into the talent module's
 * manifest: 审核队列 for the talent office, 积分申报 for enterprise HR (namespace `talent`, key `claim`).
 */
const named = lazyNamed;

const ClaimsPage = named(() => import('./ClaimsPage'), 'ClaimsPage');
const ClaimPage = named(() => import('./ClaimPage'), 'ClaimPage');

const reviews = (me: Me) => me.permissions.includes('talent.claims.review') && !me.scope.enterpriseId;
const claims = (me: Me) => !!me.scope.enterpriseId;

export const claimRoutes: RouteObject[] = [
  { path: 'talent/claims', element: <ClaimsPage />, handle: { permission: 'talent.write' } },
  { path: 'talent/claims/:id', element: <ClaimPage />, handle: { permission: 'talent.write' } },
];

export const claimMenu: MenuEntry[] = [
  { key: 'talent-review', label: 'talent:claim.menu.queue', icon: <FileSearchIcon />, path: '/talent/claims', permission: 'talent.claims.review', visible: reviews, order: 15 },
  { key: 'talent-claims', label: 'talent:claim.menu.mine', icon: <FileSearchIcon />, path: '/talent/claims', permission: 'talent.write', visible: claims, order: 15 },
];

export const claimMessages = { 'zh-CN': zhCN, 'en-US': enUS };
