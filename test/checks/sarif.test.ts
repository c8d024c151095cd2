import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { SOVEREIGNTY_RULES } from "../../lib/checks/pack";
import { lineOfResource } from "../../lib/checks/sarif";
import { configWith, runCli, synthApp } from "../helpers";
import { sarifProblems } from "../support/sarif-schema";

/** A Terraform JSON file written by hand (no library): a bucket in the EU multi-region without a key, and a suppressed finding. */
const FOREIGN = {
  provider: { google: [{ region: "europe-west9" }] },
  resource: {
    google_storage_bucket: {
      logs: { name: "logs", location: "EU" },
      archive: {
        name: "archive",
        location: "europe-west9",
        "//": { sovereignty: { suppressions: [{ ruleId: "SOV-KEY-001", reason: "read-only archive, migrated in ticket OPS-7" }] } },
      },
    },
  },
};

describe("SARIF 2.1.0", () => {
  const dir = mkdtempSync(join(tmpdir(), "lz-sarif-"));
  const file = join(dir, "main.tf.json");
  writeFileSync(file, JSON.stringify(FOREIGN, null, 2));
  const run = () => {
    const { code, out } = runCli("check", file, "--format", "sarif", "--operator-project", "op-key-custody");
    return { code, sarif: JSON.parse(out) };
  };

  it("is valid against the SARIF 2.1.0 schema, with one rule per rule of the pack", () => {
    const { code, sarif } = run();
    expect(code).toBe(1);
    expect(sarifProblems(sarif)).toEqual([]);
    expect(sarif.version).toBe("2.1.0");
    const rules = sarif.runs[0].tool.driver.rules;
    expect(rules.map((r: any) => r.id)).toEqual(SOVEREIGNTY_RULES.map((r) => r.id));
    const location = rules.find((r: any) => r.id === "SOV-LOC-001");
    expect(location).toMatchObject({
      shortDescription: { text: expect.stringContaining("location") },
      fullDescription: { text: expect.stringContaining("Paris") },
      help: { text: expect.stringMatching(/^Fix: /) },
      defaultConfiguration: { level: "error" },
    });
  });

  it("locates each finding in the checked file, at the resource's line and address", () => {
    const { sarif } = run();
    const results = sarif.runs[0].results;
    const eu = results.find((r: any) => r.ruleId === "SOV-LOC-001");
    const [loc] = eu.locations;
    expect(loc.physicalLocation.artifactLocation.uri).toBe(relative(process.cwd(), file));
    const lines = readFileSync(file, "utf8").split("\n");
    expect(lines[loc.physicalLocation.region.startLine - 1]).toContain('"logs": {');
    expect(loc.logicalLocations).toEqual([
      { name: "google_storage_bucket.logs", fullyQualifiedName: "main.tf.json/google_storage_bucket.logs", kind: "resource" },
    ]);
    expect(eu.message.text).toContain('"EU" is outside the sovereign boundary');
    // A workload-only file holds no landing zone: the location guardrail is not demanded of it (issue 14).
    expect(results.filter((r: any) => r.ruleId === "SOV-GRD-001")).toHaveLength(0);
  });

  it("keeps suppressed findings as suppressed results with their reason, and unsuppressed ones without", () => {
    const { sarif } = run();
    const keyResults = sarif.runs[0].results.filter((r: any) => r.ruleId === "SOV-KEY-001");
    const archive = keyResults.find((r: any) => r.locations[0].logicalLocations[0].name === "google_storage_bucket.archive");
    const logs = keyResults.find((r: any) => r.locations[0].logicalLocations[0].name === "google_storage_bucket.logs");
    expect(archive.suppressions).toEqual([{ kind: "inSource", status: "accepted", justification: "read-only archive, migrated in ticket OPS-7" }]);
    expect(logs.suppressions).toBeUndefined();
  });

  it("is valid and empty of results for the synthesized default app", () => {
    const outdir = join(dir, "cdktf.out");
    synthApp(configWith(), outdir);
    const { code, out } = runCli("check", outdir, "--format", "sarif");
    expect(code).toBe(0);
    const sarif = JSON.parse(out);
    expect(sarifProblems(sarif)).toEqual([]);
    expect(sarif.runs[0].results).toEqual([]);
    expect(sarif.runs[0].artifacts.map((a: any) => a.location.uri)).toContain(
      relative(process.cwd(), join(outdir, "stacks/key-custody/cdk.tf.json")),
    );
  });

  it("a log that breaks the schema is rejected (the validation is not vacuous)", () => {
    const { sarif } = run();
    expect(sarifProblems({ ...sarif, version: "2.0.0" })).toEqual(["/version must be equal to one of the allowed values"]);
    const broken = structuredClone(sarif);
    broken.runs[0].results[0].level = "fatal";
    expect(sarifProblems(broken)).toContain("/runs/0/results/0/level must be equal to one of the allowed values");
    const noUri = structuredClone(sarif);
    noUri.runs[0].tool.driver.informationUri = "not a uri";
    expect(sarifProblems(noUri)).toContain('/runs/0/tool/driver/informationUri must match format "uri"');
  });
});

describe("lineOfResource", () => {
  it("finds a plan's resource by address and a configuration's by type and name", () => {
    const plan = JSON.stringify({ planned_values: { root_module: { resources: [{ address: "module.a.google_storage_bucket.b" }] } } }, null, 2);
    expect(plan.split("\n")[lineOfResource(plan, "module.a.google_storage_bucket.b") - 1]).toContain('"address"');
    const config = JSON.stringify({ "//": { overrides: { google_storage_bucket: ["x"] } }, resource: { google_storage_bucket: { b: {} } } }, null, 2);
    expect(config.split("\n")[lineOfResource(config, "google_storage_bucket.b") - 1]).toContain('"b": {}');
  });

  it("falls back to line 1 for what it cannot find", () => {
    expect(lineOfResource(undefined, "google_storage_bucket.b")).toBe(1);
    expect(lineOfResource("{}", "google_storage_bucket.b")).toBe(1);
  });
});
