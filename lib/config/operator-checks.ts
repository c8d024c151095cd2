/** Config checks of the key custody: each key's protection level has what it needs. */
import type { CrossCheck } from "./cross-checks";
import { objectsIn } from "./cross-checks";
import { KEY_PROTECTION_LEVELS, type KeyProtectionLevel } from "../profiles/profile";
import { ekmResolverProblems, protectionProblem } from "../key-custody/protection";
import { SERVICE_DIRECTORY_SERVICE_RULE } from "../patterns";

const isLevel = (v: unknown): v is KeyProtectionLevel => KEY_PROTECTION_LEVELS.includes(v as KeyProtectionLevel);

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
    // The EKM of EXTERNAL_VPC keys is reached through Service Directory services in the profile's region (a config
    // switched from paris to s3ns keeps its europe-west9 services otherwise); a malformed name is the schema's error.
    if (level === "EXTERNAL_VPC") {
      const given: unknown = operator.ekm?.serviceResolvers;
      const resolvers = Array.isArray(given) ? given.map((r) => (r && typeof r === "object" ? r : {})) : [];
      const malformed = (name: unknown) => typeof name !== "string" || !SERVICE_DIRECTORY_SERVICE_RULE.test(name);
      for (const { path, message } of ekmResolverProblems(profile, resolvers, malformed)) report(["operator", "ekm", ...path], message);
    }
  }
};
