import { SovereignBucket } from "../../lib/workloads/sovereign-bucket";
import { SovereignDataset } from "../../lib/workloads/sovereign-dataset";
import { SovereignDisk } from "../../lib/workloads/sovereign-disk";
import { SovereignRegistry } from "../../lib/workloads/sovereign-registry";
import { SovereignSecret } from "../../lib/workloads/sovereign-secret";
import { SovereignSqlInstance } from "../../lib/workloads/sovereign-sql-instance";
import { SovereignTopic } from "../../lib/workloads/sovereign-topic";
import { resourcesOfType, synthStack, type TfJson } from "../helpers";
import { testContext, testStack } from "./context";

const context = testContext();
const keyOf = (service: string) => `projects/op-keys/locations/europe-west9/keyRings/tenant-t1/cryptoKeys/${service}`;
const NETWORK = "projects/slz-t1-prod/global/networks/vpc";

describe("sovereign workload constructs (paris)", () => {
  let json: TfJson;
  const only = (type: string) => {
    const all = resourcesOfType(json, type);
    expect(all).toHaveLength(1);
    return all[0];
  };
  beforeAll(() => {
    const stack = testStack(context);
    new SovereignBucket(stack, "bucket", { context, name: "slz-t1-prod-data", retentionDays: 30 });
    new SovereignDataset(stack, "dataset", { context, datasetId: "analytics" });
    new SovereignTopic(stack, "topic", { context, name: "events" });
    new SovereignSecret(stack, "secret", { context, secretId: "api-token" });
    new SovereignRegistry(stack, "registry", { context, repositoryId: "images" });
    new SovereignDisk(stack, "disk", { context, name: "data-disk" });
    new SovereignSqlInstance(stack, "sql", {
      context,
      name: "orders",
      databaseVersion: "POSTGRES_16",
      privateNetwork: NETWORK,
      privateServiceAccess: { reservePrefixLength: 16 },
    });
    json = synthStack(stack);
  });

  it("bucket: region, storage key, uniform access, public access prevented, versioned, retention, soft delete", () => {
    expect(only("google_storage_bucket")).toMatchObject({
      project: "slz-t1-prod",
      name: "slz-t1-prod-data",
      location: "europe-west9",
      encryption: { default_kms_key_name: keyOf("storage") },
      uniform_bucket_level_access: true,
      public_access_prevention: "enforced",
      // A retention policy and Object Versioning exclude each other: the retention wins when asked for.
      versioning: { enabled: false },
      retention_policy: { retention_period: 30 * 24 * 3600, is_locked: false },
      soft_delete_policy: { retention_duration_seconds: 7 * 24 * 3600 },
      force_destroy: false,
      labels: { tenant: "t1" },
    });
  });

  it("dataset: region and BigQuery default key, contents kept on destroy", () => {
    expect(only("google_bigquery_dataset")).toMatchObject({
      dataset_id: "analytics",
      location: "europe-west9",
      default_encryption_configuration: { kms_key_name: keyOf("bigquery") },
      delete_contents_on_destroy: false,
    });
  });

  it("topic: Pub/Sub key, messages stored only in the region, enforced in transit", () => {
    expect(only("google_pubsub_topic")).toMatchObject({
      name: "events",
      kms_key_name: keyOf("pubsub"),
      message_storage_policy: { allowed_persistence_regions: ["europe-west9"], enforce_in_transit: true },
    });
  });

  it("secret: regional, Secret Manager key, deletion protection", () => {
    expect(only("google_secret_manager_regional_secret")).toMatchObject({
      secret_id: "api-token",
      location: "europe-west9",
      customer_managed_encryption: { kms_key_name: keyOf("secretmanager") },
      deletion_protection: true,
    });
  });

  it("registry: region, Artifact Registry key, immutable Docker tags", () => {
    expect(only("google_artifact_registry_repository")).toMatchObject({
      repository_id: "images",
      format: "DOCKER",
      location: "europe-west9",
      kms_key_name: keyOf("artifactregistry"),
      docker_config: { immutable_tags: true },
    });
  });

  it("disk: a zone of the region, Compute key, protected from destroy", () => {
    expect(only("google_compute_disk")).toMatchObject({
      name: "data-disk",
      zone: "europe-west9-a",
      disk_encryption_key: { kms_key_self_link: keyOf("compute") },
      lifecycle: { prevent_destroy: true },
    });
  });

  it("SQL: region, Cloud SQL key, no public IP, deletion protection, backups in the region", () => {
    expect(only("google_sql_database_instance")).toMatchObject({
      region: "europe-west9",
      encryption_key_name: keyOf("sql"),
      deletion_protection: true,
      settings: {
        deletion_protection_enabled: true,
        ip_configuration: { ipv4_enabled: false, private_network: NETWORK, ssl_mode: "ENCRYPTED_ONLY" },
        backup_configuration: { enabled: true, location: "europe-west9", point_in_time_recovery_enabled: true },
      },
    });
  });

  it("grants nothing without a project number (the tenant landing zone does)", () => {
    expect(resourcesOfType(json, "google_kms_crypto_key_iam_member")).toEqual([]);
  });
});

describe("sovereign workload constructs: boundary", () => {
  type Place = { location?: string; kmsKey?: string };
  type Make = (stack: ReturnType<typeof testStack>, p: Place) => unknown;
  const cases: [string, string, Make][] = [
    [
      "SovereignBucket",
      "location",
      (s, p) => new SovereignBucket(s, "c", { context, name: "slz-t1-prod-x", location: p.location, kmsKey: p.kmsKey }),
    ],
    ["SovereignDataset", "location", (s, p) => new SovereignDataset(s, "c", { context, datasetId: "x", location: p.location, kmsKey: p.kmsKey })],
    ["SovereignTopic", "region", (s, p) => new SovereignTopic(s, "c", { context, name: "xyz", region: p.location, kmsKey: p.kmsKey })],
    ["SovereignSecret", "location", (s, p) => new SovereignSecret(s, "c", { context, secretId: "x", location: p.location, kmsKey: p.kmsKey })],
    [
      "SovereignRegistry",
      "location",
      (s, p) => new SovereignRegistry(s, "c", { context, repositoryId: "x", location: p.location, kmsKey: p.kmsKey }),
    ],
    ["SovereignDisk", "zone", (s, p) => new SovereignDisk(s, "c", { context, name: "x", zone: p.location, kmsKey: p.kmsKey })],
    [
      "SovereignSqlInstance",
      "region",
      (s, p) =>
        new SovereignSqlInstance(s, "c", {
          context,
          name: "x",
          databaseVersion: "POSTGRES_16",
          privateNetwork: NETWORK,
          privateServiceAccess: { reservePrefixLength: 16 },
          region: p.location,
          kmsKey: p.kmsKey,
        }),
    ],
  ];

  it.each(cases)("%s accepts the boundary and refuses a %s outside it", (_name, field, make) => {
    const inside = field === "zone" ? "europe-west9-b" : "EUROPE-WEST9";
    expect(() => make(testStack(context), { location: inside })).not.toThrow();
    expect(() => make(testStack(context), { location: "EU" })).toThrow(
      new RegExp(`workloads/c: ${field}: "EU" is outside the sovereign boundary \\(allowed: europe-west9`),
    );
  });

  it.each(cases)("%s accepts another operator key in the region and refuses a foreign key", (_name, _field, make) => {
    const other = "projects/op-keys/locations/europe-west9/keyRings/shared/cryptoKeys/k1";
    expect(() => make(testStack(context), { kmsKey: other })).not.toThrow();
    for (const foreign of [
      "projects/someone-else/locations/europe-west9/keyRings/tenant-t1/cryptoKeys/storage",
      "projects/op-keys/locations/europe-west1/keyRings/tenant-t1/cryptoKeys/storage",
    ]) {
      expect(() => make(testStack(context), { kmsKey: foreign })).toThrow(
        /workloads\/c: kmsKey: ".*" is not an operator key in the region \(allowed: projects\/op-keys\/locations\/europe-west9\/keyRings\/<key ring>\/cryptoKeys\/<key>/,
      );
    }
  });

  it("refuses a zone for a regional resource and the region for a disk", () => {
    expect(() => new SovereignBucket(testStack(context), "c", { context, name: "slz-t1-prod-x", location: "europe-west9-a" })).toThrow(
      /location: "europe-west9-a" is outside/,
    );
    expect(() => new SovereignDisk(testStack(context), "c", { context, name: "x", zone: "europe-west9" })).toThrow(
      /allowed: europe-west9-a, europe-west9-b, europe-west9-c/,
    );
  });

  it("refuses invalid names and option values with the field and what is allowed", () => {
    expect(() => new SovereignBucket(testStack(context), "c", { context, name: "Has_Upper" })).toThrow(
      /name: "Has_Upper" is not a valid name \(allowed: 3 to 63/,
    );
    expect(() => new SovereignBucket(testStack(context), "c", { context, name: "google-data" })).toThrow(/without google/);
    expect(() => new SovereignBucket(testStack(context), "c", { context, name: "slz-x", softDeleteDays: 3 })).toThrow(
      /softDeleteDays: 3 is not allowed \(allowed: 0, or an integer from 7 to 90\)/,
    );
    expect(() => new SovereignBucket(testStack(context), "c", { context, name: "slz-x", softDeleteDays: 0 })).not.toThrow();
    expect(() => new SovereignTopic(testStack(context), "c", { context, name: "xyz", messageRetentionDays: 40 })).toThrow(/messageRetentionDays: 40/);
  });
});

describe("sovereign workload constructs: options and s3ns", () => {
  let json: TfJson;
  let s3nsJson: TfJson;
  beforeAll(() => {
    const stack = testStack(context);
    new SovereignBucket(stack, "bucket", { context, name: "slz-t1-prod-tmp", versioning: false, softDeleteDays: 0 });
    new SovereignTopic(stack, "topic", { context, name: "events", messageRetentionDays: 2 });
    new SovereignRegistry(stack, "registry", { context, repositoryId: "packages", format: "NPM" });
    new SovereignSqlInstance(stack, "sql", {
      context,
      name: "legacy",
      databaseVersion: "MYSQL_8_0",
      privateNetwork: NETWORK,
      privateServiceAccess: { reservePrefixLength: 16 },
      availabilityType: "ZONAL",
    });
    json = synthStack(stack);
    const s3ns = testContext("s3ns");
    const s3nsStack = testStack(s3ns);
    new SovereignBucket(s3nsStack, "bucket", { context: s3ns, name: "slz-t1-prod-data" });
    new SovereignDisk(s3nsStack, "disk", { context: s3ns, name: "d" });
    s3nsJson = synthStack(s3nsStack);
  });

  it("applies options: no versioning, soft delete off, no retention policy unless asked", () => {
    const bucket = resourcesOfType(json, "google_storage_bucket")[0];
    expect(bucket).toMatchObject({ versioning: { enabled: false }, soft_delete_policy: { retention_duration_seconds: 0 } });
    expect(bucket.retention_policy).toBeUndefined();
    expect(resourcesOfType(json, "google_pubsub_topic")[0].message_retention_duration).toBe(`${2 * 86400}s`);
  });

  it("sets Docker options only on Docker repositories and binary logs on MySQL instead of PITR", () => {
    expect(resourcesOfType(json, "google_artifact_registry_repository")[0].docker_config).toBeUndefined();
    const backup = resourcesOfType(json, "google_sql_database_instance")[0].settings.backup_configuration;
    expect(backup).toMatchObject({ enabled: true, binary_log_enabled: true, location: "europe-west9" });
    expect(backup.point_in_time_recovery_enabled).toBeUndefined();
  });

  it("uses the S3NS region, zones and universe-prefixed operator keys on s3ns", () => {
    expect(resourcesOfType(s3nsJson, "google_storage_bucket")[0]).toMatchObject({
      location: "u-france-east1",
      encryption: { default_kms_key_name: "projects/s3ns:op-keys/locations/u-france-east1/keyRings/tenant-t1/cryptoKeys/storage" },
    });
    expect(resourcesOfType(s3nsJson, "google_compute_disk")[0].zone).toBe("u-france-east1-a");
  });
});
