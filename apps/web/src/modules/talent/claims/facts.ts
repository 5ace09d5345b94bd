/** The talent facts the queue filters by (the county's personal scheme vocabulary). */
export const TALENT_FACT_KEYS_FOR_FILTER = [
  'education', 'titleLevel', 'skillLevel', 'talentCategory', 'annualSalary', 'yearsInCounty', 'socialInsuranceMonths',
  'inventionPatents', 'utilityPatents', 'keyProjects', 'awards', 'honours',
] as const;
