// Your own cdktf app: a stack pinned to the Paris region, with sovereign building blocks.
import { App } from "cdktf";
import {
  SovereignBucket,
  SovereignDataset,
  SovereignStack,
  TenantKeyRefs,
  profileOf,
  workloadBucketName,
  type TenantContext,
} from "sovereign-landing-zone";

const app = new App();
const profile = profileOf("paris");
// The sovereignty gate is built in: synth fails, leaving nothing deployable, on any non-sovereign resource.
const stack = new SovereignStack(app, "analytics", { profile, operatorProjectId: "op-key-custody" });

// Where the workloads go, and the operator-held keys of the tenant (ids only: no access to the operator's state).
const context: TenantContext = {
  profile,
  projectId: "slz-ministere-a-prod",
  keys: new TenantKeyRefs({ profile, operatorProjectId: "op-key-custody", tenantId: "ministere-a", services: ["storage", "bigquery"] }),
};

new SovereignBucket(stack, "documents", { context, name: workloadBucketName(context.projectId, "documents"), retentionDays: 30 });
new SovereignDataset(stack, "statistics", { context, datasetId: "statistiques" });

app.synth();
