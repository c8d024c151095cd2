import type { Construct } from "constructs";
import type { LandingZoneConfig } from "../lib/config/schema";
import { TenantGuardrails } from "../lib/guardrails/tenant-guardrails";
import { TenantKeyRefs } from "../lib/key-custody/key-refs";
import { SovereignStack } from "../lib/stack";
import { landingZoneStackProps } from "./stack-props";
import { tenantProjectId } from "../lib/naming";
import type { TenantConfig } from "../lib/config/tenant";
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
    // The gate holds the tenant's grants to its own projects' service accounts (SOV-IAM-003), as the config does.
    const tenantProjects = tenant.environments.map((env) => tenantProjectId(config.landingZone.prefix, tenant.id, env.name));
    super(scope, id, { ...landingZoneStackProps(config), tenantProjects });
    const keys = new TenantKeyRefs({
      profile: this.profile,
      operatorProjectId: config.operator.projectId,
      tenantId: tenant.id,
      services: tenant.services,
    });
    this.landingZone = new TenantLandingZone(this, "tenant", {
      profile: this.profile,
      tenantId: tenant.id,
      displayName: tenant.displayName,
      parentFolder: props.rootFolder,
      organizationId: config.organization.id,
      prefix: config.landingZone.prefix,
      billingAccount: config.organization.billingAccount,
      environments: tenant.environments,
      keys,
      labels: tenant.labels,
      access: {
        groups: tenant.groups,
        iam: tenant.iam,
        essentialContacts: tenant.essentialContacts,
        accessApproval: tenant.accessApproval,
      },
      network: tenant.network,
      logRetentionDays: tenant.logging.retentionDays,
      assuredWorkloads: tenant.assuredWorkloads,
      organizationDomain: config.organization.domain,
    });
    this.guardrails = new TenantGuardrails(this, "guardrails", {
      ...tenant.guardrails,
      profile: this.profile,
      parent: this.landingZone.folder.name,
      operatorProjectId: config.operator.projectId,
      dryRun: config.guardrails.dryRun,
    });
    addTenantWorkloads(this, tenant, this.landingZone);
  }
}
