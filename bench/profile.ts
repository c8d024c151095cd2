/**
 * `npm run bench:profile [-- --tenants 100]`: synthesizes a generated config
 * once under `node --cpu-prof` and prints where the time goes, by phase
 * (module loading, config, construct building, aspects, cdktf's preparing
 * resolve and its final resolve, the sovereignty gate, JSON writing, garbage
 * collection), plus the share spent capturing token stack traces. A sample
 * weighs at most two sampling intervals, so the total approximates CPU time
 * even on a loaded machine. `--keep` keeps the `.cpuprofile` (open it in Chrome DevTools).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { DEFAULT_CONFIG_PATH } from "../stacks/default-config";
import { generateConfig, readBaseConfig } from "./generate-config";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

type Frame = ProfileNode["callFrame"];
const named =
  (...names: string[]) =>
  (path: Frame[]) =>
    path.some((f) => names.includes(f.functionName));
/** Inside cdktf's own synthesizer (called by the gate, which wraps it). */
const inCdktfSynth = (path: Frame[]) => path.some((f) => f.url.includes("/cdktf/lib/") && f.functionName === "synthesize");

/** Phases, in priority order: a sample belongs to the first phase whose test its call stack passes. */
const PHASES: [phase: string, matches: (path: Frame[]) => boolean][] = [
  ["config: parse and validate", named("loadConfigFile")],
  ["construct building", named("buildApp")],
  ["aspects", named("invokeAspects")],
  ["JSON writing", named("stableStringify", "writeFileSync", "writeToFile")],
  ["sovereignty gate (rule pack on the written files, report)", (path) => named("synthesizeGated")(path) && !inCdktfSynth(path)],
  ["cdktf preparing resolve (prepareStack)", named("prepareStack")],
  ["cdktf resolve (toTerraform)", (path) => inCdktfSynth(path) || named("toTerraform")(path)],
  ["module loading", (path) => path.some((f) => f.url.startsWith("node:internal/modules") || f.functionName === "require")],
  ["garbage collection", named("(garbage collector)")],
];
/** Sampling interval, in microseconds. */
const INTERVAL_US = 250;
const OTHER = "other (node internals, idle, outside the phases)";

function usage(profile: CpuProfile): { total: number; byPhase: Map<string, number>; stackTraces: number } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const byPhase = new Map<string, number>();
  let total = 0;
  let stackTraces = 0;
  profile.samples.forEach((id, i) => {
    // At most two sampling intervals per sample: time the process spent descheduled on a loaded machine does not count.
    const dt = Math.min(profile.timeDeltas[i] ?? 0, 2 * INTERVAL_US) / 1000;
    total += dt;
    const path: ProfileNode[] = [];
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) path.unshift(byId.get(cur)!);
    if (path.some((n) => n.callFrame.functionName === "captureStackTrace")) stackTraces += dt;
    const frames = path.map((n) => n.callFrame);
    const found = PHASES.find(([, matches]) => matches(frames));
    const phase = found ? found[0] : OTHER;
    byPhase.set(phase, (byPhase.get(phase) ?? 0) + dt);
  });
  return { total, byPhase, stackTraces };
}

function main(): void {
  const i = process.argv.indexOf("--tenants");
  const tenants = i < 0 ? 100 : Number(process.argv[i + 1]);
  const dir = mkdtempSync(join(tmpdir(), "slz-profile-"));
  const configFile = join(dir, "config.json");
  writeFileSync(configFile, JSON.stringify(generateConfig(readBaseConfig(DEFAULT_CONFIG_PATH), tenants)));
  const app = resolve(__dirname, "..", "stacks", "main.js");
  const child = spawnSync(process.execPath, ["--cpu-prof", `--cpu-prof-dir=${dir}`, `--cpu-prof-interval=${INTERVAL_US}`, app], {
    env: { ...process.env, CHECKPOINT_DISABLE: "1", LANDING_ZONE_CONFIG: configFile, CDKTF_OUTDIR: join(dir, "out") },
    stdio: ["ignore", "inherit", "inherit"],
  });
  if (child.status !== 0) throw new Error(`profile: synth failed (exit ${child.status})`);
  const file = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"))!;
  const { total, byPhase, stackTraces } = usage(JSON.parse(readFileSync(join(dir, file), "utf8")));
  const pct = (ms: number) => `${((ms / total) * 100).toFixed(0)}%`.padStart(4);
  console.log(`profile of synth with ${tenants} tenants: ${total.toFixed(0)} ms sampled`);
  for (const [phase, ms] of [...byPhase].sort((a, b) => b[1] - a[1])) {
    console.log(`${pct(ms)} ${ms.toFixed(0).padStart(6)} ms  ${phase}`);
  }
  console.log(`token stack traces (captureStackTrace, across phases): ${stackTraces.toFixed(0)} ms, ${pct(stackTraces).trim()}`);
  if (process.argv.includes("--keep")) console.log(`profile: ${join(dir, file)}`);
  else rmSync(dir, { recursive: true, force: true });
}

main();
