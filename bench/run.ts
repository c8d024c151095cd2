/**
 * `npm run bench`: synthesizes generated landing zones of 1, 10, 100 and 500
 * tenants, each in a fresh `node dist/stacks/main.js` process, and the bare
 * cdktf lower bound (`baseline.ts`) for the same output; prints a table,
 * the ratios against the targets, and a one-line summary.
 *
 * Options: `--tenants 1,10,100,500`, `--runs 3` (median wall and CPU time
 * of that many runs, ours and the baseline alternating; peak RSS is the
 * largest), `--keep` (keep the temp directory).
 * Run after `npm run build` (the npm script does).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { validateConfig } from "../lib/config/load";
import { DEFAULT_CONFIG_PATH } from "../stacks/default-config";
import { generateConfig, readBaseConfig } from "./generate-config";
import type { Usage } from "./report-usage";

const ROOT = resolve(__dirname, "..", "..");
const APP = join(ROOT, "dist", "stacks", "main.js");
const BASELINE = join(__dirname, "baseline.js");
const REPORT_USAGE = join(__dirname, "report-usage.js");

/** Targets from issue 9. */
const TARGETS = { ratio100: 1.5, growth500: 5.5, rss500Bytes: 2 * 1024 ** 3 };

interface Measurement {
  /** Median wall time, in milliseconds. */
  readonly wallMs: number;
  /** Median CPU time (user + system), in milliseconds: less sensitive than wall time to other load. */
  readonly cpuMs: number;
  /** Largest peak RSS, in bytes. */
  readonly rssBytes: number;
}

interface Row {
  readonly tenants: number;
  readonly stacks: number;
  readonly resources: number;
  readonly ours: Measurement;
  readonly bare: Measurement;
}

/** A process to measure: a script and its environment. */
interface Job {
  readonly script: string;
  readonly env: Record<string, string>;
}

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? undefined : process.argv[i + 1];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Run a job once in a fresh node process: wall time (less any time it excluded), CPU time, peak RSS. */
function runOnce({ script, env }: Job, usageFile: string): Measurement {
  rmSync(usageFile, { force: true });
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ["-r", REPORT_USAGE, script], {
    cwd: ROOT,
    env: { ...process.env, CHECKPOINT_DISABLE: "1", ...env, BENCH_USAGE_FILE: usageFile },
    stdio: ["ignore", "ignore", "pipe"],
    encoding: "utf8",
  });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (child.status !== 0) throw new Error(`bench: ${script} failed (exit ${child.status}):\n${child.stderr}`);
  const usage: Usage = JSON.parse(readFileSync(usageFile, "utf8"));
  return { wallMs: wallMs - usage.excludedMs, cpuMs: usage.cpuMs - usage.excludedMs, rssBytes: usage.maxRssBytes };
}

/** Median times and largest RSS of several runs. */
function summarize(runs: Measurement[]): Measurement {
  return {
    wallMs: median(runs.map((r) => r.wallMs)),
    cpuMs: median(runs.map((r) => r.cpuMs)),
    rssBytes: Math.max(...runs.map((r) => r.rssBytes)),
  };
}

/**
 * Run our synth and then the baseline (which reads our output), alternately,
 * `runs` times each, so that both see the same background load.
 */
function measurePair(ours: Job, bare: Job, runs: number, usageFile: string): { ours: Measurement; bare: Measurement } {
  const oursRuns: Measurement[] = [];
  const bareRuns: Measurement[] = [];
  for (let run = 0; run < runs; run++) {
    oursRuns.push(runOnce(ours, usageFile));
    bareRuns.push(runOnce(bare, usageFile));
  }
  return { ours: summarize(oursRuns), bare: summarize(bareRuns) };
}

/** Stacks and resources (managed resources, not data sources) of a `cdktf.out`. */
function countOutput(outdir: string): { stacks: number; resources: number } {
  const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8"));
  const stacks = Object.values<any>(manifest.stacks);
  let resources = 0;
  for (const s of stacks) {
    const json = JSON.parse(readFileSync(join(outdir, s.synthesizedStackPath), "utf8"));
    for (const byName of Object.values<object>(json.resource ?? {})) resources += Object.keys(byName).length;
  }
  return { stacks: stacks.length, resources };
}

const mb = (bytes: number) => `${Math.round(bytes / 1024 ** 2)} MiB`;
const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const ratio = (x: number) => `${x.toFixed(2)}x`;
const check = (ok: boolean) => (ok ? "ok" : "MISSED");

function table(rows: Row[]): string {
  const header = [
    "tenants",
    "stacks",
    "resources",
    "wall time",
    "peak RSS",
    "ms/resource",
    "bare time",
    "bare RSS",
    "time ratio",
    "CPU ratio",
    "RSS ratio",
  ];
  const lines = rows.map((r) => [
    String(r.tenants),
    String(r.stacks),
    String(r.resources),
    sec(r.ours.wallMs),
    mb(r.ours.rssBytes),
    (r.ours.wallMs / r.resources).toFixed(2),
    sec(r.bare.wallMs),
    mb(r.bare.rssBytes),
    ratio(r.ours.wallMs / r.bare.wallMs),
    ratio(r.ours.cpuMs / r.bare.cpuMs),
    ratio(r.ours.rssBytes / r.bare.rssBytes),
  ]);
  const md = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [md(header), md(header.map(() => "---:")), ...lines.map(md)].join("\n");
}

function main(): void {
  const counts = (option("tenants") ?? "1,10,100,500").split(",").map(Number);
  const runs = Number(option("runs") ?? 3);
  const dir = mkdtempSync(join(tmpdir(), "slz-bench-"));
  const usageFile = join(dir, "usage.json");
  const base = readBaseConfig(DEFAULT_CONFIG_PATH);
  console.log(`bench: node ${process.version}, ${cpus().length} cores, ${runs} run(s) each, in ${dir}`);
  const rows: Row[] = [];
  try {
    for (const tenants of counts) {
      const config = generateConfig(base, tenants);
      validateConfig(config, `generated config with ${tenants} tenants`);
      const configFile = join(dir, `tenants-${tenants}.json`);
      writeFileSync(configFile, JSON.stringify(config, null, 1));
      const out = join(dir, `out-${tenants}`);
      const bareOut = join(dir, `bare-${tenants}`);
      const { ours, bare } = measurePair(
        { script: APP, env: { LANDING_ZONE_CONFIG: configFile, CDKTF_OUTDIR: out } },
        { script: BASELINE, env: { BENCH_SOURCE: out, CDKTF_OUTDIR: bareOut } },
        runs,
        usageFile,
      );
      const counted = countOutput(out);
      const bareCounted = countOutput(bareOut);
      if (bareCounted.resources !== counted.resources || bareCounted.stacks !== counted.stacks) {
        throw new Error(`bench: the baseline emitted ${JSON.stringify(bareCounted)}, expected ${JSON.stringify(counted)}`);
      }
      rows.push({ tenants, ...counted, ours, bare });
      console.error(`bench: ${tenants} tenant(s) done`);
    }
  } finally {
    if (!process.argv.includes("--keep")) rmSync(dir, { recursive: true, force: true });
  }

  console.log(table(rows));
  const at = (n: number) => rows.find((r) => r.tenants === n);
  const [r100, r500] = [at(100), at(500)];
  if (r100) {
    const x = r100.ours.wallMs / r100.bare.wallMs;
    const cpu = r100.ours.cpuMs / r100.bare.cpuMs;
    console.log(
      `100 tenants vs bare cdktf: ${ratio(x)} wall time (target <= ${TARGETS.ratio100}x: ${check(x <= TARGETS.ratio100)}), ${ratio(cpu)} CPU time`,
    );
  }
  if (r100 && r500) {
    const g = r500.ours.wallMs / r100.ours.wallMs;
    console.log(`500 vs 100 tenants: ${ratio(g)} time (target <= ${TARGETS.growth500}x: ${check(g <= TARGETS.growth500)})`);
  }
  if (r500) {
    const ok = r500.ours.rssBytes < TARGETS.rss500Bytes;
    console.log(`500 tenants peak RSS: ${mb(r500.ours.rssBytes)} (target < 2048 MiB: ${check(ok)})`);
  }
  const s = r100 ?? rows[rows.length - 1];
  console.log(
    `summary: ${s.tenants} tenants, ${s.resources} resources in ${sec(s.ours.wallMs)}, ` +
      `${ratio(s.ours.wallMs / s.bare.wallMs)} the time and ${ratio(s.ours.rssBytes / s.bare.rssBytes)} the memory of bare cdktf (${sec(s.bare.wallMs)})`,
  );
}

main();
