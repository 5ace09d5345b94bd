import { z } from 'zod';
import { PageQuery, pageOf, QueryBool, IsoDate } from '@zhizhi/contracts';
import {
  ACTION_TYPES, ACTOR_ROLES, CHANNELS, OPEN_STEP_STATES, REQUEST_STATUSES, RETURN_REASONS, SATISFACTION_LEVELS, SERVICE_STEPS,
} from './domain';

/**
 * The service API's schemas. They live in the module for now (the web pages are the next
 * session's): move them to packages/contracts when the web needs them.
 */
const Label = z.object({ zh: z.string(), en: z.string() });

export const ServiceCategory = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  name: z.string(),
  nameEn: z.string(),
  keywords: z.array(z.string()),
  active: z.boolean(),
});

export const CategorySuggestionQuery = z.object({ text: z.string().trim().min(1).max(4100) });
export const CategorySuggestion = z.object({ categoryId: z.string().nullable(), keyword: z.string().nullable() });

export const RequestInput = z.object({
  /** A registered enterprise; null for an unregistered contact (then organizationName is needed). An enterprise user's own is used. */
  enterpriseId: z.uuid().nullable().default(null),
  organizationName: z.string().trim().max(100).default(''),
  /** Set by the operator (hotline, visit, letter); an enterprise's own request is always 'web'. */
  channel: z.enum(CHANNELS).exclude(['open311']).default('web'),
  categoryId: z.string().max(64).nullable().default(null),
  title: z.string().trim().min(1).max(100),
  description: z.string().trim().min(1).max(4000),
  location: z.string().trim().max(200).default(''),
  /** The street, for an unregistered contact (a registered enterprise's is used otherwise). */
  divisionCode: z.string().regex(/^\d{9}$/, '街道代码应为 9 位数字').nullable().default(null),
  contactName: z.string().trim().min(1).max(50),
  contactPhone: z.string().trim().regex(/^[\d+\-\s]{5,20}$/, '电话号码格式不正确'),
});
export type RequestInput = z.infer<typeof RequestInput>;

const CsvOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.string().transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean)).pipe(z.array(z.enum(values)));

export const RequestListQuery = PageQuery.extend({
  /** One status or several, comma-separated. */
  status: CsvOf(REQUEST_STATUSES).optional(),
  /** The category or anything below it. */
  categoryId: z.string().max(64).optional(),
  /** Requests whose current dispatch names this unit (lead or assisting). */
  unitId: z.uuid().optional(),
  /** A 9-digit street (or a county) code. */
  divisionCode: z.string().regex(/^\d{6}(\d{3})?$/).optional(),
  channel: z.enum(CHANNELS).optional(),
  enterpriseId: z.uuid().optional(),
  /** The enterprise's park (一园一档) when the request was raised. */
  parkId: z.uuid().optional(),
  /** 待电话回访: resolved requests the enterprise did not rate after its reminder, now the hotline's to follow up. */
  followUpChase: QueryBool.optional(),
  /** Only requests with a step past its deadline now (true) or none (false). */
  overdue: QueryBool.optional(),
  /** Submitted on or after / on or before (local dates, Asia/Shanghai). */
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  /** Title, description or the request number. */
  q: z.string().trim().max(50).optional(),
  sort: z.enum(['submittedAt', 'updatedAt', 'number']).default('submittedAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type RequestListQuery = z.infer<typeof RequestListQuery>;

const UnitRef = z.object({ id: z.string(), name: z.string() });

export const RequestSummary = z.object({
  id: z.string(),
  number: z.number(),
  title: z.string(),
  status: z.enum(REQUEST_STATUSES),
  channel: z.enum(CHANNELS),
  categoryId: z.string().nullable(),
  categoryName: z.string().nullable(),
  enterpriseId: z.string().nullable(),
  enterpriseName: z.string(),
  contactName: z.string(),
  /** masked */
  contactPhone: z.string(),
  divisionCode: z.string().nullable(),
  leadUnit: UnitRef.nullable(),
  submittedAt: z.date(),
  updatedAt: z.date(),
  /** The earliest deadline of an open step, and whether one has passed. */
  nextDueAt: z.date().nullable(),
  overdue: z.boolean(),
});
export const RequestPage = pageOf(RequestSummary);

export const RequestEventView = z.object({
  id: z.number(),
  type: z.string(),
  at: z.date(),
  actorRole: z.enum(ACTOR_ROLES),
  actorName: z.string(),
  unitId: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()),
});

export const RequestStepView = z.object({
  step: z.enum(SERVICE_STEPS),
  round: z.number(),
  startedAt: z.date(),
  dueAt: z.date().nullable(),
  warnAt: z.date().nullable(),
  completedAt: z.date().nullable(),
  met: z.boolean().nullable(),
  cancelled: z.boolean(),
  /** Ended by its unit's return (then `met` false = held past its deadline); the next unit holds a new row (docs/service/RATES.md). */
  returned: z.boolean(),
  /** The office's re-dispatch after a return (a dispatch step timed from the return; docs/service/SERVICE_LEVELS.md). */
  redispatch: z.boolean(),
  /** The handling unit that held it (respond, resolve); null for the office's steps. */
  unitId: z.string().nullable(),
  /** Open steps: ok / warning / overdue / paused / calendar_not_covered, now; completed ones: null. */
  state: z.enum(OPEN_STEP_STATES).nullable(),
});

/** A file attached to a request (core/files), on the request itself or on one step of its timeline (eventId). */
export const AttachmentView = z.object({
  id: z.string(),
  name: z.string(),
  mediaType: z.enum(['application/pdf', 'image/png', 'image/jpeg']),
  sizeBytes: z.number(),
  createdAt: z.date(),
  /** The timeline event (step) it belongs to; null: attached to the request, not to a step (yet). */
  eventId: z.number().nullable(),
  uploaderRole: z.enum(['enterprise', 'office', 'unit']),
  uploaderName: z.string(),
  unitId: z.string().nullable(),
  /** Uploaded by the reader (who may remove it while it is on no step). */
  mine: z.boolean(),
});
export type AttachmentView = z.infer<typeof AttachmentView>;
export const AttachmentParams = z.object({ id: z.uuid(), fileId: z.uuid() });
export const AttachmentDownloadQuery = z.object({ inline: z.enum(['true', 'false']).optional() });

export const RequestDetail = RequestSummary.extend({
  description: z.string(),
  location: z.string(),
  organizationName: z.string(),
  suggestedCategoryId: z.string().nullable(),
  assistingUnits: z.array(UnitRef),
  agent: z.object({ id: z.string(), name: z.string() }).nullable(),
  returnCount: z.number(),
  reopenCount: z.number(),
  dispatchCount: z.number(),
  mergedIntoId: z.string().nullable(),
  mergedIds: z.array(z.string()),
  pauses: z.array(z.object({ from: z.date(), to: z.date().nullable(), reason: z.string() })),
  events: z.array(RequestEventView),
  steps: z.array(RequestStepView),
  /** The files the reader may see (an enterprise: not those of internal steps, nor another enterprise's). */
  attachments: z.array(AttachmentView),
  /** The actions this user may attempt now (for the buttons). */
  allowedActions: z.array(z.enum(ACTION_TYPES)),
  /** The routing rules' suggestion for the dispatcher (office only), or null. */
  suggestedDispatch: z.object({
    ruleId: z.string(), unitId: z.string(), assistingUnitIds: z.array(z.string()),
    /** How the rule picks the lead unit's agent when the dispatcher names none. */
    agentStrategy: z.enum(['none', 'round_robin', 'least_loaded']),
    matched: z.record(z.string(), z.string()),
  }).nullable(),
  /** 回访催办: when the enterprise was reminded to rate, and when it became the hotline's to follow up. */
  followUpRemindedAt: z.date().nullable(),
  followUpHotlineAt: z.date().nullable(),
  version: z.number(),
});
export type RequestDetail = z.infer<typeof RequestDetail>;

/** Files the actor uploaded to the request (POST …/attachments) that this step carries (the unit's answer's photos, a return's letter). */
const Version = { version: z.number().int().positive(), attachmentIds: z.array(z.uuid()).max(10).default([]) };
const Note = z.string().trim().max(2000).optional();
export const RequestActionInput = z.discriminatedUnion('action', [
  z.object({ action: z.literal('accept'), categoryId: z.string().max(64).optional(), ...Version }),
  z.object({
    action: z.literal('dispatch'),
    leadUnitId: z.uuid(),
    assistingUnitIds: z.array(z.uuid()).max(10).default([]),
    agentId: z.uuid().nullable().default(null),
    note: Note,
    ...Version,
  }),
  z.object({ action: z.literal('sign'), ...Version }),
  z.object({ action: z.literal('return'), reason: z.enum(RETURN_REASONS).nullable().default(null), note: z.string().trim().max(2000).default(''), ...Version }),
  z.object({ action: z.literal('respond'), content: z.string().trim().max(4000), ...Version }),
  z.object({ action: z.literal('resolve'), summary: z.string().trim().max(4000), ...Version }),
  z.object({ action: z.literal('follow_up'), satisfaction: z.enum(SATISFACTION_LEVELS), solved: z.boolean(), note: Note, ...Version }),
  z.object({ action: z.literal('close'), note: Note, ...Version }),
  z.object({ action: z.literal('merge'), primaryId: z.uuid(), ...Version }),
  z.object({ action: z.literal('wait_for_enterprise'), reason: z.string().trim().max(2000), ...Version }),
  z.object({ action: z.literal('resume'), note: Note, ...Version }),
  z.object({ action: z.literal('supervise'), note: Note, ...Version }),
]);
export type RequestActionInput = z.infer<typeof RequestActionInput>;

export const RequestReveal = z.object({ contactPhone: z.string() });

export const ServiceUnit = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  name: z.string(),
  kind: z.enum(['department', 'section']),
  divisionCode: z.string().nullable(),
  active: z.boolean(),
  /** How a dispatch that names no agent picks one (a routing rule's strategy, when set, comes first). */
  agentStrategy: z.enum(['none', 'round_robin', 'least_loaded']),
});
export const ServiceUnitUpdate = z.object({
  active: z.boolean().optional(),
  agentStrategy: z.enum(['none', 'round_robin', 'least_loaded']).optional(),
}).refine((u) => u.active !== undefined || u.agentStrategy !== undefined, { message: '请至少修改一项' });

/** A unit's service agent (助企服务员) with the open requests it holds now. */
export const UnitAgent = z.object({ id: z.string(), name: z.string(), openRequests: z.number() });

export const RoutingRuleInput = z.object({
  name: z.string().trim().max(50).default(''),
  categoryIds: z.array(z.string().max(64)).max(20).default([]),
  keywords: z.array(z.string().trim().min(1).max(20)).max(50).default([]),
  divisionPrefixes: z.array(z.string().regex(/^\d{6,12}$/)).max(20).default([]),
  parkIds: z.array(z.uuid()).max(20).default([]),
  unitId: z.uuid(),
  assistingUnitIds: z.array(z.uuid()).max(10).default([]),
  agentStrategy: z.enum(['none', 'round_robin', 'least_loaded']).default('none'),
  active: z.boolean().default(true),
});
export const RoutingRuleView = RoutingRuleInput.extend({ id: z.string(), position: z.number() });
export const RoutingRulesInput = z.object({ rules: z.array(RoutingRuleInput).max(200) });
/** One rule created or edited on the page; position (1 = first) moves it, absent keeps it (a new one goes last). */
export const RoutingRuleEdit = RoutingRuleInput.extend({ position: z.number().int().min(1).max(1000).optional() });

export { Label };

// --- Workflow additions (docs/service/API.md): agents, hotline phone lookup, park figures, policy ---

export const PhoneLookupQuery = z.object({ phone: z.string().trim().regex(/^[\d+\-\s]{5,20}$/, '电话号码格式不正确') });
export const PhoneMatch = z.object({
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  creditCode: z.string(),
  contactName: z.string(),
  /** masked */
  contactPhone: z.string(),
  divisionCode: z.string(),
});

const Rate = z.object({ numerator: z.number(), denominator: z.number(), value: z.number().nullable() });
export const ParkRequestFigures = z.object({
  parkId: z.string(),
  parkName: z.string(),
  total: z.number(),
  byStatus: z.object(Object.fromEntries(REQUEST_STATUSES.map((s) => [s, z.number()])) as Record<(typeof REQUEST_STATUSES)[number], z.ZodNumber>),
  responseRate: Rate,
  resolutionRate: Rate,
  satisfactionRate: Rate,
  asOf: z.date(),
});

const TimeOfDay = z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/, '时间格式应为 HH:MM');
const Cutoff = { cutoff: TimeOfDay.optional() };
const WarnHours = { warnBeforeHours: z.number().min(0).max(720).optional() };
export const DeadlineRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('same_day'), basis: z.enum(['calendar', 'working']), ...Cutoff, ...WarnHours }),
  z.object({ kind: z.literal('calendar_days'), days: z.number().int(), ...Cutoff, ...WarnHours }),
  z.object({ kind: z.literal('working_days'), days: z.number().int(), ...Cutoff, ...WarnHours }),
  z.object({ kind: z.literal('working_hours'), hours: z.number(), warnBeforeWorkingMinutes: z.number().min(0).optional(), ...Cutoff }),
]);
const StepRules = z.object(Object.fromEntries(SERVICE_STEPS.map((s) => [s, DeadlineRuleSchema])) as Record<(typeof SERVICE_STEPS)[number], typeof DeadlineRuleSchema>);
export const ServiceLevelPolicySchema = z.object({
  officeHours: z.object({ windows: z.array(z.object({ from: TimeOfDay, to: TimeOfDay })).min(1).max(6) }),
  outsideCoverage: z.enum(['throw', 'weekdays']),
  defaults: StepRules,
  byCategory: z.record(z.string().max(64), StepRules.partial()),
});
export const ServiceLevelPolicyInput = z.object({ policy: ServiceLevelPolicySchema });
export const ServiceLevelPolicyView = z.object({
  version: z.number().nullable(),
  effectiveFrom: z.date().nullable(),
  updatedBy: z.string().nullable(),
  policy: ServiceLevelPolicySchema,
  defaultPolicy: ServiceLevelPolicySchema,
});
