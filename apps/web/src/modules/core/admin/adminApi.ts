import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client';
import type { PermissionInfo, Role } from '../../../api/types';

export const adminKeys = {
  users: ['users'] as const,
  roles: ['roles'] as const,
  permissions: ['permissions'] as const,
  audit: ['audit'] as const,
  outbox: ['outbox'] as const,
};

export function useRoles(enabled = true) {
  return useQuery({ queryKey: adminKeys.roles, queryFn: () => api.get<Role[]>('/api/roles'), staleTime: 60_000, enabled });
}

/** The permission's name in the UI language (the catalogue carries zh and en). */
export function permissionLabel(p: PermissionInfo, locale: string): string {
  return locale === 'en-US' && p.nameEn ? p.nameEn : p.name;
}

export function usePermissionCatalog() {
  return useQuery({ queryKey: adminKeys.permissions, queryFn: () => api.get<PermissionInfo[]>('/api/permissions'), staleTime: Infinity });
}
