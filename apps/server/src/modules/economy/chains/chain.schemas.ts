import { z } from 'zod';
import { PeriodText } from '../schemas';

export const SEGMENTS = ['upstream', 'midstream', 'downstream'] as const;

export const ChainInput = z.object({
  name: z.string().trim().min(2, '产业链名称至少 2 个字').max(60),
  nameEn: z.string().trim().max(120).default(''),
  description: z.string().max(1000).default(''),
  sortOrder: z.number().int().min(0).max(999).default(0),
});
export const ChainUpdate = ChainInput.extend({ version: z.number().int().optional() });

export const LinkInput = z.object({
  parentId: z.uuid().nullable().default(null),
  name: z.string().trim().min(2, '环节名称至少 2 个字').max(60),
  nameEn: z.string().trim().max(120).default(''),
  segment: z.enum(SEGMENTS).default('midstream'),
  industryPrefixes: z.array(z.string().trim().regex(/^\d{2,4}$/, '行业代码应为 2–4 位数字（大类、中类或小类）')).max(100).default([]),
  keywords: z.array(z.string().trim().min(1).max(20)).max(50).default([]),
  sortOrder: z.number().int().min(0).max(999).default(0),
});
export const LinkUpdate = LinkInput.extend({ version: z.number().int().optional() });

export const LinkView = z.object({
  id: z.uuid(), chainId: z.uuid(), parentId: z.uuid().nullable(), name: z.string(), nameEn: z.string(), segment: z.enum(SEGMENTS),
  industryPrefixes: z.array(z.string()), industryNames: z.array(z.string()), keywords: z.array(z.string()), sortOrder: z.number(), version: z.number(),
});
export const ChainView = z.object({
  id: z.uuid(), name: z.string(), nameEn: z.string(), description: z.string(), sortOrder: z.number(), version: z.number(),
  links: z.array(LinkView),
});
export const ChainSummary = ChainView.omit({ links: true }).extend({ links: z.number(), gaps: z.number().nullable() });

const GapProject = z.object({
  id: z.uuid(), name: z.string(), investor: z.string(), stage: z.string(), stageName: z.string(), totalInvestmentWan: z.number(), major: z.boolean(), linkId: z.uuid(),
});
export const ChainMapNode = z.object({
  id: z.uuid(), parentId: z.uuid().nullable(), name: z.string(), nameEn: z.string(), segment: z.enum(SEGMENTS), industryNames: z.array(z.string()), keywords: z.array(z.string()),
  /** Distinct local enterprises of the link and its sub-links. */
  enterprises: z.number(), aboveScale: z.number(), highTech: z.number(),
  /** Cumulative revenue of the period (万元) of those that reported, and its comparable-basis growth (%). */
  revenueWan: z.number(), growthPercent: z.number().nullable(), compared: z.number(),
  score: z.number(), gap: z.enum(['missing', 'weak']).nullable(),
  /** Projects under way in this link or below it (those filling it when it is a gap). */
  projects: z.array(GapProject),
});
export const ChainMap = z.object({
  chain: ChainSummary.omit({ links: true, gaps: true }),
  period: PeriodText.nullable(),
  nodes: z.array(ChainMapNode),
  method: z.string(),
});
export const ChainEnterprisesQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) });
export const ChainEnterpriseRow = z.object({
  id: z.uuid(), name: z.string(), industryCode: z.string(), divisionCode: z.string(), aboveScale: z.boolean(), highTech: z.boolean(), revenueWan: z.number().nullable(),
});
