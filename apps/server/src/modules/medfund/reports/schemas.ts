import { z } from 'zod';

const pct = z.number().nullable();

export const ReportQuerySchema = z.object({
  period: z.string().regex(/^\d{4}-(?:0[1-9]|1[0-2]|Q[1-4])$/, '报告期格式应为 2025-03（月）或 2025-Q1（季度）').optional(),
  kind: z.enum(['month', 'quarter']).optional(),
  trend: z.coerce.number().int().min(2, '趋势期数至少 2 期').max(36, '趋势期数最多 36 期').optional(),
});

const TrendPoint = z.object({ period: z.string(), settlements: z.number(), medfeeFen: z.number(), fundFen: z.number(), findings: z.number(), findingsAmountFen: z.number() });

export const ReportViewSchema = z.object({
  period: z.string(),
  kind: z.enum(['month', 'quarter']),
  from: z.string(),
  until: z.string(),
  fund: z.object({ settlements: z.number(), medfeeFen: z.number(), fundFen: z.number(), fundChangePercent: pct, settlementsChangePercent: pct }),
  findings: z.object({
    count: z.number(), amountFen: z.number(), providers: z.number(), rules: z.number(), changePercent: pct, amountChangePercent: pct, perMilleOfFund: pct,
  }),
  bySeverity: z.array(z.object({ severity: z.enum(['red', 'orange']), findings: z.number(), amountFen: z.number() })),
  topRules: z.array(z.object({
    ruleCode: z.string(), ruleName: z.string(), ruleNameEn: z.string(), findings: z.number(), amountFen: z.number(), sharePercent: pct, red: z.number(), orange: z.number(),
  })),
  topProviders: z.array(z.object({
    fixmedinsCode: z.string(), fixmedinsName: z.string(), findings: z.number(), amountFen: z.number(), rules: z.number(), settlements: z.number(),
    fundFen: z.number(), perMilleOfFund: pct,
  })),
  trend: z.array(TrendPoint),
  available: z.object({ months: z.array(z.string()), quarters: z.array(z.string()) }),
});
