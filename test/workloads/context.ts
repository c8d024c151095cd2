/** A tenant context and an empty stack for workload tests. */
import { Testing } from "../../lib/core";
import type { KmsService } from "../../lib/catalog/kms-services";
import { profileOf, type ProfileName } from "../../lib/profiles/profile";
import { SovereignStack } from "../../lib/stack";
import type { TenantContext } from "../../lib/workloads/context";
import { tenantKeys } from "../support/tenant";

const ALL_SERVICES: KmsService[] = ["storage", "bigquery", "pubsub", "secretmanager", "artifactregistry", "compute", "sql"];

/** Tenant `t1` in project `slz-t1-prod`, with operator keys in `op-keys`. */
export function testContext(profileName: ProfileName = "paris"): TenantContext {
  const profile = profileOf(profileName);
  return {
    profile,
    projectId: "slz-t1-prod",
    keys: tenantKeys(ALL_SERVICES, profile),
    labels: { tenant: "t1" },
  };
}

/** A fresh stack on the context's profile. */
export function testStack(context: TenantContext = testContext()): SovereignStack {
  return new SovereignStack(Testing.app(), "workloads", { profile: context.profile });
}
