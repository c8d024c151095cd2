import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildApp } from "../../stacks/app";
import { ConfigError } from "../../lib/config/errors";
import { Aspects } from "../../lib/core";
import { SovereigntyGate } from "../../lib/checks/gate";
import { ResourceProtection } from "../../lib/robustness/resource-protection";
import { SovereignDisk } from "../../lib/workloads/sovereign-disk";
import { SovereignSqlInstance } from "../../lib/workloads/sovereign-sql-instance";
import { configWith, resourcesOfType, synthAll, synthStack, type TfJson } from "../helpers";
import { testContext, testStack } from "../workloads/context";

const GCS = { backend: "gcs", bucket: "op-tfstate-europe-west9", prefix: "lz" };

describe("state backend", () => {
  let local: Record<string, TfJson>;
  let gcs: Record<string, TfJson>;
  beforeAll(() => {
    local = synthAll(configWith());
    gcs = synthAll(configWith((raw) => (raw.state = GCS)));
  });

  it("keeps each stack's state in the bucket under its own prefix, encrypted with the operator's platform key", () => {
    const prefixes = Object.entries(gcs).map(([stack, json]) => {
      const backend = json.terraform?.backend?.gcs;
      expect(backend.bucket).toBe("op-tfstate-europe-west9");
      expect(backend.kms_encryption_key).toBe("projects/op-key-custody/locations/europe-west9/keyRings/platform/cryptoKeys/storage");
      expect(backend.prefix).toBe(`lz/${stack}`);
      return backend.prefix;
    });
    expect(new Set(prefixes).size).toBe(Object.keys(gcs).length);
  });

  it("uses the key the config names", () => {
    const kmsKey = "projects/op-key-custody/locations/europe-west9/keyRings/state/cryptoKeys/tfstate";
    const json = synthAll(configWith((raw) => (raw.state = { ...GCS, kmsKey })));
    expect(json.foundation.terraform?.backend?.gcs.kms_encryption_key).toBe(kmsKey);
  });

  it("defaults to local state, no GCS backend", () => {
    for (const json of Object.values(local)) expect(json.terraform?.backend?.gcs).toBeUndefined();
  });

  it.each([
    [{ backend: "gcs" }, "state.bucket: is required"],
    [{ ...GCS, bucket: "Bad_Bucket!" }, "state.bucket: "],
    [{ ...GCS, prefix: "../../etc" }, "state.prefix: "],
    [{ ...GCS, prefix: "lz/${var.x}" }, "state.prefix: "],
    [{ ...GCS, kmsKey: "my-key" }, "state.kmsKey: "],
    [{ backend: "s3", bucket: "x" }, "state.backend: "],
    [{ backend: "local", bucket: "op-tfstate" }, "state.bucket: unknown key"],
  ])("rejects the backend config %j", (state, problem) => {
    expect(() => configWith((raw) => (raw.state = state))).toThrow(ConfigError);
    try {
      configWith((raw) => (raw.state = state));
    } catch (e) {
      expect((e as ConfigError).problems.some((p) => p.startsWith(problem))).toBe(true);
    }
  });
});

/** Resource types protected in the stacks today, with the attribute that protects each besides prevent_destroy. */
const PROTECTED: [string, string, Record<string, unknown>][] = [
  ["key-custody", "google_project", { deletion_policy: "PREVENT" }],
  ["foundation", "google_folder", { deletion_protection: true }],
  ["tenant-ministere-a", "google_folder", { deletion_protection: true }],
  ["tenant-ministere-a", "google_project", { deletion_policy: "PREVENT" }],
  ["tenant-ministere-a", "google_logging_project_bucket_config", {}],
  ["foundation", "google_project", { deletion_policy: "PREVENT" }],
  ["foundation", "google_logging_project_bucket_config", {}],
  ["tenant-ministere-a", "google_storage_bucket", {}],
  ["tenant-ministere-a", "google_bigquery_dataset", {}],
];

describe("resource protection", () => {
  let protectedStacks: Record<string, TfJson>;
  let sandbox: Record<string, TfJson>;
  beforeAll(() => {
    protectedStacks = synthAll(configWith());
    sandbox = synthAll(configWith((raw) => (raw.landingZone.protectResources = false)));
  });

  it.each(PROTECTED)("%s: every %s has prevent_destroy by default", (stack, type, attributes) => {
    const resources = resourcesOfType(protectedStacks[stack], type);
    expect(resources.length).toBeGreaterThan(0);
    for (const r of resources) {
      expect(r.lifecycle?.prevent_destroy).toBe(true);
      expect(r).toMatchObject(attributes);
    }
  });

  it.each(["google_kms_crypto_key", "google_kms_crypto_key_version", "google_kms_key_ring", "google_kms_ekm_connection"])(
    "key-custody: %s stays protected, even when protectResources is false",
    (type) => {
      for (const stacks of [protectedStacks, sandbox]) {
        const resources = resourcesOfType(stacks["key-custody"], type);
        expect(resources.length).toBeGreaterThan(0);
        for (const r of resources) expect(r.lifecycle?.prevent_destroy).toBe(true);
      }
    },
  );

  it.each(PROTECTED)("%s: %s can be destroyed when protectResources is false", (stack, type, attributes) => {
    const resources = resourcesOfType(sandbox[stack], type);
    expect(resources.length).toBeGreaterThan(0);
    for (const r of resources) {
      expect(r.lifecycle?.prevent_destroy).toBe(false);
      for (const key of Object.keys(attributes)) expect(r[key]).not.toEqual(attributes[key]);
    }
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

describe("resource protection of disks and databases", () => {
  /** A disk and a database, in a stack with the protection aspect set to `protect`. */
  function synthWorkloads(protect: boolean): TfJson {
    const context = testContext();
    const stack = testStack(context);
    new SovereignDisk(stack, "disk", { context, name: "data-disk" });
    new SovereignSqlInstance(stack, "sql", {
      context,
      name: "orders",
      databaseVersion: "POSTGRES_16",
      privateNetwork: "projects/slz-t1-prod/global/networks/vpc",
      privateServiceAccess: { reservePrefixLength: 16 },
    });
    Aspects.of(stack).add(new ResourceProtection(protect));
    return synthStack(stack);
  }

  it("protects them by default", () => {
    const json = synthWorkloads(true);
    expect(resourcesOfType(json, "google_compute_disk")[0].lifecycle.prevent_destroy).toBe(true);
    expect(resourcesOfType(json, "google_sql_database_instance")[0]).toMatchObject({
      deletion_protection: true,
      settings: { deletion_protection_enabled: true },
      lifecycle: { prevent_destroy: true },
    });
  });

  it("lets a sandbox destroy them", () => {
    const json = synthWorkloads(false);
    expect(resourcesOfType(json, "google_compute_disk")[0].lifecycle.prevent_destroy).toBe(false);
    expect(resourcesOfType(json, "google_sql_database_instance")[0]).toMatchObject({
      deletion_protection: false,
      settings: { deletion_protection_enabled: false },
      lifecycle: { prevent_destroy: false },
    });
  });
});
