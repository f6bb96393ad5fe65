import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises',
  'http', 'http2', 'https', 'net', 'os', 'path', 'perf_hooks', 'process', 'readline', 'stream', 'timers',
  'tls', 'url', 'util', 'v8', 'vm', 'worker_threads', 'zlib',
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
      'no-restricted-imports': ['error', {
        paths: [
          ...nodeBuiltins.map((name) => ({ name, message: 'Node builtins are not allowed in workflow code.' })),
          ...nodeBuiltins.map((name) => ({ name: `node:${name}`, message: 'Node builtins are not allowed in workflow code.' })),
          { name: 'pg', message: 'Workflow code does no I/O: use an activity.' },
        ],
        patterns: [{ group: ['**/activities/*', '!**/activities/index'], message: 'Import activity types only through `import type`.', allowTypeImports: true }],
      }],
      'no-restricted-properties': ['error',
        { object: 'Date', property: 'now', message: 'Use workflow time (Date is deterministic inside workflows, but be explicit).' },
        { object: 'Math', property: 'random', message: 'Use the workflow\'s deterministic random or uuid4().' },
      ],
    },
  },
);
