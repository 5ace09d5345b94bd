/**
 * The talent module's permissions and built-in roles. Scope (which talents a user sees) is
 * decided in registry/talent-scope.ts from these permissions and the user's bindings.
 */
export const TALENT_PERMISSIONS = {
  'talent.read': { zh: '查看人才档案（按数据范围）', en: 'View talents (within scope)' },
  'talent.county': { zh: '查看全县人才', en: 'View all talents of the county' },
  'talent.write': { zh: '登记和编辑人才', en: 'Register and edit talents' },
  'talent.import': { zh: '导入人才', en: 'Import talents' },
  'talent.export': { zh: '导出人才', en: 'Export talents' },
  'talent.manage': { zh: '人才调动与登记冲突处理', en: 'Move talents and resolve registration conflicts' },
  'talent.claims.review': { zh: '审核企业申报的积分事实和证明材料', en: 'Review the facts and evidence enterprises claim' },
  'talent.scheme.manage': { zh: '制定、试算、发布积分办法，重新计算积分', en: 'Write, try out and publish points schemes; recompute points' },
  // redemption (redemption/, docs/talent/REDEMPTION.md)
  'talent.rounds.read': { zh: '查看兑现资源和兑现轮次（按数据范围）', en: 'View redemption resources and rounds (within scope)' },
  'talent.rounds.manage': { zh: '管理兑现资源、档次配额和兑现轮次，执行分配', en: 'Manage redemption resources, tier quotas and rounds; run the allocation' },
  'talent.resource.publish': { zh: '发布本单位资源的名额，查看分配结果', en: 'Publish the places of one\'s own resources and see who got them' },
  'talent.quota.handover': { zh: '把本企业的档次配额调剂给本企业人才', en: 'Hand the enterprise\'s tier quotas to its own talents' },
  'talent.apply': { zh: '本人申请兑现（填报志愿）', en: 'Apply for a redemption round (own preferences)' },
  // annual cycle, public notice and objections (cycle/, docs/talent/CYCLE.md)
  'talent.cycle.read': { zh: '查看年度周期、公示名单和企业档次（按数据范围）', en: 'View the annual cycles, notice lists and enterprise tiers (within scope)' },
  'talent.cycle.manage': { zh: '推进年度周期（审核、计算、公示、确定），答复异议', en: 'Run the annual cycle (review, compute, publish, finalize) and answer objections' },
  'talent.cycle.object': { zh: '在公示期内提出异议', en: 'Raise an objection during the public notice' },
} as const;

/** The role of a talent's own login (linked to the talent by talents.user_id). */
export const TALENT_ROLE = 'talent';

/** 资源单位: a user of the department that owns a resource (bound to it, or to one of its sections). */
export const RESOURCE_OWNER_ROLE = 'talent_resource_owner';

export const TALENT_ROLES: Record<string, { name: string; nameEn: string; description: string; permissions: string[] }> = {
  talent_officer: {
    name: '人才科科员',
    nameEn: 'Talent office officer',
    description: '县人才科：查看全县人才，登记、导入导出，调动人才，处理登记冲突，审核企业申报的积分事实',
    permissions: [
      'talent.read', 'talent.county', 'talent.write', 'talent.import', 'talent.export', 'talent.manage', 'talent.scheme.manage', 'talent.claims.review',
      'talent.rounds.read', 'talent.rounds.manage', 'talent.resource.publish',
      'talent.cycle.read', 'talent.cycle.manage',
      'personal.reveal', 'enterprise.read',
    ],
  },
  talent_hr: {
    name: '企业人才专员',
    nameEn: 'Enterprise talent HR',
    description: '企业人事：登记、导入导出本企业的人才，申报积分事实并上传证明材料（须绑定企业）',
    permissions: ['talent.read', 'talent.write', 'talent.import', 'talent.export', 'personal.reveal', 'talent.rounds.read', 'talent.quota.handover', 'talent.cycle.read', 'talent.cycle.object'],
  },
  talent: {
    name: '人才',
    nameEn: 'Talent',
    description: '人才本人：查看本人的人才档案（须关联人才）',
    permissions: ['talent.read', 'personal.reveal', 'talent.rounds.read', 'talent.apply', 'talent.cycle.read', 'talent.cycle.object'],
  },
  [RESOURCE_OWNER_ROLE]: {
    name: '资源单位',
    nameEn: 'Resource owner',
    description: '住建、教育、卫健等提供兑现资源的单位：发布本单位资源的名额，查看分配结果（须绑定部门）',
    permissions: ['talent.rounds.read', 'talent.resource.publish'],
  },
};
