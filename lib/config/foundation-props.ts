/**
 * Config -> props of the `foundation` stack's constructs: the landing-zone
 * root folder, its guardrails, audit trail, Data Access logs and access.
 */
import type { FolderAccessProps } from "../access/folder-access";
import type { GuardrailFacts } from "../catalog/guardrail-policies";
import type { ITerraformDependable } from "../core";
import type { IFolderRef } from "../folder-ref";
import type { LandingZoneRootProps } from "../foundation/landing-zone-root";
import type { SovereignGuardrailsProps } from "../guardrails/sovereign-guardrails";
import type { ITenantKeys } from "../key-custody/key-refs";
import type { AuditLoggingProps } from "../logging/audit-logging";
import type { DataAccessLogsProps } from "../logging/data-access-logs";
import { apiProjectId, auditProjectId } from "../naming";
import { profileOf } from "../profiles/profile";
import type { LandingZoneConfig } from "./schema";

/** The landing-zone root folder, under the organization or `landingZone.parentFolderId`. */
export function landingZoneRootProps(config: LandingZoneConfig): LandingZoneRootProps {
  return { organizationId: config.organization.id, displayName: config.landingZone.name, parentFolderId: config.landingZone.parentFolderId };
}

function guardrailFacts(config: LandingZoneConfig): GuardrailFacts {
  return {
    profile: profileOf(config.profile),
    operatorProjectId: config.operator.projectId,
    domain: config.organization.domain,
    organizationId: config.organization.id,
  };
}

/** The guardrails of the root folder `parent` (`folders/<id>`), with the config's dry run and waivers. */
export function rootGuardrailsProps(config: LandingZoneConfig, parent: string): SovereignGuardrailsProps {
  return { ...guardrailFacts(config), parent, dryRun: config.guardrails.dryRun, waivers: config.guardrails.waivers };
}

/** The organization policies S3NS creates at bootstrap, adopted at the organization (`guardrails.importExisting`); undefined when none. */
export function organizationGuardrailsProps(config: LandingZoneConfig): SovereignGuardrailsProps | undefined {
  const { importExisting, dryRun } = config.guardrails;
  if (!importExisting.length) return undefined;
  return { ...guardrailFacts(config), parent: `organizations/${config.organization.id}`, constraints: importExisting, importExisting: true, dryRun };
}

/** The audit project: its id as written (`<prefix>-audit`) and as API paths spell it. */
export function auditProjectOf(config: LandingZoneConfig): { readonly name: string; readonly projectId: string } {
  const name = auditProjectId(config.landingZone.prefix);
  return { name, projectId: apiProjectId(profileOf(config.profile), name) };
}

/** The landing zone's audit trail: the root folder's logs in the audit project, under the platform `logging` key. */
export function rootAuditLoggingProps(
  config: LandingZoneConfig,
  refs: { readonly folder: IFolderRef; readonly keys: ITenantKeys; readonly dependsOn?: ITerraformDependable[] },
): AuditLoggingProps {
  return {
    folder: refs.folder,
    projectId: auditProjectOf(config).projectId,
    region: profileOf(config.profile).region,
    keys: refs.keys,
    name: "landing-zone-audit",
    retentionDays: config.landingZone.logRetentionDays,
    dependsOn: refs.dependsOn,
  };
}

/** Data Access audit logs on the root folder `folder` (`folders/<id>`), with the configured exemptions. */
export function rootDataAccessLogsProps(config: LandingZoneConfig, folder: string): DataAccessLogsProps {
  return { folder, exemptedMembers: config.landingZone.dataAccessLogs.exemptedMembers };
}

/** Security contacts and Access Approval (where the profile has it) on the root folder. */
export function rootAccessProps(config: LandingZoneConfig, folder: IFolderRef): FolderAccessProps {
  const { landingZone } = config;
  return {
    folder,
    essentialContacts: landingZone.essentialContacts,
    accessApproval: landingZone.accessApproval && profileOf(config.profile).accessApproval,
  };
}
