import type zhCN from './cases.zh-CN';

type Words<T> = { [K in keyof T]: T[K] extends string ? string : Words<T[K]> };

/** Words of the cases pages in English. */
const enUS: Words<typeof zhCN> = {
  menu: { cases: 'Cases', inbox: 'Transferred clues', recovery: 'Recovery', partners: 'Partner departments', areas: 'Inspection areas' },
  stage: { first_review: 'First review', second_review: 'Second review', appeal: 'Appeal', investigation: 'Investigation', closed: 'Closed' },
  decision: { confirmed: 'Confirmed', dismissed: 'Dismissed', data_quality: 'Data quality problem (correct, not punish)' },
  measure: { recovery: 'Recovery', refuse_payment: 'Refusal of payment', penalty: 'Penalty', transfer_police: 'To the police', transfer_discipline: 'To the discipline commission' },
  outcome: { confirmed: 'Confirmed', dismissed: 'Dismissed', data_quality: 'Data quality' },
  purpose: { clue: 'Clue transfer', joint_check: 'Joint inspection' },
  checkResult: { violation: 'Violation found', no_violation: 'No violation', partly: 'Partly' },
  list: {
    title: 'Cases', subTitle: 'First review → second review → appeal → investigation → decision; working-day deadlines, overdue stages escalated',
    stage: 'Stage', decision: 'Decision', provider: 'Provider', q: 'Number or title', overdue: 'Overdue only', mine: 'Mine', period: 'Opened',
    number: 'Number', name: 'Title', subject: 'Subject', due: 'Stage due', owner: 'Owner', risk: 'At risk', recovered: 'Recovered', openedAt: 'Opened at',
    total: '{{n}} cases, {{risk}} yuan at risk, {{recovered}} yuan recovered', export: 'Export Excel', overdueTag: 'Overdue', all: 'All',
    open: 'Open a case', openTitle: 'Open a case from findings', findingIds: 'Finding numbers', findingIdsHint: 'Separate numbers with commas or spaces (see the Findings page)', caseTitle: 'Title (optional)', opened: 'Opened: {{number}}',
  },
  detail: {
    back: 'Back to cases', findings: 'Findings', stages: 'Stages and deadlines', timeline: 'Timeline', transfers: 'Transfers and joint inspection', recovery: 'Recovered payments',
    started: 'Started', dueOn: 'Due', ended: 'Ended', escalated: 'Escalated', overdue: 'Overdue', onTime: 'On time', open: 'In progress',
    riskOnce: 'A settlement several rules flag counts once (at its largest finding)',
    reveal: 'Reveal personal data', outOfArea: 'This case lies outside your inspection area: you may read it but not handle it',
    appealDeadline: 'Appeal deadline', appeal: 'Appeal', basis: 'Basis', decidedBy: 'Decided by', overReason: 'Reason for the excess',
    confirmed: 'Confirmed amount', decided: 'Recovery decided', refused: 'Refused', penalty: 'Penalty', recovered: 'Recovered',
    actions: {
      pass_first_review: 'Pass first review', confirm_second_review: 'Confirm in second review', record_appeal: 'Record appeal', start_investigation: 'Start investigation',
      decide: 'Decide', transfer: 'Transfer clue', joint: 'Joint inspection', recover: 'Record recovered payment',
    },
    note: 'Note', statement: 'Appeal statement', departments: 'Partner departments', measures: 'Measures', recoveryYuan: 'Recovery (yuan)', refusedYuan: 'Refused (yuan)',
    penaltyYuan: 'Penalty (yuan)', amountYuan: 'Amount (yuan)', recoveredOn: 'Recovered on', reference: 'Reference', findingOutcome: 'Per finding',
    done: 'Saved', received: 'Sign for it', receivedBy: 'Signed by {{name}} at {{at}}', notReceived: 'Not signed for', report: 'Report', noRecovery: 'No payment recorded yet',
    event: {
      opened: 'Opened', pass_first_review: 'First review passed', confirm_second_review: 'Confirmed in second review', record_appeal: 'Appeal', start_investigation: 'Investigation started',
      transferred: 'Clue transferred', joint_inspection: 'Joint inspection', received: 'Signed for', partner_action: 'Department action', reported: 'Department report', check_recorded: 'Department check',
      decided: 'Decision', recovered: 'Payment recovered', escalated: 'Escalated (overdue)', amounts_corrected: 'Amount at risk corrected (each settlement once)',
    },
  },
  inbox: {
    title: 'Transferred clues', subTitle: 'Clues and joint inspections transferred to your department: sign for them, record your actions, report back', status: 'Status',
    unreceived: 'To sign for', open: 'In hand', reported: 'Reported', received: 'Signed for', case: 'Case', purpose: 'Kind', from: 'From', at: 'Transferred at',
    detail: 'Clue', receive: 'Sign for it', action: 'Action', actedOn: 'Date', addAction: 'Record action', report: 'Report', checkResult: 'Your check result',
    sendReport: 'Report back', updateReport: 'Update the report', reportedBy: 'Reported by {{name}} at {{at}}; sending again replaces this report', masked: 'Personal data masked', none: 'Nothing has been transferred to your department',
  },
  recovery: {
    title: 'Recovery', subTitle: 'Recovered amounts by rule, provider and month (to the fen; a payment is split over the case\'s confirmed findings by amount)',
    total: 'Recovered', decided: 'Decided', cases: 'Cases with a recovery decision', payments: 'Payments', byRule: 'By rule', byProvider: 'By provider', byMonth: 'By month',
    name: 'Name', amount: 'Recovered (yuan)', caseCount: 'Cases', period: 'Recovered between', export: 'Export Excel', chart: 'Recovered per month (yuan)',
  },
  partners: {
    inactive: 'inactive', title: 'Partner departments', subTitle: 'Members of the joint supervision community: an inactive one receives no new transfer', name: 'Department', duty: 'Duty', active: 'Active', transfers: 'Transfers',
    open: 'Not reported', add: 'Add a department', limits: 'Stage time limits (working days)', saveLimits: 'Save limits', areas: 'Inspection areas', inspector: 'Inspector', area: 'Area', providers: 'Providers',
    editAreas: 'Edit inspection areas',
  },
  areas: {
    title: 'Inspection areas', subTitle: 'Each inspector handles the cases of a set of designated providers; a provider belongs to one area only',
    inspector: 'Inspector', area: 'Area name', providers: 'Providers handled', count: '{{n}}', openCases: 'Open cases', updatedAt: 'Updated',
    noArea: 'No area yet', notInspector: 'No longer an inspector', inactive: 'Inactive', unknown: 'Not in the provider list', edit: 'Edit area', editTitle: 'Inspection area of {{name}}',
    areaRequired: 'Give the area a name', pick: 'Search a provider by name or code to add it', pickHint: 'A provider in another area cannot be chosen: remove it there first. Removing a provider does not change the owner of cases already opened.',
    takenBy: 'in {{name}}\'s "{{area}}"', saved: 'Inspection area saved', type1: 'Medical institution', type2: 'Retail pharmacy', mineOnly: '{{n}} providers in this area', total: '{{n}} providers in the list, {{assigned}} assigned',
    readOnly: 'Editing areas needs the permission to manage partner departments, stage limits and areas (head of inspection)',
  },
};
export default enUS;
