/**
 * `npm test`: the library's incremental build first (`tsc -b tsconfig.build.json`, what `npm run build` and `npm pack`'s
 * `prepare` run; nothing to do after `npm ci`), then `npm run lint` and jest side by side, so both cores work (each lint
 * tool runs on one core, one after the other: about 15 s of CPU with cold caches, as on a fresh clone). Building first,
 * lint's build and the packed-package test's `prepare` find dist/ current: neither writes it while the other reads it.
 * Jest's output streams; lint's is printed when both are done. Fails when any fails. Arguments go to jest
 * (`npm test -- test/stacks`).
 */
const { spawn } = require("node:child_process");

/** Run a command; resolves to its exit code (1 when killed by a signal). */
function run(command, args, stdio) {
  const child = spawn(command, args, { stdio });
  const done = new Promise((resolve) => child.on("close", (code) => resolve(code ?? 1)));
  return { child, done };
}

// V8 flags jest's workers inherit. A larger young generation: fewer scavenges of the many short-lived objects of
// synthesis; garbage collection went from about 12% to 8-9% of the CPU time of the synthesizing test files. No
// optimizing compiler: jest evaluates every module anew in each test file, so V8 optimized the same functions again in
// every file, on background threads, for code that then runs a few times (the 74 files that run no process, in band:
// 27.7 s -> 23.3 s of CPU; wall on one idle core 19.8 s -> 21.9 s, but on two busy cores the CPU time is what counts).
const JEST_FLAGS = ["--max-semi-space-size=64", "--no-opt"];

async function main() {
  // A failed build is lint's to report (it runs the same build first); the tests run all the same.
  await run(process.execPath, [require.resolve("typescript/bin/tsc"), "-b", "tsconfig.build.json"], "ignore").done;
  const lint = run("npm", ["run", "--silent", "lint"], ["ignore", "pipe", "pipe"]);
  const output = [];
  for (const stream of [lint.child.stdout, lint.child.stderr]) stream.setEncoding("utf8").on("data", (text) => output.push(text));
  const jest = run(process.execPath, [...JEST_FLAGS, require.resolve("jest/bin/jest"), ...process.argv.slice(2)], "inherit");
  const [lintCode, jestCode] = await Promise.all([lint.done, jest.done]);
  const text = output.join("").trim();
  console.log(`\nnpm run lint: ${lintCode === 0 ? "passed" : `FAILED (exit ${lintCode})`}${text ? `\n${text}` : ""}`);
  process.exit(jestCode || lintCode);
}

main();
