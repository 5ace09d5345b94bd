/**
 * The economy module's permissions and built-in roles. Which enterprises a user's figures cover
 * is the core's scope (a street officer: the street's enterprises; enterprise users hold no
 * economy permission).
 */
export const ECONOMY_PERMISSIONS = {
  'economy.read': { zh: '查看经济运行指标、增速和亩均（按数据范围）', en: 'View economic indicators, growth and per-mu figures (within scope)' },
  'economy.write': { zh: '导入、更正企业经济指标，录入统计部门公布的增速', en: 'Import and correct enterprise figures; enter published growth rates' },
  'economy.configure': { zh: '配置产业生态圈', en: 'Configure industry ecosystems' },
  'economy.chains': { zh: '维护产业链及其环节（行业代码、关键词）', en: 'Maintain industrial chains and their links (industry codes, keywords)' },
  'economy.invest': { zh: '登记和推进招商项目：阶段、节点、问题、文件、落地企业', en: 'Record and advance investment projects: stages, milestones, problems, documents, the landed enterprise' },
  'economy.invest.configure': { zh: '配置招商项目阶段及各阶段节点', en: 'Configure the investment project stages and their milestones' },
  'economy.transfer.read': { zh: '查看科技成果、匹配企业、对接记录和转化统计', en: 'View research results, matched enterprises, contacts and transfer statistics' },
  'economy.transfer.write': { zh: '登记科技成果，登记对接、洽谈和落地结果', en: 'Enter research results; record contacts, negotiations and outcomes' },
} as const;

export const ECONOMY_ROLES: Record<string, { name: string; nameEn: string; description: string; permissions: string[] }> = {
  economy_officer: {
    name: '经济运行专员',
    nameEn: 'Economic statistics officer',
    description: '导入和更正企业经济指标（留痕），录入公布增速，配置产业生态圈，查看经济运行和导出',
    permissions: ['economy.read', 'economy.write', 'economy.configure', 'enterprise.read', 'enterprise.export', 'park.read'],
  },
  investment_officer: {
    name: '招商专员',
    nameEn: 'Investment promotion officer',
    description: '登记和推进招商项目（阶段、节点、问题、文件），维护产业链和缺链补链清单，项目落地时登记或关联企业；查看经济运行',
    permissions: ['economy.read', 'economy.chains', 'economy.invest', 'economy.invest.configure', 'enterprise.read', 'enterprise.create', 'park.read'],
  },
  economy_tech_officer: {
    name: '科技成果转化专员',
    nameEn: 'Science and technology officer',
    description: '登记实验室科技成果，匹配企业，登记对接、洽谈和落地（落地可新登记企业），查看和导出转化统计',
    permissions: ['economy.transfer.read', 'economy.transfer.write', 'enterprise.read', 'enterprise.create', 'park.read'],
  },
  economy_leader: {
    name: '领导（经济运行）',
    nameEn: 'Leader (economy)',
    description: '查看经济运行大屏、增速、亩均和导出',
    permissions: ['economy.read', 'economy.transfer.read', 'enterprise.read', 'park.read'],
  },
};
