import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'assert',
  'buffer',
  'child_process',
  'cluster',
  'crypto',
  'dgram',
  'dns',
  'events',
  'fs',
  'fs/promises',
  'http',
  'http2',
  'https',
  'net',
  'os',
  'path',
  'perf_hooks',
  'process',
  'readline',
  'stream',
  'timers',
  'tls',
  'url',
  'util',
  'v8',
  'vm',
  'worker_threads',
  'zlib',
];

/** Node modules that reach outside the process (files, network, other processes, the machine): not for domain/. */
const nodeIo = [
  'child_process',
  'cluster',
  'dgram',
  'dns',
  'fs',
  'fs/promises',
  'http',
  'http2',
  'https',
  'net',
  'os',
  'process',
  'readline',
  'tls',
  'worker_threads',
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', '.data/**', '.tools/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Workflow code is replayed: no I/O, no wall clock, no randomness outside the workflow APIs.
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...nodeBuiltins.map((name) => ({ name, message: 'Node builtins are not allowed in workflow code.' })),
            ...nodeBuiltins.map((name) => ({
              name: `node:${name}`,
              message: 'Node builtins are not allowed in workflow code.',
            })),
            { name: 'pg', message: 'Workflow code does no I/O: use an activity.' },
          ],
          patterns: [
            {
              group: ['**/activities/**', '!**/activities/index'],
              message: 'Workflows take only the Activities type from activities/; shared types live in domain/.',
            },
            {
              group: ['**/activities', '**/activities/index'],
              message: 'Import the Activities type only through `import type`.',
              allowTypeImports: true,
            },
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        {
          object: 'Date',
          property: 'now',
          message: 'Use workflow time (Date is deterministic inside workflows, but be explicit).',
        },
        { object: 'Math', property: 'random', message: "Use the workflow's deterministic random or uuid4()." },
      ],
    },
  },
  {
    // The layers import one way: activities and the database layer know the shared contract (domain/), not the workflows.
    files: ['activities/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/workflows', '**/workflows/**'],
              message: 'activities/ does not import workflows/: the shared types are in domain/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['db/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)workflows(/(?!definitions$).*)?$',
              message: 'db/ does not import workflows/: the shared types are in domain/.',
            },
            {
              // db/numbering/ looks work orders' workflows up in Temporal by id, whose home is workflows/definitions.ts.
              group: ['**/workflows/definitions'],
              allowImportNames: ['workOrderWorkflowId', 'workOrderNumberFromWorkflowId'],
              message:
                'db/ takes only the work order workflow ids from workflows/definitions: the shared types are in domain/.',
            },
          ],
        },
      ],
    },
  },
  {
    // domain/ is plain code: no I/O, no process, no layer above it.
    files: ['domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...nodeIo.map((name) => ({
              name,
              message: 'domain/ does no I/O: do it in activities/, db/ or api/ and pass the result in.',
            })),
            ...nodeIo.map((name) => ({
              name: `node:${name}`,
              message: 'domain/ does no I/O: do it in activities/, db/ or api/ and pass the result in.',
            })),
            { name: 'pg', message: 'domain/ does no I/O: queries live in db/.' },
          ],
          patterns: [
            { group: ['@temporalio/*'], message: 'domain/ knows nothing of Temporal: workflows/ and activities/ do.' },
            {
              group: [
                '**/api',
                '**/api/**',
                '**/activities',
                '**/activities/**',
                '**/db',
                '**/db/**',
                '**/workflows',
                '**/workflows/**',
                '**/workers',
                '**/workers/**',
                '**/observability/**',
                '**/scripts/**',
                '**/runtime',
                '**/runtime/**',
              ],
              message: 'domain/ imports nothing above it.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        {
          name: 'process',
          message: 'domain/ does not read the environment or handle signals: take the values as arguments.',
        },
        { name: 'fetch', message: 'domain/ does no I/O.' },
      ],
    },
  },
);
