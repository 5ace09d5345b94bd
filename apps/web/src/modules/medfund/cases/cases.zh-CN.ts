/** Words of the cases pages (namespace `medfund`, key `cases`). */
const zhCN = {
  menu: { cases: '案件办理', inbox: '移交线索', recovery: '基金追回', partners: '协作部门', areas: '稽核片区' },
  stage: { first_review: '初审', second_review: '复审', appeal: '申诉', investigation: '调查核实', closed: '已处理' },
  decision: { confirmed: '确认违规', dismissed: '排除疑点', data_quality: '数据质量问题（整改不处罚）' },
  measure: { recovery: '追回基金', refuse_payment: '拒付', penalty: '行政处罚', transfer_police: '移送公安', transfer_discipline: '移送纪委监委' },
  outcome: { confirmed: '认定违规', dismissed: '排除', data_quality: '数据质量问题' },
  purpose: { clue: '线索移交', joint_check: '联合检查' },
  checkResult: { violation: '发现违规', no_violation: '未发现违规', partly: '部分违规' },
  list: {
    title: '案件办理', subTitle: '初审 → 复审 → 申诉 → 调查核实 → 处理决定；各阶段按工作日计算期限，超期自动督办',
    stage: '阶段', decision: '处理结果', provider: '机构', q: '编号或名称', overdue: '只看超期', mine: '我承办的', period: '立案日期',
    number: '案件编号', name: '案件名称', subject: '对象', due: '阶段期限', owner: '承办人', risk: '疑点金额', recovered: '已追回', openedAt: '立案时间',
    total: '共 {{n}} 件，疑点金额 {{risk}} 元，已追回 {{recovered}} 元', export: '导出 Excel', overdueTag: '超期', all: '全部',
    open: '立案', openTitle: '依据疑点立案', findingIds: '疑点编号', findingIdsHint: '多个编号用逗号或空格分开（在“疑点”页查看编号）', caseTitle: '案件名称（可不填）', opened: '已立案：{{number}}',
  },
  detail: {
    back: '返回案件列表', findings: '疑点', stages: '审核阶段与期限', timeline: '办理记录', transfers: '移交与联合检查', recovery: '追回款',
    started: '开始', dueOn: '期限', ended: '结束', escalated: '已督办', overdue: '已超期', onTime: '按期', open: '进行中',
    riskOnce: '同一结算被多条规则命中时只计一次（按最大的一条疑点）',
    reveal: '查看完整个人信息', outOfArea: '本案件不在您的稽核片区内，您可以查看但不能办理',
    appealDeadline: '申诉截止', appeal: '申诉理由', basis: '处理依据', decidedBy: '决定人', overReason: '超额理由',
    confirmed: '认定金额', decided: '决定追回', refused: '拒付金额', penalty: '罚款金额', recovered: '已追回',
    actions: {
      pass_first_review: '初审通过，转复审', confirm_second_review: '复审确认，告知机构申诉', record_appeal: '登记申诉', start_investigation: '转入调查核实',
      decide: '作出处理决定', transfer: '移交线索', joint: '发起联合检查', recover: '登记追回款',
    },
    note: '说明', statement: '申诉理由', departments: '协作部门', measures: '处理措施', recoveryYuan: '追回金额（元）', refusedYuan: '拒付金额（元）',
    penaltyYuan: '罚款金额（元）', amountYuan: '追回金额（元）', recoveredOn: '追回日期', reference: '凭证号', findingOutcome: '逐条认定',
    done: '已保存', received: '签收', receivedBy: '{{name}} 于 {{at}} 签收', notReceived: '未签收', report: '反馈', noRecovery: '尚无追回记录',
    event: {
      opened: '立案', pass_first_review: '初审通过', confirm_second_review: '复审确认疑点', record_appeal: '机构申诉', start_investigation: '转入调查核实',
      transferred: '线索移交', joint_inspection: '发起联合检查', received: '部门签收', partner_action: '部门处理', reported: '部门反馈', check_recorded: '部门检查结论',
      decided: '处理决定', recovered: '追回款到账', escalated: '超期督办', amounts_corrected: '疑点金额更正（同一结算只计一次）',
    },
  },
  inbox: {
    title: '移交线索', subTitle: '移交给本部门的医保基金监管线索和联合检查：签收、记录处理情况、反馈结果', status: '状态',
    unreceived: '待签收', open: '办理中', reported: '已反馈', received: '已签收', case: '案件', purpose: '类型', from: '移交人', at: '移交时间',
    detail: '线索详情', receive: '签收', action: '处理情况', actedOn: '处理日期', addAction: '记录处理情况', report: '反馈内容', checkResult: '本部门检查结论',
    sendReport: '反馈', updateReport: '更新反馈', reportedBy: '{{name}} 已于 {{at}} 反馈；再次提交将替换这次反馈', masked: '个人信息已脱敏', none: '暂无移交给本部门的线索',
  },
  recovery: {
    title: '基金追回', subTitle: '按规则、机构、月份汇总追回金额（精确到分；一次追回按案件认定疑点的金额比例分摊到规则和机构）',
    total: '追回合计', decided: '决定追回', cases: '有追回决定的案件', payments: '追回笔数', byRule: '按规则', byProvider: '按机构', byMonth: '按月份',
    name: '名称', amount: '追回金额（元）', caseCount: '案件数', period: '追回日期', export: '导出 Excel', chart: '每月追回金额（元）',
  },
  partners: {
    inactive: '已停用', title: '协作部门', subTitle: '联合监管共同体成员单位：停用的部门不再接收新的移交', name: '部门', duty: '职责', active: '启用', transfers: '移交数',
    open: '未反馈', add: '加入协作部门', limits: '阶段时限（工作日）', saveLimits: '保存时限', areas: '稽核片区', inspector: '稽核员', area: '片区', providers: '机构数',
    editAreas: '调整稽核片区',
  },
  areas: {
    title: '稽核片区', subTitle: '每位稽核员负责一组定点医药机构，办理这些机构的案件；一家机构只能属于一个片区',
    inspector: '稽核员', area: '片区名称', providers: '负责的定点医药机构', count: '{{n}} 家', openCases: '办理中的案件', updatedAt: '更新时间',
    noArea: '未分配片区', notInspector: '已无稽核员权限', inactive: '已停用', unknown: '不在机构名录中', edit: '调整片区', editTitle: '调整稽核片区：{{name}}',
    areaRequired: '请填写片区名称', pick: '搜索机构名称或编号，添加到本片区', pickHint: '已属其他片区的机构不能选：请先在原片区移出。移出机构不影响已立案件的承办人。',
    takenBy: '已属 {{name}}「{{area}}」', saved: '已保存稽核片区', type1: '医疗机构', type2: '零售药店', mineOnly: '本片区 {{n}} 家机构', total: '名录共 {{n}} 家机构，已分配 {{assigned}} 家',
    readOnly: '调整片区需要“维护协作部门、阶段时限和稽核片区”权限（稽核科负责人）',
  },
};
export default zhCN;
