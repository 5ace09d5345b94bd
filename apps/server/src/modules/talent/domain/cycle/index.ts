// The annual cycle's pure rules: steps, the notice period in working days, ranks and reports.
export * from './steps';
export * from './notice-period';
export * from './ranking';
export * from './reports';
