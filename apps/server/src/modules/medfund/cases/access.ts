/**
 * Cases, transfers and recovery (医保基金监管 part 2B): who opens cases, who reviews and decides
 * them (inspectors, within their area), which partner departments see what was transferred to
 * them, and who supervises deadlines.
 */
export const MEDFUND_CASES_PERMISSIONS = {
  'medfund.cases.read': { zh: '查看医保监管案件、移交和追回情况（个人信息脱敏）', en: 'View cases, transfers and recovery (personal data masked)' },
  'medfund.cases.open': { zh: '依据疑点立案', en: 'Open cases from findings' },
  'medfund.cases.transfer': { zh: '向协作部门移交线索、发起联合检查', en: 'Transfer clues to partner departments; start joint inspections' },
  'medfund.cases.review': { zh: '办理本片区案件：初审、复审、申诉、调查核实、处理决定、登记追回款', en: 'Handle cases in one\'s area: reviews, appeal, investigation, decision, recovered payments' },
  'medfund.cases.supervise': { zh: '接收超期案件的督办提醒', en: 'Receive the escalations of overdue case stages' },
  'medfund.cases.export': { zh: '导出案件和追回情况（留痕）', en: 'Export cases and recovery (audited)' },
  'medfund.cases.manage': { zh: '维护协作部门、阶段时限和稽核片区', en: 'Manage partner departments, stage time limits and inspection areas' },
  'medfund.transfers.handle': { zh: '协作部门：签收移交线索、记录本部门处理情况并反馈', en: 'Partner department: sign for transferred clues, record actions, report back' },
} as const;

/** What an analyst adds to the roles of part 1: open cases, transfer clues, read and export them. */
export const MEDFUND_CASES_ANALYST_PERMISSIONS = ['medfund.cases.read', 'medfund.cases.open', 'medfund.cases.transfer', 'medfund.cases.export'];

export const MEDFUND_CASES_ROLES: Record<string, { name: string; nameEn: string; description: string; permissions: string[] }> = {
  medfund_inspector: {
    name: '医保基金稽核员',
    nameEn: 'Medical fund inspector',
    description: '医保局：在本稽核片区内办理案件（初审、复审、申诉、调查核实、联合检查、处理决定、登记追回款），查看完整个人信息（留痕）',
    permissions: ['medfund.findings.read', 'medfund.rules.read', 'medfund.cases.read', 'medfund.cases.review', 'medfund.cases.transfer', 'medfund.cases.export', 'personal.reveal'],
  },
  medfund_case_lead: {
    name: '医保基金稽核科负责人',
    nameEn: 'Head of fund inspection',
    description: '医保局：查看全部案件，接收超期督办提醒，维护协作部门、阶段时限和稽核片区',
    permissions: ['medfund.findings.read', 'medfund.rules.read', 'medfund.cases.read', 'medfund.cases.supervise', 'medfund.cases.export', 'medfund.cases.manage'],
  },
  medfund_partner: {
    name: '医保监管协作部门',
    nameEn: 'Partner department (joint supervision)',
    description: '联合监管共同体成员单位：只看移交给本部门的线索和联合检查，签收、记录本部门处理情况并反馈（个人信息脱敏）',
    permissions: ['medfund.transfers.handle'],
  },
};
