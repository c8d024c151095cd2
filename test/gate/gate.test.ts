/**
 * The sovereignty gate in apps the library does not build: a platform team's
 * own cdktf app with `SovereignStack` (or a plain `TerraformStack` and
 * `enforceSovereignty`). Each case of issue 15's "Why" that concerns the gate
 * has its negative test here.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Construct } from "constructs";
import { REPORT_FILES, SovereigntyGate, SovereigntyGateError } from "../../lib/checks/gate";
import { SOVEREIGNTY_RULES } from "../../lib/checks/pack";
import type { Rule } from "../../lib/checks/types";
import { App, TerraformStack } from "../../lib/core";
import { GoogleProvider, StorageBucket } from "../../lib/google";
import { profileOf } from "../../lib/profiles/profile";
import { enforceSovereignty, SovereignStack } from "../../lib/stack";
import { SovereignBucket } from "../../lib/workloads/sovereign-bucket";
import { testContext } from "../workloads/context";

const paris = profileOf("paris");
const newOutdir = () => mkdtempSync(join(tmpdir(), "lz-gate-"));
const stackFile = (outdir: string, stack: string) => join(outdir, "stacks", stack, "cdk.tf.json");

/** A raw bucket in the US multi-region, as a user could write it. */
const usBucket = (scope: Construct, id = "us-bucket") => new StorageBucket(scope, id, { name: `${id}-x`, location: "US" });

/** Synthesize, expecting the gate to refuse; returns its error. */
function refused(app: App): SovereigntyGateError {
  try {
    app.synth();
  } catch (e) {
    expect(e).toBeInstanceOf(SovereigntyGateError);
    return e as SovereigntyGateError;
  }
  throw new Error("synth passed the gate");
}

/** The app's outputs `cdktf deploy` could pick up: the manifest and the stack's file. */
function deployable(outdir: string, stack: string): string[] {
  return [join(outdir, "manifest.json"), stackFile(outdir, stack)].filter(existsSync);
}

describe("the gate in a consumer app", () => {
  it("refuses a raw US bucket in a SovereignStack, with no apply() call, and leaves nothing deployable", () => {
    const outdir = newOutdir();
    const app = new App({ outdir });
    usBucket(new SovereignStack(app, "workloads", { profile: paris }));
    const error = refused(app);
    expect(error.message).toMatch(/workloads: google_storage_bucket\.us-bucket: SOV-LOC-001: location "US" is outside the sovereign boundary/);
    expect(deployable(outdir, "workloads")).toEqual([]);
    expect(JSON.parse(readFileSync(join(outdir, REPORT_FILES.json), "utf8")).summary.result).toBe("fail");
  });

  it("judges the stack's own Google provider as written by cdktf (source `google`): a region override is refused", () => {
    const outdir = newOutdir();
    const app = new App({ outdir });
    new SovereignStack(app, "workloads", { profile: paris }).addOverride("provider.google.0.region", "us-central1");
    expect(refused(app).message).toMatch(/workloads: provider\.google: SOV-LOC-002: region "us-central1" is outside the sovereign boundary/);
    expect(deployable(outdir, "workloads")).toEqual([]);
  });

  it("refuses what no rule can judge: another cloud's resource, a provisioner", () => {
    const app = new App({ outdir: newOutdir() });
    const stack = new SovereignStack(app, "workloads", { profile: paris });
    new SovereignBucket(stack, "docs", { context: testContext(), name: "slz-t1-prod-docs" }).bucket.addOverride("provisioner", [
      { "local-exec": { command: "gsutil cp -r gs://slz-t1-prod-docs gs://elsewhere" } },
    ]);
    stack.addOverride("terraform.backend.s3", { bucket: "state", region: "us-east-1" });
    const message = refused(app).message;
    expect(message).toMatch(/google_storage_bucket\.\S+: SOV-CAT-002: runs local-exec provisioner/);
    expect(message).toMatch(/terraform\.backend: SOV-BKD-001: 2 backends \(local, s3\)/);
  });

  it("holds for a stack nested under a construct and created after the others", () => {
    const outdir = newOutdir();
    const app = new App({ outdir });
    new SovereignStack(app, "first", { profile: paris });
    usBucket(new SovereignStack(new Construct(app, "group"), "late", { profile: paris }));
    expect(refused(app).message).toMatch(/late: google_storage_bucket\.us-bucket: SOV-LOC-001/);
    expect(deployable(outdir, "late")).toEqual([]);
  });

  it("holds under new App({ skipValidation: true })", () => {
    const outdir = newOutdir();
    const app = new App({ outdir, skipValidation: true });
    usBucket(new SovereignStack(app, "workloads", { profile: paris }));
    expect(refused(app).message).toMatch(/SOV-LOC-001/);
    expect(deployable(outdir, "workloads")).toEqual([]);
  });

  it("holds with CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS=true (as the cdktf CLI runs apps)", () => {
    process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS = "true";
    try {
      const outdir = newOutdir();
      const app = new App({ outdir });
      usBucket(new SovereignStack(app, "workloads", { profile: paris }));
      expect(refused(app).message).toMatch(/SOV-LOC-001/);
      expect(deployable(outdir, "workloads")).toEqual([]);
    } finally {
      delete process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS;
    }
  });

  it("removes the previous run's manifest and stack file when the stack now fails", () => {
    const outdir = newOutdir();
    mkdirSync(join(outdir, "stacks", "workloads"), { recursive: true });
    writeFileSync(join(outdir, "manifest.json"), "{}");
    writeFileSync(stackFile(outdir, "workloads"), "{}");
    const app = new App({ outdir });
    usBucket(new SovereignStack(app, "workloads", { profile: paris }));
    refused(app);
    expect(deployable(outdir, "workloads")).toEqual([]);
  });

  it("checks what is written: a value changed by a validation after the rules used to run", () => {
    const app = new App({ outdir: newOutdir() });
    const stack = new SovereignStack(app, "workloads", { profile: paris });
    const bucket = new SovereignBucket(stack, "data", { context: testContext(), name: "slz-data" });
    // A child's validation runs after every aspect and can still change the resource.
    bucket.node.addValidation({ validate: () => ((bucket.bucket.location = "US"), []) });
    expect(refused(app).message).toMatch(/google_storage_bucket\.[^:]+: SOV-LOC-001: location "US"/);
  });

  it("checks what is written: a Lazy value resolved only when the file is written", () => {
    const app = new App({ outdir: newOutdir() });
    const stack = new SovereignStack(app, "workloads", { profile: paris });
    let location = "europe-west9";
    const bucket = new StorageBucket(stack, "lazy", { name: "lazy-x", location: "europe-west9" });
    bucket.addOverride("location", { toString: () => location, resolve: () => location, creationStack: [] });
    location = "US";
    expect(refused(app).message).toMatch(/google_storage_bucket\.lazy: SOV-LOC-001/);
  });

  it("judges the blocks a dynamic block generates (cdktf's iterators write `dynamic` with iterator `each`)", () => {
    const outdir = newOutdir();
    const app = new App({ outdir });
    const context = testContext();
    const stack = new SovereignStack(app, "workloads", { profile: paris, operatorProjectId: context.keys.operatorProjectId });
    const placed = new SovereignBucket(stack, "data", { context, name: "slz-data" });
    (placed.node.defaultChild as StorageBucket).addOverride("dynamic.custom_placement_config", {
      for_each: '${toset(["x"])}',
      iterator: "each",
      content: { data_locations: ["US-EAST1", "${each.value}"] },
    });
    const messages = refused(app).findings.map((f) => `${f.ruleId}: ${f.message}`);
    expect(messages).toEqual([
      expect.stringMatching(/^SOV-LOC-001: custom_placement_config\.data_locations "US-EAST1" is outside/),
      // The iterator is the dynamic block's element ("x", from a for_each the rules resolve), not the stack's.
      expect.stringMatching(/^SOV-LOC-001: custom_placement_config\.data_locations "x" is outside/),
    ]);
    expect(deployable(outdir, "workloads")).toEqual([]);
  });

  it("keeps a stack gated when its synthesizer is replaced afterwards: the new one runs behind the gate", () => {
    const outdir = newOutdir();
    const app = new App({ outdir });
    const stack = new SovereignStack(app, "workloads", { profile: paris });
    usBucket(stack);
    const gated = stack.synthesizer;
    let ran = 0;
    stack.synthesizer = {
      synthesize: (session) => {
        ran++;
        const file = join(session.outdir, session.manifest.forStack(stack).synthesizedStackPath);
        mkdirSync(join(file, ".."), { recursive: true });
        writeFileSync(file, JSON.stringify(stack.toTerraform()));
      },
    };
    expect(stack.synthesizer).toBe(gated);
    expect(refused(app).message).toMatch(/google_storage_bucket\.us-bucket: SOV-LOC-001/);
    expect(ran).toBe(1);
    expect(deployable(outdir, "workloads")).toEqual([]);
  });

  it("refuses a stack whose directory holds a file Terraform would load with it, which the gate did not judge (an override file)", () => {
    /** A stack whose synthesizer writes its file, then `extra` files beside it. */
    const writing = (app: App, extra: Record<string, unknown>) => {
      const stack = new SovereignStack(app, "workloads", { profile: paris });
      stack.synthesizer = {
        synthesize: (session) => {
          const file = join(session.outdir, session.manifest.forStack(stack).synthesizedStackPath);
          mkdirSync(join(file, ".."), { recursive: true });
          writeFileSync(file, JSON.stringify(stack.toTerraform()));
          for (const [name, json] of Object.entries(extra)) writeFileSync(join(file, "..", name), JSON.stringify(json));
        },
      };
    };
    const outdir = newOutdir();
    const app = new App({ outdir });
    writing(app, { "evil_override.tf.json": { resource: { google_storage_bucket: { b: { location: "US" } } } }, "notes.json": {} });
    expect(() => app.synth()).toThrow(/workloads: evil_override\.tf\.json beside the stack's file: Terraform loads them with it/);
    expect(deployable(outdir, "workloads")).toEqual([]);
    // A JSON file Terraform does not load beside the stack's is no concern.
    const clean = new App({ outdir: newOutdir() });
    writing(clean, { "notes.json": {} });
    expect(() => clean.synth()).not.toThrow();
  });

  it("refuses two stacks of the app with one id: cdktf writes both to stacks/<id>, the last one over the judged file", () => {
    const outdir = newOutdir();
    const app = new App({ outdir });
    new SovereignStack(app, "prod", { profile: paris });
    const ungated = new TerraformStack(new Construct(app, "team"), "prod");
    new GoogleProvider(ungated, "google", { region: "us-east1" });
    usBucket(ungated);
    expect(() => app.synth()).toThrow(/prod: 2 stacks of the app are named "prod" and written to the same directory/);
    expect(deployable(outdir, "prod")).toEqual([]);
    const distinct = new App({ outdir: newOutdir() });
    new SovereignStack(distinct, "prod", { profile: paris });
    new TerraformStack(new Construct(distinct, "team"), "team-prod");
    expect(() => distinct.synth()).not.toThrow();
  });

  it("judges against the library's profiles only: a copy that widens the boundary under the same name is refused", () => {
    const app = new App({ outdir: newOutdir() });
    const widened = { ...paris, region: "us-east1", allowedLocations: ["us-east1", "us"] };
    expect(() => new SovereignStack(app, "wide", { profile: widened })).toThrow(
      `wide: profile: "paris" is not one of the library's profiles as defined (allowed: profileOf("paris"), profileOf("s3ns")`,
    );
    expect(() => enforceSovereignty(new TerraformStack(app, "plain"), { profile: { ...paris, keyProtectionLevels: ["SOFTWARE"] } })).toThrow(
      /plain: profile: "paris" is not one of the library's profiles/,
    );
    // An equal copy (another copy of the library, a profile read back from JSON) is the same boundary.
    expect(() => new SovereignStack(app, "copy", { profile: JSON.parse(JSON.stringify(paris)) })).not.toThrow();
  });

  it("runs every rule of the pack: rules that leave one out or replace one are refused, rules added to the pack run too", () => {
    const app = new App({ outdir: newOutdir() });
    expect(() => new SovereignStack(app, "none", { profile: paris, rules: [] })).toThrow(/none: rules: leaves out or replaces SOV-/);
    const silenced = SOVEREIGNTY_RULES.map((r) => (r.id === "SOV-LOC-001" ? { ...r, check: () => [] } : r));
    expect(() => new SovereignStack(app, "silenced", { profile: paris, rules: silenced })).toThrow(
      "silenced: rules: leaves out or replaces SOV-LOC-001 (allowed:",
    );
    const extra: Rule = {
      ...SOVEREIGNTY_RULES[0],
      id: "ORG-001",
      check: (docs) => docs.map((d) => ({ stack: d.stack, address: "x", message: "org rule" })),
    };
    usBucket(new SovereignStack(app, "more", { profile: paris, rules: [...SOVEREIGNTY_RULES, extra] }));
    const ids = refused(app).findings.map((f) => f.ruleId);
    expect(ids).toEqual(expect.arrayContaining(["SOV-LOC-001", "ORG-001"]));
  });

  it("lets a sovereign workload-only app synthesize, and writes the report", () => {
    const outdir = newOutdir();
    const app = new App({ outdir });
    const context = testContext();
    const stack = new SovereignStack(app, "workloads", { profile: paris, operatorProjectId: context.keys.operatorProjectId });
    new SovereignBucket(stack, "data", { context, name: "slz-data" });
    app.synth();
    expect(existsSync(stackFile(outdir, "workloads"))).toBe(true);
    expect(existsSync(join(outdir, "manifest.json"))).toBe(true);
    expect(SovereigntyGate.reportOf(app)!.summary).toMatchObject({ result: "pass", stacks: 1, findings: 0 });
    const written = JSON.parse(readFileSync(stackFile(outdir, "workloads"), "utf8"));
    expect(written["//"].sovereignty).toMatchObject({ profile: "paris", operatorProjectId: "op-keys" });
  });

  it("refuses a key it cannot attribute: a stack that names no operator project accepts no key (no silent opt-out)", () => {
    const outdir = newOutdir();
    const app = new App({ outdir });
    new SovereignBucket(new SovereignStack(app, "workloads", { profile: paris }), "data", { context: testContext(), name: "slz-data" });
    expect(refused(app).message).toMatch(
      /workloads: google_storage_bucket\.\S+: SOV-KEY-002: .* cannot be attributed: the operator's key project is not known/,
    );
    expect(deployable(outdir, "workloads")).toEqual([]);
  });

  it("protects state-bearing resources in a SovereignStack by itself", () => {
    const outdir = newOutdir();
    const app = new App({ outdir });
    const context = testContext();
    new SovereignBucket(new SovereignStack(app, "workloads", { profile: paris, operatorProjectId: context.keys.operatorProjectId }), "data", {
      context,
      name: "slz-data",
    });
    app.synth();
    const json = JSON.parse(readFileSync(stackFile(outdir, "workloads"), "utf8"));
    const [bucket] = Object.values<any>(json.resource.google_storage_bucket);
    expect(bucket.lifecycle.prevent_destroy).toBe(true);
  });

  it("gates the plain stack a sovereign construct is placed in: an override that moves its resource out fails synth, with the report", () => {
    const outdir = newOutdir();
    const app = new App({ outdir });
    const stack = new TerraformStack(app, "plain");
    new GoogleProvider(stack, "google", { region: "europe-west9" });
    const bucket = new SovereignBucket(stack, "data", { context: testContext(), name: "slz-data" });
    expect(SovereigntyGate.isGated(stack)).toBe(true);
    (bucket.node.defaultChild as StorageBucket).addOverride("location", "US");
    expect(refused(app).message).toMatch(/plain: google_storage_bucket\.data_bucket_\w+: SOV-LOC-001: location "US" is outside/);
    expect(deployable(outdir, "plain")).toEqual([]);
    expect(existsSync(join(outdir, REPORT_FILES.json))).toBe(true);
    // Left as the construct made it, the same stack synthesizes.
    const clean = new App({ outdir: newOutdir() });
    const same = new TerraformStack(clean, "plain");
    new GoogleProvider(same, "google", { region: "europe-west9" });
    new SovereignBucket(same, "data", { context: testContext(), name: "slz-data" });
    expect(() => clean.synth()).not.toThrow();
  });

  it("gates a plain TerraformStack with one line, enforceSovereignty(stack, { profile })", () => {
    const outdir = newOutdir();
    const app = new App({ outdir });
    const stack = new TerraformStack(app, "plain");
    new GoogleProvider(stack, "google", { region: "europe-west9" });
    usBucket(stack);
    enforceSovereignty(stack, { profile: paris });
    expect(refused(app).message).toMatch(/plain: google_storage_bucket\.us-bucket: SOV-LOC-001/);
    expect(deployable(outdir, "plain")).toEqual([]);
  });

  it("refuses HCL output, which it cannot read", () => {
    process.env.SYNTH_HCL_OUTPUT = "true";
    try {
      const app = new App({ outdir: newOutdir() });
      new SovereignStack(app, "workloads", { profile: paris });
      expect(() => app.synth()).toThrow(/the sovereignty gate checks Terraform JSON: unset SYNTH_HCL_OUTPUT/);
    } finally {
      delete process.env.SYNTH_HCL_OUTPUT;
    }
  });
});
