import type { Ctx } from '../../../core/context';
import { ruleEffectiveness, type Effectiveness, type EffectivenessRow } from './domain/rule-effectiveness';
import { effectivenessRows } from './supervision.repo';

export interface RuleEffectivenessView {
  rules: (EffectivenessRow & { name: string; nameEn: string; enabled: boolean; currentVersion: number; versions: EffectivenessRow[] })[];
  totals: EffectivenessRow;
  unattributed: Effectiveness['unattributed'];
}

/** Rule effectiveness over every finding to date (docs/medfund/REPORT.md): counts and amounts, no personal data. */
export async function ruleEffectivenessView(ctx: Ctx): Promise<RuleEffectivenessView> {
  const [rows, rules] = await Promise.all([
    effectivenessRows(ctx.db),
    ctx.db.selectFrom('medfund_rules').select(['code', 'name', 'name_en', 'enabled', 'current_version']).orderBy('sort_order').orderBy('code').execute(),
  ]);
  const e = ruleEffectiveness(rows.groups, rows.cases, rules.map((r) => r.code));
  const meta = new Map(rules.map((r) => [r.code, r]));
  return {
    rules: e.rules.map((r) => {
      const m = meta.get(r.ruleCode);
      return { ...r, name: m?.name ?? r.ruleCode, nameEn: m?.name_en ?? r.ruleCode, enabled: m?.enabled ?? false, currentVersion: m?.current_version ?? 0 };
    }),
    totals: e.totals,
    unattributed: e.unattributed,
  };
}
