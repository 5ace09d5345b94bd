import { Navigate } from 'react-router';
import { useCan } from '../../../auth/session';
import { ForbiddenResult } from '../../../ui/StatusResult';

const PAGES: [permission: string, path: string][] = [
  ['user.manage', '/admin/users'],
  ['role.manage', '/admin/roles'],
  ['department.manage', '/admin/departments'],
  ['audit.read', '/admin/audit'],
  ['reference.manage', '/admin/calendar'],
  ['notification.outbox', '/admin/outbox'],
];

/** /admin opens the first administration page this user may use. */
export function AdminIndex() {
  const can = useCan();
  const first = PAGES.find(([perm]) => can(perm));
  return first ? <Navigate to={first[1]} replace /> : <ForbiddenResult />;
}
