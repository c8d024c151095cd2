/** Config checks of the key custody: each key's protection level has what it needs. */
import type { CrossCheck } from "./cross-checks";
import { objectsIn } from "./cross-checks";
import { KEY_PROTECTION_LEVELS, type KeyProtectionLevel } from "../profiles/profile";
import { protectionProblem } from "../key-custody/protection";

const isLevel = (v: unknown): v is KeyProtectionLevel => KEY_PROTECTION_LEVELS.includes(v as KeyProtectionLevel);

/**
 * The EKM of `EXTERNAL_VPC` keys is resolved through Service Directory services, which must be in the profile's region
 * (a config switched from paris to s3ns keeps its europe-west9 services otherwise, and synth would fail further on).
 */
function checkEkmResolvers(resolvers: unknown, region: string, report: Parameters<CrossCheck>[2]): void {
  for (const [resolver, i] of objectsIn(resolvers)) {
    const location = /^projects\/[^/]+\/locations\/([^/]+)\//.exec(String(resolver.serviceDirectoryService))?.[1];
    if (location !== undefined && location !== region) {
      report(
        ["operator", "ekm", "serviceResolvers", i, "serviceDirectoryService"],
        `location "${location}" is outside the sovereign boundary (allowed: ${region})`,
      );
    }
  }
}

/** External protection levels need their EKM settings; reported once per missing setting. */
export const checkKeySettings: CrossCheck = (config, profile, report) => {
  const operator = config.operator;
  if (!profile || !operator || typeof operator !== "object") return;
  const levels = new Set<KeyProtectionLevel>();
  const base = operator.keyProtection ?? profile.keyProtectionLevels[0];
  if (isLevel(base)) levels.add(base);
  for (const [tenant] of objectsIn(config.tenants)) if (isLevel(tenant.keyProtection)) levels.add(tenant.keyProtection);
  const reported = new Set<string>();
  for (const level of levels) {
    if (!profile.keyProtectionLevels.includes(level)) continue; // reported by checkBoundary
    const problem = protectionProblem(profile, level, operator);
    if (problem && !reported.has(problem.field)) {
      reported.add(problem.field);
      report(["operator", ...problem.field.split(".")], problem.message);
    }
    if (level === "EXTERNAL_VPC") checkEkmResolvers(operator.ekm?.serviceResolvers, profile.region, report);
  }
};
