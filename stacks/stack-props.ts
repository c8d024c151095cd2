import type { LandingZoneConfig } from "../lib/config/schema";
import { gcsBackendOf } from "./state-backend";
import { profileOf } from "../lib/profiles/profile";
import type { SovereignStackProps } from "../lib/stack";

/** Props every stack of the landing zone shares: profile, labels, state, and the gate's view of the whole landing zone. */
export function landingZoneStackProps(config: LandingZoneConfig): SovereignStackProps {
  return {
    profile: profileOf(config.profile),
    labels: config.landingZone.labels,
    backend: gcsBackendOf(config),
    operatorProjectId: config.operator.projectId,
    organizationDomain: config.organization.domain,
    landingZonePrefix: config.landingZone.prefix,
    protectResources: config.landingZone.protectResources,
    acrossStacks: true,
  };
}
