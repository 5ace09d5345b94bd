import { z } from 'zod';
import { Fen, IsoDate, PageQuery, QueryBool, pageOf } from './common';

export const SIZE_CLASSES = ['large', 'medium', 'small', 'micro'] as const;
export const ENTERPRISE_STATUSES = ['active', 'suspended', 'closed'] as const;
export const PARK_KINDS = ['industrial_park', 'characteristic_town', 'incubator', 'science_park'] as const;

export const CREDIT_CODE_PATTERN = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

export const EnterpriseInput = z.object({
  creditCode: z.string().trim().toUpperCase().regex(CREDIT_CODE_PATTERN, '统一社会信用代码应为 18 位数字或大写字母'),
  name: z.string().trim().min(2, '企业名称至少 2 个字').max(100),
  legalRepresentative: z.string().trim().max(50).default(''),
  establishedOn: IsoDate.nullable().default(null),
  registeredCapitalFen: Fen.nullable().default(null),
  industryCode: z.string().regex(/^\d{4}$/, '请选择国民经济行业小类（4 位代码）'),
  divisionCode: z.string().regex(/^\d{6}(\d{3})?$/, '请选择所属街道'),
  parkId: z.uuid().nullable().default(null),
  address: z.string().trim().max(200).default(''),
  employees: z.number().int().nonnegative().nullable().default(null),
  revenueFen: Fen.nullable().default(null),
  assetsFen: Fen.nullable().default(null),
  aboveScale: z.boolean().default(false),
  highTech: z.boolean().default(false),
  listed: z.boolean().default(false),
  tags: z.array(z.string().trim().min(1).max(20)).max(20).default([]),
  status: z.enum(ENTERPRISE_STATUSES).default('active'),
  businessScope: z.string().max(2000).default(''),
});
export type EnterpriseInput = z.infer<typeof EnterpriseInput>;

export const EnterpriseUpdateInput = EnterpriseInput.extend({ version: z.number().int().positive() });

export const EnterpriseListQuery = PageQuery.extend({
  q: z.string().trim().max(100).optional(),
  industry: z.string().regex(/^[A-T]$|^\d{2,4}$/).optional(),
  division: z.string().regex(/^\d{6}(\d{3})?$/).optional(),
  park: z.uuid().optional(),
  sizeClass: z.enum([...SIZE_CLASSES, 'unknown']).optional(),
  tag: z.string().max(20).optional(),
  aboveScale: QueryBool.optional(),
  highTech: QueryBool.optional(),
  listed: QueryBool.optional(),
  status: z.enum(ENTERPRISE_STATUSES).optional(),
  sort: z.enum(['name', 'updatedAt', 'employees', 'revenue', 'establishedOn']).default('updatedAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type EnterpriseListQuery = z.infer<typeof EnterpriseListQuery>;

export const EnterpriseSummary = z.object({
  id: z.string(),
  creditCode: z.string(),
  name: z.string(),
  industryCode: z.string(),
  industryName: z.string(),
  divisionCode: z.string(),
  divisionName: z.string(),
  parkId: z.string().nullable(),
  parkName: z.string().nullable(),
  sizeClass: z.enum(SIZE_CLASSES).nullable(),
  aboveScale: z.boolean(),
  highTech: z.boolean(),
  listed: z.boolean(),
  tags: z.array(z.string()),
  status: z.enum(ENTERPRISE_STATUSES),
  employees: z.number().nullable(),
  revenueFen: z.number().nullable(),
  updatedAt: z.date(),
});
export type EnterpriseSummary = z.infer<typeof EnterpriseSummary>;
export const EnterprisePage = pageOf(EnterpriseSummary);

export const Contact = z.object({
  id: z.string(),
  name: z.string(),
  title: z.string(),
  phone: z.string(),
  email: z.string(),
  isPrimary: z.boolean(),
});
export type Contact = z.infer<typeof Contact>;

export const ContactInput = z.object({
  name: z.string().trim().min(1, '请填写姓名').max(50),
  title: z.string().trim().max(50).default(''),
  phone: z.string().trim().regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})?$/, '请填写正确的手机号或座机号').default(''),
  email: z.union([z.literal(''), z.email('邮箱格式不正确')]).default(''),
  isPrimary: z.boolean().default(false),
});

/** Editing a contact: a phone or e-mail left out keeps the stored value (forms show it masked). */
export const ContactUpdateInput = ContactInput.extend({
  phone: ContactInput.shape.phone.unwrap().optional(),
  email: ContactInput.shape.email.unwrap().optional(),
});

export const EnterpriseFile = EnterpriseSummary.extend({
  legalRepresentative: z.string(),
  establishedOn: z.string().nullable(),
  registeredCapitalFen: z.number().nullable(),
  address: z.string(),
  assetsFen: z.number().nullable(),
  businessScope: z.string(),
  createdAt: z.date(),
  version: z.number(),
  contacts: z.array(Contact),
  canEdit: z.boolean(),
  editableFields: z.array(z.string()),
});
export type EnterpriseFile = z.infer<typeof EnterpriseFile>;

export const HistoryEntry = z.object({
  id: z.number(),
  at: z.date(),
  actorName: z.string(),
  action: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});

export const ParkInput = z.object({
  name: z.string().trim().min(2).max(50),
  kind: z.enum(PARK_KINDS),
  divisionCode: z.string().regex(/^\d{6}(\d{3})?$/),
  address: z.string().trim().max(200).default(''),
  areaMu: z.number().int().nonnegative().nullable().default(null),
  description: z.string().max(2000).default(''),
});
export type ParkInput = z.infer<typeof ParkInput>;

export const Park = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(PARK_KINDS),
  divisionCode: z.string(),
  divisionName: z.string(),
  address: z.string(),
  areaMu: z.number().nullable(),
  description: z.string(),
  enterpriseCount: z.number(),
});
export type Park = z.infer<typeof Park>;

export const ParkFile = Park.extend({
  totals: z.object({
    enterprises: z.number(),
    aboveScale: z.number(),
    highTech: z.number(),
    listed: z.number(),
    employees: z.number(),
    revenueFen: z.number(),
  }),
  bySizeClass: z.record(z.string(), z.number()),
  byIndustry: z.array(z.object({ code: z.string(), name: z.string(), count: z.number() })),
});
