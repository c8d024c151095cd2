/**
 * Deletion protection, one mechanism: a `protect` prop on every stateful
 * construct, defaulting to the enclosing stack's setting (config
 * `landingZone.protectResources`); key material protected regardless; raw
 * resources left as their author wrote them.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SovereigntyGate } from "../lib/checks/gate";
import { App, Testing, TerraformStack } from "../lib/core";
import { applyProtection, PROTECT_CONTEXT_KEY, protectByDefault } from "../lib/deletion-protection";
import { LandingZoneRoot } from "../lib/foundation/landing-zone-root";
import { GoogleProvider, KmsKeyRing, PubsubTopic, StorageBucket } from "../lib/google";
import { KeyCustody } from "../lib/key-custody/key-custody";
import { AuditLogging } from "../lib/logging/audit-logging";
import { PROFILES } from "../lib/profiles/profile";
import { SovereignStack } from "../lib/stack";
import { TenantLandingZone } from "../lib/tenant/tenant-landing-zone";
import { SovereignBucket } from "../lib/workloads/sovereign-bucket";
import { SovereignDataset } from "../lib/workloads/sovereign-dataset";
import { SovereignDisk } from "../lib/workloads/sovereign-disk";
import { SovereignRegistry } from "../lib/workloads/sovereign-registry";
import { SovereignSecret } from "../lib/workloads/sovereign-secret";
import { SovereignSqlInstance } from "../lib/workloads/sovereign-sql-instance";
import { buildApp } from "../stacks/app";
import { configWith, resourcesOf, resourcesOfType, synthAll, synthStack, type TfJson } from "./helpers";
import { tenantKeys, tenantProps } from "./support/tenant";
import { testContext } from "./workloads/context";

const KEY_MATERIAL = ["google_kms_key_ring", "google_kms_crypto_key", "google_kms_crypto_key_version", "google_kms_ekm_connection"];

/**
 * What the landing zone's stacks carried before the `protect` props, when an
 * app-wide aspect rewrote them, written out independently of lib/: per type
 * that could be released, the attributes besides `lifecycle.prevent_destroy`
 * of a protected (`true`) or released (`false`) resource.
 */
const FORMERLY_PROTECTED: Record<string, (protect: boolean) => Record<string, unknown>> = {
  google_logging_project_bucket_config: () => ({}),
  google_folder: (p) => ({ deletion_protection: p }),
  google_project: (p) => ({ deletion_policy: p ? "PREVENT" : "DELETE" }),
  google_storage_bucket: () => ({}),
  google_bigquery_dataset: () => ({}),
  google_compute_disk: () => ({}),
  google_sql_database_instance: (p) => ({ deletion_protection: p, settings: { deletion_protection_enabled: p } }),
};

/** The default config's JSON with every releasable resource released, as the former aspect released them. */
function released(json: TfJson): TfJson {
  const copy: TfJson = JSON.parse(JSON.stringify(json));
  for (const [type, , body] of resourcesOf(copy)) {
    const attributes = FORMERLY_PROTECTED[type];
    if (!attributes) continue;
    body.lifecycle.prevent_destroy = false;
    for (const [key, value] of Object.entries(attributes(false))) {
      body[key] = typeof value === "object" ? { ...body[key], ...value } : value;
    }
  }
  return copy;
}

describe("the landing zone's stacks keep the protection they had", () => {
  let protectedStacks: Record<string, TfJson>;
  let sandbox: Record<string, TfJson>;
  beforeAll(() => {
    protectedStacks = synthAll(configWith());
    sandbox = synthAll(configWith((raw) => (raw.landingZone.protectResources = false)));
  });

  it.each([
    ["default", true],
    ["protectResources: false", false],
  ])("%s: every resource carries what it carried before, and no other resource has a lifecycle", (_name, protect) => {
    const stacks = protect ? protectedStacks : sandbox;
    const seen = new Set<string>();
    for (const json of Object.values(stacks)) {
      for (const [type, name, body] of resourcesOf(json)) {
        const where = `${type}.${name}`;
        if (KEY_MATERIAL.includes(type)) {
          expect([where, body.lifecycle]).toEqual([where, { prevent_destroy: true }]);
        } else if (FORMERLY_PROTECTED[type]) {
          expect([where, body.lifecycle]).toEqual([where, { prevent_destroy: protect }]);
          expect(body).toMatchObject(FORMERLY_PROTECTED[type](protect));
        } else {
          expect([where, body.lifecycle]).toEqual([where, undefined]);
          continue;
        }
        seen.add(type);
      }
    }
    // Not vacuous: every kind the default config creates was walked.
    expect([...seen].sort()).toEqual([
      "google_bigquery_dataset",
      "google_folder",
      "google_kms_crypto_key",
      "google_kms_crypto_key_version",
      "google_kms_ekm_connection",
      "google_kms_key_ring",
      "google_logging_project_bucket_config",
      "google_project",
      "google_storage_bucket",
    ]);
  });

  it("protectResources: false changes nothing but the protection of what it releases (key material stays)", () => {
    expect(Object.keys(sandbox).sort()).toEqual(Object.keys(protectedStacks).sort());
    for (const stack of Object.keys(protectedStacks)) expect(sandbox[stack]).toEqual(released(protectedStacks[stack]));
  });

  it("leaves a sandbox that passes the rule pack", () => {
    const { app } = buildApp(
      configWith((raw) => (raw.landingZone.protectResources = false)),
      mkdtempSync(join(tmpdir(), "lz-sandbox-")),
    );
    app.synth();
    expect(SovereigntyGate.reportOf(app)!.summary).toMatchObject({ findings: 0, stacks: 4 });
  });

  it("rejects a protectResources that is not a boolean", () => {
    expect(() => configWith((raw) => (raw.landingZone.protectResources = "no"))).toThrow(/landingZone\.protectResources: expected boolean/);
  });
});

const profile = PROFILES.paris;

/** Each stateful construct, built with `protect`, and the types of the resources it protects. */
const CONSTRUCTS: [string, (stack: SovereignStack, protect?: boolean) => void, string[]][] = [
  ["LandingZoneRoot", (s, protect) => new LandingZoneRoot(s, "root", { organizationId: "1", displayName: "lz", protect }), ["google_folder"]],
  [
    "AuditLogging",
    (s, protect) =>
      new AuditLogging(s, "logging", {
        folder: LandingZoneRoot.fromFolderId("123456789012"),
        projectId: "p-audit",
        region: profile.region,
        keys: tenantKeys(),
        protect,
      }),
    ["google_logging_project_bucket_config"],
  ],
  [
    "TenantLandingZone",
    (s, protect) => new TenantLandingZone(s, "tenant", { ...tenantProps(), assuredWorkloads: true, protect }),
    ["google_folder", "google_project", "google_logging_project_bucket_config", "google_assured_workloads_workload"],
  ],
  [
    "KeyCustody",
    (s, protect) =>
      new KeyCustody(s, "custody", {
        profile,
        projectId: "op-keys",
        organizationId: "1",
        billingAccount: "01AB23-45CD67-89EF01",
        adminMember: "group:kms@example.fr",
        keyProtection: "HSM",
        tenants: [{ id: "t1", services: ["storage"] }],
        protect,
      }),
    ["google_project"],
  ],
  [
    "SovereignBucket",
    (s, protect) => new SovereignBucket(s, "b", { context: testContext(), name: "slz-t1-prod-docs", protect }),
    ["google_storage_bucket"],
  ],
  [
    "SovereignDataset",
    (s, protect) => new SovereignDataset(s, "d", { context: testContext(), datasetId: "stats", protect }),
    ["google_bigquery_dataset"],
  ],
  ["SovereignDisk", (s, protect) => new SovereignDisk(s, "disk", { context: testContext(), name: "data", protect }), ["google_compute_disk"]],
  [
    "SovereignSqlInstance",
    (s, protect) =>
      new SovereignSqlInstance(s, "sql", {
        context: testContext(),
        name: "orders",
        databaseVersion: "POSTGRES_16",
        privateNetwork: "projects/slz-t1-prod/global/networks/vpc",
        privateServiceAccess: { reservePrefixLength: 16 },
        protect,
      }),
    ["google_sql_database_instance"],
  ],
  [
    "SovereignSecret",
    (s, protect) => new SovereignSecret(s, "secret", { context: testContext(), secretId: "token", protect }),
    ["google_secret_manager_regional_secret"],
  ],
  [
    "SovereignRegistry",
    (s, protect) => new SovereignRegistry(s, "registry", { context: testContext(), repositoryId: "images", protect }),
    ["google_artifact_registry_repository"],
  ],
];

/** The attributes besides `prevent_destroy` that say whether a resource of `type` is protected (written independently of lib/). */
function deletionAttributes(type: string, protect: boolean): Record<string, unknown> {
  if (type === "google_secret_manager_regional_secret") return { deletion_protection: protect };
  return FORMERLY_PROTECTED[type]?.(protect) ?? {};
}

/** The construct built in a SovereignStack (`protectResources` as given), synthesized. */
function build(make: (stack: SovereignStack, protect?: boolean) => void, protect?: boolean, protectResources?: boolean): TfJson {
  const stack = new SovereignStack(Testing.app(), "s", { profile, protectResources });
  make(stack, protect);
  return synthStack(stack);
}

function expectProtection(json: TfJson, types: string[], protect: boolean): void {
  for (const type of types) {
    const resources = resourcesOfType(json, type);
    expect([type, resources.length > 0]).toEqual([type, true]);
    for (const r of resources) {
      expect([type, r.lifecycle]).toEqual([type, { prevent_destroy: protect }]);
      expect(r).toMatchObject(deletionAttributes(type, protect));
    }
  }
}

describe.each(CONSTRUCTS)("%s: protect", (_name, make, types) => {
  it("protects by default", () => expectProtection(build(make), types, true));
  it("releases with protect: false", () => expectProtection(build(make, false), types, false));
  it("follows the stack's protectResources: false when protect is not given", () => expectProtection(build(make, undefined, false), types, false));
  it("keeps protect: true in a stack with protectResources: false", () => expectProtection(build(make, true, false), types, true));
});

describe("key material", () => {
  it("stays protected in a KeyCustody asked not to protect (only its project is released)", () => {
    const json = build(CONSTRUCTS.find(([name]) => name === "KeyCustody")![1], false);
    expectProtection(json, ["google_project"], false);
    expectProtection(json, ["google_kms_key_ring", "google_kms_crypto_key"], true);
  });

  it("stays protected when applyProtection is told false", () => {
    const stack = new SovereignStack(Testing.app(), "s", { profile, protectResources: false });
    const ring = new KmsKeyRing(stack, "ring", { name: "r", location: "europe-west9", project: "op-keys" });
    applyProtection(ring, false);
    expect(resourcesOfType(synthStack(stack), "google_kms_key_ring")[0].lifecycle).toEqual({ prevent_destroy: true });
  });
});

describe("applyProtection and its default", () => {
  it("refuses a type not known to hold state, naming the allowed ones", () => {
    const stack = new TerraformStack(Testing.app(), "s");
    const topic = new PubsubTopic(stack, "topic", { name: "t" });
    expect(() => applyProtection(topic, true)).toThrow(
      /^s\/topic: google_pubsub_topic is not a state-bearing type .*\(allowed: .*google_storage_bucket/,
    );
  });

  it("defaults to true outside a SovereignStack, and to the context set on the app", () => {
    expect(protectByDefault(new TerraformStack(Testing.app(), "s"))).toBe(true);
    const app = Testing.app({ context: { [PROTECT_CONTEXT_KEY]: false } });
    const stack = new TerraformStack(app, "plain");
    new GoogleProvider(stack, "google", { region: profile.region });
    new SovereignBucket(stack, "b", { context: testContext(), name: "slz-t1-prod-docs" });
    expect(resourcesOfType(synthStack(stack), "google_storage_bucket")[0].lifecycle).toEqual({ prevent_destroy: false });
  });

  it("refuses a context value that is not a boolean", () => {
    const app = Testing.app({ context: { [PROTECT_CONTEXT_KEY]: "no" } });
    expect(() => protectByDefault(new TerraformStack(app, "s"))).toThrow(
      `s: context ${PROTECT_CONTEXT_KEY}: "no" is not allowed (allowed: true or false)`,
    );
  });
});

describe("resources created with raw provider classes in a SovereignStack", () => {
  const outdir = () => mkdtempSync(join(tmpdir(), "lz-raw-"));

  it("are left as written: a raw bucket gets no lifecycle", () => {
    const stack = new SovereignStack(Testing.app(), "s", { profile });
    new StorageBucket(stack, "raw", { name: "raw", location: "europe-west9", encryption: { defaultKmsKeyName: "k" } });
    expect(resourcesOfType(synthStack(stack), "google_storage_bucket")[0].lifecycle).toBeUndefined();
  });

  it("still need prevent_destroy on key material: the gate refuses a raw key ring without it (SOV-KEY-004)", () => {
    const app = new App({ outdir: outdir() });
    const stack = new SovereignStack(app, "s", { profile });
    new KmsKeyRing(stack, "ring", { name: "r", location: "europe-west9", project: "op-keys" });
    expect(() => app.synth()).toThrow(/google_kms_key_ring\.ring: SOV-KEY-004/);
  });

  it("pass the gate when their author protects them", () => {
    const app = new App({ outdir: outdir() });
    const stack = new SovereignStack(app, "s", { profile });
    const ring = new KmsKeyRing(stack, "ring", { name: "r", location: "europe-west9", project: "op-keys" });
    applyProtection(ring);
    expect(() => app.synth()).not.toThrow();
  });
});
