// Why the lifecycle refuses an action: a code the API maps to a status (409 for `conflict`,
// 403 for `forbidden`, 400 for `invalid`), and a message in Chinese and English.
import type { Label } from '../label';
import { ACTION_LABELS, ROLE_LABELS, STATUS_LABELS, type ActionType, type ActorRole, type RequestStatus } from './states';

export type RefusalKind = 'conflict' | 'forbidden' | 'invalid';

export const REFUSAL_CODES = {
  REQUEST_FINISHED: 'conflict',
  FOLLOW_UP_BEFORE_RESOLUTION: 'conflict',
  TRANSITION_NOT_ALLOWED: 'conflict',
  RETURN_LIMIT_REACHED: 'conflict',
  MERGE_TARGET_NOT_OPEN: 'conflict',
  ROLE_NOT_ALLOWED: 'forbidden',
  NOT_LEAD_UNIT: 'forbidden',
  NOT_REQUEST_ENTERPRISE: 'forbidden',
  CATEGORY_REQUIRED: 'invalid',
  REASON_REQUIRED: 'invalid',
  TEXT_REQUIRED: 'invalid',
  DISPATCH_ONE_LEAD: 'invalid',
  DISPATCH_UNIT_REPEATED: 'invalid',
  MERGE_INTO_SELF: 'invalid',
} as const satisfies Record<string, RefusalKind>;
export type RefusalCode = keyof typeof REFUSAL_CODES;

export interface Refusal {
  ok: false;
  code: RefusalCode;
  kind: RefusalKind;
  message: Label;
}

export interface RefusalContext {
  status: RequestStatus;
  action: ActionType;
  role: ActorRole;
  maxReturns: number;
}

const MESSAGES: Record<RefusalCode, (c: RefusalContext) => Label> = {
  REQUEST_FINISHED: (c) => ({
    zh: `诉求${STATUS_LABELS[c.status].zh}，不能再${ACTION_LABELS[c.action].zh}`,
    en: `the request is ${STATUS_LABELS[c.status].en}; it cannot be acted on any more (${ACTION_LABELS[c.action].en})`,
  }),
  FOLLOW_UP_BEFORE_RESOLUTION: (c) => ({
    zh: `诉求尚未办结（当前：${STATUS_LABELS[c.status].zh}），不能回访`,
    en: `the request is not resolved yet (it is ${STATUS_LABELS[c.status].en}); a follow-up comes after resolution`,
  }),
  TRANSITION_NOT_ALLOWED: (c) => ({
    zh: `诉求当前为“${STATUS_LABELS[c.status].zh}”，不能${ACTION_LABELS[c.action].zh}`,
    en: `a request that is ${STATUS_LABELS[c.status].en} cannot be acted on with "${ACTION_LABELS[c.action].en}"`,
  }),
  RETURN_LIMIT_REACHED: (c) => ({
    zh: `该诉求已退单 ${c.maxReturns} 次，不能再退单，请按交办办理或由亲企办审定`,
    en: `the request has been returned ${c.maxReturns} times; it cannot be returned again — handle it, or ask the office to decide`,
  }),
  MERGE_TARGET_NOT_OPEN: () => ({
    zh: '只能合并到尚未办结的诉求',
    en: 'a duplicate can only be merged into a request that is not resolved yet',
  }),
  ROLE_NOT_ALLOWED: (c) => ({
    zh: `${ROLE_LABELS[c.role].zh}不能对“${STATUS_LABELS[c.status].zh}”的诉求${ACTION_LABELS[c.action].zh}`,
    en: `the ${ROLE_LABELS[c.role].en} cannot ${ACTION_LABELS[c.action].en} a request that is ${STATUS_LABELS[c.status].en}`,
  }),
  NOT_LEAD_UNIT: () => ({
    zh: '只有主办单位及其助企服务员可以办理此操作',
    en: 'only the lead handling unit and its service agents can do this',
  }),
  NOT_REQUEST_ENTERPRISE: () => ({
    zh: '只有提出该诉求的企业可以办理此操作',
    en: 'only an enterprise that raised this request can do this',
  }),
  CATEGORY_REQUIRED: () => ({ zh: '受理时须选择诉求类别', en: 'accepting a request needs a category' }),
  REASON_REQUIRED: (c) => ({
    zh: `${ACTION_LABELS[c.action].zh}须填写原因`,
    en: `"${ACTION_LABELS[c.action].en}" needs a reason`,
  }),
  TEXT_REQUIRED: (c) => ({
    zh: `${ACTION_LABELS[c.action].zh}须填写内容`,
    en: `"${ACTION_LABELS[c.action].en}" needs a text`,
  }),
  DISPATCH_ONE_LEAD: () => ({
    zh: '交办须指定且只能指定一个主办单位，其余为协办单位',
    en: 'a dispatch names exactly one lead handling unit; the others assist',
  }),
  DISPATCH_UNIT_REPEATED: () => ({ zh: '同一承办单位不能重复交办', en: 'a handling unit appears twice in the dispatch' }),
  MERGE_INTO_SELF: () => ({ zh: '诉求不能合并到自身', en: 'a request cannot be merged into itself' }),
};

export function refuse(code: RefusalCode, context: RefusalContext): Refusal {
  return { ok: false, code, kind: REFUSAL_CODES[code], message: MESSAGES[code](context) };
}
