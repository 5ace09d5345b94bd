// The names of the request lifecycle (诉求办理流程): statuses, actor roles, step labels.
// Reference: docs/service/LIFECYCLE.md. Pure data, no logic.
import type { Label } from '../label';

export const REQUEST_STATUSES = [
  'submitted', // 已提交（待受理）
  'accepted', // 已受理（待交办）
  'dispatched', // 已交办（待签收）
  'signed', // 已签收（办理中）
  'returned', // 已退单（待重新交办）
  'responded', // 已回应
  'waiting_for_enterprise', // 等待企业（计时暂停）
  'resolved', // 已办结（待回访）
  'followed_up', // 已回访
  'closed', // 已关闭
  'merged', // 已合并（重复诉求）
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** Statuses in which nothing more can happen. */
export const FINISHED_STATUSES: readonly RequestStatus[] = ['closed', 'merged'];
/** Statuses from which a request may wait for the enterprise; `resume` returns to the one it left. */
export const WAITABLE_STATUSES = ['accepted', 'signed', 'responded'] as const;
export type WaitableStatus = (typeof WAITABLE_STATUSES)[number];
/** Statuses before 办结: a follow-up in one of them is refused with its own message. */
export const BEFORE_RESOLUTION: readonly RequestStatus[] = [
  'submitted', 'accepted', 'dispatched', 'signed', 'returned', 'responded', 'waiting_for_enterprise',
];

export const STATUS_LABELS: Readonly<Record<RequestStatus, Label>> = {
  submitted: { zh: '待受理', en: 'submitted' },
  accepted: { zh: '已受理', en: 'accepted' },
  dispatched: { zh: '已交办', en: 'dispatched' },
  signed: { zh: '已签收', en: 'signed for' },
  returned: { zh: '已退单', en: 'returned' },
  responded: { zh: '已回应', en: 'responded' },
  waiting_for_enterprise: { zh: '等待企业', en: 'waiting for the enterprise' },
  resolved: { zh: '已办结', en: 'resolved' },
  followed_up: { zh: '已回访', en: 'followed up' },
  closed: { zh: '已关闭', en: 'closed' },
  merged: { zh: '已合并', en: 'merged' },
};

/**
 * Who acts. The office (亲企办) has operators (接线员: record calls, accept, follow up) and
 * dispatchers (分办员: dispatch, merge, supervise); a handling unit (承办单位) acts through its
 * staff or its service agents (助企服务员); the enterprise (企业) supplies what was asked for;
 * the system (系统) runs timed actions (auto-close, the escalation sweep).
 */
export const ACTOR_ROLES = ['office_operator', 'office_dispatcher', 'handling_unit', 'service_agent', 'enterprise', 'system'] as const;
export type ActorRole = (typeof ACTOR_ROLES)[number];

export const ROLE_LABELS: Readonly<Record<ActorRole, Label>> = {
  office_operator: { zh: '亲企办接线员', en: 'office operator' },
  office_dispatcher: { zh: '亲企办分办员', en: 'office dispatcher' },
  handling_unit: { zh: '承办单位', en: 'handling unit' },
  service_agent: { zh: '助企服务员', en: 'service agent' },
  enterprise: { zh: '企业', en: 'enterprise' },
  system: { zh: '系统', en: 'system' },
};

export const ACTION_TYPES = [
  'accept', 'dispatch', 'sign', 'return', 'respond', 'resolve', 'follow_up', 'close', 'merge',
  'wait_for_enterprise', 'resume', 'supervise',
] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

export const ACTION_LABELS: Readonly<Record<ActionType, Label>> = {
  accept: { zh: '受理', en: 'accept' },
  dispatch: { zh: '交办', en: 'dispatch' },
  sign: { zh: '签收', en: 'sign for' },
  return: { zh: '退单', en: 'return' },
  respond: { zh: '回应', en: 'respond' },
  resolve: { zh: '办结', en: 'resolve' },
  follow_up: { zh: '回访', en: 'follow up' },
  close: { zh: '关闭', en: 'close' },
  merge: { zh: '合并重复诉求', en: 'merge as duplicate' },
  wait_for_enterprise: { zh: '等待企业补充', en: 'wait for the enterprise' },
  resume: { zh: '恢复办理', en: 'resume' },
  supervise: { zh: '督办', en: 'supervise' },
};

/** 回访 answer to 是否满意. */
export const SATISFACTION_LEVELS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export type Satisfaction = (typeof SATISFACTION_LEVELS)[number];
export const SATISFACTION_LABELS: Readonly<Record<Satisfaction, Label>> = {
  satisfied: { zh: '满意', en: 'satisfied' },
  basically_satisfied: { zh: '基本满意', en: 'basically satisfied' },
  dissatisfied: { zh: '不满意', en: 'dissatisfied' },
};
