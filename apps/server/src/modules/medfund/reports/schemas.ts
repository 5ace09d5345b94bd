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
  supervision: z.object({
    warnings: z.object({
      raised: z.number(), amountFen: z.number(),
      byLevel: z.array(z.object({ level: z.enum(['red', 'orange', 'yellow']), raised: z.number(), amountFen: z.number(), open: z.number(), inCase: z.number(), closed: z.number(), dismissed: z.number() })),
    }),
    cases: z.object({
      opened: z.number(), decided: z.number(), open: z.number(), overdue: z.number(),
      byStage: z.array(z.object({ stage: z.enum(['first_review', 'second_review', 'appeal', 'investigation']), cases: z.number(), overdue: z.number(), amountAtRiskFen: z.number() })),
      byDecision: z.array(z.object({ decision: z.enum(['confirmed', 'dismissed', 'data_quality']), cases: z.number(), confirmedFen: z.number(), recoveryDecidedFen: z.number() })),
    }),
    recovery: z.object({ decidedFen: z.number(), recoveredFen: z.number(), payments: z.number(), outstandingFen: z.number(), recoveredPercent: pct }),
    trend: z.array(z.object({ period: z.string(), warnings: z.number(), redWarnings: z.number(), casesOpened: z.number(), recoveredFen: z.number() })),
  }),
  available: z.object({ months: z.array(z.string()), quarters: z.array(z.string()) }),
});

const EffectivenessRow = z.object({
  ruleCode: z.string(), ruleVersion: z.number().nullable(), findings: z.number(), amountFen: z.number(), inCase: z.number(), pending: z.number(),
  confirmed: z.number(), dismissed: z.number(), dataQuality: z.number(), decided: z.number(), precision: z.number().nullable(),
  confirmedAmountFen: z.number(), recoveryDecidedFen: z.number(), recoveredFen: z.number(), lowPrecision: z.boolean(), mostlyDataQuality: z.boolean(),
});

export const RuleEffectivenessSchema = z.object({
  rules: z.array(EffectivenessRow.extend({ name: z.string(), nameEn: z.string(), enabled: z.boolean(), currentVersion: z.number(), versions: z.array(EffectivenessRow) })),
  totals: EffectivenessRow,
  unattributed: z.object({ cases: z.number(), recoveryDecidedFen: z.number(), recoveredFen: z.number() }),
});
