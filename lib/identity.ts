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
}

/** The kind of a bare email. */
export type IdentityKind = "user" | "group" | "serviceAccount";

/** Google-managed service agents: the agent subdomains of the table, `gcp-sa-*` and their S3NS forms. */
const SERVICE_AGENT_DOMAIN = new RegExp(
  `^(${Object.values(SERVICE_AGENTS)
    .map((a) => a.subdomain)
    .join("|")}|gcp-sa-[a-z0-9-]+)\\.(s3ns-system\\.)?iam\\.gserviceaccount\\.com$`,
);
const SERVICE_AGENT_LOCAL = /^(service|bq)-\d+$/;
/** A user-managed service account: `<name>@<project>.iam.gserviceaccount.com` or its S3NS form. */
const SERVICE_ACCOUNT = /^[a-z][a-z0-9-]*@([a-z][a-z0-9-]*)\.(s3ns\.)?iam\.gserviceaccount\.com$/;

/** A service agent email, in either universe. */
function isServiceAgent(email: string): boolean {
  const [local, domain] = email.split("@");
  return SERVICE_AGENT_LOCAL.test(local) && SERVICE_AGENT_DOMAIN.test(domain ?? "");
}

/** A service account of the landing zone's own projects (operator project, `<prefix>-*`). */
function isOwnServiceAccount(email: string, identity: IdentityDomain): boolean {
  const project = SERVICE_ACCOUNT.exec(email)?.[1];
  if (!project) return false;
  return project === identity.operatorProjectId || (identity.prefix !== undefined && project.startsWith(`${identity.prefix}-`));
}

/** What an identity inside the boundary looks like, for messages; narrowed to one kind of email when given. */
export function allowedIdentities(identity: IdentityDomain, kind?: IdentityKind): string {
  const projects = [identity.operatorProjectId, identity.prefix && `${identity.prefix}-*`].filter(Boolean).join(", ");
  const accounts = `${projects ? `service accounts of ${projects}, ` : ""}Google service agents`;
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
  if (type === "serviceAccount") return isServiceAgent(principal) || isOwnServiceAccount(principal, identity);
  return principal.endsWith(`@${domain}`) && principal.indexOf("@") === principal.length - domain.length - 1;
}

/** The message for a value outside the boundary: `"<value>" is outside the organization's identities (allowed: ...)`. */
export function identityProblem(value: string, identity: IdentityDomain, kind?: IdentityKind): string | undefined {
  if (isInsideIdentityBoundary(value, identity, kind)) return undefined;
  return `"${value}" is outside the organization's identities (allowed: ${allowedIdentities(identity, kind)})`;
}
