import type { Construct } from "constructs";
import { FolderAccess } from "../lib/access/folder-access";
import {
  auditProjectOf,
  landingZoneRootProps,
  organizationGuardrailsProps,
  rootAccessProps,
  rootAuditLoggingProps,
  rootDataAccessLogsProps,
  rootGuardrailsProps,
} from "../lib/config/foundation-props";
import type { LandingZoneConfig } from "../lib/config/schema";
import { landingZoneStackProps } from "../lib/config/stack-props";
import { addDependsOn } from "../lib/core";
import { LandingZoneRoot } from "../lib/foundation/landing-zone-root";
import { Project, ProjectService } from "../lib/google";
import { applyProtection } from "../lib/deletion-protection";
import { SovereignGuardrails } from "../lib/guardrails/sovereign-guardrails";
import { platformKeyRefs } from "../lib/key-custody/key-custody";
import { AuditLogging } from "../lib/logging/audit-logging";
import { DataAccessLogs } from "../lib/logging/data-access-logs";
import { SovereignStack } from "../lib/stack";

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
    this.root = new LandingZoneRoot(this, "root", landingZoneRootProps(config));
    this.guardrails = new SovereignGuardrails(this, "guardrails", rootGuardrailsProps(config, this.root.folderName));
    const organizationGuardrails = organizationGuardrailsProps(config);
    // S3NS bootstraps these at the organization: adopt them rather than fail on "already exists".
    if (organizationGuardrails) new SovereignGuardrails(this, "organization-guardrails", organizationGuardrails);

    const { name, projectId } = auditProjectOf(config);
    const project = new Project(this, "audit-project", {
      projectId,
      name,
      folderId: this.root.folderName,
      billingAccount: config.organization.billingAccount,
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
    const keys = platformKeyRefs(this.profile, config.operator.projectId);
    this.auditLogging = new AuditLogging(this, "audit", rootAuditLoggingProps(config, { folder: this.root.folder, keys, dependsOn: [loggingApi] }));
    // The audit project goes in the root folder: created after the folder's Logging settings, it inherits them.
    addDependsOn(project, this.auditLogging.settings);
    new DataAccessLogs(this, "data-access-logs", rootDataAccessLogsProps(config, this.root.folderName));
    new FolderAccess(this, "access", rootAccessProps(config, this.root.folder));
  }
}
