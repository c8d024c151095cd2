/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  // Every core: jest's default leaves one free, which on two cores runs the files one at a time.
  maxWorkers: "100%",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  // Transpile only (tsconfig `isolatedModules`): no type-check per test file; `npm run lint` type-checks once.
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }] },
  setupFilesAfterEnv: ["<rootDir>/test/setup.ts"],
};
