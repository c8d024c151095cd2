/**
 * Synthesis that writes all or nothing: the app synthesizes into a staging
 * directory that replaces the output directory only when every stack
 * succeeded, so a failed run never leaves a half-written `cdktf.out`.
 */
import { existsSync, renameSync, rmSync } from "node:fs";
import { reportError } from "./command";

/** Run `synth`, which writes into a staging directory, then make that directory `outdir`. */
export function synthAtomically(synth: (stagingDir: string) => void, outdir: string): void {
  const staging = `${outdir}.staging-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  try {
    synth(staging);
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    throw e;
  }
  if (existsSync(outdir)) rmSync(outdir, { recursive: true, force: true });
  renameSync(staging, outdir);
}

/**
 * Run `main`, turning any error into a readable message on stderr and the
 * exit code every command uses (`reportError`): config errors list every
 * problem; nothing prints a stack trace unless `SOVEREIGN_LZ_DEBUG` is set.
 */
export function runCli(main: () => void): void {
  try {
    main();
  } catch (e) {
    process.exitCode = reportError(e);
  }
}
