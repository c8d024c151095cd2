import type { Construct } from "constructs";
import type { LandingZoneConfig } from "../lib/config/schema";
import { LandingZoneRoot } from "../lib/foundation/landing-zone-root";
import { profileOf } from "../lib/profiles/profile";
import { SovereignStack } from "../lib/stack";

/** The platform team's stack: landing-zone root folder and its guardrails. */
export class FoundationStack extends SovereignStack {
  readonly root: LandingZoneRoot;

  constructor(scope: Construct, id: string, config: LandingZoneConfig) {
    super(scope, id, { profile: profileOf(config.profile), labels: config.landingZone.labels });
    this.root = new LandingZoneRoot(this, "root", {
      organizationId: config.organization.id,
      displayName: config.landingZone.name,
      parentFolderId: config.landingZone.parentFolderId,
    });
  }
}
