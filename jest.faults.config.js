/**
 * The fault tests (`npm run test:faults`): each file starts its own PostgreSQL cluster and Redis on free ports and
 * the app as a child process, then kills and restarts them. Not part of `npm test` (see jest.config.js).
 */
const base = require('./jest.config');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  roots: ['<rootDir>/test/faults'],
  testMatch: ['**/test/faults/**/*.test.ts'],
  testPathIgnorePatterns: [],
  globalSetup: '<rootDir>/test/faults/global-setup.js',
  testTimeout: 240000,
  reporters: ['default'],
};
