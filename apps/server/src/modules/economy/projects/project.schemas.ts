import { z } from 'zod';
import { EnterpriseInput } from '@zhizhi/contracts';

const Wan = z.number().min(0).max(100_000_000).refine((v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6, '金额以万元计，最多 2 位小数');
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 2026-03-01');
export const PROJECT_STATUSES = ['active', 'landed', 'dropped'] as const;

export const ProjectInput = z.object({
  name: z.string().trim().min(2, '项目名称至少 2 个字').max(100),
  investor: z.string().trim().min(2, '请填写投资方').max(100),
  investorOrigin: z.string().trim().max(60).default(''),
  industryCode: z.string().regex(/^\d{2,4}$/, '行业代码应为 2–4 位数字'),
  chainLinkId: z.uuid().nullable().default(null),
  totalInvestmentWan: Wan.refine((v) => v > 0, '总投资应大于 0'),
  receivedInvestmentWan: Wan.default(0),
  ownerId: z.uuid().optional(),
  divisionCode: z.string().regex(/^\d{9}$/, '请选择项目所在街道（9 位区划代码）'),
  address: z.string().trim().max(200).default(''),
  constructionPercent: z.number().int().min(0).max(100).default(0),
  description: z.string().max(2000).default(''),
  /** Where the project is (GCJ-02), for the map; null while unknown. Checked to lie in the county (projectLocationProblem: out of range, swapped, elsewhere). */
  location: z.object({ lat: z.number(), lng: z.number() }).nullable().default(null),
});
export const ProjectCreate = ProjectInput.extend({ stage: z.string().optional() });
export const ProjectUpdate = ProjectInput.extend({ version: z.number().int() });

export const StageChangeInput = z.object({
  to: z.string().min(1),
  /** Record the change although required milestones are not done (a reason is then required). */
  confirm: z.boolean().default(false),
  reason: z.string().trim().max(500).default(''),
  version: z.number().int().optional(),
});
export const DropInput = z.object({ reason: z.string().trim().min(2, '请填写终止原因').max(500) });

export const MilestoneInput = z.object({
  stage: z.string().min(1),
  name: z.string().trim().min(2).max(60),
  required: z.boolean().default(true),
  dueDate: IsoDate.nullable().default(null),
});
export const MilestoneUpdate = z.object({
  name: z.string().trim().min(2).max(60).optional(),
  dueDate: IsoDate.nullable().optional(),
  required: z.boolean().optional(),
  done: z.boolean().optional(),
});
export const ProblemInput = z.object({
  description: z.string().trim().min(2, '请描述问题').max(1000),
  responsible: z.string().trim().min(2, '请填写责任单位').max(100),
  dueDate: IsoDate.nullable().default(null),
});
export const ProblemResolve = z.object({ resolution: z.string().trim().min(2, '请填写解决情况').max(1000) });
export const LandInput = z.union([
  z.object({ enterpriseId: z.uuid() }),
  z.object({ enterprise: EnterpriseInput }),
]);

export const MilestoneView = z.object({
  id: z.uuid(), stage: z.string(), name: z.string(), required: z.boolean(), dueDate: z.string().nullable(),
  doneAt: z.date().nullable(), doneBy: z.string(), overdueDays: z.number().nullable(), escalation: z.number(),
});
export const ProblemView = z.object({
  id: z.uuid(), stage: z.string(), description: z.string(), responsible: z.string(), dueDate: z.string().nullable(),
  raisedBy: z.string(), raisedAt: z.date(), resolvedAt: z.date().nullable(), resolution: z.string(),
});
export const StageEventView = z.object({
  id: z.number(), from: z.string().nullable(), to: z.string(), at: z.date(), by: z.string(), skipped: z.array(z.string()), reason: z.string(),
});
export const FileView = z.object({ id: z.uuid(), name: z.string(), mediaType: z.string(), sizeBytes: z.number(), createdAt: z.date() });

export const ProjectCard = z.object({
  id: z.uuid(), name: z.string(), investor: z.string(), industryCode: z.string(), industryName: z.string(),
  chainLink: z.object({ id: z.uuid(), name: z.string(), chainId: z.uuid(), chainName: z.string() }).nullable(),
  totalInvestmentWan: z.number(), receivedInvestmentWan: z.number(), major: z.boolean(),
  stage: z.string(), stageName: z.string(), stageEnteredAt: z.date(), daysInStage: z.number(), status: z.enum(PROJECT_STATUSES),
  owner: z.object({ id: z.uuid(), name: z.string() }), divisionCode: z.string(), streetName: z.string(), constructionPercent: z.number(),
  overdueMilestones: z.number(), openProblems: z.number(), enterprise: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  location: z.object({ lat: z.number(), lng: z.number() }).nullable(),
});
export const ProjectView = ProjectCard.extend({
  investorOrigin: z.string(), address: z.string(), description: z.string(), version: z.number(), createdAt: z.date(),
  milestones: z.array(MilestoneView), problems: z.array(ProblemView), events: z.array(StageEventView), files: z.array(FileView),
});
/** The projects on a map: located projects coloured by stage, the streets' centres (of their located enterprises) as labels. */
export const ProjectMapView = z.object({
  stages: z.array(z.object({ code: z.string(), name: z.string() })),
  projects: z.array(ProjectCard),
  /** Projects in scope (not dropped) without a location: listed apart, not drawn. */
  unlocated: z.array(z.object({ id: z.uuid(), name: z.string(), stageName: z.string(), streetName: z.string() })),
  streets: z.array(z.object({ code: z.string(), name: z.string(), lat: z.number(), lng: z.number(), enterprises: z.number() })),
});
export const ProjectListQuery = z.object({
  stage: z.string().optional(),
  status: z.enum(PROJECT_STATUSES).optional(),
  chainLinkId: z.uuid().optional(),
  major: z.enum(['true', 'false']).optional(),
  divisionCode: z.string().regex(/^\d{6,9}$/).optional(),
  q: z.string().trim().max(50).optional(),
});

export const StageTemplate = z.object({ name: z.string().trim().min(2).max(60), required: z.boolean(), dueDays: z.number().int().min(0).max(3650) });
export const StageView = z.object({
  code: z.string(), name: z.string(), nameEn: z.string(), sortOrder: z.number(), targetDays: z.number().nullable(), milestones: z.array(StageTemplate),
  projects: z.number(),
});
export const StagesInput = z.array(z.object({
  code: z.string().regex(/^[a-z][a-z_]{1,31}$/, '阶段代码为小写字母和下划线，如 negotiating'),
  name: z.string().trim().min(1).max(20), nameEn: z.string().trim().max(60).default(''),
  targetDays: z.number().int().min(1).max(3650).nullable().default(null), milestones: z.array(StageTemplate).max(20).default([]),
})).min(2).max(12);

const StageCount = z.object({ stage: z.string(), name: z.string(), count: z.number(), totalInvestmentWan: z.number(), receivedInvestmentWan: z.number(), major: z.number() });
export const PipelineView = z.object({
  stages: z.array(StageCount.extend({ projects: z.array(ProjectCard) })),
  dropped: z.number(),
  funnel: z.array(z.object({ stage: z.string(), name: z.string(), reached: z.number(), conversionPercent: z.number().nullable() })),
  timeInStage: z.array(z.object({
    stage: z.string(), name: z.string(), targetDays: z.number().nullable(), finished: z.number(), medianDays: z.number().nullable(), averageDays: z.number().nullable(),
    current: z.number(), longestCurrentDays: z.number().nullable(), overTarget: z.number(),
  })),
  byStreet: z.array(z.object({ divisionCode: z.string(), name: z.string(), count: z.number(), totalInvestmentWan: z.number(), major: z.number() })),
  major: z.array(ProjectCard),
  overdue: z.array(z.object({
    milestoneId: z.uuid(), projectId: z.uuid(), projectName: z.string(), stage: z.string(), stageName: z.string(), name: z.string(),
    dueDate: z.string(), overdueDays: z.number(), escalation: z.number(), owner: z.string(),
  })),
  totals: z.object({ count: z.number(), totalInvestmentWan: z.number(), major: z.number() }),
});
