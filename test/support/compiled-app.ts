/**
 * The app compiled for tests that run it in other processes (`node main.js`, worker threads, the cdktf CLI):
 * tools/transpile.js into a directory of their own, since `npm pack`'s `prepare` (test/package) rebuilds dist/
 * meanwhile. One directory for all of them: the first test compiles, the others find it up to date (two compiling at
 * once is safe, each file is written whole).
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";

const ROOT = join(__dirname, "..", "..");

/** Compile what changed and return the directory (its `stacks/main.js` is `npm run synth`'s app). */
export function compiledApp(): string {
  const out = join(ROOT, "node_modules", ".cache", "compiled-app");
  // Without V8's optimizing compiler, as jest and `tsc` in `npm test`: a cold transpile 2.4-2.6 s -> 1.7-1.8 s of CPU.
  execFileSync(process.execPath, ["--no-opt", join(ROOT, "tools", "transpile.js")], { env: { ...process.env, TRANSPILE_OUT: out } });
  return out;
}
