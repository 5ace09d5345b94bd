import { CORE_PERMISSIONS } from '@zhizhi/contracts';

/**
 * Every permission a role can hold: the core's, plus those that modules register when the app
 * is built (a module's permissions carry its prefix, e.g. talent.review).
 */
const modulePermissions = new Map<string, { zh: string; en: string }>();

export function registerPermissions(perms: Record<string, { zh: string; en: string }>): void {
  for (const [code, label] of Object.entries(perms)) modulePermissions.set(code, label);
}

export function permissionCatalog(): { code: string; name: string; nameEn: string }[] {
  return [...Object.entries(CORE_PERMISSIONS), ...modulePermissions.entries()].map(([code, l]) => ({ code, name: l.zh, nameEn: l.en }));
}
