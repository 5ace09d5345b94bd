/** The medical fund screening words (namespace `medfund`). */
const zhCN = {
  menu: { group: '医保基金监管', rules: '筛查规则', runs: '筛查批次', findings: '疑点', risk: '机构风险' },
  severity: { red: '红色（明确违规）', orange: '橙色（可疑）' },
  rules: {
    title: '筛查规则', code: '编号', name: '规则', template: '模板', version: '版本', severity: '等级', effective: '有效期',
    department: '默认处理部门', enabled: '启用', edit: '调整', params: '参数', tables: '本地规则表（目录之外，按编码前缀匹配）',
    rows: '{{n}} 行', changeNote: '调整原因', save: '保存为新版本', saved: '已保存为第 {{v}} 版', versions: '版本记录', by: '调整人', note: '说明',
  },
  runs: {
    title: '筛查批次', full: '全量筛查', incremental: '增量筛查（新增天数）', started: '已发起筛查批次 #{{id}}', kind: '类型',
    status: { queued: '排队中', running: '进行中', done: '已完成', failed: '失败' }, progress: '进度', period: '筛查期间', found: '疑点',
    new: '新增', data: '数据版本', requestedBy: '发起人', requestedAt: '发起时间',
  },
  findings: {
    title: '疑点', rule: '规则', severity: '等级', provider: '机构（编号或名称）', person: '人员编号或证件号码', period: '发生期间',
    minAmount: '最低金额（元）', amount: '问题金额（元）', person_: '人员', occurredOn: '发生日期', setl: '结算', total: '共 {{n}} 条，问题金额 {{amount}} 元',
    evidence: '疑点证据', reveal: '查看完整信息（留痕）', lines: '费用明细（标红为问题明细）', item: '项目', date: '日期', cnt: '数量', price: '单价',
    lineAmount: '金额', fund: '基金支付', settlement: '结算信息', ruleVersion: '规则版本', department: '处理部门', chart: '疑点按规则',
  },
  risk: {
    title: '定点医药机构风险排名', rank: '排名', provider: '机构', peer: '同类机构', settlements: '结算数', cost: '次均费用（元）', fundShare: '基金占比',
    perK: '每千次疑点', amount: '问题金额（元）', score: '风险分', outliers: '异常指标', chart: '风险分前 15 名', none: '完成一次筛查后生成',
    metric: { cost: '次均费用', fund_share: '基金占比', findings: '疑点率' },
    method: '同类型同等级机构比较：稳健 Z 分数 = 0.6745 ×（指标 − 中位数）÷ 中位数绝对偏差，大于 3.5 记为异常。',
  },
};
export default zhCN;
