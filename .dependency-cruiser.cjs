/**
 * The walls of the house (docs/ARCHITECTURE.md), checked in CI so that none falls quietly:
 * layers run main → app → modules → core → db/config; domain folders are pure; the web's
 * shared ui/ imports no module; contracts import neither app.
 */
module.exports = {
  forbidden: [
    {
      name: 'core-imports-no-module',
      severity: 'error',
      from: { path: '^apps/server/src/core/' },
      to: { path: '^apps/server/src/modules/[^/]+/' },
    },
    {
      name: 'domain-is-pure',
      comment: 'domain/ folders hold pure logic: no database, HTTP, jobs, other modules',
      severity: 'error',
      from: { path: '^apps/server/src/(core|modules)/.+/domain/' },
      to: { path: ['^apps/server/src/(db|http)/', '^apps/server/src/core/jobs/', 'node_modules/(kysely|pg|fastify|@electric-sql)'] },
    },
    {
      name: 'modules-stay-apart',
      comment: 'a module uses core services or events, never another module',
      severity: 'error',
      from: { path: '^apps/server/src/modules/([^/]+)/' },
      to: { path: '^apps/server/src/modules/([^/]+)/', pathNot: '^apps/server/src/modules/$1/' },
    },
    {
      name: 'layers-run-one-way',
      severity: 'error',
      from: { path: '^apps/server/src/(core|modules|db|http)/' },
      to: { path: '^apps/server/src/(app|main)\\.ts$' },
    },
    {
      name: 'web-ui-imports-no-module',
      severity: 'error',
      from: { path: '^apps/web/src/ui/' },
      to: { path: '^apps/web/src/modules/' },
    },
    {
      name: 'web-modules-stay-apart',
      severity: 'error',
      from: { path: '^apps/web/src/modules/([^/]+)/' },
      to: { path: '^apps/web/src/modules/([^/]+)/', pathNot: ['^apps/web/src/modules/$1/', '^apps/web/src/modules/core/'] },
    },
    {
      name: 'contracts-import-no-app',
      severity: 'error',
      from: { path: '^packages/contracts/' },
      to: { path: '^apps/' },
    },
    {
      name: 'web-does-not-import-server',
      severity: 'error',
      from: { path: '^apps/web/' },
      to: { path: '^apps/server/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
