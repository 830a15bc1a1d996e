// The import rules of lib/ (docs/architecture.md, "Dependency rules"). Checked by
// `npm run lint:deps` (scripts/lint-deps.mjs), which also requires 'server-only' beside every
// import of lib/db: a check dependency-cruiser's own rules cannot express.

/** Our own code: anything an import can reach that is not a package. */
const OURS = '^(lib|app|components|drizzle|scripts|bench|test|e2e)/|^(instrumentation|proxy)\\.ts$';

/** Folders that may import, of ours, only what `allowed` matches. */
const LAYERS = [
  {
    name: 'core-stands-alone',
    comment: 'lib/core (errors, actors, roles, clock, configuration, input parsing) imports nothing of ours.',
    from: '^lib/core/',
    allowed: '^lib/core/',
  },
  {
    name: 'db-on-core-only',
    comment: 'lib/db is the database and nothing else: it imports lib/core and the drizzle schema only.',
    from: '^lib/db/',
    allowed: '^(lib/core|lib/db|drizzle/schema)/',
  },
  {
    name: 'schema-on-core-only',
    comment: 'The drizzle schema takes its shared values (the roles) from lib/core and nothing else of ours.',
    from: '^drizzle/',
    allowed: '^(lib/core|drizzle)/',
  },
];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-folder-cycles',
      comment: 'The folders of lib/ form layers: no folder depends, through any chain, on itself.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^lib/' },
      to: { circular: true },
    },
    {
      name: 'no-cycles',
      comment: 'No module depends, through any chain, on itself.',
      severity: 'error',
      from: { path: '^(lib|app|components|drizzle)/' },
      to: { circular: true },
    },
    ...LAYERS.map(({ name, comment, from, allowed }) => ({ name, comment, severity: 'error', from: { path: from }, to: { path: OURS, pathNot: allowed } })),
    {
      name: 'not-to-unresolvable',
      comment: 'Every import resolves; an unresolved one would slip past the rules above.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    // Type-only imports count: they tie modules together as much as any other.
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
  },
};
