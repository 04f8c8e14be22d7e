/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/__tests__/**/*.test.ts', '**/test/**/*.test.ts'],
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022' }, module: { type: 'commonjs' } },
    ],
  },
  // the fault tests kill and restart servers of their own: `npm run test:faults` (jest.faults.config.js)
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/faults/'],
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/build/', '<rootDir>/.tmp/'],
  globalSetup: '<rootDir>/test/helpers/global-setup.js',
  setupFiles: ['<rootDir>/test/helpers/env.js'],
  testTimeout: 60000,
  // One test file after another in one worker (`--maxWorkers=1` in package.json), which Jest replaces once it holds
  // more than this after a file: each file boots a whole Strapi, and what one leaves reachable would otherwise pile
  // up in a single process until the heap runs out.
  workerIdleMemoryLimit: '1200MB',
  reporters: ['default', '<rootDir>/test/helpers/summary-reporter.js'],
};
