/**
 * What each key protection level needs, in one place for the construct and
 * the config validation.
 */
import type { KeyProtectionLevel, SovereigntyProfile } from "../profiles/profile";
import { locationInName } from "../naming";
import { SERVICE_DIRECTORY_SERVICE_RULE } from "../patterns";

/** The settings that external protection levels need. */
export interface ExternalKeySettings {
  readonly ekm?: { readonly keyManagementMode?: string; readonly cryptoSpacePath?: string };
  readonly externalKeyUriTemplate?: string;
}

/** Why `level` cannot be used with these settings on this profile, or undefined if it can. */
export function protectionProblem(
  profile: SovereigntyProfile,
  level: KeyProtectionLevel,
  settings: ExternalKeySettings,
): { field: string; message: string } | undefined {
  if (!profile.keyProtectionLevels.includes(level)) {
    return {
      field: "keyProtection",
      message: `"${level}" is not allowed on profile ${profile.name} (allowed: ${profile.keyProtectionLevels.join(", ")})`,
    };
  }
  if (level === "EXTERNAL_VPC" && !settings.ekm) {
    return { field: "ekm", message: "is required for EXTERNAL_VPC keys (allowed: an EKM connection with serviceResolvers)" };
  }
  if (level === "EXTERNAL_VPC" && settings.ekm?.keyManagementMode === "CLOUD_KMS" && !settings.ekm.cryptoSpacePath) {
    return { field: "ekm.cryptoSpacePath", message: "is required with keyManagementMode CLOUD_KMS (allowed: the EKM crypto space path)" };
  }
  if (level === "EXTERNAL" && !settings.externalKeyUriTemplate) {
    return {
      field: "externalKeyUriTemplate",
      message: "is required for EXTERNAL keys (allowed: an https URI with {tenant} and {service} placeholders)",
    };
  }
  return undefined;
}

/** The allowed form of an EKM resolver's Service Directory service, in the profile's region. */
const serviceNameIn = (region: string) => `a Service Directory service projects/P/locations/${region}/namespaces/N/services/S`;

/**
 * Why the EKM connection's resolvers cannot be used on this profile: Cloud KMS reaches the EKM through each
 * Service Directory service, which must be well formed and in the profile's region (the connection's). One problem
 * per resolver, its field path `serviceResolvers.<i>.serviceDirectoryService` under `ekm`; values `skip` says cannot
 * be read yet (an unresolved token) are left to the sovereignty gate, which judges the written value.
 */
export function ekmResolverProblems(
  profile: SovereigntyProfile,
  resolvers: readonly { readonly serviceDirectoryService?: unknown }[],
  skip: (value: unknown) => boolean = () => false,
): { path: (string | number)[]; message: string }[] {
  return resolvers.flatMap((resolver, i) => {
    const name = resolver.serviceDirectoryService;
    const path = ["serviceResolvers", i, "serviceDirectoryService"];
    if (skip(name)) return [];
    if (typeof name !== "string" || !SERVICE_DIRECTORY_SERVICE_RULE.test(name))
      return [{ path, message: `${JSON.stringify(name)} is not a Service Directory service name (allowed: ${serviceNameIn(profile.region)})` }];
    const location = locationInName(name)!;
    return location === profile.region
      ? []
      : [{ path, message: `location "${location}" is outside the sovereign boundary (allowed: ${profile.region})` }];
  });
}
