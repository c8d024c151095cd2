/**
 * Preloaded (`node -r`) into every measured process: on exit, writes the
 * process's peak RSS and CPU time, plus any time the process asked to leave
 * out of the comparison (`excludeFromBench`), to `BENCH_USAGE_FILE`.
 */
import { writeFileSync } from "node:fs";

/** What a measured process reports. */
export interface Usage {
  /** Peak resident set size, in bytes. */
  readonly maxRssBytes: number;
  /** User + system CPU time, in milliseconds. */
  readonly cpuMs: number;
  /** Time spent on bench bookkeeping that is not part of the work measured, in milliseconds. */
  readonly excludedMs: number;
}

const file = process.env.BENCH_USAGE_FILE;
let excludedMs = 0;

/** Leave the time `work` takes out of this process's measurement. */
export function excludeFromBench<T>(work: () => T): T {
  const start = performance.now();
  try {
    return work();
  } finally {
    excludedMs += performance.now() - start;
  }
}

if (file) {
  process.on("exit", () => {
    const usage = process.resourceUsage();
    const report: Usage = {
      maxRssBytes: usage.maxRSS * 1024,
      cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
      excludedMs,
    };
    writeFileSync(file, JSON.stringify(report));
  });
}
