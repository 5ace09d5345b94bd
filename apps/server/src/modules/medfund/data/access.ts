/**
 * The medical fund module's data permissions and roles (医保基金监管, part A: claims data). The
 * screening part adds its own (rules, runs, findings) next to these.
 * Claims data is the county medical insurance bureau's: it has no enterprise or department scope;
 * who may see it is decided by these permissions alone. Names and ID numbers in what the loads
 * show (error reports) are masked unless the user also holds personal.reveal, and every unmasked
 * read is audited.
 */
export const MEDFUND_DATA_PERMISSIONS = {
  'medfund.data.read': { zh: '查看医保数据加载与数据概况', en: 'View medical fund data loads and the data overview' },
  'medfund.data.load': { zh: '加载医保数据、维护列映射', en: 'Load medical fund data and maintain column mappings' },
} as const;

export const MEDFUND_DATA_ROLES: Record<string, { name: string; nameEn: string; description: string; permissions: string[] }> = {
  medfund_analyst: {
    name: '医保基金监管分析员',
    nameEn: 'Medical fund analyst',
    description: '医保局：加载结算数据和人社、民政等部门共享的数据，维护列映射，查看完整个人信息（留痕）',
    permissions: ['medfund.data.read', 'medfund.data.load', 'personal.reveal'],
  },
  medfund_viewer: {
    name: '医保基金监管查看',
    nameEn: 'Medical fund viewer',
    description: '医保局领导等：查看数据加载与数据概况，个人信息脱敏',
    permissions: ['medfund.data.read'],
  },
};
