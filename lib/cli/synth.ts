/**
 * Synthesis that writes all or nothing: the app synthesizes into a staging
 * directory that replaces the output directory only when every stack
 * succeeded, so a failed run never leaves a half-written `cdktf.out`.
 */
import { existsSync, renameSync, rmSync } from "node:fs";
import type { App } from "../core";
import { ConfigError } from "../config/errors";

/** Synthesize the app built by `build` into `outdir`, atomically. */
export function synthAtomically(build: (stagingDir: string) => App, outdir: string): void {
  const staging = `${outdir}.staging-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  try {
    build(staging).synth();
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    throw e;
  }
  if (existsSync(outdir)) rmSync(outdir, { recursive: true, force: true });
  renameSync(staging, outdir);
}

/**
 * Run `main`, turning any error into a readable message on stderr and exit
 * code 1: config errors list every problem; nothing prints a stack trace
 * unless `SOVEREIGN_LZ_DEBUG` is set.
 */
export function runCli(main: () => void): void {
  try {
    main();
  } catch (e) {
    const err = e as Error;
    if (process.env.SOVEREIGN_LZ_DEBUG) console.error(err.stack);
    else if (err instanceof ConfigError) console.error(err.message);
    else console.error(`error: ${err.message ?? String(e)}`);
    process.exitCode = 1;
  }
}
