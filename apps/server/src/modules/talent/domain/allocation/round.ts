// A redemption round (兑现轮次) as the allocation sees it: places per option (a school, an
// apartment building, a health-check slot…) and applicants with their points, the published
// tie-break sub-scores and ordered preferences. docs/talent/ALLOCATION.md.
import type { Label } from '../scheme/types';

export interface RoundOption {
  id: string;
  /** Places available in this round; a whole number ≥ 0. */
  capacity: number;
  label?: Label;
}

export interface Applicant {
  id: string;
  /**
   * Lower classes are placed first, whatever their points (e.g. 0 = holds a quota handed over by
   * the enterprise, 1 = eligible by personal points), when the round says so. Default 0.
   */
  priorityClass?: number;
  /** Personal points: higher first. */
  points: number;
  /** The round's published tie-break sub-scores, in the published order: higher first. */
  subScores?: number[];
  /** When the applicant first qualified ('YYYY-MM-DD' or an ISO instant): earlier first. */
  qualifiedAt?: string;
  /** Option ids, most wanted first. */
  preferences: string[];
}

export interface RoundInput {
  options: RoundOption[];
  applicants: Applicant[];
  /**
   * The lottery seed, the last tie-break. Its SHA-256 is published before the round (a
   * commitment) and the seed itself with the result, so anyone can recompute every draw.
   */
  seed: string;
}

export interface RoundIssue {
  path: string;
  code: 'capacity' | 'duplicate-option' | 'duplicate-applicant' | 'unknown-option' | 'duplicate-preference' | 'points' | 'seed';
  zh: string;
  en: string;
}

/** Everything wrong with a round's input, each with where (the caller answers 400). */
export function checkRound(input: RoundInput): RoundIssue[] {
  const issues: RoundIssue[] = [];
  const options = new Set<string>();
  input.options.forEach((o, i) => {
    if (options.has(o.id)) issues.push({ path: `options[${i}].id`, code: 'duplicate-option', zh: `选项 ${o.id} 重复`, en: `option ${o.id} appears twice` });
    options.add(o.id);
    if (!Number.isInteger(o.capacity) || o.capacity < 0)
      issues.push({ path: `options[${i}].capacity`, code: 'capacity', zh: `名额须为不小于 0 的整数（${o.capacity}）`, en: `capacity must be a whole number ≥ 0 (${o.capacity})` });
  });
  if (input.seed.trim() === '') issues.push({ path: 'seed', code: 'seed', zh: '摇号种子不能为空', en: 'the lottery seed is empty' });
  const applicants = new Set<string>();
  input.applicants.forEach((a, i) => {
    if (applicants.has(a.id)) issues.push({ path: `applicants[${i}].id`, code: 'duplicate-applicant', zh: `申请人 ${a.id} 重复`, en: `applicant ${a.id} appears twice` });
    applicants.add(a.id);
    if (!Number.isFinite(a.points)) issues.push({ path: `applicants[${i}].points`, code: 'points', zh: '积分须为数字', en: 'points must be a number' });
    const seen = new Set<string>();
    a.preferences.forEach((p, j) => {
      if (!options.has(p)) issues.push({ path: `applicants[${i}].preferences[${j}]`, code: 'unknown-option', zh: `志愿 ${p} 不是本轮的选项`, en: `preference ${p} is not an option of this round` });
      if (seen.has(p)) issues.push({ path: `applicants[${i}].preferences[${j}]`, code: 'duplicate-preference', zh: `志愿 ${p} 重复填报`, en: `preference ${p} is listed twice` });
      seen.add(p);
    });
  });
  return issues;
}
