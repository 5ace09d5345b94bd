import { MEDFUND_DATA_PERMISSIONS } from './data/access';
import { MEDFUND_RULES_PERMISSIONS } from './rules/access';
import { MEDFUND_REPORTS_PERMISSIONS } from './reports/access';
import { MEDFUND_WARNINGS_PERMISSIONS } from './warnings/access';
import { MEDFUND_CASES_ANALYST_PERMISSIONS, MEDFUND_CASES_PERMISSIONS, MEDFUND_CASES_ROLES } from './cases/access';

/**
 * The medical fund module's roles, over the permissions its two parts declare (data/access.ts:
 * loads and mappings; rules/access.ts: rules, runs, findings, provider risk). Claims data is the
 * county medical insurance bureau's: it has no enterprise or department scope; these permissions
 * alone decide who sees it. Names and ID numbers are masked unless the user also holds
 * personal.reveal, and every unmasked read is audited.
 */
export const MEDFUND_PERMISSIONS = {
  ...MEDFUND_DATA_PERMISSIONS, ...MEDFUND_RULES_PERMISSIONS, ...MEDFUND_WARNINGS_PERMISSIONS, ...MEDFUND_CASES_PERMISSIONS, ...MEDFUND_REPORTS_PERMISSIONS,
};

export const MEDFUND_ROLES: Record<string, { name: string; nameEn: string; description: string; permissions: string[] }> = {
  medfund_analyst: {
    name: '医保基金监管分析员',
    nameEn: 'Medical fund analyst',
    description: '医保局：加载结算数据和人社、民政等部门共享的数据，维护列映射，调整筛查规则、发起筛查、研判疑点和机构风险，查看完整个人信息（留痕）',
    permissions: [
      'medfund.data.read', 'medfund.data.load',
      'medfund.rules.read', 'medfund.rules.manage', 'medfund.screening.run', 'medfund.findings.read',
      'medfund.warnings.read', 'medfund.warnings.manage',
      'personal.reveal', ...MEDFUND_CASES_ANALYST_PERMISSIONS,
      'medfund.reports.read',
    ],
  },
  medfund_viewer: {
    name: '医保监管查阅（领导、协作部门）',
    nameEn: 'Medical fund viewer (leaders, partner departments)',
    description: '查看数据加载与数据概况、规则、筛查批次、疑点（个人信息脱敏）和机构风险排名',
    permissions: ['medfund.data.read', 'medfund.rules.read', 'medfund.findings.read', 'medfund.warnings.read', 'medfund.reports.read'],
  },
  medfund_oversight: {
    name: '纪检监察组（医保基金监督）',
    nameEn: 'Discipline inspection group (fund oversight)',
    description: '纪委监委派驻纪检监察组：查看红色预警及每条的处置情况（状态、处置历史），接收红色预警提醒（站内、短信、邮件）；个人信息脱敏',
    permissions: ['medfund.warnings.oversee'],
  },
  ...MEDFUND_CASES_ROLES,
};
