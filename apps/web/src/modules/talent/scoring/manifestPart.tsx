import { lazyNamed } from '../../lazy';
import type { RouteObject } from 'react-router';
import type { EnterpriseFileTab, MenuEntry } from '../../types';
import type { Me } from '../../../api/types';
import { BuildingIcon, FileSearchIcon, TrophyIcon } from '../../../ui/icons';
import enUS from './i18n/en-US';
import zhCN from './i18n/zh-CN';

/**
 * The talent-points pages (企业人才积分制 part 1, the half after the registry), spliced into the
 * talent module's manifest: routes, menu entries (under 人才积分), the enterprise-file tab and the
 * words (namespace `talent`, key `points`).
 */
const named = lazyNamed;
const EnterprisePointsTab = named(() => import('./EnterprisePointsTab'), 'EnterprisePointsTab');

const SchemeListPage = named(() => import('./SchemeListPage'), 'SchemeListPage');
const SchemeEditorPage = named(() => import('./SchemeEditorPage'), 'SchemeEditorPage');
const WhatIfPage = named(() => import('./WhatIfPage'), 'WhatIfPage');
const TalentPointsPage = named(() => import('./TalentPointsPage'), 'TalentPointsPage');
const EvaluationBonusPage = named(() => import('./EvaluationBonusPage'), 'EvaluationBonusPage');
const EnterprisePointsPage = named(() => import('./EnterprisePointsPage'), 'EnterprisePointsPage');
const EnterprisePointsFilePage = named(() => import('./EnterprisePointsPage'), 'EnterprisePointsFilePage');

const MANAGE = 'talent.scheme.manage';
/** Enterprise points are for the county and for enterprise HR; a talent has none to see. */
const seesEnterprises = (me: Me) => me.permissions.includes('talent.county') || !!me.scope.enterpriseId;

export const pointsRoutes: RouteObject[] = [
  { path: 'talent/schemes', element: <SchemeListPage />, handle: { permission: MANAGE } },
  { path: 'talent/schemes/:id', element: <SchemeEditorPage />, handle: { permission: MANAGE } },
  { path: 'talent/what-if/:id', element: <WhatIfPage />, handle: { permission: MANAGE } },
  { path: 'talent/points', element: <TalentPointsPage />, handle: { permission: 'talent.read' } },
  { path: 'talent/evaluation-bonus', element: <EvaluationBonusPage />, handle: { permission: 'talent.read' } },
  { path: 'talent/enterprise-points', element: <EnterprisePointsPage />, handle: { permission: 'talent.read' } },
  { path: 'talent/enterprise-points/:enterpriseId', element: <EnterprisePointsFilePage />, handle: { permission: 'talent.read' } },
];

export const pointsMenu: MenuEntry[] = [
  { key: 'talent-points', label: 'talent:points.menu.talentPoints', icon: <TrophyIcon />, path: '/talent/points', permission: 'talent.read', visible: seesEnterprises, order: 35 },
  { key: 'talent-enterprise-points', label: 'talent:points.menu.enterprisePoints', icon: <BuildingIcon />, path: '/talent/enterprise-points', permission: 'talent.read', visible: seesEnterprises, order: 40 },
  { key: 'talent-evaluation-bonus', label: 'talent:points.menu.evaluationBonus', icon: <TrophyIcon />, path: '/talent/evaluation-bonus', permission: 'talent.read', visible: seesEnterprises, order: 45 },
  { key: 'talent-schemes', label: 'talent:points.menu.schemes', icon: <FileSearchIcon />, path: '/talent/schemes', permission: MANAGE, order: 50 },
];

export const pointsTabs: EnterpriseFileTab[] = [
  { key: 'talent-points', label: 'talent:points.tab', permission: 'talent.read', order: 20, render: (id) => <EnterprisePointsTab enterpriseId={id} /> },
];

export const pointsMessages = { 'zh-CN': zhCN, 'en-US': enUS };
