/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  // Every core: jest's default leaves one free, which on two cores runs the files one at a time.
  maxWorkers: "100%",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  // Transpile only (tsconfig `isolatedModules`): no type-check per test file; `npm run lint` type-checks once.
  transform: { "^.+\\.ts$": "<rootDir>/tools/jest-transform.js" },
  // cdktf's token stack traces formatted without source maps (a third of a synthesizing file's CPU time).
  setupFilesAfterEnv: ["<rootDir>/test/support/stack-traces.ts"],
};
