// The enterprise-service (亲企办) domain: the public surface other code imports. Pure: no
// database, no HTTP, no clock (instants and the working-day calendar are parameters).
// Reference: docs/service/LIFECYCLE.md, SERVICE_LEVELS.md, RATES.md.
export type { Label } from './label';

// Request lifecycle
export * from './lifecycle/states';
export * from './lifecycle/request';
export { REFUSAL_CODES, type Refusal, type RefusalCode, type RefusalKind } from './lifecycle/refusals';
export { TRANSITIONS, findTransition, allowedActions, type Transition } from './lifecycle/transitions';
export { applyAction, submitRequest, type ActionResult, type Applied } from './lifecycle/apply-action';
export { lifecycleTableMarkdown } from './lifecycle/lifecycle-table';

// Service levels (deadlines)
export { DEFAULT_OFFICE_HOURS, officeHoursIssues, parseTimeOfDay, type OfficeHours } from './service-levels/office-hours';
export {
  compileDeadlineRule,
  deadlineRuleIssues,
  DEFAULT_WARN_BEFORE_HOURS,
  DEFAULT_WARN_BEFORE_WORKING_MINUTES,
  type CompiledRule,
  type DeadlineRule,
  type DeadlineRuleKind,
} from './service-levels/deadline-rule';
export { createServiceClock, serviceClockFor, localDay, type ServiceClock, type ServiceClockOptions } from './service-levels/service-clock';
export { dueTimesMs, normalizePauses, type DueTimes, type PauseMs } from './service-levels/deadline';
export {
  stepDeadline,
  completedStepOutcome,
  openStepStatus,
  openStepStatusMs,
  sweepOpenSteps,
  OPEN_STEP_STATES,
  type Pause,
  type StepTiming,
  type CompletedStep,
  type OpenStepState,
  type OpenStepStatus,
  type OpenStepInput,
} from './service-levels/step-status';
export {
  SERVICE_STEPS,
  STEP_STARTS,
  DEFAULT_SERVICE_LEVEL_POLICY,
  serviceLevelPolicyIssues,
  compileServiceLevelPolicy,
  type ServiceStep,
  type ServiceLevelPolicy,
  type CompiledServiceLevelPolicy,
} from './service-levels/service-level-policy';

// Rates
export { applyEventsToHoldings, UNIT_STEPS, type StepHolding, type HoldingChanges } from './rates/step-holdings';
export { countsAsResolved, emptyRateCounts, ratesFromCounts, serviceRates, serviceRatesBy, type RateCounts, type StepCounts, type RequestSummary, type StepRecord, type Rate, type ServiceRates } from './rates/service-rates';

// Categories, routing, agents
export { createCategoryTree, categoryTreeIssues, type CategoryNode, type CategoryTree } from './routing/category-tree';
export { routeRequest, type RoutingRule, type RoutingInput, type RoutingDecision } from './routing/routing-rules';
export { pickAgent, type AgentLoad, type AssignmentState } from './routing/agent-assignment';

// Follow-up chase (回访催办)
export {
  DEFAULT_FOLLOW_UP_CHASE, followUpChaseDue, followUpChaseIssues, followUpChaseTimes,
  type FollowUpChasePolicy, type FollowUpChaseStep,
} from './follow-up/follow-up-chase';
