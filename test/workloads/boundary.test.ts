import { TerraformResource } from "../../lib/core";
import { TenantKeyRefs } from "../../lib/key-custody/key-refs";
import { waiversCovering } from "../../lib/checks/waivers";
import { SovereignBucket } from "../../lib/workloads/sovereign-bucket";
import { SovereignSecret } from "../../lib/workloads/sovereign-secret";
import { SovereignSqlInstance } from "../../lib/workloads/sovereign-sql-instance";
import { sovereignDefaults } from "../../lib/workloads/sovereign-defaults";
import { SovereignTopic } from "../../lib/workloads/sovereign-topic";
import { resourcesOfType, synthStack } from "../helpers";
import { testContext, testStack } from "./context";

const context = testContext();
const REASON = "legacy archive, migrating to Paris before 2027-01";

describe("boundary waivers", () => {
  it("lets a waived location through and records the reason on the construct", () => {
    const stack = testStack(context);
    const bucket = new SovereignBucket(stack, "legacy", {
      context,
      name: "slz-legacy",
      location: "EU",
      waivers: [{ ruleId: "SOV-LOC-001", reason: REASON, attribute: "location" }],
    });
    const waiver = { ruleId: "SOV-LOC-001", reason: REASON, path: "workloads/legacy", attribute: "location" };
    expect(bucket.waivers).toEqual([waiver]);
    expect(waiversCovering(bucket.bucket)).toEqual([waiver]);
    expect(resourcesOfType(synthStack(stack), "google_storage_bucket")[0].location).toBe("EU");
  });

  it("lets a waived region through on a Cloud SQL instance, and the waiver covers the instance", () => {
    const stack = testStack(context);
    const sql = new SovereignSqlInstance(stack, "legacy-db", {
      context,
      name: "orders",
      databaseVersion: "POSTGRES_16",
      region: "europe-west1",
      privateNetwork: "projects/slz-t1-prod/global/networks/vpc",
      privateServiceAccess: { reservePrefixLength: 16 },
      waivers: [{ ruleId: "SOV-LOC-001", reason: REASON, attribute: "region" }],
    });
    const waiver = { ruleId: "SOV-LOC-001", reason: REASON, path: "workloads/legacy-db", attribute: "region" };
    expect(waiversCovering(sql.instance)).toEqual([waiver]);
    expect(resourcesOfType(synthStack(stack), "google_sql_database_instance")[0].region).toBe("europe-west1");
  });

  it("records no waiver when the value is inside the boundary, even if a waiver is offered", () => {
    const bucket = new SovereignBucket(testStack(context), "b", { context, name: "slz-b", waivers: [{ ruleId: "SOV-LOC-001", reason: REASON }] });
    expect(bucket.waivers).toEqual([]);
  });

  it("refuses a waiver without a written reason", () => {
    for (const reason of ["", "   ", "because"]) {
      expect(
        () => new SovereignBucket(testStack(context), "b", { context, name: "slz-b", location: "EU", waivers: [{ ruleId: "SOV-LOC-001", reason }] }),
      ).toThrow(/workloads\/b: waivers\[0\]: waiver SOV-LOC-001: reason: ".*" is too short \(allowed: a written reason of at least 10 characters\)/);
    }
  });

  it("waives only the rule named: a waived location does not let a foreign key through", () => {
    expect(
      () =>
        new SovereignBucket(testStack(context), "b", {
          context,
          name: "slz-b",
          location: "EU",
          kmsKey: "projects/other/locations/europe-west9/keyRings/r/cryptoKeys/k",
          waivers: [{ ruleId: "SOV-LOC-001", reason: REASON }],
        }),
    ).toThrow(/kmsKey: "projects\/other\/.*" is not an operator key/);
  });

  it("waives a foreign key with a reason", () => {
    const kmsKey = "projects/other/locations/europe-west1/keyRings/r/cryptoKeys/k";
    const topic = new SovereignTopic(testStack(context), "t", { context, name: "xyz", kmsKey, waivers: [{ ruleId: "SOV-KEY-002", reason: REASON }] });
    expect(topic.waivers).toEqual([{ ruleId: "SOV-KEY-002", reason: REASON, path: "workloads/t" }]);
  });

  it("refuses a waiver of a rule the construct does not check", () => {
    expect(
      () =>
        new SovereignBucket(testStack(context), "b", {
          context,
          name: "slz-b",
          waivers: [{ ruleId: "SOV-IAM-001" as "SOV-LOC-001", reason: REASON }],
        }),
    ).toThrow('workloads/b: waivers[0].ruleId: "SOV-IAM-001" is not a rule this construct checks (allowed: SOV-LOC-001, SOV-KEY-002)');
  });
});

describe("service agent grants", () => {
  it("grants the storage agent on the tenant key and makes the bucket wait for it", () => {
    const stack = testStack(context);
    new SovereignBucket(stack, "b", { context, name: "slz-b", projectNumber: "123456789" });
    const json = synthStack(stack);
    const [grant] = resourcesOfType(json, "google_kms_crypto_key_iam_member");
    expect(grant).toEqual(
      expect.objectContaining({
        crypto_key_id: "projects/op-keys/locations/europe-west9/keyRings/tenant-t1/cryptoKeys/storage",
        role: "roles/cloudkms.cryptoKeyEncrypterDecrypter",
        // The data source creates the Cloud Storage agent as it reads it; the grant uses what it reports.
        member: "${data.google_storage_project_service_account.b_agent_38E40AC7.member}",
      }),
    );
    expect(json.data!.google_storage_project_service_account.b_agent_38E40AC7).toMatchObject({ project: "slz-t1-prod" });
    const grantAddress = Object.keys(json.resource!.google_kms_crypto_key_iam_member)[0];
    expect(resourcesOfType(json, "google_storage_bucket")[0].depends_on).toEqual([`google_kms_crypto_key_iam_member.${grantAddress}`]);
  });

  it("grants on an explicitly given operator key, with the profile's agent domain", () => {
    const s3ns = testContext("s3ns");
    const stack = testStack(s3ns);
    const kmsKey = "projects/s3ns:op-keys/locations/u-france-east1/keyRings/shared/cryptoKeys/bq";
    new SovereignSecret(stack, "s", { context: s3ns, secretId: "x", kmsKey, projectNumber: "42" });
    const json = synthStack(stack);
    expect(resourcesOfType(json, "google_kms_crypto_key_iam_member")).toEqual([
      expect.objectContaining({
        crypto_key_id: kmsKey,
        member: "serviceAccount:service-42@gcp-sa-secretmanager.s3ns-system.iam.gserviceaccount.com",
      }),
    ]);
    // The agent is created first, through the Google-beta provider, with the universe prefix on the project.
    expect(resourcesOfType(json, "google_project_service_identity")).toEqual([
      expect.objectContaining({ project: "s3ns:slz-t1-prod", service: "secretmanager.googleapis.com", provider: "google-beta" }),
    ]);
  });

  it("refuses an s3ns key path without the universe prefix", () => {
    const s3ns = testContext("s3ns");
    expect(
      () =>
        new SovereignTopic(testStack(s3ns), "t", {
          context: s3ns,
          name: "xyz",
          kmsKey: "projects/op-keys/locations/u-france-east1/keyRings/r/cryptoKeys/k",
        }),
    ).toThrow(/allowed: projects\/s3ns:op-keys\/locations\/u-france-east1\/keyRings/);
  });

  it("refuses a construct for a service the tenant has no key for", () => {
    const ctx = {
      ...context,
      keys: new TenantKeyRefs({ profile: context.profile, operatorProjectId: "op-keys", tenantId: "t1", services: ["storage"] }),
    };
    expect(() => new SovereignTopic(testStack(ctx), "t", { context: ctx, name: "xyz" })).toThrow(
      /no operator key for service "pubsub" \(allowed: storage\)/,
    );
  });
});

describe("sovereignDefaults on any resource", () => {
  it("sets the region and key as overrides, grants and depends on the grant", () => {
    const stack = testStack(context);
    // A resource this library has no construct for, as a plain Terraform resource.
    const sub = new TerraformResource(stack, "sub", { terraformResourceType: "google_pubsub_subscription" });
    const result = sovereignDefaults(sub, {
      context,
      service: "storage",
      locationAttribute: "cloud_storage_config.bucket_location",
      keyAttribute: "cloud_storage_config.kms_key_name",
      projectNumber: "77",
    });
    const json = synthStack(stack);
    const body = resourcesOfType(json, "google_pubsub_subscription")[0];
    expect(body.cloud_storage_config).toEqual({
      bucket_location: "europe-west9",
      kms_key_name: "projects/op-keys/locations/europe-west9/keyRings/tenant-t1/cryptoKeys/storage",
    });
    expect(body.depends_on).toEqual([`google_kms_crypto_key_iam_member.${result.keyGrant!.friendlyUniqueId}`]);
    expect(result.waivers).toEqual([]);
  });

  it("refuses a location outside the boundary, naming the resource and attribute", () => {
    const sub = new TerraformResource(testStack(context), "sub", { terraformResourceType: "google_pubsub_subscription" });
    expect(() =>
      sovereignDefaults(sub, { context, service: "pubsub", locationAttribute: "region", location: "us-central1", keyAttribute: "kms_key_name" }),
    ).toThrow(/workloads\/sub: region: "us-central1" is outside the sovereign boundary \(allowed: europe-west9/);
  });

  it("takes allowedLocations as a narrowing only: a list that names us-east1 does not let us-east1 in", () => {
    const options = { context, service: "pubsub" as const, locationAttribute: "region", keyAttribute: "kms_key_name" };
    const sub = () => new TerraformResource(testStack(context), "sub", { terraformResourceType: "google_pubsub_subscription" });
    expect(() => sovereignDefaults(sub(), { ...options, location: "us-east1", allowedLocations: ["us-east1"] })).toThrow(
      /workloads\/sub: region: "us-east1" is outside the sovereign boundary \(allowed: europe-west9; or a waiver of SOV-LOC-001/,
    );
    expect(() => sovereignDefaults(sub(), { ...options, location: "us-east1", allowedLocations: ["us-east1", "europe-west9-a"] })).toThrow(
      /\(allowed: europe-west9-a; or a waiver/,
    );
    expect(sovereignDefaults(sub(), { ...options, location: "europe-west9-a", allowedLocations: ["us-east1", "europe-west9-a"] }).location).toBe(
      "europe-west9-a",
    );
  });
});

describe("context dependencies", () => {
  it("makes the resource follow the context's dependsOn (the landing zone's key grants)", () => {
    const stack = testStack(context);
    const grant = context.keys.grantEncryptDecrypt(stack, "lz-grant", "pubsub", "serviceAccount:x@example.iam.gserviceaccount.com");
    new SovereignTopic(stack, "with", { context: { ...context, dependsOn: [grant] }, name: "xyz" });
    new SovereignTopic(stack, "without", { context, name: "abc" });
    const topics = synthStack(stack).resource!.google_pubsub_topic;
    const byName = Object.fromEntries(Object.values(topics).map((t: any) => [t.name, t]));
    expect(byName.xyz.depends_on).toEqual([`google_kms_crypto_key_iam_member.${grant.friendlyUniqueId}`]);
    expect(byName.abc.depends_on).toBeUndefined();
  });
});
