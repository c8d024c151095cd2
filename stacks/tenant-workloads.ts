/**
 * The example workloads a tenant declares in its config (`tenants[].workloads`),
 * built with the sovereign building blocks in the tenant's stack.
 */
import { Construct } from "constructs";
import type { LandingZoneConfig } from "../lib/config/schema";
import { TerraformResource } from "../lib/core";
import { TenantKeyRefs } from "../lib/key-custody/key-refs";
import { tenantProjectId } from "../lib/naming";
import { profileOf } from "../lib/profiles/profile";
import type { TenantConfig } from "../lib/tenant/config";
import type { TenantContext } from "../lib/tenant/context";
import { workloadBucketName } from "../lib/workloads/config";
import { SovereignBucket } from "../lib/workloads/sovereign-bucket";
import { SovereignDataset } from "../lib/workloads/sovereign-dataset";
import { SovereignSecret } from "../lib/workloads/sovereign-secret";
import { SovereignTopic } from "../lib/workloads/sovereign-topic";

/**
 * Resource types of the tenant landing zone a workload must wait for: the
 * project, its APIs and the service agents' grants on the keys.
 */
const PREREQUISITES = new Set([
  "google_project",
  "google_project_service",
  "google_project_service_identity",
  "google_kms_crypto_key_iam_member",
]);

/**
 * Build the tenant's configured workloads under `scope/workloads`, in the
 * project of `workloads.environment` (default: the first environment), after
 * every project, API and key grant that `landingZone` creates.
 */
export function addTenantWorkloads(scope: Construct, config: LandingZoneConfig, tenant: TenantConfig, landingZone: Construct): void {
  const { workloads } = tenant;
  if (!workloads.buckets.length && !workloads.datasets.length && !workloads.topics.length && !workloads.secrets.length) return;
  const profile = profileOf(config.profile);
  const environment = workloads.environment ?? tenant.environments[0].name;
  const context: TenantContext = {
    profile,
    projectId: tenantProjectId(config.landingZone.prefix, tenant.id, environment),
    keys: new TenantKeyRefs({ profile, operatorProjectId: config.operator.projectId, tenantId: tenant.id, services: tenant.services }),
    labels: { ...tenant.labels, tenant: tenant.id, environment },
  };
  const dependsOn = landingZone.node
    .findAll()
    .filter((c): c is TerraformResource => c instanceof TerraformResource && PREREQUISITES.has(c.terraformResourceType));
  const base = { context, dependsOn: dependsOn.length ? dependsOn : undefined };
  const parent = new Construct(scope, "workloads");
  for (const b of workloads.buckets) {
    new SovereignBucket(parent, `bucket-${b.name}`, { ...base, name: workloadBucketName(context.projectId, b.name), versioning: b.versioning, retentionDays: b.retentionDays });
  }
  for (const d of workloads.datasets) new SovereignDataset(parent, `dataset-${d.id}`, { ...base, datasetId: d.id, description: d.description });
  for (const t of workloads.topics) new SovereignTopic(parent, `topic-${t.name}`, { ...base, name: t.name, messageRetentionDays: t.messageRetentionDays });
  for (const s of workloads.secrets) new SovereignSecret(parent, `secret-${s.id}`, { ...base, secretId: s.id });
}
