import { lazyNamed } from '../../lazy';
import type { EnterpriseFileTab, MenuEntry, ParkFileTab } from '../../types';
import type { RouteObject } from 'react-router';
import { TrophyIcon } from '../../../ui/icons';
import enUS from './i18n/en-US';
import zhCN from './i18n/zh-CN';

const PolicyListPage = lazyNamed(() => import('./PolicyListPage'), 'PolicyListPage');
const PolicyFormPage = lazyNamed(() => import('./PolicyFormPage'), 'PolicyFormPage');
const PolicyDetailPage = lazyNamed(() => import('./PolicyDetailPage'), 'PolicyDetailPage');
const MyBenefitsPage = lazyNamed(() => import('./MyBenefitsPage'), 'MyBenefitsPage');
const EnterpriseBenefitsTab = lazyNamed(() => import('./EnterpriseBenefitsTab'), 'EnterpriseBenefitsTab');
const ParkBenefitsTab = lazyNamed(() => import('./ParkBenefitsTab'), 'ParkBenefitsTab');

/** 惠企政策直达: what the benefits part adds to the service module's manifest (routes, menu entries, file tabs, words). */
export const benefits = {
  messages: { 'zh-CN': zhCN, 'en-US': enUS },
  routes: [
    { path: 'service/benefits/policies', element: <PolicyListPage />, handle: { permission: 'benefit.read' } },
    { path: 'service/benefits/policies/new', element: <PolicyFormPage />, handle: { permission: 'benefit.manage' } },
    { path: 'service/benefits/policies/:id/edit', element: <PolicyFormPage />, handle: { permission: 'benefit.manage' } },
    { path: 'service/benefits/policies/:id', element: <PolicyDetailPage /> },
    { path: 'service/benefits/mine', element: <MyBenefitsPage /> },
  ] satisfies RouteObject[],
  menu: [
    { key: 'benefits-library', label: 'service:benefits.menu.library', icon: <TrophyIcon />, path: '/service/benefits/policies', permission: 'benefit.read', visible: (me) => !me.scope.enterpriseId, order: 36 },
    { key: 'benefits-mine', label: 'service:benefits.menu.mine', icon: <TrophyIcon />, path: '/service/benefits/mine', visible: (me) => !!me.scope.enterpriseId, order: 36 },
  ] satisfies MenuEntry[],
  enterpriseFileTabs: [
    { key: 'benefits', label: 'service:benefits.tab', permission: 'benefit.read', order: 35, render: (id) => <EnterpriseBenefitsTab enterpriseId={id} /> },
  ] satisfies EnterpriseFileTab[],
  parkFileTabs: [
    { key: 'benefits', label: 'service:benefits.tab', permission: 'benefit.read', order: 35, render: (id) => <ParkBenefitsTab parkId={id} /> },
  ] satisfies ParkFileTab[],
};
