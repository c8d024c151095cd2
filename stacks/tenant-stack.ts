import type { Construct } from "constructs";
import type { LandingZoneConfig } from "../lib/config/schema";
import { profileOf } from "../lib/profiles/profile";
import { SovereignStack } from "../lib/stack";
import type { TenantConfig } from "../lib/tenant/config";
import { TenantLandingZone } from "../lib/tenant/tenant-landing-zone";
import { addTenantWorkloads } from "./tenant-workloads";

export interface TenantStackProps {
  readonly config: LandingZoneConfig;
  readonly tenant: TenantConfig;
  /** `folders/<id>` of the landing-zone root. */
  readonly rootFolder: string;
}

/** One tenant's stack: its own state and blast radius. */
export class TenantStack extends SovereignStack {
  readonly landingZone: TenantLandingZone;

  constructor(scope: Construct, id: string, props: TenantStackProps) {
    const { config, tenant } = props;
    super(scope, id, { profile: profileOf(config.profile), labels: config.landingZone.labels });
    this.landingZone = new TenantLandingZone(this, "tenant", {
      profile: this.profile,
      tenantId: tenant.id,
      displayName: tenant.displayName,
      parentFolder: props.rootFolder,
      prefix: config.landingZone.prefix,
      billingAccount: config.organization.billingAccount,
      environments: tenant.environments,
      labels: tenant.labels,
    });
    addTenantWorkloads(this, config, tenant, this.landingZone);
  }
}
