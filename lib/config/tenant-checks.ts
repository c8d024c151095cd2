/** Config checks of tenants: network ranges, contacts, services, Assured Workloads. */
import { overlappingRanges } from "../cidr";
import { objectsIn, type CrossCheck } from "./cross-checks";

/** Subnet ranges may not overlap, across environments and tenants (lib/cidr.ts, as `TenantLandingZone` checks its own). */
export const checkSubnets: CrossCheck = (config, _profile, report) => {
  const ranges = objectsIn(config.tenants).flatMap(([tenant, i]) =>
    objectsIn(tenant.environments).flatMap(([env, j]) =>
      typeof env.subnet === "string"
        ? [{ cidr: env.subnet, where: `tenants[${i}].environments[${j}].subnet`, path: ["tenants", i, "environments", j, "subnet"] }]
        : [],
    ),
  );
  for (const { range, problem } of overlappingRanges(ranges)) report(range.path, problem);
};

/** The logging key; Assured Workloads and IAP SSH where available. Identities: identity-checks.ts. */
export const checkTenantServices: CrossCheck = (config, profile, report) => {
  for (const [tenant, i] of objectsIn(config.tenants)) {
    if (Array.isArray(tenant.services) && !tenant.services.includes("logging")) {
      report(["tenants", i, "services"], `must include "logging": the tenant's audit logs are encrypted with it (allowed: add logging)`);
    }
    if (profile && !profile.assuredWorkloads && tenant.assuredWorkloads === true) {
      report(["tenants", i, "assuredWorkloads"], `is not available on profile ${profile.name} (allowed: false)`);
    }
    const network = tenant.network as { iapSsh?: unknown } | undefined;
    if (profile && !profile.compute.iapTcpForwarding && network?.iapSsh === true) {
      report(["tenants", i, "network", "iapSsh"], `is not available on profile ${profile.name}, which has no IAP TCP forwarding (allowed: false)`);
    }
  }
};
