import { Token } from "../../lib/core";
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
const READER = "group:readers@example.fr";
const APP = "serviceAccount:app@slz-t1-prod.iam.gserviceaccount.com";

describe("workload attributes and grants", () => {
  let json: TfJson;
  let bucket: SovereignBucket;
  let dataset: SovereignDataset;
  let topic: SovereignTopic;
  let secret: SovereignSecret;
  let registry: SovereignRegistry;
  let disk: SovereignDisk;
  let sql: SovereignSqlInstance;
  beforeAll(() => {
    const stack = testStack(context);
    bucket = new SovereignBucket(stack, "bucket", { context, name: "slz-t1-prod-data" });
    dataset = new SovereignDataset(stack, "dataset", { context, datasetId: "analytics" });
    topic = new SovereignTopic(stack, "topic", { context, name: "events" });
    secret = new SovereignSecret(stack, "secret", { context, secretId: "api-token" });
    registry = new SovereignRegistry(stack, "registry", { context, repositoryId: "images" });
    disk = new SovereignDisk(stack, "disk", { context, name: "data-disk" });
    sql = new SovereignSqlInstance(stack, "sql", {
      context,
      name: "orders",
      databaseVersion: "POSTGRES_16",
      privateNetwork: "projects/slz-t1-prod/global/networks/vpc",
      privateServiceAccess: { reservePrefixLength: 16 },
    });
    disk.grantView(READER);
    disk.grantAdmin(APP);
    sql.grantConnect(APP);
    sql.grantLogin(APP);
    bucket.grantRead(READER);
    bucket.grantReadWrite(APP);
    dataset.grantRead(READER);
    topic.grantPublish(APP);
    secret.grantRead(APP);
    registry.grantRead(APP);
    SovereignBucket.fromBucketName(stack, "legacy", "legacy-bucket").grantWrite(APP);
    json = synthStack(stack);
  });

  it("name attributes after the resource type, as references to the resource", () => {
    for (const token of [
      bucket.bucketName,
      dataset.datasetId,
      topic.topicName,
      secret.secretId,
      registry.repositoryId,
      disk.diskName,
      bucket.bucketSelfLink,
      dataset.datasetSelfLink,
      topic.topicId,
      secret.secretName,
      registry.repositoryName,
      disk.diskSelfLink,
      sql.instanceName,
      sql.instanceSelfLink,
    ]) {
      expect(Token.isUnresolved(token)).toBe(true);
    }
  });

  it("grant* adds one IAM member per grant on the resource, named after the role and the member", () => {
    const bucketGrants = Object.entries(json.resource?.google_storage_bucket_iam_member ?? {}).map(([name, g]: [string, any]) => [
      name,
      g.bucket,
      g.role,
      g.member,
    ]);
    const BUCKET = expect.stringMatching(/^\$\{google_storage_bucket\.bucket_[0-9A-F]+\.name\}$/);
    expect(bucketGrants).toEqual(
      expect.arrayContaining([
        [expect.stringMatching(/^bucket_grant-storageobjectViewer-group_readersexamplefr_[0-9A-F]+$/), BUCKET, "roles/storage.objectViewer", READER],
        [expect.stringMatching(/^bucket_grant-storageobjectUser-serviceAccount_app/), BUCKET, "roles/storage.objectUser", APP],
        [expect.stringMatching(/^legacy_grant-storageobjectCreator/), "legacy-bucket", "roles/storage.objectCreator", APP],
      ]),
    );
    expect(bucketGrants).toHaveLength(3);
    expect(resourcesOfType(json, "google_bigquery_dataset_iam_member")).toEqual([
      expect.objectContaining({
        project: "slz-t1-prod",
        dataset_id: expect.stringMatching(/^\$\{google_bigquery_dataset\..*\.dataset_id\}$/),
        role: "roles/bigquery.dataViewer",
        member: READER,
      }),
    ]);
    expect(resourcesOfType(json, "google_pubsub_topic_iam_member")).toEqual([
      expect.objectContaining({ topic: expect.stringMatching(/^\$\{google_pubsub_topic\..*\.name\}$/), role: "roles/pubsub.publisher", member: APP }),
    ]);
    expect(resourcesOfType(json, "google_secret_manager_regional_secret_iam_member")).toEqual([
      expect.objectContaining({
        location: "europe-west9",
        secret_id: expect.stringMatching(/secret_id\}$/),
        role: "roles/secretmanager.secretAccessor",
        member: APP,
      }),
    ]);
    expect(resourcesOfType(json, "google_artifact_registry_repository_iam_member")).toEqual([
      expect.objectContaining({
        location: "europe-west9",
        repository: expect.stringMatching(/repository_id\}$/),
        role: "roles/artifactregistry.reader",
        member: APP,
      }),
    ]);
  });

  it("disk grants: one google_compute_disk_iam_member per grant on the disk, in its zone", () => {
    const DISK = expect.stringMatching(/^\$\{google_compute_disk\.disk_[0-9A-F]+\.name\}$/);
    const grants = resourcesOfType(json, "google_compute_disk_iam_member").map((g) => [g.project, g.zone, g.name, g.role, g.member]);
    expect(grants.sort()).toEqual([
      ["slz-t1-prod", "europe-west9-a", DISK, "roles/compute.storageAdmin", APP],
      ["slz-t1-prod", "europe-west9-a", DISK, "roles/compute.viewer", READER],
    ]);
  });

  it("SQL grants: project IAM members whose condition names this instance only, no unconditional grant", () => {
    const grants = resourcesOfType(json, "google_project_iam_member").filter((g) => g.role.startsWith("roles/cloudsql."));
    expect(grants.map((g) => g.role).sort()).toEqual(["roles/cloudsql.client", "roles/cloudsql.instanceUser"]);
    for (const g of grants) {
      expect(g).toMatchObject({
        project: "slz-t1-prod",
        member: APP,
        condition: {
          expression: "resource.name == 'projects/slz-t1-prod/instances/orders' && resource.type == 'sqladmin.googleapis.com/Instance'",
        },
      });
      expect(g.condition.title).toMatch(/^cloudsql\.(client|instanceUser) on orders$/);
    }
  });

  it("refuses a public member, and a member known only at apply time without an id", () => {
    const stack = testStack(context);
    const b = new SovereignBucket(stack, "b", { context, name: "slz-t1-prod-x" });
    expect(() => b.grantRead("allUsers")).toThrow(
      'workloads/b: member "allUsers" is public (allowed: user:, group:, serviceAccount: or domain: members)',
    );
    const d = new SovereignDataset(stack, "d", { context, datasetId: "x" });
    expect(() => d.grantRead(`serviceAccount:${b.bucketSelfLink}`)).toThrow(
      "workloads/d: grant of roles/bigquery.dataViewer: the member is only known at apply time (allowed: pass an id for the grant)",
    );
    expect(() => d.grantRead(`serviceAccount:${b.bucketSelfLink}`, "reader")).not.toThrow();
    const k = new SovereignDisk(stack, "k", { context, name: "k" });
    expect(() => k.grantAdmin("allAuthenticatedUsers")).toThrow('workloads/k: member "allAuthenticatedUsers" is public');
    expect(() => k.grantView(`serviceAccount:${b.bucketSelfLink}`)).toThrow(
      "workloads/k: grant of roles/compute.viewer: the member is only known at apply time",
    );
    const q = new SovereignSqlInstance(stack, "q", {
      context,
      name: "q",
      databaseVersion: "MYSQL_8_0",
      privateNetwork: "projects/slz-t1-prod/global/networks/vpc",
      privateServiceAccess: { reservePrefixLength: 16 },
    });
    expect(() => q.grantConnect("allUsers")).toThrow('workloads/q: member "allUsers" is public');
    expect(() => q.grantLogin("allAuthenticatedUsers")).toThrow('workloads/q: member "allAuthenticatedUsers" is public');
  });
});
