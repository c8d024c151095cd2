/**
 * `sovereign-lz check` knows whose keys are right: the operator project the
 * gate wrote into the stacks, else the flag; without either it says so loudly.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { configWith, runCli, synthApp } from "../helpers";

const OPERATOR_KEY = /projects\/op-key-custody\/locations\/europe-west9\/keyRings\//g;

describe("check attributes keys", () => {
  const dir = mkdtempSync(join(tmpdir(), "lz-attr-"));
  const outdir = join(dir, "cdktf.out");
  const tenantFile = join(outdir, "stacks", "tenant-ministere-a", "cdk.tf.json");
  beforeAll(() => synthApp(configWith(), outdir));

  it("reads the operator project from the synthesized stacks: keys swapped to another project are findings naming the expected one", () => {
    const swapped = join(dir, "swapped");
    mkdirSync(swapped);
    writeFileSync(
      join(swapped, "cdk.tf.json"),
      readFileSync(tenantFile, "utf8").replace(OPERATOR_KEY, "projects/attacker/locations/europe-west9/keyRings/"),
    );
    const { code, out, err } = runCli("check", swapped);
    expect(code).toBe(1);
    expect(out).toMatch(/SOV-KEY-002: .*"projects\/attacker\/.*" is outside the operator's key project \(allowed: projects\/op-key-custody\)/);
    expect(err).not.toMatch(/not attributed/);
  });

  it("reads the organization's domain from the synthesized stacks: a member moved to another domain is a SOV-IAM-003 finding", () => {
    const written = JSON.parse(readFileSync(tenantFile, "utf8"));
    expect(written["//"].sovereignty).toMatchObject({ organizationDomain: "example.fr", landingZonePrefix: "slz" });
    const moved = join(dir, "moved");
    mkdirSync(moved);
    writeFileSync(
      join(moved, "cdk.tf.json"),
      readFileSync(tenantFile, "utf8").replace(/ministere-a-admins@example\.fr/g, "ministere-a-admins@gmail.com"),
    );
    const { code, out } = runCli("check", moved);
    expect(code).toBe(1);
    expect(out).toMatch(/SOV-IAM-003: grants .* to "group:ministere-a-admins@gmail.com" is outside the organization's identities/);
  });

  it("reads the tenant's projects from its stack: a grant to another tenant's service account or a literal service agent is a SOV-IAM-003 finding", () => {
    const text = readFileSync(tenantFile, "utf8");
    expect(JSON.parse(text)["//"].sovereignty.tenantProjects).toEqual(["slz-ministere-a-prod", "slz-ministere-a-nonprod"]);
    const agent = /service-\$\{google_project\.[A-Za-z0-9_-]+\.number\}@gcp-sa-pubsub/;
    expect(text).toMatch(agent);
    const foreign = join(dir, "foreign-agent");
    mkdirSync(foreign);
    writeFileSync(join(foreign, "cdk.tf.json"), text.replace(agent, "service-123456@gcp-sa-pubsub"));
    const { code, out } = runCli("check", foreign);
    expect(code).toBe(1);
    expect(out).toMatch(
      /SOV-IAM-003: grants .* to "serviceAccount:service-123456@gcp-sa-pubsub.iam.gserviceaccount.com" is outside the organization's identities/,
    );
  });

  it("passes the untouched stacks without the flag", () => {
    const { code, err } = runCli("check", outdir);
    expect(err).not.toMatch(/not attributed/);
    expect(code).toBe(0);
  });

  it("says loudly that keys were not attributed when neither the files nor the flag name the project", () => {
    const foreign = join(dir, "foreign.tf.json");
    writeFileSync(
      foreign,
      JSON.stringify({
        provider: { google: [{ region: "europe-west9" }] },
        resource: {
          google_storage_bucket: {
            b: {
              name: "b",
              location: "europe-west9",
              encryption: { default_kms_key_name: "projects/any/locations/europe-west9/keyRings/r/cryptoKeys/k" },
            },
          },
        },
      }),
    );
    const unattributed = runCli("check", foreign);
    expect(unattributed.err).toMatch(/warning: keys were not attributed/);
    // Fail closed: a key nobody can attribute is a finding, not a pass.
    expect(unattributed).toMatchObject({
      code: 1,
      out: expect.stringMatching(/SOV-KEY-002: .* cannot be attributed: the operator's key project is not known/),
    });
    expect(runCli("check", foreign, "--operator-project", "op-key-custody").out).toMatch(/SOV-KEY-002: .* is outside the operator's key project/);
    expect(runCli("check", foreign, "--operator-project", "any")).toMatchObject({ code: 0 });
  });

  it("refuses stacks that name different operator projects, unless the flag says which", () => {
    const mixed = join(dir, "mixed");
    mkdirSync(join(mixed, "a"), { recursive: true });
    mkdirSync(join(mixed, "b"), { recursive: true });
    const json = JSON.parse(readFileSync(tenantFile, "utf8"));
    writeFileSync(join(mixed, "a", "cdk.tf.json"), JSON.stringify(json));
    json["//"].sovereignty.operatorProjectId = "other-keys";
    writeFileSync(join(mixed, "b", "cdk.tf.json"), JSON.stringify(json));
    expect(runCli("check", mixed)).toMatchObject({
      code: 2,
      err: expect.stringMatching(/different operator projects \(op-key-custody, other-keys\)/),
    });
  });
});
