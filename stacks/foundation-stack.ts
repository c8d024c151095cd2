import type { Construct } from "constructs";
import type { LandingZoneConfig } from "../lib/config/schema";
import { gcsBackendOf } from "../lib/config/state";
import { LandingZoneRoot } from "../lib/foundation/landing-zone-root";
import { SovereignGuardrails } from "../lib/guardrails/sovereign-guardrails";
import { profileOf } from "../lib/profiles/profile";
import { SovereignStack } from "../lib/stack";

/** The platform team's stack: landing-zone root folder and its guardrails. */
export class FoundationStack extends SovereignStack {
  readonly root: LandingZoneRoot;
  readonly guardrails: SovereignGuardrails;

  constructor(scope: Construct, id: string, config: LandingZoneConfig) {
    super(scope, id, { profile: profileOf(config.profile), labels: config.landingZone.labels, backend: gcsBackendOf(config) });
    this.root = new LandingZoneRoot(this, "root", {
      organizationId: config.organization.id,
      displayName: config.landingZone.name,
      parentFolderId: config.landingZone.parentFolderId,
    });
    const facts = {
      profile: this.profile,
      operatorProjectId: config.operator.projectId,
      domain: config.organization.domain,
      customerId: config.organization.customerId,
    };
    this.guardrails = new SovereignGuardrails(this, "guardrails", {
      ...facts,
      parent: this.root.folderName,
      dryRun: config.guardrails.dryRun,
      disabled: config.guardrails.disabled,
    });
    if (config.guardrails.importExisting.length) {
      // S3NS bootstraps these at the organization: adopt them rather than fail on "already exists".
      new SovereignGuardrails(this, "organization-guardrails", {
        ...facts,
        parent: `organizations/${config.organization.id}`,
        constraints: config.guardrails.importExisting,
        importExisting: true,
        dryRun: config.guardrails.dryRun,
      });
    }
  }
}
