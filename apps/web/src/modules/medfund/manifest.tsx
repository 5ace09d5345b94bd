import { lazy } from 'react';
import type { ModuleManifest } from '../types';
import { FileSearchIcon, ShieldIcon } from '../../ui/icons';
import enUS from './i18n/en-US';
import zhCN from './i18n/zh-CN';

const DataLoadsPage = lazy(() => import('./DataLoadsPage').then((m) => ({ default: m.DataLoadsPage })));

/** 医保基金监管 (medical fund supervision), part A: the claims data and its loads. */
export const manifest: ModuleManifest = {
  id: 'medfund',
  order: 40,
  messages: { 'zh-CN': zhCN, 'en-US': enUS },
  routes: [{ path: 'medfund/loads', element: <DataLoadsPage />, handle: { permission: 'medfund.data.read' } }],
  menu: [
    {
      key: 'medfund',
      label: 'medfund:menu.group',
      icon: <ShieldIcon />,
      order: 45,
      children: [{ key: 'medfund-loads', label: 'medfund:menu.loads', icon: <FileSearchIcon />, path: '/medfund/loads', permission: 'medfund.data.read', order: 10 }],
    },
  ],
};
