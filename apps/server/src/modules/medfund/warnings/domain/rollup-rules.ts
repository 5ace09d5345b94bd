/**
 * The roll-up rules (预警规则): thresholds an analyst edits, per subject kind (person, provider)
 * and level. A level's criteria are alternatives: any one met raises the subject to that level.
 * Amounts are integer fen; null switches a criterion off. docs/medfund/WARNINGS.md.
 */
export type WarningLevel = 'red' | 'orange' | 'yellow';
export type SubjectKind = 'person' | 'provider';
export const SUBJECT_KINDS: readonly SubjectKind[] = ['person', 'provider'];

/** Red and orange: severity (a red finding of at least X), repetition (N findings within M days) and amount (a sum of at least Y). */
export interface LevelCriteria {
  /** A single red-severity finding of at least this amount (fen); 0 = any red finding. */
  singleRedFen: number | null;
  /** At least this many findings within `withinDays` consecutive days. */
  count: number | null;
  withinDays: number;
  /** The findings' amounts add up to at least this (fen). */
  sumFen: number | null;
}

/** Yellow (关注): enough findings, or enough money, to watch. */
export interface YellowCriteria {
  minFindings: number | null;
  sumFen: number | null;
}

export interface SubjectRules {
  red: LevelCriteria;
  orange: LevelCriteria;
  yellow: YellowCriteria;
}

export interface RollupRules {
  /** The findings considered: those of the last `periodDays` days up to the newest finding. */
  periodDays: number;
  person: SubjectRules;
  provider: SubjectRules;
}

export const DEFAULT_ROLLUP_RULES: RollupRules = {
  periodDays: 365,
  person: {
    red: { singleRedFen: 100_000, count: 5, withinDays: 90, sumFen: 500_000 },
    orange: { singleRedFen: 0, count: 3, withinDays: 90, sumFen: 200_000 },
    yellow: { minFindings: 2, sumFen: 50_000 },
  },
  provider: {
    red: { singleRedFen: null, count: 20, withinDays: 30, sumFen: 5_000_000 },
    orange: { singleRedFen: null, count: 10, withinDays: 30, sumFen: 1_000_000 },
    yellow: { minFindings: 3, sumFen: 200_000 },
  },
};

/** The allowed range of each value (fen for amounts). */
export const RANGES = {
  periodDays: { min: 30, max: 1096 },
  singleRedFen: { min: 0, max: 100_000_000 },
  count: { min: 1, max: 10_000 },
  withinDays: { min: 1, max: 366 },
  sumFen: { min: 1, max: 10_000_000_000 },
  minFindings: { min: 1, max: 10_000 },
} as const;

export interface RuleProblem {
  field: string;
  zh: string;
  en: string;
}

const LEVEL_ZH: Record<WarningLevel, string> = { red: '红色', orange: '橙色', yellow: '黄色' };
const KIND_ZH: Record<SubjectKind, string> = { person: '参保人', provider: '定点机构' };
const FIELD_ZH: Record<keyof typeof RANGES, string> = {
  periodDays: '统计期（天）', singleRedFen: '单条红色疑点金额', count: '疑点条数', withinDays: '天数窗口', sumFen: '疑点金额合计', minFindings: '疑点条数',
};

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

function checkValue(problems: RuleProblem[], field: string, key: keyof typeof RANGES, value: unknown, nullable: boolean, where: string): void {
  if (value === null && nullable) return;
  const r = RANGES[key];
  if (!isInt(value) || value < r.min || value > r.max) {
    const shown = value === undefined ? '（缺少）' : JSON.stringify(value);
    problems.push({
      field,
      zh: `${where}${FIELD_ZH[key]}应为 ${r.min}–${r.max} 之间的整数${nullable ? '（或留空停用）' : ''}，收到 ${shown}`,
      en: `${field} must be a whole number from ${r.min} to ${r.max}${nullable ? ' (or null to switch it off)' : ''}; got ${value === undefined ? 'nothing' : JSON.stringify(value)}`,
    });
  }
}

/**
 * Checks a rules document: every value in range (the field named as `person.red.sumFen`), each of
 * red and orange with at least one criterion, yellow with one, and red no easier than orange
 * (a red threshold below the orange one would make orange unreachable). Returns the problems.
 */
export function validateRollupRules(input: unknown): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const doc = (input ?? {}) as Record<string, unknown>;
  checkValue(problems, 'periodDays', 'periodDays', doc.periodDays, false, '');
  for (const kind of SUBJECT_KINDS) {
    const sr = (doc[kind] ?? {}) as Record<string, Record<string, unknown> | undefined>;
    for (const level of ['red', 'orange'] as const) {
      const c = sr[level] ?? {};
      const where = `${KIND_ZH[kind]}${LEVEL_ZH[level]}预警：`;
      const p = `${kind}.${level}`;
      checkValue(problems, `${p}.singleRedFen`, 'singleRedFen', c.singleRedFen, true, where);
      checkValue(problems, `${p}.count`, 'count', c.count, true, where);
      checkValue(problems, `${p}.withinDays`, 'withinDays', c.withinDays, false, where);
      checkValue(problems, `${p}.sumFen`, 'sumFen', c.sumFen, true, where);
      if (c.singleRedFen === null && c.count === null && c.sumFen === null) {
        problems.push({ field: p, zh: `${where}至少要启用一项条件`, en: `${p}: switch on at least one criterion` });
      }
    }
    const y = sr.yellow ?? {};
    checkValue(problems, `${kind}.yellow.minFindings`, 'minFindings', y.minFindings, true, `${KIND_ZH[kind]}黄色预警：`);
    checkValue(problems, `${kind}.yellow.sumFen`, 'sumFen', y.sumFen, true, `${KIND_ZH[kind]}黄色预警：`);
    if (y.minFindings === null && y.sumFen === null) {
      problems.push({ field: `${kind}.yellow`, zh: `${KIND_ZH[kind]}黄色预警：至少要启用一项条件`, en: `${kind}.yellow: switch on at least one criterion` });
    }
    if (problems.length) continue;
    const red = sr.red as unknown as LevelCriteria;
    const orange = sr.orange as unknown as LevelCriteria;
    for (const key of ['singleRedFen', 'sumFen'] as const) {
      if (red[key] !== null && orange[key] !== null && red[key]! < orange[key]!) {
        problems.push({
          field: `${kind}.red.${key}`,
          zh: `${KIND_ZH[kind]}红色预警的${FIELD_ZH[key]}（${red[key]}）低于橙色预警的（${orange[key]}），橙色将永远达不到`,
          en: `${kind}.red.${key} (${red[key]}) is below the orange one (${orange[key]}): orange could never be reached`,
        });
      }
    }
    if (red.count !== null && orange.count !== null && red.withinDays === orange.withinDays && red.count < orange.count) {
      problems.push({
        field: `${kind}.red.count`,
        zh: `${KIND_ZH[kind]}红色预警的疑点条数（${red.count}）少于同一天数窗口下橙色预警的（${orange.count}）`,
        en: `${kind}.red.count (${red.count}) is below the orange one (${orange.count}) over the same window`,
      });
    }
  }
  return problems;
}
