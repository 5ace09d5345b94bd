/**
 * The reports part of 医保基金监管: the periodic fund risk report and rule effectiveness, read by
 * leaders (medfund_viewer) and analysts (medfund_analyst). The reports hold counts and amounts,
 * no person's name or ID number; the Excel export is audited and marked with who made it.
 */
export const MEDFUND_REPORTS_PERMISSIONS = {
  'medfund.reports.read': { zh: '查看和导出医保基金运行风险报告、规则成效', en: 'View and export the fund risk report and rule effectiveness' },
} as const;
