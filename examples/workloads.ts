// Every sovereign building block, in a tenant project whose network the tenant landing zone created.
import { App } from "cdktf";
import {
  SovereignBucket,
  SovereignDataset,
  SovereignDisk,
  SovereignRegistry,
  SovereignSecret,
  SovereignSqlInstance,
  SovereignStack,
  SovereignTopic,
  TenantKeyRefs,
  profileOf,
  workloadBucketName,
  type TenantContext,
} from "sovereign-landing-zone";

const app = new App();
const profile = profileOf("paris");
const stack = new SovereignStack(app, "workloads", { profile, operatorProjectId: "op-key-custody" });

const context: TenantContext = {
  profile,
  projectId: "slz-ministere-a-prod",
  keys: new TenantKeyRefs({
    profile,
    operatorProjectId: "op-key-custody",
    tenantId: "ministere-a",
    services: ["storage", "bigquery", "pubsub", "secretmanager", "artifactregistry", "compute", "sql"],
  }),
};
// The tenant landing zone names each environment's VPC `vpc`.
const vpc = `projects/${context.projectId}/global/networks/vpc`;

const docs = new SovereignBucket(stack, "docs", { context, name: workloadBucketName(context.projectId, "docs"), retentionDays: 30 });
docs.grantRead("group:archivistes@example.fr"); // one google_storage_bucket_iam_member
new SovereignDataset(stack, "stats", { context, datasetId: "statistiques" });
const events = new SovereignTopic(stack, "events", { context, name: "evenements", messageRetentionDays: 7 });
events.grantPublish(`serviceAccount:app@${context.projectId}.iam.gserviceaccount.com`);
new SovereignSecret(stack, "token", { context, secretId: "api-token" });
// An existing bucket, not managed here: grant on it by name.
SovereignBucket.fromBucketName(stack, "legacy", "ministere-a-legacy").grantWrite("group:archivistes@example.fr");
new SovereignRegistry(stack, "images", { context, repositoryId: "images" });
new SovereignDisk(stack, "data", { context, name: "data", sizeGb: 100, zone: "europe-west9-b" });
new SovereignSqlInstance(stack, "db", {
  context,
  name: "orders",
  databaseVersion: "POSTGRES_16",
  privateNetwork: vpc,
  privateServiceAccess: { reservePrefixLength: 16 }, // reserves a range and creates the service networking connection
});

app.synth();
