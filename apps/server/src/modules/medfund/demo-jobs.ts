/**
 * The demo county's medfund hand-off, as job kinds (core/jobs), named here so that the parts that
 * queue and run them need not import each other: the end of the demo's screening run queues its
 * roll-up and then the demo cases (rules/screening/run-job.ts); the demo cases job opens the
 * cases and queues the glue that links them to their warnings (cases/demo-cases.ts,
 * reports/demo-glue.ts). docs/medfund/CASES.md, "Demo".
 */
export const DEMO_CASES_JOB = 'medfund.demo_cases';
export const DEMO_GLUE_JOB = 'medfund.demo_glue';
