/**
 * Config -> props of every stack of the landing zone (the app's input layer,
 * DESIGN.md section 1): pure functions, construct types imported as types only.
 */
import { operatorKeyId, PLATFORM_KEY_RING } from "../naming";
import { profileOf } from "../profiles/profile";
import type { GcsStateBackend, SovereignStackProps } from "../stack";
import type { LandingZoneConfig } from "./schema";

/** The GCS backend settings of a config (undefined: local state); the state key defaults to the operator's platform `storage` key. */
export function gcsBackendOf(config: Pick<LandingZoneConfig, "state" | "profile" | "operator">): GcsStateBackend | undefined {
  const { state } = config;
  if (state.backend !== "gcs") return undefined;
  const kmsKey = state.kmsKey ?? operatorKeyId(profileOf(config.profile), config.operator.projectId, PLATFORM_KEY_RING, "storage");
  return { bucket: state.bucket, prefix: state.prefix, kmsKey };
}

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
