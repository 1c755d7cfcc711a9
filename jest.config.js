// Unit tests sit beside the code they test (src/**/*.spec.ts); end-to-end tests live in test/ and
// run against the real PostgreSQL and Redis, each file in a database of its own.
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.json', astTransformers: { before: ['<rootDir>/test/swagger-transformer.js'] } }];

module.exports = {
  // End-to-end tests boot the app and fire hundreds of requests; no single test should take a minute.
  testTimeout: 60000,
  // Every test file closes its app (database pool, Redis and Bull connections), but on this 2-core
  // machine Jest runs the files in one process and ioredis sockets closing in the background can keep
  // it alive after the last file; end the run when the results are in.
  forceExit: true,
  projects: [
    {
      displayName: 'unit',
      rootDir: '.',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/src/**/*.spec.ts'],
      transform: { '^.+\\.ts$': tsJest },
      moduleFileExtensions: ['ts', 'js', 'json'],
    },
    {
      displayName: 'e2e',
      rootDir: '.',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      transform: { '^.+\\.ts$': tsJest },
      moduleFileExtensions: ['ts', 'js', 'json'],
    },
  ],
};
