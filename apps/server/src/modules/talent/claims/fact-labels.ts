import { COLUMNS } from '../registry/import/parse-talent-row';

const EN: Record<string, string> = {
  education: 'education', titleLevel: 'professional title', skillLevel: 'skill level', awards: 'awards', inventionPatents: 'invention patents',
  utilityPatents: 'utility patents', keyProjects: 'key projects', honours: 'honours', annualSalary: 'annual salary',
  yearsInCounty: 'years in the county', socialInsuranceMonths: 'months of social insurance', talentCategory: 'talent category',
};

/** A fact's name for a message: 学历 (education); an enterprise fact by its key. */
export function factLabel(fact: string): { zh: string; en: string } {
  const zh = (COLUMNS as Record<string, string>)[fact];
  return zh ? { zh: `${zh.replace(/（.*）$/, '')}（${fact}）`, en: `${EN[fact] ?? fact} (${fact})` } : { zh: fact, en: fact };
}
