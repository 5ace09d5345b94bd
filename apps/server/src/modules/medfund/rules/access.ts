/**
 * The screening part of 医保基金监管: who reads and tunes rules, starts runs and reads findings.
 * Names and ID numbers in findings are masked for everyone; personal.reveal shows them (audited).
 */
export const MEDFUND_RULES_PERMISSIONS = {
  'medfund.rules.read': { zh: '查看医保筛查规则、筛查批次和机构风险', en: 'View screening rules, runs and provider risk' },
  'medfund.rules.manage': { zh: '调整医保筛查规则参数、启用和停用规则', en: 'Tune screening rules; enable and disable them' },
  'medfund.screening.run': { zh: '发起医保疑点筛查', en: 'Start screening runs' },
  'medfund.findings.read': { zh: '查看医保疑点及其证据（个人信息脱敏）', en: 'View findings and their evidence (personal data masked)' },
} as const;
