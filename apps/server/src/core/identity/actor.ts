import type { Permission } from '@zhizhi/contracts';

/**
 * Who is making a request, and the part of the county they may see. A user can be bound to one
 * enterprise (enterprise users), one department or section, and/or one division (a 街道 or the
 * county); data outside the binding is invisible to them.
 */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  roles: string[];
  permissions: ReadonlySet<string>;
  scope: ActorScope;
  sessionId: string;
  csrfToken: string;
  locale: 'zh-CN' | 'en-US';
}

export interface ActorScope {
  enterpriseId: string | null;
  departmentId: string | null;
  divisionCode: string | null;
}

export function can(actor: Actor, permission: Permission): boolean {
  return actor.permissions.has(permission);
}
