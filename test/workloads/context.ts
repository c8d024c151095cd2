/** A tenant context and an empty stack for workload tests. */
import { Testing } from "../../lib/core";
import type { KmsService } from "../../lib/catalog/kms-services";
import { TenantKeyRefs } from "../../lib/key-custody/key-refs";
import { profileOf, type ProfileName } from "../../lib/profiles/profile";
import { SovereignStack } from "../../lib/stack";
import type { TenantContext } from "../../lib/workloads/context";

const ALL_SERVICES: KmsService[] = ["storage", "bigquery", "pubsub", "secretmanager", "artifactregistry", "compute", "sql"];

/** Tenant `t1` in project `slz-t1-prod`, with operator keys in `op-keys`. */
export function testContext(profileName: ProfileName = "paris"): TenantContext {
  const profile = profileOf(profileName);
  return {
    profile,
    projectId: "slz-t1-prod",
    keys: new TenantKeyRefs({ profile, operatorProjectId: "op-keys", tenantId: "t1", services: ALL_SERVICES }),
    labels: { tenant: "t1" },
  };
}

/** A fresh stack on the context's profile. */
export function testStack(context: TenantContext = testContext()): SovereignStack {
  return new SovereignStack(Testing.app(), "workloads", { profile: context.profile });
}
