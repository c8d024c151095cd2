/**
 * The landing zone's identity boundary, as one rule: which IAM members and
 * emails belong to the organization. The config validation and the rule pack
 * (SOV-IAM-003) both ask this function; constructs ask it through their props.
 */
import { SERVICE_AGENTS } from "./service-agents";

/** What the identity boundary depends on. */
export interface IdentityDomain {
  /** The organization's DNS domain (`organization.domain`): users, groups and `domain:` members. */
  readonly organizationDomain: string;
  /** Project id prefix of the landing zone: its service accounts live in `<prefix>-*` projects. */
  readonly prefix?: string;
  /** The operator project, whose service accounts are the landing zone's own too. */
  readonly operatorProjectId?: string;
  /**
   * A tenant's own projects (ids without the universe prefix): when given,
   * service accounts are held to these projects instead of the whole landing
   * zone's, and a service agent only counts when its project is one of them
   * (`service-<project>@...`, where a caller that can attribute a project
   * number, such as SOV-IAM-003 following `${google_project.p.number}`, puts
   * the project's id): a literal project number cannot be attributed, so it is outside.
   * @default - the whole landing zone's projects
   */
  readonly tenantProjects?: readonly string[];
}

/** The kind of a bare email. */
export type IdentityKind = "user" | "group" | "serviceAccount";

/** Google-managed service agents: the agent subdomains of the table, `gcp-sa-*` and their S3NS forms. */
const SERVICE_AGENT_DOMAIN = new RegExp(
  `^(${Object.values(SERVICE_AGENTS)
    .map((a) => a.subdomain)
    .join("|")}|gcp-sa-[a-z0-9-]+)\\.(s3ns-system\\.)?iam\\.gserviceaccount\\.com$`,
);
const SERVICE_AGENT_LOCAL = /^(?:service|bq)-(.+)$/;
/** A user-managed service account: `<name>@<project>.iam.gserviceaccount.com` or its S3NS form. */
const SERVICE_ACCOUNT = /^[a-z][a-z0-9-]*@([a-z][a-z0-9-]*)\.(s3ns\.)?iam\.gserviceaccount\.com$/;

/** A service agent email, in either universe, of a project the boundary owns: any project number, or a tenant's own project. */
function isOwnServiceAgent(email: string, identity: IdentityDomain): boolean {
  const [local, domain] = email.split("@");
  const project = SERVICE_AGENT_LOCAL.exec(local)?.[1];
  if (!project || !SERVICE_AGENT_DOMAIN.test(domain ?? "")) return false;
  return identity.tenantProjects ? identity.tenantProjects.includes(project) : /^\d+$/.test(project);
}

/** A service account of the landing zone's own projects (a tenant's own projects; else the operator project and `<prefix>-*`). */
function isOwnServiceAccount(email: string, identity: IdentityDomain): boolean {
  const project = SERVICE_ACCOUNT.exec(email)?.[1];
  if (!project) return false;
  if (identity.tenantProjects) return identity.tenantProjects.includes(project);
  return project === identity.operatorProjectId || (identity.prefix !== undefined && project.startsWith(`${identity.prefix}-`));
}

/** The landing zone's projects, for messages: the operator project and `<prefix>-*`. */
function landingZoneProjects(identity: IdentityDomain): string {
  return [identity.operatorProjectId, identity.prefix && `${identity.prefix}-*`].filter(Boolean).join(", ");
}

/** What an identity inside the boundary looks like, for messages; narrowed to one kind of email when given. */
export function allowedIdentities(identity: IdentityDomain, kind?: IdentityKind): string {
  const accounts = identity.tenantProjects
    ? `service accounts of ${identity.tenantProjects.join(", ")} and their Google service agents (by reference to the project's number, not a literal one)`
    : `${landingZoneProjects(identity) ? `service accounts of ${landingZoneProjects(identity)}, ` : ""}Google service agents`;
  if (kind === "serviceAccount") return accounts;
  if (kind) return `@${identity.organizationDomain}`;
  return `user:/group: @${identity.organizationDomain}, domain:${identity.organizationDomain}, serviceAccount: ${accounts}`;
}

/**
 * Whether `value` is inside the identity boundary. `value` is an IAM member
 * (`user:`, `group:`, `serviceAccount:`, `domain:`) or, with `kind`, a bare
 * email of that kind. Anything else (other member types, `allUsers`, other
 * domains, foreign service accounts) is outside.
 */
export function isInsideIdentityBoundary(value: string, identity: IdentityDomain, kind?: IdentityKind): boolean {
  const member = kind ? `${kind}:${value}` : value;
  const m = /^(user|group|serviceAccount|domain):(.+)$/.exec(member);
  if (!m) return false;
  const [, type, rest] = m;
  const principal = rest.toLowerCase();
  const domain = identity.organizationDomain.toLowerCase();
  if (type === "domain") return principal === domain;
  if (type === "serviceAccount") return isOwnServiceAgent(principal, identity) || isOwnServiceAccount(principal, identity);
  return principal.endsWith(`@${domain}`) && principal.indexOf("@") === principal.length - domain.length - 1;
}

/** The message for a value outside the boundary: `"<value>" is outside the organization's identities (allowed: ...)`. */
export function identityProblem(value: string, identity: IdentityDomain, kind?: IdentityKind): string | undefined {
  if (isInsideIdentityBoundary(value, identity, kind)) return undefined;
  return `"${value}" is outside the organization's identities (allowed: ${allowedIdentities(identity, kind)})`;
}
