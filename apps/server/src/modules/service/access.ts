/**
 * The service module's permissions and built-in roles (亲企办). Which requests a user sees and
 * which lifecycle role they act in are decided in service-actor.ts from these permissions and the
 * user's bindings (enterprise, department or section, street).
 *
 * Enterprise users need no role of this module: a user bound to an enterprise (core's
 * enterprise_user) raises and follows its own enterprise's requests — the routes they use declare
 * 'authenticated' and the scope does the rest.
 */
export const SERVICE_PERMISSIONS = {
  'service.read': { zh: '查看诉求（按数据范围）', en: 'View requests (within scope)' },
  'service.all': { zh: '查看全部诉求（亲企办、领导）', en: 'View all requests (the office, leaders)' },
  'service.operate': { zh: '登记来电来访诉求、受理、回访、合并、关闭', en: 'Record calls and visits as requests; accept, follow up, merge, close' },
  'service.dispatch': { zh: '交办、重新交办、督办诉求', en: 'Dispatch, re-dispatch and supervise requests' },
  'service.handle': { zh: '承办诉求：签收、退单、回应、办结（本单位）', en: 'Handle requests of the own unit: sign for, return, respond, resolve' },
  'service.agent': { zh: '助企服务员：签收、回应、办结（本单位）', en: 'Service agent: sign for, respond, resolve (own unit)' },
  'service.configure': { zh: '配置诉求类别、承办单位和分办规则', en: 'Configure categories, handling units and routing rules' },
  // 服务资源库, recommendations and visits (directory/, docs/service/DIRECTORY.md, VISITS.md)
  'service.directory.read': { zh: '查看服务资源库、就近匹配服务机构', en: 'View the resource directory and find the nearest providers' },
  'service.directory.manage': { zh: '维护服务资源库：服务机构、能力分类、导入导出', en: 'Maintain the resource directory: providers, capabilities, import and export' },
  'service.recommend': { zh: '为诉求或企业推荐服务机构并记录成效', en: 'Recommend providers for a request or an enterprise and record whether they helped' },
  'service.visit': { zh: '登记走访企业、把发现的问题转为诉求', en: 'Record visits to enterprises and turn the problems found into requests' },
  'service.visit.read': { zh: '查看走访记录、走访计划和覆盖率（按数据范围）', en: 'View visits, visit plans and coverage (within scope)' },
  'service.visit.plan': { zh: '制定走访计划（按服务员和街道）', en: 'Make visit plans (per agent and street)' },
} as const;

export const SERVICE_ROLES: Record<string, { name: string; nameEn: string; description: string; permissions: string[] }> = {
  service_operator: {
    name: '热线接线员',
    nameEn: 'Hotline operator',
    description: '亲企办 24 小时热线：登记来电来访诉求、受理、回访、合并重复诉求',
    permissions: ['service.read', 'service.all', 'service.operate', 'enterprise.read', 'personal.reveal', 'service.directory.read', 'service.recommend'],
  },
  service_dispatcher: {
    name: '亲企办调度员',
    nameEn: 'Office dispatcher',
    description: '亲企办：受理、交办到承办单位、督办、合并、关闭；配置分办规则',
    permissions: ['service.read', 'service.all', 'service.dispatch', 'service.configure', 'enterprise.read', 'park.read', 'personal.reveal',
      'service.directory.read', 'service.directory.manage', 'service.recommend', 'service.visit.read', 'service.visit.plan', 'benefit.read'],
  },
  service_unit: {
    name: '承办单位',
    nameEn: 'Handling unit officer',
    description: '承办单位（须绑定部门或科室）：签收或退单交办给本单位的诉求，回应、办结',
    permissions: ['service.read', 'service.handle', 'personal.reveal', 'service.directory.read', 'service.recommend', 'service.visit', 'service.visit.read'],
  },
  service_agent: {
    name: '助企服务员',
    nameEn: 'Service agent',
    description: '承办单位的助企服务员（须绑定部门或科室）：上门服务、走访企业，签收、回应、办结，推荐服务资源',
    permissions: ['service.read', 'service.agent', 'personal.reveal', 'service.directory.read', 'service.recommend', 'service.visit', 'service.visit.read', 'enterprise.read'],
  },
  service_leader: {
    name: '领导（亲企办）',
    nameEn: 'Leader (enterprise service)',
    description: '查看全部诉求、办理进度和超时情况',
    // park.read: the park file's 诉求 tab (一园一档) is where leaders read a park's requests and rates.
    permissions: ['service.read', 'service.all', 'enterprise.read', 'park.read', 'service.directory.read', 'service.visit.read', 'benefit.read'],
  },
};
