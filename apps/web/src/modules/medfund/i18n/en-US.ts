import type zhCN from './zh-CN';

const enUS: typeof zhCN = {
  menu: { group: 'Medical fund supervision', rules: 'Screening rules', runs: 'Screening runs', findings: 'Findings', risk: 'Provider risk' },
  severity: { red: 'Red (clear violation)', orange: 'Orange (suspicious)' },
  rules: {
    title: 'Screening rules', code: 'Code', name: 'Rule', template: 'Template', version: 'Version', severity: 'Severity', effective: 'Effective',
    department: 'Default department', enabled: 'Enabled', edit: 'Tune', params: 'Parameters', tables: 'Local rule tables (beyond the catalogue, code prefix)',
    rows: '{{n}} rows', changeNote: 'Reason for the change', save: 'Save as a new version', saved: 'Saved as version {{v}}', versions: 'Versions', by: 'By', note: 'Note',
  },
  runs: {
    title: 'Screening runs', full: 'Full screening', incremental: 'Incremental (new days)', started: 'Screening run #{{id}} started', kind: 'Kind',
    status: { queued: 'Queued', running: 'Running', done: 'Done', failed: 'Failed' }, progress: 'Progress', period: 'Period screened', found: 'Findings',
    new: 'New', data: 'Data version', requestedBy: 'Started by', requestedAt: 'Started at',
  },
  findings: {
    title: 'Findings', rule: 'Rule', severity: 'Severity', provider: 'Provider (code or name)', person: 'Person number or ID number', period: 'Period',
    minAmount: 'Minimum amount (yuan)', amount: 'Amount at risk (yuan)', person_: 'Person', occurredOn: 'Date', setl: 'Settlement', total: '{{n}} findings, {{amount}} yuan at risk',
    evidence: 'Evidence', reveal: 'Reveal (audited)', lines: 'Fee lines (offending ones in red)', item: 'Item', date: 'Date', cnt: 'Qty', price: 'Price',
    lineAmount: 'Amount', fund: 'Fund paid', settlement: 'Settlement', ruleVersion: 'Rule version', department: 'Department', chart: 'Findings by rule',
  },
  risk: {
    title: 'Designated provider risk ranking', rank: 'Rank', provider: 'Provider', peer: 'Peers', settlements: 'Settlements', cost: 'Cost per visit (yuan)', fundShare: 'Fund share',
    perK: 'Findings per 1,000', amount: 'At risk (yuan)', score: 'Risk score', outliers: 'Outlying measures', chart: 'Top 15 by risk score', none: 'Ready after the first screening run',
    metric: { cost: 'Cost per visit', fund_share: 'Fund share', findings: 'Findings rate' },
    method: 'Against providers of the same type and level: robust z = 0.6745 × (value − median) / median absolute deviation; above 3.5 is an outlier.',
  },
};
export default enUS;
