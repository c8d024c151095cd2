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

/** Contacts and IAM members in the organization's domain; logging key; Assured Workloads where available. */
export const checkTenantAccess: CrossCheck = (config, profile, report) => {
  const domain = config.organization?.domain;
  const checkContacts = (contacts: unknown, path: (string | number)[]) => {
    for (const [contact, j] of objectsIn(contacts)) {
      if (typeof domain === "string" && typeof contact.email === "string" && !contact.email.toLowerCase().endsWith(`@${domain}`)) {
        report([...path, j, "email"], `"${contact.email}" is outside the allowed domain (allowed: @${domain})`);
      }
    }
  };
  checkContacts(config.landingZone?.essentialContacts, ["landingZone", "essentialContacts"]);
  for (const [tenant, i] of objectsIn(config.tenants)) {
    checkContacts(tenant.essentialContacts, ["tenants", i, "essentialContacts"]);
    if (typeof domain === "string") {
      for (const [binding, j] of objectsIn(tenant.iam)) {
        const m = typeof binding.member === "string" ? /^(user|group):.*@(.+)$/.exec(binding.member) : null;
        if (m && m[2].toLowerCase() !== domain) {
          report(["tenants", i, "iam", j, "member"], `"${binding.member}" is outside the allowed domain (allowed: @${domain})`);
        }
      }
    }
    if (Array.isArray(tenant.services) && !tenant.services.includes("logging")) {
      report(["tenants", i, "services"], `must include "logging": the tenant's audit logs are encrypted with it (allowed: add logging)`);
    }
    if (profile && !profile.assuredWorkloads && tenant.assuredWorkloads === true) {
      report(["tenants", i, "assuredWorkloads"], `is not available on profile ${profile.name} (allowed: false)`);
    }
  }
};
