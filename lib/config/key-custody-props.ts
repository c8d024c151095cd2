/** Config -> `KeyCustody` props (the `key-custody` stack). */
import type { KeyCustodyProps } from "../key-custody/key-custody";
import { profileOf } from "../profiles/profile";
import type { LandingZoneConfig } from "./schema";

/** The operator's key custody: its project, admin group, key protection and one key ring per tenant. */
export function keyCustodyProps(config: LandingZoneConfig): KeyCustodyProps {
  const { operator, organization } = config;
  return {
    profile: profileOf(config.profile),
    projectId: operator.projectId,
    createProject: operator.createProject,
    organizationId: organization.id,
    parentFolderId: operator.parentFolderId,
    billingAccount: organization.billingAccount,
    adminMember: `group:${operator.adminGroup}`,
    keyProtection: operator.keyProtection,
    ekm: operator.ekm,
    externalKeyUriTemplate: operator.externalKeyUriTemplate,
    rotationDays: operator.rotationDays,
    tenants: config.tenants.map((t) => ({
      id: t.id,
      services: t.services,
      keyProtection: t.keyProtection,
      deployer: t.deployer && `serviceAccount:${t.deployer}`,
    })),
  };
}
