/** Config checks of identities: every group, deployer, member and contact inside the organization's identity boundary (lib/identity.ts). */
import { objectsIn, type CrossCheck } from "./cross-checks";
import { DEFAULT_PREFIX } from "../naming";
import { identityProblem, type IdentityDomain, type IdentityKind } from "../identity";

/** Groups, admin group, deployers, IAM members and essential contacts belong to the organization. */
export const checkIdentities: CrossCheck = (config, _profile, report) => {
  const domain = config.organization?.domain;
  if (typeof domain !== "string") return;
  const prefix = config.landingZone?.prefix;
  const operatorProjectId = config.operator?.projectId;
  const identity: IdentityDomain = {
    organizationDomain: domain,
    prefix: typeof prefix === "string" ? prefix : DEFAULT_PREFIX,
    operatorProjectId: typeof operatorProjectId === "string" ? operatorProjectId : undefined,
  };
  const check = (path: (string | number)[], value: unknown, kind?: IdentityKind) => {
    const problem = typeof value === "string" ? identityProblem(value, identity, kind) : undefined;
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
    for (const [binding, j] of objectsIn(tenant.iam)) check(["tenants", i, "iam", j, "member"], binding.member);
  }
};
