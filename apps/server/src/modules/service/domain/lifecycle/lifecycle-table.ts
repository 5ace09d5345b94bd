// The role/transition table of docs/service/LIFECYCLE.md, generated from TRANSITIONS so the
// page cannot drift from the code (a test compares them).
import { ACTION_LABELS, ACTION_TYPES, REQUEST_STATUSES, ROLE_LABELS, STATUS_LABELS } from './states';
import { TRANSITIONS } from './transitions';

export function lifecycleTableMarkdown(): string {
  const rows = [
    '| from | action | to | roles |',
    '|---|---|---|---|',
    ...[...TRANSITIONS].sort(
      (a, b) => REQUEST_STATUSES.indexOf(a.from) - REQUEST_STATUSES.indexOf(b.from) || ACTION_TYPES.indexOf(a.action) - ACTION_TYPES.indexOf(b.action),
    ).map((t) => {
      const to = t.to === 'status_before_wait' ? 'the status before the wait (等待前状态)' : `\`${t.to}\` ${STATUS_LABELS[t.to].zh}`;
      const also = t.alsoTo?.length ? ` (or ${t.alsoTo.map((s) => `\`${s}\``).join(', ')})` : '';
      const roles = t.roles.map((r) => `${ROLE_LABELS[r].zh} \`${r}\``).join(', ');
      return `| \`${t.from}\` ${STATUS_LABELS[t.from].zh} | \`${t.action}\` ${ACTION_LABELS[t.action].zh} | ${to}${also} | ${roles} |`;
    }),
  ];
  return rows.join('\n');
}
