/**
 * Synthesis that writes all or nothing: the app synthesizes into a staging
 * directory that replaces the output directory only when every stack
 * succeeded, so a failed run never leaves a half-written `cdktf.out`.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { REPORT_FILES } from "../checks/gate";
import type { SovereigntyReport } from "../checks/report";
import { Manifest } from "../core";
import { BOM_FILES } from "./bom";
import { InputError, reportError } from "./command";
import { plural } from "../plural";

/**
 * Whether the app runs under the cdktf CLI (`cdktf synth|diff|deploy`): the
 * CLI passes the relative modules in the context it hands to the app.
 */
export function underCdktfCli(env: NodeJS.ProcessEnv): boolean {
  try {
    return "cdktfRelativeModules" in JSON.parse(env.CDKTF_CONTEXT_JSON ?? "{}");
  } catch {
    return false;
  }
}

/** What a synth run writes at the top of its output directory (cdktf's manifest and stack folders, the report, the BOM). */
const OUTPUT_ENTRIES: ReadonlySet<string> = new Set([Manifest.fileName, "stacks", ...Object.values(REPORT_FILES), ...Object.values(BOM_FILES)]);

/**
 * Refuse an output path whose replacement would delete what synth did not
 * write: a file, or a directory holding anything else (`--output .` would
 * have removed the whole working directory).
 */
function assertReplaceable(outdir: string): void {
  let stat;
  try {
    stat = statSync(outdir);
  } catch {
    return;
  }
  const allowed = "(allowed: a new path, or the directory of an earlier synth)";
  if (!stat.isDirectory()) throw new InputError(`${outdir}: exists and is not a directory: synth would delete it ${allowed}`);
  const foreign = readdirSync(outdir).filter((entry) => !OUTPUT_ENTRIES.has(entry));
  if (foreign.length) {
    const named = foreign.slice(0, 3).join(", ") + (foreign.length > 3 ? ` and ${foreign.length - 3} more` : "");
    throw new InputError(`${outdir}: holds ${named}, which synth did not write and would delete ${allowed}`);
  }
}

/**
 * Run `synth`, which writes into a staging directory, then make that
 * directory `outdir` (refused first if that would delete what synth did not
 * write); returns what `synth` returned. Under the cdktf CLI, the stack folders of stacks that
 * no longer exist are kept, empty: the CLI lists them before running the app
 * and removes them itself afterwards (it fails with ENOENT on a folder that
 * is already gone).
 */
export function synthAtomically<T>(synth: (stagingDir: string) => T, outdir: string, keepStackFolders = false): T {
  assertReplaceable(outdir);
  const staging = `${outdir}.staging-${process.pid}`;
  try {
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true });
  } catch (e) {
    throw new InputError(`${outdir}: cannot create the output directory (${(e as NodeJS.ErrnoException).code ?? "error"})`);
  }
  let result: T;
  try {
    result = synth(staging);
  } catch (e) {
    rmSync(staging, { recursive: true, force: true });
    throw e;
  }
  const stacks = join(outdir, "stacks");
  const before = keepStackFolders && existsSync(stacks) ? readdirSync(stacks) : [];
  if (existsSync(outdir)) rmSync(outdir, { recursive: true, force: true });
  renameSync(staging, outdir);
  for (const stack of before) mkdirSync(join(stacks, stack), { recursive: true });
  return result;
}

/** What synth did: one line per stack (resources, findings, waivers) and where the report is. */
export function synthSummary(report: SovereigntyReport, reportPath: string): string[] {
  return [
    ...report.stacks.map(
      (s) => `${s.stack}: ${plural(s.resources, "resource")}, ${plural(s.findings.length, "finding")}, ${plural(s.waivers.length, "waiver")}`,
    ),
    `sovereignty report: ${reportPath}`,
  ];
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
