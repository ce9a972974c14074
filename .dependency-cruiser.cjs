/**
 * The rooms and which way their imports run (README, Layout). `npm test` runs this check
 * (`npm run check-imports`), so the rules stay true:
 * - functions/ and infra/ use shared/; site/ (browser code) uses shared/;
 * - shared/ imports nothing from functions/, site/, infra/ or test/;
 * - nothing outside test/ imports test/;
 * - no file takes part in an import cycle.
 */
module.exports = {
  forbidden: [
    {
      name: 'shared-imports-no-outer-room',
      comment:
        'shared/ is the domain and its adapters: it may not depend on handlers, browser code, tooling or tests',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: '^(functions|site|infra|test)/' },
    },
    {
      name: 'only-tests-import-tests',
      severity: 'error',
      from: { pathNot: '^test/' },
      to: { path: '^test/' },
    },
    {
      name: 'site-imports-shared-only',
      comment: 'browser code uses shared/ and itself, never handlers or tooling',
      severity: 'error',
      from: { path: '^site/' },
      to: { path: '^(functions|infra)/' },
    },
    {
      name: 'functions-do-not-import-each-other-or-tooling',
      severity: 'error',
      from: { path: '^functions/([^/]+)/' },
      to: { path: '^(functions/(?!$1/)|infra/|site/)' },
    },
    {
      name: 'no-cycles',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^node_modules|^\\.esbuild|^\\.serverless|^\\.local|^\\.data|^test-results)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'] },
  },
};
