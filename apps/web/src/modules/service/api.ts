import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Me } from '../../api/types';

/**
 * Answer shapes of /api/service (docs/service/API.md); dates arrive as ISO strings. The
 * vocabularies are spelled out here so that the web bundle does not pull the server's zod in.
 */
export const REQUEST_STATUSES = [
  'submitted', 'accepted', 'dispatched', 'signed', 'returned', 'responded', 'waiting_for_enterprise', 'resolved', 'followed_up', 'closed', 'merged',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export const CHANNELS = ['hotline', 'web', 'app', 'visit', 'letter'] as const;
export type Channel = (typeof CHANNELS)[number];
export const RETURN_REASONS = ['not_our_remit', 'wrong_area', 'unclear_ownership', 'shared_remit', 'other'] as const;
export const SATISFACTION_LEVELS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export const ACTION_TYPES = [
  'accept', 'dispatch', 'sign', 'return', 'respond', 'resolve', 'follow_up', 'close', 'wait_for_enterprise', 'resume', 'merge', 'supervise',
] as const;
export type ActionType = (typeof ACTION_TYPES)[number];
export type ServiceStep = 'accept' | 'dispatch' | 'respond' | 'resolve' | 'follow_up';
export type StepState = 'ok' | 'warning' | 'overdue' | 'paused' | 'calendar_not_covered';

export interface UnitRef { id: string; name: string }

export interface RequestSummary {
  id: string;
  number: number;
  title: string;
  status: RequestStatus;
  channel: Channel;
  categoryId: string | null;
  categoryName: string | null;
  enterpriseId: string | null;
  enterpriseName: string;
  contactName: string;
  contactPhone: string;
  divisionCode: string | null;
  leadUnit: UnitRef | null;
  submittedAt: string;
  updatedAt: string;
  nextDueAt: string | null;
  overdue: boolean;
}

export interface RequestEventView {
  id: number;
  type: string;
  at: string;
  actorRole: string;
  actorName: string;
  unitId: string | null;
  payload: Record<string, unknown>;
}

export interface RequestStepView {
  step: ServiceStep;
  round: number;
  startedAt: string;
  dueAt: string | null;
  warnAt: string | null;
  completedAt: string | null;
  met: boolean | null;
  cancelled: boolean;
  /** Ended by its unit's return (met false: held past the deadline). */
  returned: boolean;
  /** The office's re-dispatch after a return (a dispatch step timed from the return). */
  redispatch: boolean;
  unitId: string | null;
  state: StepState | null;
}

/** A file attached to a request; eventId: the timeline step it belongs to (null: the request itself). */
export interface Attachment {
  id: string;
  name: string;
  mediaType: 'application/pdf' | 'image/png' | 'image/jpeg';
  sizeBytes: number;
  createdAt: string;
  eventId: number | null;
  uploaderRole: 'enterprise' | 'office' | 'unit';
  uploaderName: string;
  unitId: string | null;
  mine: boolean;
}

export interface RequestDetail extends RequestSummary {
  description: string;
  location: string;
  organizationName: string;
  suggestedCategoryId: string | null;
  assistingUnits: UnitRef[];
  agent: { id: string; name: string } | null;
  returnCount: number;
  reopenCount: number;
  dispatchCount: number;
  mergedIntoId: string | null;
  mergedIds: string[];
  pauses: { from: string; to: string | null; reason: string }[];
  events: RequestEventView[];
  steps: RequestStepView[];
  attachments: Attachment[];
  allowedActions: ActionType[];
  suggestedDispatch: { ruleId: string; unitId: string; assistingUnitIds: string[]; agentStrategy: AgentStrategy; matched: Record<string, string> } | null;
  followUpRemindedAt: string | null;
  followUpHotlineAt: string | null;
  version: number;
}

export interface ServiceCategory { id: string; parentId: string | null; name: string; nameEn: string; keywords: string[]; active: boolean }
export type AgentStrategy = 'none' | 'round_robin' | 'least_loaded';
export interface ServiceUnit { id: string; parentId: string | null; name: string; kind: 'department' | 'section'; divisionCode: string | null; active: boolean; agentStrategy: AgentStrategy }
export interface UnitAgent { id: string; name: string; openRequests: number }
/** A routing rule (分办规则): all its conditions must hold (an empty list = any); the first active match wins. */
export interface RoutingRule {
  id: string; position: number; name: string; categoryIds: string[]; keywords: string[]; divisionPrefixes: string[]; parkIds: string[];
  unitId: string; assistingUnitIds: string[]; agentStrategy: AgentStrategy; active: boolean;
}
export interface PhoneMatch { enterpriseId: string; enterpriseName: string; creditCode: string; contactName: string; contactPhone: string; divisionCode: string }
export interface Rate { numerator: number; denominator: number; value: number | null }
export interface ParkRequestFigures {
  parkId: string; parkName: string; total: number; byStatus: Record<RequestStatus, number>;
  responseRate: Rate; resolutionRate: Rate; satisfactionRate: Rate; asOf: string;
}

export const serviceKeys = {
  all: ['service'] as const,
  list: ['service', 'list'] as const,
  detail: (id: string) => ['service', 'detail', id] as const,
  categories: ['service', 'categories'] as const,
  units: ['service', 'units'] as const,
};

/** The list's filters (URL keys = API query names). */
export const REQUEST_FILTER_KEYS = ['q', 'status', 'categoryId', 'unitId', 'divisionCode', 'channel', 'enterpriseId', 'parkId', 'followUpChase', 'overdue', 'from', 'to'] as const;

/** Who takes part: an enterprise user (its own requests), or a holder of service.read. */
export const inService = (me: Pick<Me, 'permissions' | 'scope'>) => !!me.scope.enterpriseId || me.permissions.includes('service.read');
/** Who records requests: an operator (calls, visits), or an enterprise user (online, for itself). */
export const canSubmit = (me: Pick<Me, 'permissions' | 'scope'>) => !!me.scope.enterpriseId || me.permissions.includes('service.operate');

export function useRequest(id: string) {
  return useQuery({
    queryKey: serviceKeys.detail(id),
    queryFn: () => api.get<RequestDetail>(`/api/service/requests/${encodeURIComponent(id)}`),
    enabled: !!id,
  });
}

export function useCategories() {
  return useQuery({ queryKey: serviceKeys.categories, queryFn: () => api.get<ServiceCategory[]>('/api/service/categories'), staleTime: 300_000 });
}

/** Handling units, for the dispatcher (service.dispatch). */
export function useUnits(enabled = true) {
  return useQuery({ queryKey: serviceKeys.units, queryFn: () => api.get<ServiceUnit[]>('/api/service/units'), staleTime: 300_000, enabled });
}

/** Sections named with their department ("良渚街道办事处 / 经济发展科"). */
export function unitLabel(u: ServiceUnit, all: readonly ServiceUnit[]): string {
  const parent = u.parentId ? all.find((p) => p.id === u.parentId) : undefined;
  return parent ? `${parent.name} / ${u.name}` : u.name;
}

/** A unit's service agents with their open load, for the dispatch modal (service.dispatch). */
export function useUnitAgents(unitId: string | undefined) {
  return useQuery({
    queryKey: ['service', 'unit-agents', unitId],
    queryFn: () => api.get<UnitAgent[]>(`/api/service/units/${encodeURIComponent(unitId!)}/agents`),
    enabled: !!unitId,
  });
}

export const actOn = (id: string, body: Record<string, unknown>) =>
  api.post<RequestDetail>(`/api/service/requests/${encodeURIComponent(id)}/actions`, body);

export const attachmentUrl = (requestId: string, fileId: string, inline = false) =>
  `/api/service/requests/${encodeURIComponent(requestId)}/attachments/${encodeURIComponent(fileId)}${inline ? '?inline=true' : ''}`;
export const uploadAttachment = (requestId: string, file: File) =>
  api.upload<Attachment>(`/api/service/requests/${encodeURIComponent(requestId)}/attachments`, file);
export const removeAttachment = (requestId: string, fileId: string) =>
  api.del(`/api/service/requests/${encodeURIComponent(requestId)}/attachments/${encodeURIComponent(fileId)}`);
/** What the file inputs offer (the server decides by content: PDF, PNG, JPEG). */
export const ATTACHMENT_ACCEPT = '.pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg';
export const formatFileSize = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

/** Who may add files to a request (the server decides): its enterprise, the office, the handling units; not leaders. */
export const canAttach = (me: Pick<Me, 'permissions' | 'scope'>, status: RequestStatus) =>
  status !== 'closed' && status !== 'merged' &&
  (!!me.scope.enterpriseId || ['service.operate', 'service.dispatch', 'service.handle', 'service.agent'].some((p) => me.permissions.includes(p)));

export const revealContact = (id: string) => api.post<{ contactPhone: string }>(`/api/service/requests/${encodeURIComponent(id)}/reveal`);

export const STATUS_COLORS: Record<RequestStatus, string> = {
  submitted: 'gold', accepted: 'orange', dispatched: 'blue', signed: 'geekblue', returned: 'volcano', responded: 'cyan',
  waiting_for_enterprise: 'purple', resolved: 'green', followed_up: 'lime', closed: 'default', merged: 'default',
};
