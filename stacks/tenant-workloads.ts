/**
 * The example workloads a tenant declares in its config (`tenants[].workloads`),
 * built with the sovereign building blocks in the tenant's stack.
 */
import { Construct } from "constructs";
import type { TenantConfig } from "../lib/config/tenant";
import type { TenantLandingZone } from "../lib/tenant/tenant-landing-zone";
import { workloadBucketName } from "../lib/config/workloads";
import { SovereignBucket } from "../lib/workloads/sovereign-bucket";
import { SovereignDataset } from "../lib/workloads/sovereign-dataset";
import { SovereignSecret } from "../lib/workloads/sovereign-secret";
import { SovereignTopic } from "../lib/workloads/sovereign-topic";

/**
 * Build the tenant's configured workloads under `scope/workloads`, in the
 * project of `workloads.environment` (default: the first environment), after
 * the key grants the tenant landing zone made there.
 */
export function addTenantWorkloads(scope: Construct, tenant: TenantConfig, landingZone: TenantLandingZone): void {
  const { workloads } = tenant;
  if (!workloads.buckets.length && !workloads.datasets.length && !workloads.topics.length && !workloads.secrets.length) return;
  const context = landingZone.contextFor(workloads.environment ?? tenant.environments[0].name);
  const parent = new Construct(scope, "workloads");
  for (const b of workloads.buckets) {
    new SovereignBucket(parent, `bucket-${b.name}`, {
      context,
      name: workloadBucketName(context.projectId, b.name),
      versioning: b.versioning,
      retentionDays: b.retentionDays,
    });
  }
  for (const d of workloads.datasets) new SovereignDataset(parent, `dataset-${d.id}`, { context, datasetId: d.id, description: d.description });
  for (const t of workloads.topics)
    new SovereignTopic(parent, `topic-${t.name}`, { context, name: t.name, messageRetentionDays: t.messageRetentionDays });
  for (const s of workloads.secrets) new SovereignSecret(parent, `secret-${s.id}`, { context, secretId: s.id });
}
