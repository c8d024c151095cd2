/**
 * One waiver model: construct metadata found by walking up the scopes, one
 * record, validated by the engine (also when read back from JSON), covering
 * the construct's own resource and the attribute it names, nothing else.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { evaluate } from "../../lib/checks/engine";
import { REPORT_FILES, SovereigntyGate, SovereigntyGateError } from "../../lib/checks/gate";
import { reportToMarkdown } from "../../lib/checks/report";
import { documentFromConfig } from "../../lib/checks/terraform-json";
import { waive, waiversCovering } from "../../lib/checks/waivers";
import { App } from "../../lib/core";
import { StorageBucket } from "../../lib/google";
import { profileOf } from "../../lib/profiles/profile";
import { SovereignStack } from "../../lib/stack";
import { SovereignBucket } from "../../lib/workloads/sovereign-bucket";
import { runCli } from "../helpers";
import { testContext } from "../workloads/context";

const paris = profileOf("paris");
const REASON = "archive replica approved by the RSSI, ticket SEC-42";
const KEY = "projects/op-keys/locations/europe-west9/keyRings/tenant-t1/cryptoKeys/storage";

/** An app with one stack; synth returns the gate's error message, or "" when it passed. */
function appWith(build: (stack: SovereignStack, app: App) => void): { app: App; outdir: string; synth: () => string } {
  const outdir = mkdtempSync(join(tmpdir(), "lz-waiver-"));
  const app = new App({ outdir });
  const stack = new SovereignStack(app, "workloads", { profile: paris, operatorProjectId: "op-keys" });
  build(stack, app);
  const synth = () => {
    try {
      app.synth();
      return "";
    } catch (e) {
      if (!(e instanceof SovereigntyGateError)) throw e;
      return e.message;
    }
  };
  return { app, outdir, synth };
}

/** A raw bucket in `location`, with the operator key (so only the location rule can fire). */
const rawBucket = (scope: SovereignStack | SovereignBucket, id: string, location: string) =>
  new StorageBucket(scope, id, { name: `${id}-x`, location, encryption: { defaultKmsKeyName: KEY } });

describe("waive()", () => {
  it("lets a waived finding through and lists the waiver, with its reason and expiry, in the report", () => {
    const { app, outdir, synth } = appWith((stack) => {
      waive(rawBucket(stack, "archive", "US"), { ruleId: "SOV-LOC-001", reason: REASON, expires: "2099-12-31" });
    });
    expect(synth()).toBe("");
    const report = SovereigntyGate.reportOf(app)!;
    const waiver = { ruleId: "SOV-LOC-001", reason: REASON, path: "workloads/archive", expires: "2099-12-31" };
    expect(report.stacks[0].waivers).toEqual([waiver]);
    expect(report.stacks[0].waived).toEqual([expect.objectContaining({ ruleId: "SOV-LOC-001", address: "google_storage_bucket.archive", waiver })]);
    expect(JSON.parse(readFileSync(join(outdir, REPORT_FILES.json), "utf8")).stacks[0].waivers).toEqual([waiver]);
    expect(reportToMarkdown(report)).toContain(`| workloads | \`workloads/archive\` | SOV-LOC-001 | - | ${REASON} | 2099-12-31 |`);
  });

  it("records a waiver of the app's last stack (the gate walks the app once, at its first stack), and none in an app without waivers", () => {
    const { app, synth } = appWith((stack, app) => {
      rawBucket(stack, "plain", "europe-west9");
      const last = new SovereignStack(app, "archives", { profile: paris, operatorProjectId: "op-keys" });
      waive(new StorageBucket(last, "archive", { name: "archive-x", location: "US", encryption: { defaultKmsKeyName: KEY } }), {
        ruleId: "SOV-LOC-001",
        reason: REASON,
      });
    });
    expect(synth()).toBe("");
    const [first, second] = SovereigntyGate.reportOf(app)!.stacks;
    expect([first.stack, first.waivers, first.waived]).toEqual(["workloads", [], []]);
    expect([second.stack, second.waivers.length, second.waived.map((f) => f.address)]).toEqual(["archives", 1, ["google_storage_bucket.archive"]]);
    const none = appWith((stack) => rawBucket(stack, "archive", "US"));
    expect(none.synth()).toMatch(/google_storage_bucket\.archive: SOV-LOC-001/);
    expect(SovereigntyGate.reportOf(none.app)!.stacks[0].waivers).toEqual([]);
  });

  it("refuses an unknown rule id, naming the rules", () => {
    const { app } = appWith(() => {});
    expect(() => waive(app, { ruleId: "SOV-LOC-01", reason: REASON })).toThrow(
      /^the app: waiver SOV-LOC-01: ruleId: "SOV-LOC-01" is not a rule of the pack \(allowed: SOV-LOC-001, SOV-LOC-002, /,
    );
    // Any other construct is named by its path.
    expect(() =>
      waive(
        appWith((stack) => rawBucket(stack, "archive", "US"))
          .app.node.findAll()
          .find((c) => c.node.id === "archive")!,
        { ruleId: "x", reason: REASON },
      ),
    ).toThrow(/^\S+\/archive: waiver x: ruleId/);
  });

  it("refuses a short reason and a malformed date", () => {
    const { app } = appWith(() => {});
    expect(() => waive(app, { ruleId: "SOV-LOC-001", reason: "x" })).toThrow(/reason: "x" is too short \(allowed: a written reason of at least 10/);
    expect(() => waive(app, { ruleId: "SOV-LOC-001", reason: REASON, expires: "31/12/2099" })).toThrow(/expires: "31\/12\/2099" is not a date/);
  });

  it("on a SovereignBucket covers its bucket, not a child bucket in the US", () => {
    const { synth } = appWith((stack) => {
      const bucket = new SovereignBucket(stack, "data", {
        context: testContext(),
        name: "slz-data",
        location: "EU",
        waivers: [{ ruleId: "SOV-LOC-001", reason: REASON }],
      });
      rawBucket(bucket, "child", "US");
      expect(waiversCovering(bucket.bucket)).toHaveLength(1);
    });
    const message = synth();
    expect(message).toMatch(/google_storage_bucket\.data_child_[0-9A-F]+: SOV-LOC-001: location "US"/);
    expect(message).not.toMatch(/google_storage_bucket\.data_bucket_/);
  });

  it("covers only the attribute it names", () => {
    const { synth } = appWith((stack) => {
      const bucket = new StorageBucket(stack, "dual", {
        name: "dual-x",
        location: "EU",
        customPlacementConfig: { dataLocations: ["US-EAST1", "US-WEST1"] },
        encryption: { defaultKmsKeyName: KEY },
      });
      waive(bucket, { ruleId: "SOV-LOC-001", reason: REASON, attribute: "location" });
    });
    const message = synth();
    expect(message).toMatch(/google_storage_bucket\.dual: SOV-LOC-001: custom_placement_config\.data_locations "US-EAST1"/);
    expect(message).not.toMatch(/location "EU"/);
  });

  it("on the app or a stack covers no resource: one waiver does not switch a rule off everywhere", () => {
    const { synth } = appWith((stack, app) => {
      rawBucket(stack, "us", "US");
      waive(app, { ruleId: "SOV-LOC-001", reason: REASON });
      waive(stack, { ruleId: "SOV-LOC-001", reason: REASON });
    });
    expect(synth()).toMatch(/google_storage_bucket\.us: SOV-LOC-001/);
  });

  it("on the app or a stack covers no resource, even one that is the stack's default child (id Default or Resource)", () => {
    const outdir = mkdtempSync(join(tmpdir(), "lz-waiver-"));
    const app = new App({ outdir });
    const stack = new SovereignStack(app, "Default", { profile: paris, operatorProjectId: "op-keys" });
    const bucket = rawBucket(stack, "Resource", "US");
    waive(app, { ruleId: "SOV-LOC-001", reason: REASON });
    waive(stack, { ruleId: "SOV-LOC-001", reason: REASON });
    expect(stack.node.defaultChild).toBe(bucket);
    expect(waiversCovering(bucket)).toEqual([]);
    expect(() => app.synth()).toThrow(/google_storage_bucket\.Resource: SOV-LOC-001/);
  });

  it("that expired is a finding, and no longer covers", () => {
    const { synth } = appWith((stack) => {
      waive(rawBucket(stack, "old", "US"), { ruleId: "SOV-LOC-001", reason: REASON, expires: "2020-01-31" });
    });
    const message = synth();
    expect(message).toMatch(/google_storage_bucket\.old: SOV-LOC-001: location "US"/);
    expect(message).toMatch(/google_storage_bucket\.old: SOV-WVR-001: waiver SOV-LOC-001: expires: the waiver expired on 2020-01-31/);
  });
});

describe("waivers read back from JSON", () => {
  const bucketJson = (waivers: unknown[]) => ({
    provider: { google: [{ region: "europe-west9" }] },
    resource: {
      google_storage_bucket: {
        b: { name: "b", location: "US", encryption: { default_kms_key_name: KEY }, "//": { sovereignty: { waivers } } },
      },
    },
  });
  const context = { profile: paris, operatorProjectId: "op-keys", today: "2026-11-23" };
  const stackFindings = (json: object) => evaluate([documentFromConfig(json, "s")], context, { scope: "stack" });

  it("honours a valid hand-written waiver", () => {
    const result = stackFindings(bucketJson([{ ruleId: "SOV-LOC-001", reason: REASON }]));
    expect(result.findings).toEqual([]);
    expect(result.waived.map((f) => f.ruleId)).toEqual(["SOV-LOC-001"]);
  });

  it.each([
    ["a reason of one character", { ruleId: "SOV-LOC-001", reason: "x" }, /reason: "x" is too short/],
    // Ten characters that show nothing in the report: zero-width spaces, a joiner, Hangul fillers.
    [
      "a reason nobody can read",
      { ruleId: "SOV-LOC-001", reason: "\u200b\u200b\u200b\u200d\u3164\u3164\u3164\u2060\u200b ok" },
      /reason: .* is too short/,
    ],
    ["an unknown rule id", { ruleId: "SOV-LOC-999", reason: REASON }, /ruleId: "SOV-LOC-999" is not a rule of the pack/],
    ["an expired date", { ruleId: "SOV-LOC-001", reason: REASON, expires: "2026-11-22" }, /expired on 2026-11-22/],
    ["the former name, with a short reason", "suppressions", /reason: "x" is too short/],
  ])("does not honour %s, and reports it", (_what, waiver, problem) => {
    const json =
      waiver === "suppressions"
        ? {
            ...bucketJson([]),
            resource: {
              google_storage_bucket: {
                b: {
                  ...bucketJson([]).resource.google_storage_bucket.b,
                  "//": { sovereignty: { suppressions: [{ ruleId: "SOV-LOC-001", reason: "x" }] } },
                },
              },
            },
          }
        : bucketJson([waiver]);
    const result = stackFindings(json);
    expect(result.waived).toEqual([]);
    expect(result.findings.map((f) => f.ruleId).sort()).toEqual(["SOV-LOC-001", "SOV-WVR-001"]);
    expect(result.findings.find((f) => f.ruleId === "SOV-WVR-001")!.message).toMatch(problem);
  });

  it("a hand-written override with a short reason fails synth, and `check` does not honour it either", () => {
    const { outdir, synth } = appWith((stack) => {
      rawBucket(stack, "forged", "US").addOverride("//.sovereignty.waivers", [{ ruleId: "SOV-LOC-001", reason: "x", path: "workloads/forged" }]);
    });
    expect(synth()).toMatch(/google_storage_bucket\.forged: SOV-WVR-001: waiver SOV-LOC-001: reason: "x" is too short/);
    const dir = join(outdir, "forged");
    mkdirSync(dir);
    writeFileSync(join(dir, "cdk.tf.json"), JSON.stringify(bucketJson([{ ruleId: "SOV-LOC-001", reason: "x" }])));
    const { code, out } = runCli("check", dir, "--operator-project", "op-keys");
    expect(code).toBe(1);
    expect(out).toMatch(/SOV-LOC-001/);
    expect(out).toMatch(/SOV-WVR-001/);
  });
});
