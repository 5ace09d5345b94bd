/**
 * The permission catalog. Roles are sets of these; every route names the one it needs. Modules
 * add their own permissions with their own prefix (talent.*, service.*, medfund.*, economy.*).
 */
export const CORE_PERMISSIONS = {
  'enterprise.read': { zh: '查看企业档案', en: 'View enterprise files' },
  'enterprise.create': { zh: '新增企业', en: 'Create enterprises' },
  'enterprise.update': { zh: '编辑企业档案', en: 'Edit enterprise files' },
  'enterprise.import': { zh: '导入企业', en: 'Import enterprises' },
  'enterprise.export': { zh: '导出企业', en: 'Export enterprises' },
  'personal.reveal': { zh: '查看完整个人信息（留痕）', en: 'Reveal personal data (audited)' },
  'park.read': { zh: '查看园区档案', en: 'View park files' },
  'park.write': { zh: '编辑园区', en: 'Edit parks' },
  'user.manage': { zh: '管理用户', en: 'Manage users' },
  'role.manage': { zh: '管理角色', en: 'Manage roles' },
  'department.manage': { zh: '管理部门科室', en: 'Manage departments and sections' },
  'audit.read': { zh: '查看审计日志', en: 'Read the audit log' },
  'audit.export': { zh: '导出审计日志', en: 'Export the audit log' },
  'reference.manage': { zh: '维护基础数据（工作日历）', en: 'Maintain reference data (working-day calendar)' },
  'notification.outbox': { zh: '查看消息发送记录（短信、邮件）并重发', en: 'View outbound messages (SMS, e-mail) and retry them' },
} as const;

export type CorePermission = keyof typeof CORE_PERMISSIONS;
/** Module permissions are strings with the module's prefix; core ones are checked by type. */
export type Permission = CorePermission | `${string}.${string}`;

export const SYSTEM_ROLES: Record<string, { name: string; nameEn: string; description: string; permissions: CorePermission[] }> = {
  admin: {
    name: '平台管理员',
    nameEn: 'Platform administrator',
    description: '管理用户、角色、部门科室，查看审计日志',
    permissions: Object.keys(CORE_PERMISSIONS) as CorePermission[],
  },
  officer: {
    name: '业务干部',
    nameEn: 'Officer',
    description: '维护企业和园区档案，导入导出',
    permissions: [
      'enterprise.read', 'enterprise.create', 'enterprise.update', 'enterprise.import',
      'enterprise.export', 'personal.reveal', 'park.read', 'park.write',
    ],
  },
  leader: {
    name: '领导',
    nameEn: 'Leader',
    description: '查看企业和园区档案与统计',
    permissions: ['enterprise.read', 'enterprise.export', 'park.read'],
  },
  auditor: {
    name: '审计员',
    nameEn: 'Auditor',
    description: '查看和导出审计日志（纪检监察）',
    permissions: ['audit.read', 'audit.export', 'enterprise.read', 'park.read'],
  },
  enterprise_user: {
    name: '企业用户',
    nameEn: 'Enterprise user',
    description: '查看和维护本企业的档案',
    permissions: ['enterprise.read', 'enterprise.update', 'personal.reveal'],
  },
};
