// 中小企业划型: classify an enterprise as large / medium / small / micro from its industry
// and its figures, with the versioned thresholds in size-class-rules.ts.
import {
  SECTION_DIVISIONS,
  SIZE_RULE_SETS,
  type SizeClass,
  type SizeGroup,
  type SizeIndicator,
  type SizeRuleSet,
  type TierBounds,
} from './size-class-rules';

export type { SizeClass, SizeGroup, SizeIndicator, SizeRuleSet } from './size-class-rules';

export interface SizeInput {
  /** GB/T 4754-2017 code: '6513', 'I6513', '651', '65' or a 门类 letter such as 'C'. */
  industryCode: string;
  /** 从业人员 (persons). */
  employees?: number;
  /** 营业收入 in 万元. */
  revenueWan?: number;
  /** 资产总额 in 万元. */
  assetsWan?: number;
}

const TIERS: readonly SizeClass[] = ['large', 'medium', 'small', 'micro'];

/** The rule set in force on `asOf` ('YYYY-MM-DD'); the newest one when omitted. */
export function sizeRuleSetAt(asOf?: string): SizeRuleSet {
  const inForce = SIZE_RULE_SETS.filter((s) => asOf === undefined || s.effectiveFrom <= asOf);
  const set = inForce[inForce.length - 1];
  if (!set) throw new RangeError(`no 划型 rule set in force on ${asOf}`);
  return set;
}

function sectionOfDivision(division: number): string | undefined {
  return Object.entries(SECTION_DIVISIONS).find(([, [from, to]]) => division >= from && division <= to)?.[0];
}

/**
 * The industry group whose thresholds apply, or undefined when the code is malformed or its
 * industry is outside the table (金融, 教育, 卫生, 公共管理, 铁路运输, 7040 …).
 */
export function findSizeGroup(industryCode: string, ruleSet: SizeRuleSet = sizeRuleSetAt()): SizeGroup | undefined {
  const m = /^([A-T])?(\d{2,4})?$/.exec(industryCode.trim().toUpperCase());
  if (!m || (!m[1] && !m[2])) return undefined;
  const digits = m[2] ?? '';
  const section = digits ? sectionOfDivision(Number(digits.slice(0, 2))) : m[1];
  if (!section || (m[1] && m[1] !== section)) return undefined;

  let best: { group: SizeGroup; length: number } | undefined;
  for (const group of ruleSet.groups) {
    for (const scope of group.scopes) {
      const isLetter = /^[A-T]$/.test(scope);
      const matches = isLetter ? scope === section : digits.startsWith(scope);
      // A digit prefix is always more specific than a letter (length 1 < any digit scope).
      if (matches && (!best || scope.length > best.length)) best = { group, length: scope.length };
    }
  }
  return best?.group;
}

function tierOf(value: number, [large, medium, small]: TierBounds): number {
  if (value >= large) return 0;
  if (value >= medium) return 1;
  if (value >= small) return 2;
  return 3;
}

/**
 * "大型、中型和小型企业须同时满足所列指标的下限，否则下划一档；微型企业只须满足所列指标中的一项即可":
 * the class is the lowest tier reached across the group's indicators. A missing figure gives
 * null, except when a figure already present is at the micro level (nothing can raise it).
 */
export function classifySize(input: SizeInput, opts: { asOf?: string } = {}): SizeClass | null {
  const group = findSizeGroup(input.industryCode, sizeRuleSetAt(opts.asOf));
  if (!group) return null;
  let lowest = 0;
  let missing = false;
  for (const [indicator, bounds] of Object.entries(group.bounds) as [SizeIndicator, TierBounds][]) {
    const value = input[indicator];
    if (value === undefined) {
      missing = true;
      continue;
    }
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`${indicator} must be a non-negative number`);
    lowest = Math.max(lowest, tierOf(value, bounds));
  }
  if (missing && lowest < 3) return null;
  return TIERS[lowest] ?? null;
}
