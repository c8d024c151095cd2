import type { Construct } from "constructs";
import type { LandingZoneConfig } from "../lib/config/schema";
import { KeyCustody } from "../lib/key-custody/key-custody";
import { SovereignStack } from "../lib/stack";
import { landingZoneStackProps } from "./stack-props";

/** The local operator's stack: key project, key rings and keys. */
export class KeyCustodyStack extends SovereignStack {
  readonly custody: KeyCustody;

  constructor(scope: Construct, id: string, config: LandingZoneConfig) {
    super(scope, id, landingZoneStackProps(config));
    this.custody = new KeyCustody(this, "custody", {
      profile: this.profile,
      projectId: config.operator.projectId,
      createProject: config.operator.createProject,
      organizationId: config.organization.id,
      parentFolderId: config.operator.parentFolderId,
      billingAccount: config.organization.billingAccount,
      adminMember: `group:${config.operator.adminGroup}`,
      keyProtection: config.operator.keyProtection,
      ekm: config.operator.ekm,
      externalKeyUriTemplate: config.operator.externalKeyUriTemplate,
      rotationDays: config.operator.rotationDays,
      tenants: config.tenants.map((t) => ({
        id: t.id,
        services: t.services,
        keyProtection: t.keyProtection,
        deployer: t.deployer && `serviceAccount:${t.deployer}`,
      })),
    });
  }
}
