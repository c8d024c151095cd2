/** Config checks of tenants: network ranges, contacts, services, Assured Workloads. */
import { objectsIn, type CrossCheck } from "./cross-checks";

/** An IPv4 CIDR as a [first, last] address range, or undefined if malformed. */
export function cidrRange(cidr: string): [number, number] | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(cidr);
  if (!m) return undefined;
  const ip = m.slice(1, 5).reduce((acc, octet) => acc * 256 + Number(octet), 0);
  const size = 2 ** (32 - Number(m[5]));
  const first = ip - (ip % size);
  return [first, first + size - 1];
}

/** Subnet ranges may not overlap, across environments and tenants. */
export const checkSubnets: CrossCheck = (config, _profile, report) => {
  const seen: { range: [number, number]; where: string }[] = [];
  for (const [tenant, i] of objectsIn(config.tenants)) {
    for (const [env, j] of objectsIn(tenant.environments)) {
      const range = typeof env.subnet === "string" ? cidrRange(env.subnet) : undefined;
      if (!range) continue;
      const clash = seen.find((s) => s.range[0] <= range[1] && range[0] <= s.range[1]);
      const where = `tenants[${i}].environments[${j}].subnet`;
      if (clash) report(["tenants", i, "environments", j, "subnet"], `"${env.subnet}" overlaps ${clash.where} (allowed: ranges that do not overlap)`);
      else seen.push({ range, where });
    }
  }
};

/** The logging key; Assured Workloads where available. Identities: identity-checks.ts. */
export const checkTenantServices: CrossCheck = (config, profile, report) => {
  for (const [tenant, i] of objectsIn(config.tenants)) {
    if (Array.isArray(tenant.services) && !tenant.services.includes("logging")) {
      report(["tenants", i, "services"], `must include "logging": the tenant's audit logs are encrypted with it (allowed: add logging)`);
    }
    if (profile && !profile.assuredWorkloads && tenant.assuredWorkloads === true) {
      report(["tenants", i, "assuredWorkloads"], `is not available on profile ${profile.name} (allowed: false)`);
    }
  }
};
