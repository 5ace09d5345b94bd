/** 服务资源库 and 走访 words, under the service namespace's `directory` key. */
const zhCN = {
  menu: { providers: '服务资源库', visits: '走访' },
  kind: {
    testing_lab: '检验检测机构', certification_body: '认证机构', law_firm: '律师事务所', bank: '银行', patent_agency: '专利代理机构',
    training_body: '培训机构', accounting_firm: '会计师事务所', consultancy: '咨询机构', other: '其他',
  },
  system: { gcj02: 'GCJ-02（高德、腾讯地图）', wgs84: 'WGS-84（GPS 定位）', bd09: 'BD-09（百度地图）' },
  outcome: { pending: '待反馈', helped: '已解决问题', not_helped: '未解决' },
  status: { active: '在用', inactive: '停用' },
  field: {
    name: '机构名称', kind: '类型', capabilities: '能力分类', capability: '能力分类', address: '地址', division: '街道代码', contactName: '联系人',
    contactPhone: '联系电话', openingHours: '营业时间', lat: '纬度', lng: '经度', system: '坐标系', description: '简介', website: '网站', email: '邮箱',
    status: '状态', services: '服务项目', serviceName: '服务项目名称', distance: '距离', updatedAt: '更新时间', location: '位置（GCJ-02）',
    note: '说明', recommendedBy: '推荐人', recommendedAt: '推荐时间', outcome: '成效', provider: '服务机构', request: '诉求', enterprise: '企业',
  },
  providers: {
    title: '服务资源库', subTitle: '检验检测、认证、法律、金融、知识产权、培训等服务机构，位置按 GCJ-02 保存', search: '名称或地址', create: '登记服务机构',
    edit: '修改服务机构', import: '导入', export: '导出', empty: '没有符合条件的服务机构', addService: '添加服务项目', saved: '已保存',
    recommended: '被推荐 {{total}} 次，解决问题 {{helped}} 次', locationHint: '从 GPS 设备或百度地图读取的坐标请选择对应坐标系，系统换算为 GCJ-02 保存',
    capabilitiesTitle: '能力分类', addCapability: '新增能力分类', code: '代码', codeHint: '下级代码以上级代码加“.”开头，如 testing.noise',
  },
  nearby: {
    button: '附近资源', title: '附近资源：离 {{name}} 最近的服务机构', capability: '需要的能力', anyCapability: '不限能力', limit: '显示', map: '位置示意（企业为红点，距离为大圆距离）',
    recommend: '推荐', recommendTitle: '推荐 {{name}}', recommendNote: '推荐说明（可选）', recommended: '已记录推荐', before: '此前推荐过 {{n}} 次',
    none: '附近没有该能力的服务机构', noLocation: '企业尚未登记位置', enterprise: '企业', provider: '服务机构',
  },
  recs: {
    title: '推荐的服务资源', empty: '还没有推荐记录', helped: '解决了问题', notHelped: '没有解决', outcomeNote: '反馈说明（可选）', outcomeSaved: '已记录成效',
    parkTitle: '园区企业获得的服务资源推荐', total: '推荐次数', enterprises: '涉及企业', helpedRate: '解决问题', byCapability: '按能力分类', topProviders: '推荐最多的机构',
  },
  location: {
    title: '企业位置', none: '尚未登记位置：就近匹配需要企业的经纬度', set: '登记位置', saved: '位置已保存', clear: '清除',
  },
  tab: { resources: '服务资源', visits: '走访' },
  event: { resource_recommended: '推荐服务资源', resource_outcome: '服务资源成效反馈' },
  visits: {
    title: '走访', record: '登记走访', list: '走访记录', coverage: '覆盖率', plans: '走访计划', empty: '还没有走访记录', export: '导出',
    visitedAt: '走访时间', visitor: '走访人', companions: '同行及接待人员', discussed: '交流内容', problems: '发现的问题', followUps: '后续跟进',
    addProblem: '添加问题', toRequest: '转为诉求', converted: '已转为诉求 {{number}}', saved: '走访已登记', plan: '所属计划', edit: '修改',
    coverageTitle: '{{from}} 至 {{to}} 的走访覆盖率', byStreet: '按街道', byPark: '按园区', enterprises: '企业数', visited: '已走访企业', visits: '走访次数', share: '覆盖率', total: '合计',
    newPlan: '制定走访计划', agent: '服务员', street: '街道', period: '期间', planEnterprises: '计划走访的企业', progress: '完成 {{visited}} / {{planned}}', planSaved: '计划已保存', editPlan: '修改', editPlanTitle: '修改走访计划', planChanged: '最近修改', changedBy: '{{name}} 于 {{at}}',
    from: '开始', to: '结束',
  },
  import: {
    title: '导入服务机构',
    howTo1: '下载导入模板，按列填写；机构名称、机构类型、能力分类、纬度、经度必填。能力分类填代码或名称，多个用顿号分隔。',
    howTo2: '坐标系留空为 GCJ-02（高德、腾讯地图）；GPS 定位填 WGS-84，百度地图填 BD-09，导入时换算。位置须在本区县范围内。',
    howTo3: '上传后系统逐行校验（坐标、能力分类、类型、街道），错误行可下载错误报告；按“名称 + 地址”更新，重复导入不会产生重复机构。',
    template: '下载服务机构导入模板', doneCounts: '新增 {{created}} 家，更新 {{updated}} 家', unchanged: '{{count}} 家无变化', backToList: '返回服务资源库',
  },
};
export default zhCN;
