/**
 * The medical fund module's data permissions (医保基金监管: claims data and its loads); the roles
 * that hold them are the module's (../access.ts).
 * Claims data is the county medical insurance bureau's: it has no enterprise or department scope;
 * who may see it is decided by these permissions alone. Names and ID numbers in what the loads
 * show (error reports) are masked unless the user also holds personal.reveal, and every unmasked
 * read is audited.
 */
export const MEDFUND_DATA_PERMISSIONS = {
  'medfund.data.read': { zh: '查看医保数据加载与数据概况', en: 'View medical fund data loads and the data overview' },
  'medfund.data.load': { zh: '加载医保数据、维护列映射', en: 'Load medical fund data and maintain column mappings' },
} as const;
