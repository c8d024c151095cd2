/** Tenant `t1` as tests build its constructs alone: its operator-held keys and the smallest `TenantLandingZone` props. */
import type { KmsService } from "../../lib/catalog/kms-services";
import { TenantKeyRefs } from "../../lib/key-custody/key-refs";
import { PROFILES, type SovereigntyProfile } from "../../lib/profiles/profile";
import type { TenantLandingZoneProps } from "../../lib/tenant/tenant-landing-zone";

/** The keys of tenant `t1` for `services`, held in project `op-keys`. */
export function tenantKeys(services: readonly KmsService[] = ["storage", "logging"], profile: SovereigntyProfile = PROFILES.paris): TenantKeyRefs {
  return new TenantKeyRefs({ profile, operatorProjectId: "op-keys", tenantId: "t1", services });
}

/** Tenant `t1` under `folders/1` on the Paris profile: one `prod` environment (10.0.0.0/24), keys for storage and logging. */
export function tenantProps(): TenantLandingZoneProps {
  return {
    profile: PROFILES.paris,
    tenantId: "t1",
    parentFolder: "folders/1",
    organizationId: "1",
    prefix: "slz",
    billingAccount: "01AB23-45CD67-89EF01",
    environments: [{ name: "prod", subnet: "10.0.0.0/24" }],
    keys: tenantKeys(),
  };
}
