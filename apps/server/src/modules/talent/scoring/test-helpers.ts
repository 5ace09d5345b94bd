import { shippedSourceForYear } from './seed-scores';

/** The shipped personal scheme moved to `year`, with a new version label and edits applied. */
export function personalSource(opts: { version: string; from?: string; to?: string; year?: number; edit?: (s: string) => string }): string {
  let s = shippedSourceForYear('tiantai-personal', opts.year ?? 2026).replace(/^version: .*$/m, `version: ${opts.version}`);
  if (opts.from) s = s.replace(/^effective: .*$/m, `effective: { from: ${opts.from}, to: ${opts.to ?? `${opts.from.slice(0, 4)}-12-31`} }`);
  return opts.edit ? opts.edit(s) : s;
}

/** Every fact of the personal scheme, so that a result is complete. */
export const completeFacts = (over: Record<string, unknown> = {}) => ({
  education: 'bachelor', titleLevel: 'intermediate', skillLevel: 'none', awards: [], inventionPatents: 0, utilityPatents: 0, keyProjects: 0,
  honours: [], annualSalary: 200_000, yearsInCounty: 5, socialInsuranceMonths: 40, talentCategory: 'none', ...over,
});
