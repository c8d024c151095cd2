/**
 * Checks that span several fields (boundary, uniqueness, project ids). They
 * run even when other fields are malformed, so that every problem is
 * reported at once: each check reads the config defensively.
 */
import { PROJECT_ID_RULE } from "../patterns";
import { KEY_PROTECTION_LEVELS, PROFILES, type SovereigntyProfile } from "../profiles/profile";
import { DEFAULT_PREFIX, PLATFORM_KEY_RING, tenantProjectId } from "../naming";

/** Reports one problem at a path. */
export type Report = (path: (string | number)[], message: string) => void;

/** A config as it may be while still invalid: any field can be missing or of the wrong type. */
export type LooseConfig = Record<string, any>;

/** A cross-field check. */
export type CrossCheck = (config: LooseConfig, profile: SovereigntyProfile | undefined, report: Report) => void;

/** The elements of `value` that are plain objects, with their index. */
export function objectsIn(value: unknown): [Record<string, any>, number][] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((v, i) => (v && typeof v === "object" && !Array.isArray(v) ? [[v, i] as [Record<string, any>, number]] : []));
}

/** The profile a config names, if valid. */
export function profileOfConfig(config: LooseConfig): SovereigntyProfile | undefined {
  return typeof config.profile === "string" && Object.hasOwn(PROFILES, config.profile)
    ? PROFILES[config.profile as keyof typeof PROFILES]
    : undefined;
}

const ID = /^[a-z][a-z0-9-]*[a-z0-9]$/;

/** Region and key protection levels inside the profile. */
export const checkBoundary: CrossCheck = (config, profile, report) => {
  if (!profile) return;
  if (typeof config.region === "string" && config.region !== profile.region) {
    report(["region"], `"${config.region}" is outside the sovereign boundary (allowed: ${profile.region})`);
  }
  const levels = profile.keyProtectionLevels;
  const checkLevel = (path: (string | number)[], level: unknown) => {
    // A value that is no protection level at all is the schema's to report, once.
    if (KEY_PROTECTION_LEVELS.includes(level as never) && !levels.includes(level as never)) {
      report(path, `"${level}" is not allowed on profile ${profile.name} (allowed: ${levels.join(", ")})`);
    }
  };
  checkLevel(["operator", "keyProtection"], config.operator?.keyProtection);
  for (const [tenant, i] of objectsIn(config.tenants)) checkLevel(["tenants", i, "keyProtection"], tenant.keyProtection);
};

/** Unique tenant and environment names; project ids within 30 characters. */
export const checkTenantIds: CrossCheck = (config, _profile, report) => {
  const prefix = typeof config.landingZone?.prefix === "string" ? config.landingZone.prefix : DEFAULT_PREFIX;
  const seen = new Map<string, number>();
  for (const [tenant, i] of objectsIn(config.tenants)) {
    if (typeof tenant.id !== "string") continue;
    if (tenant.id === PLATFORM_KEY_RING)
      report(["tenants", i, "id"], `"${tenant.id}" is reserved for the platform's own keys (allowed: any other id)`);
    const first = seen.get(tenant.id);
    if (first !== undefined) {
      report(["tenants", i, "id"], `"${tenant.id}" is already used by tenants[${first}] (allowed: unique ids)`);
    } else seen.set(tenant.id, i);

    const envs = new Map<string, number>();
    for (const [env, j] of objectsIn(tenant.environments)) {
      if (typeof env.name !== "string") continue;
      if (envs.has(env.name)) {
        report(["tenants", i, "environments", j, "name"], `"${env.name}" is already used (allowed: unique names)`);
      }
      envs.set(env.name, j);
      if (![prefix, tenant.id, env.name].every((part) => ID.test(part))) continue; // reported by the field rules
      const projectId = tenantProjectId(prefix, tenant.id, env.name);
      if (!PROJECT_ID_RULE.test(projectId)) {
        report(
          ["tenants", i, "environments", j, "name"],
          `project id "${projectId}" would be ${projectId.length} characters (allowed: 6 to 30; shorten the prefix, tenant id or environment name)`,
        );
      }
    }
  }
};
