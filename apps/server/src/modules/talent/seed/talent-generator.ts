import type { EducationLevel, Recognition, RecognitionLevel, TalentCategory, TalentFacts, TitleLevel, SkillLevel } from '@zhizhi/contracts';
import { makeIdNumber } from '../../../core/reference/domain/id-number';
import { mobilePhone, personName } from '../../../db/seed/enterprise-generator';
import type { Random } from '../../../db/seed/random';

/**
 * Plausible talents for the demo county and tests: ID numbers with a correct GB 11643 check
 * digit, Zhejiang area codes, births 1960–2002, and facts distributed roughly as in a county's
 * enterprises (most bachelor or junior college, some master or doctorate, a few with awards or
 * patents, some facts unknown). Everything is invented.
 */
const AREA_CODES = [
  '330110', '330110', '330110', '330106', '330105', '330102', '330108', '330109', '330111', '330122', '330182', '330183',
  '330203', '330206', '330212', '330281', '330302', '330324', '330381', '330402', '330481', '330502', '330521', '330602',
  '330681', '330702', '330782', '330802', '330902', '331002', '331082', '331102',
];

/** Reference day of the demo data (the data must not depend on the day it is loaded). */
export const DEMO_TODAY = '2026-01-01';

export interface GeneratedTalent {
  idNumber: string;
  name: string;
  gender: 'male' | 'female';
  birthDate: string;
  phone: string;
  status: 'active' | 'inactive';
  facts: TalentFacts;
}

const normal = (rng: Random) => (rng.next() + rng.next() + rng.next() + rng.next() - 2) * 1.7; // ~N(0,1)

function weighted<T>(rng: Random, table: readonly (readonly [T, number])[]): T {
  const total = table.reduce((s, [, w]) => s + w, 0);
  let x = rng.next() * total;
  for (const [v, w] of table) {
    x -= w;
    if (x < 0) return v;
  }
  return table[table.length - 1]![0];
}

export function idNumberFor(rng: Random, used: Set<string>): { idNumber: string; birthDate: string; gender: 'male' | 'female' } {
  for (;;) {
    const year = Math.min(2002, Math.max(1960, Math.round(1989 + normal(rng) * 7.5)));
    const month = rng.int(1, 12);
    const day = rng.int(1, new Date(Date.UTC(year, month, 0)).getUTCDate());
    const seq = rng.int(0, 999);
    const birth = `${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`;
    const idNumber = makeIdNumber(`${rng.pick(AREA_CODES)}${birth}${String(seq).padStart(3, '0')}`);
    if (used.has(idNumber)) continue;
    used.add(idNumber);
    return { idNumber, birthDate: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6)}`, gender: seq % 2 === 1 ? 'male' : 'female' };
  }
}

const EDUCATION: readonly (readonly [EducationLevel | null, number])[] = [
  ['doctorate', 3], ['master', 15], ['bachelor', 42], ['junior_college', 24], ['high_school', 12], ['none', 1], [null, 3],
];
const SALARY_BASE: Record<EducationLevel, number> = {
  none: 60_000, high_school: 75_000, junior_college: 95_000, bachelor: 150_000, master: 240_000, doctorate: 380_000,
};
const LEVELS: readonly (readonly [RecognitionLevel, number])[] = [['national', 3], ['provincial', 12], ['city', 35], ['county', 50]];

function recognitions(rng: Random, n: number): Recognition[] {
  return Array.from({ length: n }, () => ({ level: weighted(rng, LEVELS), year: rng.int(2014, 2025) }));
}

export function generateFacts(rng: Random, age: number, industrial: boolean): TalentFacts {
  const facts: TalentFacts = {};
  const education = weighted(rng, EDUCATION);
  if (education) facts.education = education;
  const rank = education ? ['none', 'high_school', 'junior_college', 'bachelor', 'master', 'doctorate'].indexOf(education) : 3;
  const seniority = Math.max(0, age - 22 - (rank >= 4 ? 3 : 0));

  if (rng.chance(0.93)) {
    const title: TitleLevel =
      rank >= 3 && seniority > 18 && rng.chance(0.25) ? 'senior'
      : rank >= 3 && seniority > 10 && rng.chance(0.35) ? 'associate_senior'
      : rank >= 2 && seniority > 5 && rng.chance(0.45) ? 'intermediate'
      : rank >= 2 && seniority > 1 && rng.chance(0.45) ? 'junior'
      : 'none';
    facts.titleLevel = title;
  }
  if (rng.chance(0.8)) {
    const skill: SkillLevel =
      industrial && rank <= 2 ? weighted(rng, [['level5', 15], ['level4', 30], ['level3', 30], ['level2', 12], ['level1', 3], ['none', 10]] as const)
      : rng.chance(0.08) ? weighted(rng, [['level4', 3], ['level3', 4], ['level2', 2]] as const)
      : 'none';
    facts.skillLevel = skill;
  }
  const researcher = rank >= 4 ? 0.45 : rank === 3 ? 0.12 : 0.04;
  if (rng.chance(0.7)) facts.inventionPatents = rng.chance(researcher) ? rng.int(1, rank === 5 ? 8 : 4) : 0;
  if (rng.chance(0.7)) facts.utilityPatents = rng.chance(researcher * 1.3) ? rng.int(1, 6) : 0;
  if (rng.chance(0.75)) facts.keyProjects = rng.chance(researcher * 0.8) ? rng.int(1, 3) : 0;
  const awarded = rng.chance(rank >= 4 ? 0.2 : 0.06);
  if (awarded) facts.awards = recognitions(rng, rng.int(1, 2));
  else if (rng.chance(0.6)) facts.awards = [];
  const honoured = rng.chance(seniority > 10 ? 0.1 : 0.03);
  if (honoured) facts.honours = recognitions(rng, 1);
  else if (rng.chance(0.6)) facts.honours = [];
  if (rng.chance(0.9)) {
    const base = SALARY_BASE[education ?? 'bachelor'] * (1 + Math.min(seniority, 25) * 0.025);
    facts.annualSalary = Math.max(48_000, Math.round((base * Math.exp(normal(rng) * 0.25)) / 1000) * 1000);
  }
  const years = Math.min(Math.max(0, age - 20), Math.max(0, Math.round(Math.abs(normal(rng)) * 5 + rng.next() * 3)));
  if (rng.chance(0.92)) facts.yearsInCounty = years;
  if (rng.chance(0.88)) facts.socialInsuranceMonths = Math.max(0, Math.min(years * 12 + rng.int(-6, 6), (age - 18) * 12));
  if (rng.chance(0.95)) {
    const category: TalentCategory =
      rank === 5 && (awarded || (facts.inventionPatents ?? 0) > 4) && rng.chance(0.15) ? 'A'
      : rank >= 4 && (awarded || honoured) && rng.chance(0.4) ? 'B'
      : rank >= 4 && rng.chance(0.25) ? 'C'
      : rank >= 3 && rng.chance(0.3) ? 'D'
      : rank >= 2 && rng.chance(0.35) ? 'E'
      : 'none';
    facts.talentCategory = category;
  }
  return facts;
}

export function generateTalent(rng: Random, used: Set<string>, industrial: boolean): GeneratedTalent {
  const id = idNumberFor(rng, used);
  const age = Number(DEMO_TODAY.slice(0, 4)) - Number(id.birthDate.slice(0, 4));
  return {
    ...id,
    name: personName(rng),
    phone: rng.chance(0.92) ? mobilePhone(rng) : '',
    status: rng.chance(0.97) ? 'active' : 'inactive',
    facts: generateFacts(rng, age, industrial),
  };
}
