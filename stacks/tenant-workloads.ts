/**
 * The example workloads a tenant declares in its config (`tenants[].workloads`),
 * built with the sovereign building blocks in the tenant's stack.
 */
import { Construct } from "constructs";
import type { TenantConfig } from "../lib/config/tenant";
import { tenantWorkloadProps, workloadEnvironmentOf } from "../lib/config/tenant-props";
import type { TenantLandingZone } from "../lib/tenant/tenant-landing-zone";
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
  const environment = workloadEnvironmentOf(tenant);
  if (environment === undefined) return;
  const workloads = tenantWorkloadProps(tenant, landingZone.contextFor(environment));
  const parent = new Construct(scope, "workloads");
  for (const { id, props } of workloads.buckets) new SovereignBucket(parent, id, props);
  for (const { id, props } of workloads.datasets) new SovereignDataset(parent, id, props);
  for (const { id, props } of workloads.topics) new SovereignTopic(parent, id, props);
  for (const { id, props } of workloads.secrets) new SovereignSecret(parent, id, props);
}
