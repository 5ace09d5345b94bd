import { z } from 'zod';
import { IsoDate, PageQuery, pageOf } from '@zhizhi/contracts';

export const VisitInput = z.object({
  enterpriseId: z.uuid(),
  visitedAt: z.coerce.date(),
  companions: z.string().trim().max(200).default(''),
  discussed: z.string().trim().min(1, '请填写走访交流的内容').max(4000),
  followUps: z.string().trim().max(2000).default(''),
  /** 发现的问题, one per entry; each may become a request later */
  problems: z.array(z.string().trim().min(1).max(1000)).max(20).default([]),
  planId: z.uuid().nullable().default(null),
});
export type VisitInput = z.infer<typeof VisitInput>;
export const VisitUpdate = VisitInput.omit({ enterpriseId: true }).extend({ version: z.number().int() });
export type VisitUpdate = z.infer<typeof VisitUpdate>;

export const VisitProblemView = z.object({
  id: z.string(), position: z.number(), text: z.string(),
  requestId: z.string().nullable(), requestNumber: z.number().nullable(), requestStatus: z.string().nullable(),
});
export const VisitView = z.object({
  id: z.string(),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  divisionCode: z.string(),
  divisionName: z.string(),
  parkId: z.string().nullable(),
  planId: z.string().nullable(),
  visitedAt: z.date(),
  visitorId: z.string().nullable(),
  visitorName: z.string(),
  companions: z.string(),
  discussed: z.string(),
  followUps: z.string(),
  problems: z.array(VisitProblemView),
  canEdit: z.boolean(),
  version: z.number(),
});
export type VisitView = z.infer<typeof VisitView>;
export const VisitPage = pageOf(VisitView);

export const VisitListQuery = PageQuery.extend({
  enterpriseId: z.uuid().optional(),
  divisionCode: z.string().regex(/^\d{6}(\d{3})?$/).optional(),
  parkId: z.uuid().optional(),
  visitorId: z.uuid().optional(),
  planId: z.uuid().optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
});
export type VisitListQuery = z.infer<typeof VisitListQuery>;

export const ProblemToRequestInput = z.object({
  title: z.string().trim().min(1).max(100).optional(),
  categoryId: z.string().max(64).nullable().default(null),
  /** the enterprise's primary contact when left out */
  contactName: z.string().trim().min(1).max(50).optional(),
  contactPhone: z.string().trim().regex(/^[\d+\-\s]{5,20}$/, '电话号码格式不正确').optional(),
});

export const PlanInput = z.object({
  agentId: z.uuid(),
  divisionCode: z.string().regex(/^\d{9}$/, '街道代码应为 9 位数字'),
  periodFrom: IsoDate,
  periodTo: IsoDate,
  enterpriseIds: z.array(z.uuid()).max(500).default([]),
  note: z.string().trim().max(500).default(''),
});
export type PlanInput = z.infer<typeof PlanInput>;
export const PlanUpdate = PlanInput.extend({ version: z.number().int() });
export const PlanView = z.object({
  id: z.string(),
  agentId: z.string(),
  agentName: z.string(),
  divisionCode: z.string(),
  divisionName: z.string(),
  periodFrom: z.string(),
  periodTo: z.string(),
  note: z.string(),
  enterprises: z.array(z.object({ id: z.string(), name: z.string(), visited: z.boolean(), lastVisitedAt: z.date().nullable() })),
  planned: z.number(),
  visited: z.number(),
  visitCount: z.number(),
  version: z.number(),
  /** set once the plan was edited: who and when */
  updatedAt: z.date(),
  updatedByName: z.string(),
});
export type PlanView = z.infer<typeof PlanView>;
export const PlanListQuery = z.object({ agentId: z.uuid().optional(), divisionCode: z.string().regex(/^\d{6}(\d{3})?$/).optional(), activeOn: IsoDate.optional() });

export const CoverageQuery = z.object({ from: IsoDate, to: IsoDate, by: z.enum(['street', 'park']).default('street') });
export const CoverageRow = z.object({ key: z.string(), name: z.string(), enterprises: z.number(), visited: z.number(), visits: z.number(), share: z.number() });
export const Coverage = z.object({ from: z.string(), to: z.string(), by: z.enum(['street', 'park']), rows: z.array(CoverageRow), total: CoverageRow });
export const AgentOption = z.object({ id: z.string(), name: z.string(), departmentName: z.string().nullable() });
