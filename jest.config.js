/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  // Every core: jest's default leaves one free, which on two cores runs the files one at a time.
  maxWorkers: "100%",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  // The files that run other processes first (the longest, also on a fresh clone without jest's timing records).
  testSequencer: "<rootDir>/tools/jest-sequencer.js",
  // Transpile only (tsconfig `isolatedModules`): no type-check per test file; `npm run lint` type-checks once.
  transform: { "^.+\\.ts$": "<rootDir>/tools/jest-transform.js" },
  // cdktf's token stack traces kept short and formatted without source maps (see the file).
  setupFilesAfterEnv: ["<rootDir>/test/support/stack-traces.ts"],
};
