import { lazyNamed } from '../lazy';
import type { ModuleManifest } from '../types';
import { BellIcon, FileSearchIcon, SettingsIcon, ShieldIcon, TrophyIcon } from '../../ui/icons';
import enUS from './i18n/en-US';
import zhCN from './i18n/zh-CN';
import { canSeeWarnings } from './warnings-api';
import { reportEnUS, reportMenuEnUS, reportMenuZhCN, reportZhCN } from './reports/i18n';

const named = lazyNamed;

const DataLoadsPage = named(() => import('./DataLoadsPage'), 'DataLoadsPage');
const RulesPage = named(() => import('./RulesPage'), 'RulesPage');
const RunsPage = named(() => import('./RunsPage'), 'RunsPage');
const FindingsPage = named(() => import('./FindingsPage'), 'FindingsPage');
const RiskPage = named(() => import('./RiskPage'), 'RiskPage');
const WarningsPage = named(() => import('./WarningsPage'), 'WarningsPage');
const WarningDetailPage = named(() => import('./WarningDetailPage'), 'WarningDetailPage');
const WarningRulesPage = named(() => import('./WarningRulesPage'), 'WarningRulesPage');
const ReportPage = named(() => import('./reports/ReportPage'), 'ReportPage');
const RuleEffectivenessPage = named(() => import('./reports/RuleEffectivenessPage'), 'RuleEffectivenessPage');
const seesWarnings = (me: { permissions: string[] }) => canSeeWarnings(me.permissions);
const CasesPage = named(() => import('./cases/CasesPage'), 'CasesPage');
const CaseDetailPage = named(() => import('./cases/CaseDetailPage'), 'CaseDetailPage');
const InboxPage = named(() => import('./cases/InboxPage'), 'InboxPage');
const InboxItemPage = named(() => import('./cases/InboxPage'), 'InboxItemPage');
const RecoveryPage = named(() => import('./cases/RecoveryPage'), 'RecoveryPage');
const PartnersPage = named(() => import('./cases/PartnersPage'), 'PartnersPage');
const AreasPage = named(() => import('./cases/AreasPage'), 'AreasPage');

/** 医保基金监管 (medical fund supervision): the claims data and its loads; screening rules, runs, findings, provider risk; warnings and their rules (docs/medfund/). */
export const manifest: ModuleManifest = {
  id: 'medfund',
  order: 40,
  messages: {
    'zh-CN': { ...zhCN, ...reportZhCN, menu: { ...zhCN.menu, ...reportMenuZhCN } },
    'en-US': { ...enUS, ...reportEnUS, menu: { ...enUS.menu, ...reportMenuEnUS } },
  },
  routes: [
    { path: 'medfund/loads', element: <DataLoadsPage />, handle: { permission: 'medfund.data.read' } },
    { path: 'medfund/rules', element: <RulesPage />, handle: { permission: 'medfund.rules.read' } },
    { path: 'medfund/runs', element: <RunsPage />, handle: { permission: 'medfund.rules.read' } },
    { path: 'medfund/findings', element: <FindingsPage />, handle: { permission: 'medfund.findings.read' } },
    { path: 'medfund/risk', element: <RiskPage />, handle: { permission: 'medfund.rules.read' } },
    // the list and a warning: medfund.warnings.read (every level) or .oversee (red only); the server decides which
    { path: 'medfund/warnings', element: <WarningsPage /> },
    { path: 'medfund/warnings/:id', element: <WarningDetailPage /> },
    { path: 'medfund/report', element: <ReportPage />, handle: { permission: 'medfund.reports.read' } },
    { path: 'medfund/rule-effectiveness', element: <RuleEffectivenessPage />, handle: { permission: 'medfund.reports.read' } },
    { path: 'medfund/warning-rules', element: <WarningRulesPage />, handle: { permission: 'medfund.warnings.read' } },
    { path: 'medfund/cases', element: <CasesPage />, handle: { permission: 'medfund.cases.read' } },
    { path: 'medfund/cases/:id', element: <CaseDetailPage />, handle: { permission: 'medfund.cases.read' } },
    { path: 'medfund/inbox', element: <InboxPage />, handle: { permission: 'medfund.transfers.handle' } },
    { path: 'medfund/inbox/:id', element: <InboxItemPage />, handle: { permission: 'medfund.transfers.handle' } },
    { path: 'medfund/recovery', element: <RecoveryPage />, handle: { permission: 'medfund.cases.read' } },
    { path: 'medfund/partners', element: <PartnersPage />, handle: { permission: 'medfund.cases.read' } },
    { path: 'medfund/areas', element: <AreasPage />, handle: { permission: 'medfund.cases.read' } },
  ],
  menu: [
    {
      key: 'medfund',
      label: 'medfund:menu.group',
      icon: <ShieldIcon />,
      order: 45,
      children: [
        { key: 'medfund-warnings', label: 'medfund:menu.warnings', icon: <BellIcon />, path: '/medfund/warnings', visible: seesWarnings, order: 5 },
        { key: 'medfund-warning-rules', label: 'medfund:menu.warningRules', icon: <SettingsIcon />, path: '/medfund/warning-rules', permission: 'medfund.warnings.read', order: 45 },
        { key: 'medfund-report', label: 'medfund:menu.report', icon: <TrophyIcon />, path: '/medfund/report', permission: 'medfund.reports.read', order: 1 },
        { key: 'medfund-rule-effectiveness', label: 'medfund:menu.ruleEffectiveness', icon: <SettingsIcon />, path: '/medfund/rule-effectiveness', permission: 'medfund.reports.read', order: 42 },
        { key: 'medfund-cases', label: 'medfund:cases.menu.cases', icon: <FileSearchIcon />, path: '/medfund/cases', permission: 'medfund.cases.read', order: 12 },
        { key: 'medfund-inbox', label: 'medfund:cases.menu.inbox', icon: <BellIcon />, path: '/medfund/inbox', permission: 'medfund.transfers.handle', order: 14 },
        { key: 'medfund-recovery', label: 'medfund:cases.menu.recovery', icon: <TrophyIcon />, path: '/medfund/recovery', permission: 'medfund.cases.read', order: 16 },
        { key: 'medfund-partners', label: 'medfund:cases.menu.partners', icon: <SettingsIcon />, path: '/medfund/partners', permission: 'medfund.cases.read', order: 45 },
        { key: 'medfund-areas', label: 'medfund:cases.menu.areas', icon: <SettingsIcon />, path: '/medfund/areas', permission: 'medfund.cases.read', order: 46 },
        { key: 'medfund-findings', label: 'medfund:menu.findings', icon: <FileSearchIcon />, path: '/medfund/findings', permission: 'medfund.findings.read', order: 10 },
        { key: 'medfund-runs', label: 'medfund:menu.runs', icon: <BellIcon />, path: '/medfund/runs', permission: 'medfund.rules.read', order: 20 },
        { key: 'medfund-risk', label: 'medfund:menu.risk', icon: <TrophyIcon />, path: '/medfund/risk', permission: 'medfund.rules.read', order: 30 },
        { key: 'medfund-rules', label: 'medfund:menu.rules', icon: <SettingsIcon />, path: '/medfund/rules', permission: 'medfund.rules.read', order: 40 },
        { key: 'medfund-loads', label: 'medfund:menu.loads', icon: <FileSearchIcon />, path: '/medfund/loads', permission: 'medfund.data.read', order: 50 },
      ],
    },
  ],
};
