import type { Construct } from "constructs";
import type { LandingZoneConfig } from "../lib/config/schema";
import { addDependsOn } from "../lib/core";
import { AuditLogging } from "../lib/logging/audit-logging";
import { DataAccessLogs } from "../lib/logging/data-access-logs";
import { LandingZoneRoot } from "../lib/foundation/landing-zone-root";
import { Project, ProjectService } from "../lib/google";
import { applyProtection } from "../lib/deletion-protection";
import { SovereignGuardrails } from "../lib/guardrails/sovereign-guardrails";
import { platformKeyRefs } from "../lib/key-custody/key-custody";
import { apiProjectId, auditProjectId } from "../lib/naming";
import { SovereignStack } from "../lib/stack";
import { landingZoneStackProps } from "./stack-props";
import { FolderAccess } from "../lib/access/folder-access";

/**
 * The platform team's stack: the landing-zone root folder, its guardrails,
 * its audit trail (a CMEK log bucket in an audit project, fed by a sink on
 * the root folder), security contacts and Access Approval.
 */
export class FoundationStack extends SovereignStack {
  readonly root: LandingZoneRoot;
  readonly guardrails: SovereignGuardrails;
  readonly auditLogging: AuditLogging;

  constructor(scope: Construct, id: string, config: LandingZoneConfig) {
    super(scope, id, landingZoneStackProps(config));
    const { landingZone, organization } = config;
    this.root = new LandingZoneRoot(this, "root", {
      organizationId: organization.id,
      displayName: landingZone.name,
      parentFolderId: landingZone.parentFolderId,
    });
    const facts = {
      profile: this.profile,
      operatorProjectId: config.operator.projectId,
      domain: organization.domain,
      organizationId: organization.id,
    };
    this.guardrails = new SovereignGuardrails(this, "guardrails", {
      ...facts,
      parent: this.root.folderName,
      dryRun: config.guardrails.dryRun,
      waivers: config.guardrails.waivers,
    });
    if (config.guardrails.importExisting.length) {
      // S3NS bootstraps these at the organization: adopt them rather than fail on "already exists".
      new SovereignGuardrails(this, "organization-guardrails", {
        ...facts,
        parent: `organizations/${organization.id}`,
        constraints: config.guardrails.importExisting,
        importExisting: true,
        dryRun: config.guardrails.dryRun,
      });
    }

    const name = auditProjectId(landingZone.prefix);
    const projectId = apiProjectId(this.profile, name);
    const project = new Project(this, "audit-project", {
      projectId,
      name,
      folderId: this.root.folderName,
      billingAccount: organization.billingAccount,
      autoCreateNetwork: false,
    });
    // The stack's setting (landingZone.protectResources).
    applyProtection(project);
    const loggingApi = new ProjectService(this, "audit-logging-api", {
      project: projectId,
      service: "logging.googleapis.com",
      disableOnDestroy: false,
      dependsOn: [project],
    });
    this.auditLogging = new AuditLogging(this, "audit", {
      folder: this.root.folder,
      projectId,
      region: this.profile.region,
      keys: platformKeyRefs(this.profile, config.operator.projectId),
      name: "landing-zone-audit",
      retentionDays: landingZone.logRetentionDays,
      dependsOn: [loggingApi],
    });
    // The audit project goes in the root folder: created after the folder's Logging settings, it inherits them.
    addDependsOn(project, this.auditLogging.settings);
    new DataAccessLogs(this, "data-access-logs", {
      folder: this.root.folderName,
      exemptedMembers: landingZone.dataAccessLogs.exemptedMembers,
    });
    new FolderAccess(this, "access", {
      folder: this.root.folder,
      essentialContacts: landingZone.essentialContacts,
      accessApproval: landingZone.accessApproval && this.profile.accessApproval,
    });
  }
}
