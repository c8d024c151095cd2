/**
 * The guard of parallel synthesis: the compiled app (`npm run synth`) writes
 * the same files on several threads as on one, byte for byte, for a generated
 * 5-tenant config on 3 threads (tenant stacks in every thread, cross-stack
 * references to the foundation), and fails the same way, writing nothing, when
 * a stack written by another thread breaks a rule.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { generateConfig, readBaseConfig } from "../../bench/generate-config";
import { DEFAULT_CONFIG_PATH } from "../../stacks/default-config";
import { startShare } from "../../stacks/share-channel";
import { sharesOf, synthThreads, TENANTS_PER_THREAD } from "../../stacks/synth-threads";
import { compiledApp } from "../support/compiled-app";

const ROOT = join(__dirname, "..", "..");

/** Every file under `dir`, by relative path, with its content. */
function filesOf(dir: string): Map<string, Buffer> {
  const entries = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  return new Map(entries.map((e) => [relative(dir, join(e.parentPath, e.name)), readFileSync(join(e.parentPath, e.name))]));
}

/** The paths whose content differs (or that only one side has). */
function differences(a: Map<string, Buffer>, b: Map<string, Buffer>): string[] {
  const paths = new Set([...a.keys(), ...b.keys()]);
  return [...paths].filter((p) => !a.has(p) || !b.has(p) || !a.get(p)!.equals(b.get(p)!)).sort();
}

describe("synthesis on several threads writes what one thread writes", () => {
  const dir = mkdtempSync(join(tmpdir(), "lz-threads-"));
  const base = readBaseConfig(DEFAULT_CONFIG_PATH);
  let build: string;
  beforeAll(() => (build = compiledApp()));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** `npm run synth` of `config` on `threads` threads. */
  function synth(config: object, threads: number, name: string) {
    const file = join(dir, `${name}.json`);
    writeFileSync(file, JSON.stringify(config));
    const outdir = join(dir, `${name}-${threads}`);
    const run = spawnSync(process.execPath, [join(build, "stacks", "main.js")], {
      env: { ...process.env, CHECKPOINT_DISABLE: "1", LANDING_ZONE_CONFIG: file, CDKTF_OUTDIR: outdir, SOVEREIGN_LZ_SYNTH_THREADS: String(threads) },
      encoding: "utf8",
    });
    return { ...run, outdir };
  }

  test("5 tenants on 3 threads: every file byte for byte", () => {
    // Each thread synthesizes tenants: the main thread its head start, each other thread one.
    expect(sharesOf(5, 3)).toEqual([[0, 1, 2], [3], [4]]);
    const config = generateConfig(base, 5);
    const one = synth(config, 1, "five");
    const three = synth(config, 3, "five");
    expect([one.status, three.status]).toEqual([0, 0]);
    expect(one.stdout).not.toMatch(/synthesized on/);
    expect(three.stdout).toMatch(/^synthesized on 3 threads$/m);
    const [a, b] = [filesOf(one.outdir), filesOf(three.outdir)];
    expect([...a.keys()].filter((p) => p.endsWith("cdk.tf.json")).length).toBe(7);
    // The last tenant is synthesized by the last thread, and reads the foundation's root folder from its state.
    const last = JSON.parse(b.get(join("stacks", "tenant-t0005", "cdk.tf.json"))!.toString());
    expect(Object.keys(last.data.terraform_remote_state)).toEqual(["cross-stack-reference-input-foundation"]);
    expect(differences(a, b)).toEqual([]);
  });

  test("a finding in a stack of another thread: the same one-line findings, exit 1, nothing written", () => {
    const config = generateConfig(base, 4) as { tenants: Record<string, unknown>[] };
    config.tenants[3].guardrails = {
      waivers: [{ constraint: "gcp.restrictNonCmekServices", reason: "legacy workload, migrating", expires: "2020-01-01" }],
    };
    const one = synth(config, 1, "expired");
    const three = synth(config, 3, "expired");
    expect([one.status, three.status]).toEqual([1, 1]);
    expect(three.stderr).toMatch(/^error: sovereignty check failed; .*\n {2}tenant-t0004: .*SOV-WVR-001: .*expired on 2020-01-01/);
    expect(three.stderr).toBe(one.stderr);
    expect(existsSync(three.outdir)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.includes("staging"))).toEqual([]);
  });

  describe("the channel to a thread (test/fixtures/threads/share.js, on the compiled channel)", () => {
    const script = join(ROOT, "test", "fixtures", "threads", "share.js");
    /** The compiled channel the thread answers on. */
    const channel = () => join(build, "stacks", "share-channel.js");

    test("answers the thread's result", () => {
      expect(startShare(script, { channel: channel(), how: "answer", value: 21 }).result()).toEqual({ doubled: 42 });
    });

    test.each([
      ["throw", "the share failed: one line"],
      ["die while loading", "cannot load a module"],
      ["exit", "a synthesis thread stopped without answering"],
    ])("a thread that fails (%s): its message, as an error of the main thread", (how, message) => {
      expect(() => startShare(script, { channel: channel(), how }).result()).toThrow(new Error(message));
    });

    test("stop() waits for the thread, which is then done", () => {
      const share = startShare(script, { channel: channel(), how: "answer", value: 1 });
      share.stop();
      expect(share.result()).toEqual({ doubled: 2 });
    });
  });
});

describe("shares and threads", () => {
  test("every tenant in one share, in order; the main thread's share first and largest; every share non-empty", () => {
    for (const [tenants, threads] of [
      [20, 3],
      [2, 2],
      [500, 2],
      [1000, 7],
    ]) {
      const shares = sharesOf(tenants, threads);
      expect(shares.length).toBe(threads);
      expect(shares.flat()).toEqual(Array.from({ length: tenants }, (_, i) => i));
      expect(shares.every((s) => s.length > 0)).toBe(true);
      expect(Math.max(...shares.map((s) => s.length))).toBe(shares[0].length);
    }
    expect(sharesOf(5, 1)).toEqual([[0, 1, 2, 3, 4]]);
  });

  test("one thread below the threshold; SOVEREIGN_LZ_SYNTH_THREADS decides when set, and must be a whole number", () => {
    expect(synthThreads(TENANTS_PER_THREAD * 2 - 1, {})).toBe(1);
    expect(synthThreads(4, { SOVEREIGN_LZ_SYNTH_THREADS: "1" })).toBe(1);
    for (const bad of ["0", "two", "-1", "1.5", ""]) {
      expect(() => synthThreads(4, { SOVEREIGN_LZ_SYNTH_THREADS: bad })).toThrow(
        `SOVEREIGN_LZ_SYNTH_THREADS: "${bad}" is not a number of threads (allowed: a whole number >= 1)`,
      );
    }
  });
});
