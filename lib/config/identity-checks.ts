/** Config checks of identities: every group, deployer, member and contact inside the organization's identity boundary (lib/identity.ts). */
import { objectsIn, type CrossCheck } from "./cross-checks";
import { DEFAULT_PREFIX, tenantProjectId } from "../naming";
import { identityProblem, type IdentityDomain, type IdentityKind } from "../identity";

/**
 * Groups, admin group, deployers, IAM members and essential contacts belong
 * to the organization. A tenant's IAM members name only service accounts of
 * its own projects; its deployer may be any landing-zone service account
 * (the platform's, or its own).
 */
export const checkIdentities: CrossCheck = (config, _profile, report) => {
  const domain = config.organization?.domain;
  if (typeof domain !== "string") return;
  const prefix = typeof config.landingZone?.prefix === "string" ? config.landingZone.prefix : DEFAULT_PREFIX;
  const operatorProjectId = config.operator?.projectId;
  const identity: IdentityDomain = {
    organizationDomain: domain,
    prefix,
    operatorProjectId: typeof operatorProjectId === "string" ? operatorProjectId : undefined,
  };
  const check = (path: (string | number)[], value: unknown, kind?: IdentityKind, within = identity) => {
    const problem = typeof value === "string" ? identityProblem(value, within, kind) : undefined;
    if (problem) report(path, problem);
  };
  const checkContacts = (contacts: unknown, path: (string | number)[]) => {
    for (const [contact, j] of objectsIn(contacts)) check([...path, j, "email"], contact.email, "user");
  };
  check(["operator", "adminGroup"], config.operator?.adminGroup, "group");
  checkContacts(config.landingZone?.essentialContacts, ["landingZone", "essentialContacts"]);
  for (const [tenant, i] of objectsIn(config.tenants)) {
    checkContacts(tenant.essentialContacts, ["tenants", i, "essentialContacts"]);
    const groups = tenant.groups && typeof tenant.groups === "object" ? (tenant.groups as Record<string, unknown>) : {};
    for (const [name, email] of Object.entries(groups)) check(["tenants", i, "groups", name], email, "group");
    check(["tenants", i, "deployer"], tenant.deployer, "serviceAccount");
    check(["tenants", i, "planner"], tenant.planner, "serviceAccount");
    const tenantProjects = objectsIn(tenant.environments).flatMap(([env]) =>
      typeof tenant.id === "string" && typeof env.name === "string" ? [tenantProjectId(prefix, tenant.id, env.name)] : [],
    );
    const own: IdentityDomain = { ...identity, tenantProjects };
    for (const [binding, j] of objectsIn(tenant.iam)) check(["tenants", i, "iam", j, "member"], binding.member, undefined, own);
  }
};
