/** The reports' words, in the medfund namespace under `report` and `effect`, and two menu entries (manifest.tsx merges them). */
export const reportMenuZhCN = { report: '基金运行风险报告', ruleEffectiveness: '规则成效' };
export const reportMenuEnUS = { report: 'Fund risk report', ruleEffectiveness: 'Rule effectiveness' };

export const reportZhCN = {
  report: {
    title: '基金运行风险报告', subTitle: '月报、季报：基金支付、疑点、预警、案件与追回', month: '月报', quarter: '季报', export: '导出 Excel',
    range: '统计区间 {{from}} 至 {{until}}（不含）；“当前在办”“待追回”为此刻状态', change: '较上期 {{value}}',
    fundPaid: '基金支付', settlements: '结算笔数', findingsCount: '疑点数', findingsAmount: '疑点金额', warningsRaised: '新增预警', redWarnings: '红色预警',
    casesOpened: '本期立案', casesDecided: '本期办结', recovered: '已追回（元）', recoveryDecided: '决定追回（元）', recoveredPercent: '追回率',
    outstanding: '累计待追回（元）', openCases: '在办案件', overdue: '超期',
    fundTrend: '基金支付与疑点趋势', topRules: '疑点金额前十的规则', topProviders: '疑点金额前十的机构', warningsByLevel: '本期新增预警（按等级）',
    casesByStage: '当前在办案件（按阶段）', recovery: '案件与追回', supervisionTrend: '预警、立案与追回趋势', providersTable: '重点机构',
    provider: '机构', rulesHit: '触发规则数', providerFund: '本期基金支付（元）', perMille: '疑点金额占基金支付',
    noFindings: '本期没有疑点', noWarnings: '本期没有新增预警',
    unit: { wan: '万元', yuan: '元', count: '件' },
    level: { red: '红色', orange: '橙色', yellow: '黄色' },
    stage: { first_review: '初审', second_review: '复审', appeal: '申诉', investigation: '调查核实' },
    method: '统计口径',
    methodText: '基金支付按结算时间、冲销退费后计；疑点按发生日期计；预警按生成时间、立案按立案时间、办结按决定时间、追回按到账日期计。导出的文件标注导出人和时间，并记入审计日志。',
  },
  handling: {
    title: '处置情况', none: '未立案', case: '案件 {{number}}', recovered: '已追回 {{recovered}} / {{decided}} 元',
    openCase: '立案', openCaseTitle: '依据本预警的 {{n}} 条疑点立案（进入初审）', caseTitle: '案件名称', titleRequired: '请填写案件名称', note: '立案说明',
    defaultTitle: '{{subject}} 预警 #{{id}}', opened: '已立案：{{number}}，预警转为“已立案”', goToCase: '查看案件',
    openCaseSkippedHint: '已在办理中的案件里的疑点不纳入本案（仍由原案件办理）。', openedSkipped: '{{n}} 条疑点已在其他办理中的案件里，未纳入本案',
    decision: { confirmed: '确认违规', dismissed: '排除', data_quality: '数据问题（纠正不处罚）' },
  },
  effect: {
    title: '规则成效', subTitle: '每条规则的疑点经核查后的结果：据此调整或停用规则', chart: '各规则疑点的核查结果与准确率', none: '还没有疑点',
    rule: '规则', version: '版本', findings: '疑点', inCase: '已立案', pending: '待定', confirmed: '确认', dismissed: '排除', dataQuality: '数据问题',
    undecided: '未核定', precision: '准确率', amount: '疑点金额（元）', recoveryDecided: '决定追回（元）', recovered: '已追回（元）', hint: '提示',
    lowPrecision: '准确率偏低', mostlyDataQuality: '多为数据问题', neverFired: '从未触发', disabled: '已停用', total: '合计',
    unattributed: '{{cases}} 件案件没有确认的疑点，其决定追回 {{decided}} 元、已追回 {{recovered}} 元未分摊到规则',
    method: '准确率 = 确认 ÷（确认 + 排除 + 数据问题），只计已作出决定的疑点；案件的追回金额按其确认疑点的金额比例分摊到规则，精确到分。已核定满 5 条且准确率低于 30% 标“准确率偏低”，过半为数据问题标“多为数据问题”。',
  },
};

export const reportEnUS: typeof reportZhCN = {
  report: {
    title: 'Fund risk report', subTitle: 'Monthly and quarterly: fund paid, findings, warnings, cases and recovery', month: 'Monthly', quarter: 'Quarterly', export: 'Export Excel',
    range: 'From {{from}} to {{until}} (exclusive); "open cases" and "outstanding" are as of now', change: 'vs previous {{value}}',
    fundPaid: 'Fund paid', settlements: 'Settlements', findingsCount: 'Findings', findingsAmount: 'Amount at risk', warningsRaised: 'New warnings', redWarnings: 'Red warnings',
    casesOpened: 'Cases opened', casesDecided: 'Cases decided', recovered: 'Recovered (yuan)', recoveryDecided: 'Decided to recover (yuan)', recoveredPercent: 'Recovery rate',
    outstanding: 'Outstanding (yuan)', openCases: 'Open cases', overdue: 'Overdue',
    fundTrend: 'Fund paid and findings over time', topRules: 'Top 10 rules by amount', topProviders: 'Top 10 providers by amount', warningsByLevel: 'New warnings by level',
    casesByStage: 'Open cases by stage', recovery: 'Cases and recovery', supervisionTrend: 'Warnings, cases and recovery over time', providersTable: 'Providers to watch',
    provider: 'Provider', rulesHit: 'Rules hit', providerFund: 'Fund paid (yuan)', perMille: 'Amount at risk / fund paid',
    noFindings: 'No findings in this period', noWarnings: 'No new warnings in this period',
    unit: { wan: '10k yuan', yuan: 'yuan', count: 'count' },
    level: { red: 'Red', orange: 'Orange', yellow: 'Yellow' },
    stage: { first_review: 'First review', second_review: 'Second review', appeal: 'Appeal', investigation: 'Investigation' },
    method: 'How it is counted',
    methodText: 'Fund paid by settlement time, net of refunds; findings by the day they occurred; warnings when raised, cases when opened, decisions when made, recoveries on the day received. An exported file names who exported it and when, and the export is audited.',
  },
  handling: {
    title: 'Handling', none: 'No case', case: 'Case {{number}}', recovered: 'recovered {{recovered}} of {{decided}} yuan',
    openCase: 'Open a case', openCaseTitle: 'Open a case from this warning\'s {{n}} findings (first review)', caseTitle: 'Case title', titleRequired: 'Give the case a title', note: 'Note',
    defaultTitle: '{{subject}} warning #{{id}}', opened: 'Case {{number}} opened; the warning is now in a case', goToCase: 'Open the case',
    openCaseSkippedHint: 'Findings already in an open case stay with that case and are left out of this one.', openedSkipped: '{{n}} findings already in other open cases were left out',
    decision: { confirmed: 'Confirmed', dismissed: 'Dismissed', data_quality: 'Data problem (correct, not punish)' },
  },
  effect: {
    title: 'Rule effectiveness', subTitle: 'How each rule\'s findings ended after review: tune or retire rules accordingly', chart: 'Outcomes and precision per rule', none: 'No findings yet',
    rule: 'Rule', version: 'Version', findings: 'Findings', inCase: 'In a case', pending: 'Pending', confirmed: 'Confirmed', dismissed: 'Dismissed', dataQuality: 'Data quality',
    undecided: 'Not decided', precision: 'Precision', amount: 'Amount (yuan)', recoveryDecided: 'Decided (yuan)', recovered: 'Recovered (yuan)', hint: 'Hint',
    lowPrecision: 'Low precision', mostlyDataQuality: 'Mostly data problems', neverFired: 'Never fired', disabled: 'Disabled', total: 'Total',
    unattributed: '{{cases}} case(s) have no confirmed finding: {{decided}} yuan decided and {{recovered}} yuan recovered are not shared to rules',
    method: 'Precision = confirmed / (confirmed + dismissed + data quality), over decided findings only; a case\'s recovery is shared over its confirmed findings by amount, to the fen. At least 5 decided and precision under 30%: "low precision"; more than half data problems: "mostly data problems".',
  },
};
