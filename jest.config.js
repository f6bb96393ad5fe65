/** Unit tests run in parallel; integration tests each start their own Temporal dev server and database. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testPathIgnorePatterns: ['/node_modules/', '/test/support/', '/test/fixtures/'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
    // eld (the SMS language detector) is ESM only, and jest runs CommonJS: its files are compiled like ours (cached).
    '/node_modules/eld/.+\\.js$': [
      'ts-jest',
      { diagnostics: false, tsconfig: { allowJs: true, module: 'commonjs', target: 'ES2022' } },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!eld/)'],
  moduleNameMapper: { '^eld/medium$': '<rootDir>/node_modules/eld/src/entries/static.medium.js' },
  globalSetup: '<rootDir>/test/support/globalSetup.ts',
  testTimeout: 120_000,
  maxWorkers: 2,
  // Each test file's module registry (the Temporal SDK, Express, pg…) stays in a worker's heap after the file: by the
  // last file a worker held 2.4 GB, and collecting that as it exited could take longer than jest's 500 ms grace
  // ("A worker process has failed to exit gracefully"). A worker past 1 GB after a file is replaced.
  workerIdleMemoryLimit: '1GB',
  reporters: ['default', '<rootDir>/test/support/summaryReporter.js'],
};
