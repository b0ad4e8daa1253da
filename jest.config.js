/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // nock's interceptor lives on the global scope across test files; jest's soft cleanup only warns about it.
  testEnvironmentOptions: { globalsCleanup: 'off' },
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Most tests start servers (simulated AWS and Slack, Redis, Bolt): on a shared CI machine 5 s is too short.
  testTimeout: 30_000,
  setupFiles: ['<rootDir>/test/env.ts'],
  setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }],
  },
};
