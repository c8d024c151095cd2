import type { Construct } from "constructs";
import type { LandingZoneConfig } from "../lib/config/schema";
import type { TenantConfig } from "../lib/config/tenant";
import { tenantGuardrailsProps, tenantKeyRefsProps, tenantLandingZoneProps, tenantStackProps } from "../lib/config/tenant-props";
import { TenantGuardrails } from "../lib/guardrails/tenant-guardrails";
import { TenantKeyRefs } from "../lib/key-custody/key-refs";
import { SovereignStack } from "../lib/stack";
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
  readonly guardrails: TenantGuardrails;

  constructor(scope: Construct, id: string, props: TenantStackProps) {
    const { config, tenant } = props;
    super(scope, id, tenantStackProps(config, tenant));
    const keys = new TenantKeyRefs(tenantKeyRefsProps(config, tenant));
    this.landingZone = new TenantLandingZone(this, "tenant", tenantLandingZoneProps(config, tenant, { parentFolder: props.rootFolder, keys }));
    this.guardrails = new TenantGuardrails(this, "guardrails", tenantGuardrailsProps(config, tenant, this.landingZone.folder.name));
    addTenantWorkloads(this, tenant, this.landingZone);
  }
}
