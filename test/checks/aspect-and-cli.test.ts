import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { REPORT_FILES, SovereigntyGate } from "../../lib/checks/gate";
import { waive } from "../../lib/checks/waivers";
import { StorageBucket } from "@cdktf/provider-google/lib/storage-bucket";
import { buildApp } from "../../stacks/app";
import { configWith, runCli } from "../helpers";

/** Run the checker in-process, capturing its output. */
const runCheck = (args: string[]) => runCli("check", ...args);

/** The default app, with a hand-added bucket in Frankfurt's multi-region in the first tenant. */
function appWithForeignBucket() {
  const lz = buildApp(configWith(), mkdtempSync(join(tmpdir(), "lz-check-")));
  const bucket = new StorageBucket(lz.tenants[0], "rogue-bucket", { name: "rogue", location: "EU" });
  return { ...lz, bucket };
}

describe("rule pack at synth", () => {
  it("synthesizes the default app with zero findings and writes the report", () => {
    const outdir = mkdtempSync(join(tmpdir(), "lz-report-"));
    const { app } = buildApp(configWith(), outdir);
    app.synth();
    const report = SovereigntyGate.reportOf(app)!;
    expect(report.summary).toMatchObject({ result: "pass", stacks: 4, findings: 0 });
    expect(report.summary.resources).toBeGreaterThan(100);
    expect(JSON.parse(readFileSync(join(outdir, REPORT_FILES.json), "utf8")).summary.result).toBe("pass");
    expect(readFileSync(join(outdir, REPORT_FILES.markdown), "utf8")).toMatch(/\*\*Result: PASS\*\*/);
    expect(report.stacks.every((s) => s.rulesChecked.includes("SOV-LOC-001"))).toBe(true);
  });

  it("counts in the singular for one in the Markdown report's result line, in the plural otherwise", () => {
    const dir = mkdtempSync(join(tmpdir(), "lz-md-"));
    const file = join(dir, "main.tf.json");
    const bucket = (location: string) => ({ name: "b", location, project: "p" });
    writeFileSync(file, JSON.stringify({ resource: { google_storage_bucket: { b: bucket("EU") } } }));
    expect(runCheck([file, "--format", "markdown", "--operator-project", "op-key-custody"]).out).toMatch(
      /\*\*Result: FAIL\*\* — 1 stack, 1 resource, 2 findings, 0 waived findings, 0 waivers\./,
    );
  });

  it("fails synth on an out-of-boundary resource added by hand, naming the stack, address and rule, as docs/sovereignty-checks.md shows", () => {
    const { app } = appWithForeignBucket();
    expect(() => app.synth()).toThrow(
      /tenant-ministere-a: google_storage_bucket\.rogue-bucket: SOV-LOC-001: location "EU" is outside the sovereign boundary/,
    );
    // The page's example: its first line and the finding's line up to the allowed values are the message's own.
    const page = readFileSync(join(__dirname, "..", "..", "docs", "sovereignty-checks.md"), "utf8");
    const [heading, finding] = /```\n(sovereignty check failed.*)\n(.*)\(allowed: europe-west9, \.\.\.\)/.exec(page)!.slice(1);
    const message = (() => {
      try {
        appWithForeignBucket().app.synth();
      } catch (e) {
        return (e as Error).message;
      }
      return "synth passed";
    })();
    expect(message).toContain(`${heading}\n${finding}(allowed: europe-west9, `);
  });

  it("fails synth when the location guardrail is switched off, after the stacks are written", () => {
    const reason = "evaluation organization, no guardrails for the pilot";
    const outdir = mkdtempSync(join(tmpdir(), "lz-nogrd-"));
    const { app } = buildApp(
      configWith((c) => (c.guardrails = { waivers: [{ group: "location", reason }] })),
      outdir,
    );
    expect(() => app.synth()).toThrow(/SOV-GRD-001/);
  });

  it("accepts a waiver with a reason and lists it in the report", () => {
    const { app, bucket } = appWithForeignBucket();
    waive(bucket, { ruleId: "SOV-LOC-001", reason: "archive replica approved by the RSSI until 2027" });
    waive(bucket, { ruleId: "SOV-KEY-001", reason: "archive replica approved by the RSSI until 2027" });
    app.synth();
    const tenant = SovereigntyGate.reportOf(app)!.stacks.find((s) => s.stack === "tenant-ministere-a")!;
    expect(tenant.findings).toEqual([]);
    expect(tenant.waived.map((s) => [s.ruleId, s.waiver.reason])).toEqual([
      ["SOV-LOC-001", "archive replica approved by the RSSI until 2027"],
      ["SOV-KEY-001", "archive replica approved by the RSSI until 2027"],
    ]);
  });

  it("refuses a waiver without a reason", () => {
    const { bucket } = appWithForeignBucket();
    expect(() => waive(bucket, { ruleId: "SOV-LOC-001", reason: " " })).toThrow(/waiver SOV-LOC-001: reason: " " is too short/);
  });

  it("lists guardrail waivers in the report", () => {
    const reason = "pilot tenant migrating from a legacy VPC until 2027-03";
    const { app } = buildApp(
      configWith((c) => (c.guardrails = { waivers: [{ group: "baseline", reason }] })),
      mkdtempSync(join(tmpdir(), "lz-w-")),
    );
    app.synth();
    expect(SovereigntyGate.reportOf(app)!.stacks.find((s) => s.stack === "foundation")!.waivers).toEqual([
      { ruleId: "guardrail:baseline", reason, path: "foundation/guardrails" },
    ]);
  });
});

describe("sovereign-lz check", () => {
  const dir = mkdtempSync(join(tmpdir(), "lz-cli-"));
  let outdir: string;
  beforeAll(() => {
    outdir = join(dir, "cdktf.out");
    const { app } = buildApp(configWith(), outdir);
    app.synth();
  });

  it("exits 0 on the synthesized default app", () => {
    const { code, out } = runCheck([outdir]);
    expect(code).toBe(0);
    expect(out).toMatch(/^pass: 4 stacks, \d+ resources, 0 findings/m);
  });

  it("finds the same findings as the synth gate, and exits 1", () => {
    // The gate removes failing stacks: keep them (no rmSync) so the checker reads what was written.
    const { app } = appWithForeignBucket();
    const rm = jest.spyOn(jest.requireActual<typeof import("node:fs")>("node:fs"), "rmSync").mockImplementation(() => {});
    try {
      expect(() => app.synth()).toThrow(/SOV-LOC-001/);
    } finally {
      rm.mockRestore();
    }
    const gate = SovereigntyGate.reportOf(app)!.stacks.flatMap((s) => s.findings.map((f) => `${f.stack} ${f.address} ${f.ruleId}`));
    expect(gate.length).toBeGreaterThan(0);
    const { code, out } = runCheck([app.outdir, "--format", "json", "--operator-project", "op-key-custody"]);
    expect(code).toBe(1);
    const cli = JSON.parse(out).stacks.flatMap((s: any) => s.findings.map((f: any) => `${f.stack} ${f.address} ${f.ruleId}`));
    expect(cli.sort()).toEqual(gate.sort());
  });

  it("checks a plain Terraform JSON file that does not use this library", () => {
    const file = join(dir, "main.tf.json");
    writeFileSync(
      file,
      JSON.stringify({
        provider: { google: [{ region: "europe-west1" }] },
        resource: { google_storage_bucket: { logs: { name: "logs", location: "EU" } } },
      }),
    );
    const { code, out } = runCheck([file, "--format", "markdown"]);
    expect(code).toBe(1);
    expect(out).toMatch(/\*\*Result: FAIL\*\*/);
    for (const rule of ["SOV-LOC-001", "SOV-LOC-002", "SOV-KEY-001", "SOV-GRD-001"]) expect(out).toContain(rule);
  });

  it("exits 2 on input it cannot read", () => {
    const junk = join(dir, "junk.json");
    writeFileSync(junk, "{ not json");
    expect(runCheck([junk])).toMatchObject({ code: 2, err: expect.stringMatching(/junk\.json: not readable as JSON/) });
    const other = join(dir, "other.json");
    writeFileSync(other, JSON.stringify({ hello: "world" }));
    expect(runCheck([other])).toMatchObject({ code: 2, err: expect.stringMatching(/neither a Terraform JSON configuration nor a plan/) });
    mkdirSync(join(dir, "empty"));
    expect(runCheck([join(dir, "empty")])).toMatchObject({ code: 2, err: expect.stringMatching(/no Terraform JSON/) });
    expect(runCheck([join(dir, "missing")]).code).toBe(2);
    expect(runCheck([outdir, "--format", "yaml"]).code).toBe(2);
  });
});
