const { SWC_OPTIONS } = require("./tools/swc");

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  // swc strips types without checking them: about 1 s per test file; `npm run lint` type-checks once.
  transform: { "^.+\\.ts$": ["@swc/jest", SWC_OPTIONS] },
  setupFilesAfterEnv: ["<rootDir>/test/setup.ts"],
};
