// The talent points engine: the public surface other code imports. Pure: no IO (the YAML loader
// lives in ../load-scheme-file.ts). Format reference: docs/talent/SCHEME_FORMAT.md.
export type * from './scheme/types';
export type { SchemeIssue } from './scheme/issues';
export { SchemeValidationError, formatPath } from './scheme/issues';
export { validateScheme, type ValidationResult } from './scheme/validate';
export { compileScheme, type CompiledScheme, type CompiledItem, type CompiledGroup } from './scheme/compile';
export { contentHash } from './scheme/hash';
export { evaluateScheme, type EvaluateOptions } from './engine/evaluate';
export type { EvaluationResult, ItemResult, ItemStatus, GroupResult, CapApplied, Trace, SourceRef } from './engine/types';
export { checkFacts, type FactProblem } from './facts';
export { explainItem, explainResult, type Explanation, type Locale } from './explain';
export { tierPopulation, tierByThresholds, type TierSubject, type TierAssignment } from './tiering';
export { diffSchemes, type SchemeChange } from './diff';
export { compareWhatIf, type WhatIfSubject, type WhatIfRow, type WhatIfComparison } from './what-if';
export { checkRound, type RoundInput, type RoundOption, type Applicant, type RoundIssue } from './allocation/round';
export { allocateRound, RoundInputError, type RoundResult, type Placement, type OptionOutcome, type TieKey } from './allocation/allocate';
export { lotteryTicket, seedCommitment } from './allocation/lottery';
export * from './claims';
