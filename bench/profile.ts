/**
 * `npm run bench:profile [-- --tenants 100]`: synthesizes a generated config
 * once under `node --cpu-prof` and prints where the time goes, by phase
 * (module loading, config, construct building, aspects, token resolution,
 * JSON writing, garbage collection), plus the share spent capturing token
 * stack traces. `--keep` keeps the `.cpuprofile` (open it in Chrome DevTools).
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

/** Phases, in priority order: a sample belongs to the first phase that matches a frame of its stack. */
const PHASES: [phase: string, matches: (fn: string, url: string) => boolean][] = [
  ["config: parse and validate", (fn) => fn === "loadConfigFile"],
  ["construct building", (fn) => fn === "buildApp"],
  ["aspects (rule pack)", (fn) => fn === "invokeAspects"],
  ["JSON writing", (fn) => fn === "stableStringify" || fn === "writeFileSync" || fn === "writeToFile"],
  ["token resolution (prepareStack, toTerraform)", (fn, url) => url.includes("/cdktf/lib/") && /prepareStack|synthesize|toTerraform/.test(fn)],
  ["module loading", (fn, url) => url.startsWith("node:internal/modules") || fn === "require"],
  ["garbage collection", (fn) => fn === "(garbage collector)"],
];
const OTHER = "other (node internals, idle, outside the phases)";

function usage(profile: CpuProfile): { total: number; byPhase: Map<string, number>; stackTraces: number } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const byPhase = new Map<string, number>();
  let total = 0;
  let stackTraces = 0;
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    total += dt;
    const path: ProfileNode[] = [];
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) path.unshift(byId.get(cur)!);
    if (path.some((n) => n.callFrame.functionName === "captureStackTrace")) stackTraces += dt;
    const found = PHASES.find(([, matches]) => path.some((n) => matches(n.callFrame.functionName, n.callFrame.url)));
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
  const child = spawnSync(process.execPath, ["--cpu-prof", `--cpu-prof-dir=${dir}`, "--cpu-prof-interval=250", app], {
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
