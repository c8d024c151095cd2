/**
 * Parallel synthesis of a landing zone with many tenants: tenant stacks are
 * independent of each other, so the tenants are split into shares, one per
 * thread. The main thread builds `key-custody`, `foundation` and the first
 * share, each other thread (`synth-share.ts`) `key-custody`, `foundation`
 * and its own share, and synthesizes only the share's stacks, into the same
 * staging directory. The main thread then writes `key-custody` and
 * `foundation` with every cross-stack output the threads' tenants asked for
 * (cdktf registers them while preparing the referencing stack), the manifest
 * of every stack, and runs the gate's rules across stacks on every stack as
 * written: the files are those of a synthesis on one thread, byte for byte
 * (`test/stacks/synth-threads.test.ts`). Any failure fails the whole synthesis
 * with one message, after every thread stopped.
 */
import { existsSync, mkdirSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { finishGate, synthesizeChecked, type CheckedStack } from "../lib/checks/gate";
import type { LandingZoneConfig } from "../lib/config/schema";
import { landingZoneStackProps } from "../lib/config/stack-props";
import { Manifest, TerraformOutput, TerraformStack, type App, type ISynthesisSession } from "../lib/core";
import { buildApp } from "./app";
import { startShare, type Share } from "./share-channel";

/** What a thread is given: the validated config, the staging directory, and its tenants (indexes into `config.tenants`). */
export interface ShareInput {
  readonly config: LandingZoneConfig;
  readonly outdir: string;
  readonly tenants: readonly number[];
}

/** What a thread answers. */
export interface ShareOutput {
  /** What the gate found in each stack it wrote, in order. */
  readonly checked: CheckedStack[];
  /** Manifest entries of the stacks it wrote, by stack name. */
  readonly manifest: Manifest["stacks"];
  /** The cross-stack outputs its stacks registered in the stacks it did not write, by stack path. */
  readonly outputs: Record<string, string[]>;
}

/** The thread script, beside this one once compiled (there is none when running from the TypeScript sources). */
const SHARE_SCRIPT = join(__dirname, "synth-share.js");
/**
 * Tenants per thread: a thread costs more than it saves below. Starting one
 * (loading the modules again) costs about what 30 tenants do, and on two
 * cores V8's own compiler and GC threads already use the second core: 200
 * tenants were slower on two threads, 300 faster (docs/performance.md).
 */
export const TENANTS_PER_THREAD = 125;
/** Tenants the main thread takes beyond an even share, per other thread: it writes what the threads cannot (the shared stacks, the report, the bill of materials) while they load their modules. */
const MAIN_HEAD_START = 15;
/** cdktf's name for the output a cross-stack reference registers in the referenced stack. */
const CROSS_STACK_OUTPUT = "cross-stack-output-";

/**
 * How many threads synthesize `tenants` tenants: `SOVEREIGN_LZ_SYNTH_THREADS`
 * if set (1: no parallelism), else one per `TENANTS_PER_THREAD` tenants, at
 * most one per available core; always 1 without the compiled thread script.
 */
export function synthThreads(tenants: number, env: NodeJS.ProcessEnv): number {
  const forced = env.SOVEREIGN_LZ_SYNTH_THREADS;
  if (forced !== undefined && !/^[1-9]\d*$/.test(forced)) {
    throw new Error(`SOVEREIGN_LZ_SYNTH_THREADS: "${forced}" is not a number of threads (allowed: a whole number >= 1)`);
  }
  const wanted = forced ? Number(forced) : Math.min(availableParallelism(), Math.max(1, Math.floor(tenants / TENANTS_PER_THREAD)));
  return existsSync(SHARE_SCRIPT) ? Math.max(1, Math.min(wanted, tenants)) : 1;
}

/** The tenants of each thread (indexes, in order, contiguous), the main thread's first and largest. */
export function sharesOf(tenants: number, threads: number): number[][] {
  const others = threads - 1;
  const own = Math.min(tenants - others, Math.max(1, Math.round((tenants + others * MAIN_HEAD_START) / threads)));
  const bounds = [0, own, ...Array.from({ length: others }, (_, i) => own + Math.round(((tenants - own) * (i + 1)) / others))];
  return bounds.slice(1).map((end, i) => Array.from({ length: end - bounds[i] }, (_, j) => bounds[i] + j));
}

/** The identifiers of the cross-stack outputs registered in `stack`. */
export function crossStackOutputsOf(stack: TerraformStack): string[] {
  return stack.node.children
    .filter((c) => TerraformOutput.isTerraformOutput(c) && c.node.id.startsWith(CROSS_STACK_OUTPUT))
    .map((c) => c.node.id.slice(CROSS_STACK_OUTPUT.length));
}

/**
 * Synthesize `config`'s landing zone into `outdir` on `threads` threads
 * (inside `fastSynthesis`), as `app.synth()` of `buildApp` does on one;
 * returns the main thread's app, whose report and documents
 * `SovereigntyGate` holds as after `app.synth()`.
 */
export function synthInThreads(config: LandingZoneConfig, outdir: string, threads: number): App {
  const [own, ...others] = sharesOf(config.tenants.length, threads);
  mkdirSync(join(outdir, Manifest.stacksFolder), { recursive: true }); // before the threads: cdktf creates it unless it exists
  const shares: Share<ShareOutput>[] = [];
  try {
    for (const tenants of others) shares.push(startShare(SHARE_SCRIPT, { config, outdir, tenants } satisfies ShareInput));
    const { app, keyCustody, foundation, tenants } = buildApp(config, outdir, own);
    const session: ISynthesisSession = { outdir, skipValidation: app.skipValidation, manifest: app.manifest };
    for (const stack of [keyCustody, foundation, ...tenants]) stack.prepareStack();
    const checked = synthesizeChecked(tenants, session);
    const answers = shares.map((s) => s.result());
    for (const stack of [keyCustody, foundation]) {
      for (const id of answers.flatMap((a) => a.outputs[stack.node.path] ?? [])) stack.registerOutgoingCrossStackReference(id);
    }
    const all = [...synthesizeChecked([keyCustody, foundation], session), ...checked, ...answers.flatMap((a) => a.checked)];
    for (const a of answers) Object.assign(app.manifest.stacks, a.manifest);
    app.manifest.writeToFile();
    finishGate(app, landingZoneStackProps(config), all, outdir);
    return app;
  } catch (e) {
    for (const share of shares) share.stop();
    throw e;
  }
}
