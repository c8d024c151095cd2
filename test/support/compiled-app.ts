/**
 * The app compiled for tests that run it in other processes (`node main.js`, worker threads, the cdktf CLI): the
 * sources `npm run synth` compiles (tools/transpile.js), type-stripped by esbuild, as jest's transform does (about
 * 0.2 s; TypeScript's `transpileModule` took 1.6-1.8 s of CPU), into a temporary directory of its own for each
 * caller: `npm pack`'s `prepare` (test/package) rebuilds dist/ meanwhile, and two tests compiling into one directory at
 * once could read each other's half-written files. The directory links this project's `node_modules`, where the app's
 * `require`s find cdktf and the rest.
 */
import { buildSync } from "esbuild";
import { copyFileSync, mkdtempSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { APP_SOURCES, ROOT, TSCONFIG }: { APP_SOURCES: string[]; ROOT: string; TSCONFIG: string } = require("../../tools/ts-options.js");

/** Compile the app and return its directory (its `stacks/main.js` is `npm run synth`'s app), laid out as dist/. */
export function compiledApp(): string {
  const out = mkdtempSync(join(tmpdir(), "lz-app-"));
  buildSync({
    entryPoints: APP_SOURCES.map((dir) => join(ROOT, dir, "**", "*.ts")),
    outbase: ROOT,
    outdir: out,
    format: "cjs",
    platform: "node",
    tsconfig: TSCONFIG,
    logLevel: "error",
  });
  copyFileSync(join(ROOT, "stacks", "default-config.yaml"), join(out, "stacks", "default-config.yaml"));
  symlinkSync(join(ROOT, "node_modules"), join(out, "node_modules"), "dir");
  return out;
}
