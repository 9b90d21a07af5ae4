// Architecture rules (docs/architecture.md, "The rules that hold them"), checked by
// `npm run lint:architecture` (part of `npm run lint`, which CI runs).
//
// dependency-cruiser rather than eslint-plugin-boundaries: the rules are
// written once as path patterns over the real module graph (type-only imports
// included, through `tsPreCompilationDeps`), it finds import cycles across the
// whole tree, and its report names the rule and both ends of each offending edge.

// Adapter folders. Each is one adapter; none may reach into another.
const ADAPTERS = [
  'http',
  'persistence',
  'rate-limit',
  'human-check',
  'config',
  'system',
  'metrics',
  'webhooks',
  'email',
];
// Shared kernels every adapter may import: the valibot field schemas shared by
// http and persistence, and the sample portfolio.
const SHARED_KERNELS = 'src/adapters/(schemas|sample)/';
// Storage adapters: siblings under persistence/ are separate adapters too.
const STORAGES = ['memory', 'file', 'postgres'];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-self-contained',
      comment:
        'src/domain imports nothing outside itself: no application, no adapter, no package (not even valibot), no Node module.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { pathNot: '^src/domain/' },
    },
    {
      name: 'application-imports-only-domain',
      comment: 'src/application imports only the domain (and itself): its use cases run over ports, with no package.',
      severity: 'error',
      from: { path: '^src/application/' },
      to: { pathNot: '^src/(domain|application)/' },
    },
    ...ADAPTERS.map((adapter) => ({
      name: `no-cross-adapter-imports-from-${adapter}`,
      comment: `src/adapters/${adapter} imports no other adapter (only the shared kernels schemas/ and sample/): adapters meet in the composition root.`,
      severity: 'error',
      from: { path: `^src/adapters/${adapter}/` },
      to: { path: '^src/adapters/', pathNot: [`^src/adapters/${adapter}/`, `^${SHARED_KERNELS}`] },
    })),
    ...STORAGES.map((storage) => ({
      name: `no-cross-storage-imports-from-${storage}`,
      comment: `persistence/${storage} imports no other storage adapter: the Storage port they all implement is the domain's (domain/storage/).`,
      severity: 'error',
      from: { path: `^src/adapters/persistence/${storage}/` },
      to: {
        path: '^src/adapters/persistence/',
        pathNot: [
          `^src/adapters/persistence/${storage}/`,
          // The one allowed edge between storages: the file adapter is the
          // memory adapter's in-process repositories over another ContentStore
          // (a JSON document on disk), so it builds on persistence/memory.
          ...(storage === 'file' ? ['^src/adapters/persistence/memory/'] : []),
        ],
      },
    })),
    {
      name: 'shared-kernels-import-no-adapter',
      comment:
        'schemas/ and sample/ are imported by every adapter, so they import no adapter themselves (only the domain and each other).',
      severity: 'error',
      from: { path: `^${SHARED_KERNELS}` },
      to: { path: '^src/adapters/', pathNot: `^${SHARED_KERNELS}` },
    },
    {
      name: 'adapters-do-not-import-the-composition',
      comment:
        'Only main.ts and copy-storage.ts start from the composition root; an adapter importing it would depend on every other adapter. The DI tokens (src/tokens.ts, types-only imports, see below) are fine.',
      severity: 'error',
      from: { path: '^src/adapters/' },
      to: { path: '^src/(composition-root|main|copy-storage)\\.ts$' },
    },
    {
      name: 'tokens-import-only-types',
      comment:
        'src/tokens.ts names the type behind each DI token, so it imports types from every layer, but nothing at run time: an adapter that imports the tokens loads no other adapter.',
      severity: 'error',
      from: { path: '^src/tokens\\.ts$' },
      to: { dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'src-does-not-import-tests-or-tools',
      comment: 'Production code never imports tests, benchmarks or scripts.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(test|bench|scripts)/' },
    },
    {
      name: 'console-talks-only-to-the-api',
      comment:
        'The console (web/admin) reaches the service only through the REST API, with the generated types (web/generated): it imports no server code, test or tool.',
      severity: 'error',
      from: { path: '^web/admin/' },
      to: { path: '^(src|test|bench|scripts)/' },
    },
    {
      name: 'portfolio-script-shares-only-the-form-model',
      comment:
        "The portfolio page's script (web/portfolio) shares the contact form's model with the server's page, and nothing else of the server.",
      severity: 'error',
      from: { path: '^web/portfolio/' },
      to: {
        path: '^(src|test|bench|scripts)/',
        pathNot: '^src/adapters/http/pages/(contact-form|captcha-widget)\\.ts$',
      },
    },
    {
      name: 'no-circular',
      comment: 'No import cycles: they make load order matter and blur which module is the lower layer.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'Every import resolves (to a file or an installed package).',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'not-to-dev-dependency',
      comment: 'Production code does not import devDependencies: `npm ci --omit=dev` would not have them.',
      severity: 'error',
      from: { path: '^src/' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports are dependencies too: `import type` across a boundary is still coupling.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
