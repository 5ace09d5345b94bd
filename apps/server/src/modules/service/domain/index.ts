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
