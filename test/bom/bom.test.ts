import Ajv from "ajv";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildBom } from "../../lib/bom/build";
import { bomToMarkdown } from "../../lib/bom/markdown";
import type { BillOfMaterials } from "../../lib/bom/types";
import { documentFromPlan } from "../../lib/checks/terraform-json";
import { BOM_FILES, writeSynthBom } from "../../lib/cli/bom";
import { SovereigntyGate } from "../../lib/checks/gate";
import { loadDocuments } from "../../lib/cli/check";
import { PROFILES } from "../../lib/profiles/profile";
import { synthLandingZone } from "../../stacks/run";
import { buildApp } from "../../stacks/app";
import { configWith, runCli } from "../helpers";

const schema = JSON.parse(readFileSync(join(__dirname, "../../docs/schemas/sovereignty-bom.schema.json"), "utf8"));
const validate = new Ajv({ allErrors: true }).compile(schema);
const schemaProblems = (b: unknown) => (validate(b) ? [] : validate.errors!.map((e) => `${e.instancePath} ${e.message}`));

const context = { profile: PROFILES.paris, operatorProjectId: "op-key-custody" };
const KEY = (tenant: string, service: string) => `projects/op-key-custody/locations/europe-west9/keyRings/tenant-${tenant}/cryptoKeys/${service}`;

describe("bill of materials of the default landing zone", () => {
  let b: BillOfMaterials;
  let outdir: string;
  let app: ReturnType<typeof buildApp>["app"];
  beforeAll(() => {
    outdir = mkdtempSync(join(tmpdir(), "lz-bom-"));
    app = buildApp(configWith(), outdir).app;
    app.synth();
    b = buildBom(loadDocuments(outdir), context);
  });

  it("at synth, is built from the stacks the gate read (each with its file), as from the directory read again", () => {
    const docs = SovereigntyGate.documentsOf(app)!;
    expect(docs.map((d) => [d.stack, d.file])).toEqual(
      ["key-custody", "foundation", "tenant-ministere-a", "tenant-agence-b"].map((s) => [s, join(outdir, "stacks", s, "cdk.tf.json")]),
    );
    expect(writeSynthBom(outdir, context, docs)).toEqual(writeSynthBom(outdir, context));
    expect(writeSynthBom(outdir, context, docs)).toEqual(b);
  });

  it("is valid against the published JSON Schema", () => {
    expect(schemaProblems(b)).toEqual([]);
  });

  it("lists every tenant and the platform, each with its stacks", () => {
    expect(b.owners.map((o) => [o.owner, o.kind, o.stacks])).toEqual([
      ["platform", "platform", ["foundation", "key-custody"]],
      ["agence-b", "tenant", ["tenant-agence-b"]],
      ["ministere-a", "tenant", ["tenant-ministere-a"]],
    ]);
  });

  it("gives each tenant resource its location and the tenant's key, held by the operator in the EKM", () => {
    const tenant = b.owners.find((o) => o.owner === "ministere-a")!;
    const bucket = tenant.resources.find((r) => r.type === "google_storage_bucket")!;
    expect(bucket.locations).toEqual(["location=europe-west9"]);
    expect(bucket.keys).toEqual([KEY("ministere-a", "storage")]);
    expect(tenant.keys).toEqual(["bigquery", "logging", "pubsub", "storage"].map((s) => KEY("ministere-a", s)));
    const key = b.keys.find((k) => k.id === KEY("ministere-a", "storage"))!;
    expect(key).toMatchObject({
      status: "declared",
      operatorHeld: true,
      protectionLevel: "EXTERNAL_VPC",
      ekmConnection: "projects/op-key-custody/locations/europe-west9/ekmConnections/ekm",
      ekmKeyPath: "v0/keys/ministere-a-storage",
      declaredIn: { stack: "key-custody" },
    });
  });

  it("lists who may use each key: the Cloud Storage service agents of the tenant's projects on the key, the operator's admins on the project", () => {
    const grants = b.keys.find((k) => k.id === KEY("ministere-a", "storage"))!.grants;
    expect(grants.filter((g) => g.scope === "key").map((g) => [g.stack, g.role, g.member])).toEqual([
      [
        "tenant-ministere-a",
        "roles/cloudkms.cryptoKeyEncrypterDecrypter",
        expect.stringMatching(/gs-project-accounts|google_storage_project_service_account/),
      ],
      [
        "tenant-ministere-a",
        "roles/cloudkms.cryptoKeyEncrypterDecrypter",
        expect.stringMatching(/gs-project-accounts|google_storage_project_service_account/),
      ],
    ]);
    expect(grants).toContainEqual(expect.objectContaining({ scope: "project", member: "group:kms-admins@example.fr", role: "roles/cloudkms.admin" }));
    // No grant of another tenant's agents on this tenant's key.
    expect(grants.filter((g) => g.scope === "key").every((g) => g.stack === "tenant-ministere-a")).toBe(true);
  });

  it("has no unattributed key and no CMEK-capable resource without a key", () => {
    expect(b.summary).toMatchObject({ unattributedKeys: 0, resourcesWithoutKey: 0, waivers: 0 });
  });

  it("as Markdown: the keys table and one section per owner", () => {
    const md = bomToMarkdown(b);
    expect(md).toMatch(/^# Sovereignty bill of materials/);
    expect(md).toContain(
      `| \`${KEY("agence-b", "storage")}\` | declared | yes | EXTERNAL_VPC, EKM projects/op-key-custody/locations/europe-west9/ekmConnections/ekm, key path v0/keys/agence-b-storage |`,
    );
    for (const heading of ["## Platform `platform`", "## Tenant `agence-b`", "## Tenant `ministere-a`"]) expect(md).toContain(heading);
  });
});

describe("bill of materials of Terraform the library did not write", () => {
  /** A plan (terraform show -json) with a declared HSM key, a key from another project, and a key known only after apply. */
  const plan = {
    format_version: "1.2",
    terraform_version: "1.9.0",
    planned_values: {
      root_module: {
        resources: [
          {
            address: "google_kms_key_ring.r",
            mode: "managed",
            type: "google_kms_key_ring",
            values: { name: "apps", location: "europe-west9", project: "sec-keys" },
          },
          {
            address: "google_kms_crypto_key.k",
            mode: "managed",
            type: "google_kms_crypto_key",
            values: {
              name: "data",
              key_ring: "projects/sec-keys/locations/europe-west9/keyRings/apps",
              version_template: [{ protection_level: "HSM" }],
            },
          },
          {
            address: "google_kms_crypto_key_iam_member.app",
            mode: "managed",
            type: "google_kms_crypto_key_iam_member",
            values: {
              crypto_key_id: "projects/sec-keys/locations/europe-west9/keyRings/apps/cryptoKeys/data",
              role: "roles/cloudkms.cryptoKeyEncrypterDecrypter",
              member: "serviceAccount:app@p.iam.gserviceaccount.com",
            },
          },
          {
            address: "google_storage_bucket.hsm",
            mode: "managed",
            type: "google_storage_bucket",
            values: {
              name: "hsm",
              location: "EUROPE-WEST9",
              encryption: [{ default_kms_key_name: "projects/sec-keys/locations/europe-west9/keyRings/apps/cryptoKeys/data" }],
            },
          },
          {
            address: "module.legacy.google_storage_bucket.other",
            mode: "managed",
            type: "google_storage_bucket",
            values: {
              name: "other",
              location: "EU",
              encryption: [{ default_kms_key_name: "projects/elsewhere/locations/europe/keyRings/x/cryptoKeys/y" }],
            },
          },
          { address: "google_pubsub_topic.late", mode: "managed", type: "google_pubsub_topic", values: { name: "late" } },
          {
            address: "google_bigquery_dataset.plain",
            mode: "managed",
            type: "google_bigquery_dataset",
            values: { dataset_id: "plain", location: "europe-west9" },
          },
        ],
      },
    },
    resource_changes: [{ address: "google_pubsub_topic.late", change: { after_unknown: { kms_key_name: true } } }],
  };
  const b = buildBom([documentFromPlan(plan, "plan.json")], context);

  it("is valid against the published JSON Schema", () => {
    expect(schemaProblems(b)).toEqual([]);
  });

  it("groups the resources under the document, and resolves the key declared in the plan with its grants", () => {
    expect(b.owners.map((o) => [o.owner, o.kind])).toEqual([["plan.json", "document"]]);
    expect(b.keys.find((k) => k.key === "data")).toMatchObject({
      status: "declared",
      protectionLevel: "HSM",
      operatorHeld: false,
      grants: [{ member: "serviceAccount:app@p.iam.gserviceaccount.com", scope: "key", address: "google_kms_crypto_key_iam_member.app" }],
    });
  });

  it("lists keys it cannot attribute as such, and resources without a key", () => {
    const byId = Object.fromEntries(b.keys.map((k) => [k.id, k]));
    expect(byId["projects/elsewhere/locations/europe/keyRings/x/cryptoKeys/y"]).toMatchObject({
      status: "referenced",
      operatorHeld: false,
      grants: [],
    });
    expect(byId["${unknown}"]).toMatchObject({ status: "unattributed" });
    const late = b.owners[0].resources.find((r) => r.address === "google_pubsub_topic.late")!;
    expect(late.keys).toEqual(["${unknown}"]);
    expect(b.summary).toMatchObject({ unattributedKeys: 1, resourcesWithoutKey: 1 });
    expect(bomToMarkdown(b)).toContain("unattributed: not resolvable to a Cloud KMS key");
    expect(bomToMarkdown(b)).toContain("**none** (CMEK-capable)");
  });

  it("a document that breaks the schema is rejected (the validation is not vacuous)", () => {
    expect(schemaProblems({ ...b, format: "2" }).length).toBeGreaterThan(0);
    const broken = structuredClone(b) as any;
    broken.keys[0].status = "guessed";
    expect(schemaProblems(broken)).toContain("/keys/0/status must be equal to one of the allowed values");
  });
});

describe("waivers in the bill of materials", () => {
  it("lists a guardrail waiver on every resource below the construct that carries it", () => {
    const reason = "pilot tenant migrating from a legacy VPC until 2027-03";
    const outdir = mkdtempSync(join(tmpdir(), "lz-bom-w-"));
    buildApp(
      configWith((c) => (c.guardrails = { waivers: [{ group: "baseline", reason }] })),
      outdir,
    ).app.synth();
    const b = buildBom(loadDocuments(outdir), context);
    const waived = b.owners.flatMap((o) => o.resources).filter((r) => r.waivers.length);
    expect(waived.length).toBeGreaterThan(0);
    expect(waived.every((r) => r.stack === "foundation")).toBe(true);
    expect(waived[0].waivers).toEqual([{ what: "guardrail:baseline", reason, path: "foundation/guardrails" }]);
  });
});

describe("sovereign-lz bom", () => {
  const dir = mkdtempSync(join(tmpdir(), "lz-bom-cli-"));

  it("is written at synth beside the sovereignty report", () => {
    const outdir = join(dir, "cdktf.out");
    synthLandingZone({ CDKTF_OUTDIR: outdir });
    const written = JSON.parse(readFileSync(join(outdir, BOM_FILES.json), "utf8"));
    expect(schemaProblems(written)).toEqual([]);
    expect(written.owners.map((o: any) => o.owner)).toEqual(["platform", "agence-b", "ministere-a"]);
    expect(readFileSync(join(outdir, BOM_FILES.markdown), "utf8")).toContain("## Tenant `ministere-a`");
  });

  it("prints JSON or Markdown, and writes both with --out", () => {
    const outdir = join(dir, "cdktf.out");
    const json = runCli("bom", outdir, "--operator-project", "op-key-custody");
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out).operatorProjectId).toBe("op-key-custody");
    expect(runCli("bom", outdir, "--format", "markdown").out).toMatch(/^# Sovereignty bill of materials/);
    const out = join(dir, "bom");
    expect(runCli("bom", outdir, "--out", out).code).toBe(0);
    expect(existsSync(join(out, BOM_FILES.json)) && existsSync(join(out, BOM_FILES.markdown))).toBe(true);
  });

  it("exits 2 on input it cannot read or a wrong option", () => {
    const junk = join(dir, "junk.json");
    writeFileSync(junk, "{ not json");
    expect(runCli("bom", junk)).toMatchObject({ code: 2, err: expect.stringMatching(/junk\.json: not readable as JSON/) });
    expect(runCli("bom", join(dir, "missing"))).toMatchObject({ code: 2, err: expect.stringMatching(/no such file or directory/) });
    expect(runCli("bom", dir, "--format", "yaml").code).toBe(2);
    expect(runCli("bom").code).toBe(2);
  });
});
