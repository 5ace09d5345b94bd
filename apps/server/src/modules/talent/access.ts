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
  'talent.scheme.manage': { zh: '制定、试算、发布积分办法，重新计算积分', en: 'Write, try out and publish points schemes; recompute points' },
} as const;

/** The role of a talent's own login (linked to the talent by talents.user_id). */
export const TALENT_ROLE = 'talent';

export const TALENT_ROLES: Record<string, { name: string; nameEn: string; description: string; permissions: string[] }> = {
  talent_officer: {
    name: '人才科科员',
    nameEn: 'Talent office officer',
    description: '县人才科：查看全县人才，登记、导入导出，调动人才，处理登记冲突',
    permissions: [
      'talent.read', 'talent.county', 'talent.write', 'talent.import', 'talent.export', 'talent.manage', 'talent.scheme.manage',
      'personal.reveal', 'enterprise.read',
    ],
  },
  talent_hr: {
    name: '企业人才专员',
    nameEn: 'Enterprise talent HR',
    description: '企业人事：登记、导入导出本企业的人才（须绑定企业）',
    permissions: ['talent.read', 'talent.write', 'talent.import', 'talent.export', 'personal.reveal'],
  },
  talent: {
    name: '人才',
    nameEn: 'Talent',
    description: '人才本人：查看本人的人才档案（须关联人才）',
    permissions: ['talent.read', 'personal.reveal'],
  },
};
