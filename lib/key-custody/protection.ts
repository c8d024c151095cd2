/**
 * What each key protection level needs, in one place for the construct and
 * the config validation.
 */
import type { KeyProtectionLevel, SovereigntyProfile } from "../profiles/profile";

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
