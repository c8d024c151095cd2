/**
 * The guardrail policy set as data (DESIGN.md section 5): each policy's
 * constraint, group, rule and the reason it exists. The README table and
 * the constructs read this one list.
 */
import { PROFILES, type SovereigntyProfile } from "../profiles/profile";
import { CMEK_ORG_POLICY_SERVICES } from "./cmek-org-policy";
import { apiProjectId } from "../naming";
import { deepFreeze, frozenSet } from "../freeze";

/** One rule of an organization policy. */
export interface PolicyRule {
  /** Allowed values of a list constraint. */
  readonly allowedValues?: readonly string[];
  /** Denied values of a list constraint. */
  readonly deniedValues?: readonly string[];
  /** Boolean constraint: enforced (true) or not (false). */
  readonly enforce?: boolean;
  /** List constraint: deny every value. */
  readonly denyAll?: boolean;
  /** List constraint: allow every value (only through a written waiver). */
  readonly allowAll?: boolean;
  /** Parameters of a managed constraint (`iam.managed.*`, `compute.managed.*`), with `enforce`. */
  readonly parameters?: Readonly<Record<string, unknown>>;
}

/** The principal set of every identity of an organization, service agents included (managed constraint reference). */
export function organizationPrincipalSet(organizationId: string): string {
  return `//cloudresourcemanager.googleapis.com/organizations/${organizationId}`;
}

/** Policy groups that can be switched off, each only with a reason. */
export const GUARDRAIL_GROUPS = deepFreeze(["location", "keys", "baseline"] as const);
export type GuardrailGroup = (typeof GUARDRAIL_GROUPS)[number];

/** An organization policy: a constraint and its rule. */
export interface GuardrailPolicy {
  /** Constraint name without the `constraints/` prefix, e.g. `gcp.resourceLocations`. */
  readonly constraint: string;
  readonly group: GuardrailGroup;
  readonly rule: PolicyRule;
  /** Why the policy is set, for the README and the audit report. */
  readonly why: string;
}

/**
 * CMEK-capable services that may not create resources without a customer-managed key: every service the
 * constraint gcp.restrictNonCmekServices supports (lib/catalog/cmek-org-policy.ts, from Google's list). The
 * detective rule SOV-KEY-001 reads the same catalog; test/catalog/agreement.test.ts proves both directions.
 */
export const CMEK_REQUIRED_SERVICES = CMEK_ORG_POLICY_SERVICES;

/** Facts the policy values depend on. */
export interface GuardrailFacts {
  readonly profile: SovereigntyProfile;
  /** The operator's key project. */
  readonly operatorProjectId: string;
  /** Allowed member and contact domain. */
  readonly domain: string;
  /** Numeric organization id: members are restricted to the organization's principal set (profiles with Cloud Identity). */
  readonly organizationId?: string;
}

const BOOLEAN_BASELINE: readonly [string, string][] = [
  ["iam.disableServiceAccountKeyCreation", "long-lived service account keys leak; use workload identity"],
  ["iam.disableServiceAccountKeyUpload", "no externally generated keys for service accounts"],
  ["iam.automaticIamGrantsForDefaultServiceAccounts", "default service accounts get no Editor role"],
  ["compute.skipDefaultNetworkCreation", "no default network with open firewall rules in any region"],
  ["compute.requireOsLogin", "SSH access through IAM, audited"],
  ["compute.disableSerialPortAccess", "no serial console bypassing network controls"],
  ["storage.publicAccessPrevention", "no public buckets"],
  ["storage.uniformBucketLevelAccess", "IAM only, no object ACLs"],
  ["storage.secureHttpTransport", "HTTPS only to Cloud Storage"],
  ["sql.restrictPublicIp", "no public IP on Cloud SQL"],
  ["sql.restrictAuthorizedNetworks", "no authorized external networks on Cloud SQL"],
];

/** The full guardrail set for a profile. */
export function guardrailPolicies(facts: GuardrailFacts): GuardrailPolicy[] {
  const { profile } = facts;
  const policies: GuardrailPolicy[] = [
    {
      constraint: "gcp.resourceLocations",
      group: "location",
      rule: { allowedValues: [profile.locationPolicyValue] },
      why: `new resources only in ${profile.region}`,
    },
    {
      constraint: "gcp.restrictNonCmekServices",
      group: "keys",
      rule: { deniedValues: [...CMEK_REQUIRED_SERVICES] },
      why: "these services may create resources only with a customer-managed key",
    },
    {
      constraint: "gcp.restrictCmekCryptoKeyProjects",
      group: "keys",
      rule: { allowedValues: [`under:projects/${apiProjectId(profile, facts.operatorProjectId)}`] },
      why: "customer-managed keys only from the operator's key project",
    },
    {
      constraint: "cloudkms.allowedProtectionLevels",
      group: "keys",
      rule: { allowedValues: [...profile.keyProtectionLevels] },
      why: `key protection levels allowed on ${profile.name}`,
    },
    ...BOOLEAN_BASELINE.map(([constraint, why]) => ({ constraint, group: "baseline" as const, rule: { enforce: true }, why })),
    {
      constraint: "compute.vmExternalIpAccess",
      group: "baseline",
      rule: { denyAll: true },
      why: "no VM with an external IP",
    },
    {
      constraint: "essentialcontacts.allowedContactDomains",
      group: "baseline",
      rule: { allowedValues: [`@${facts.domain}`] },
      why: "security notifications go to the organization's own domain",
    },
    {
      constraint: "gcp.restrictTLSVersion",
      group: "baseline",
      rule: { deniedValues: ["TLS_VERSION_1", "TLS_VERSION_1_1"] },
      why: "TLS 1.2 or later to Google APIs",
    },
    {
      constraint: "storage.restrictAuthTypes",
      group: "baseline",
      rule: { deniedValues: ["in:ALL_HMAC_SIGNED_REQUESTS"] },
      why: "no HMAC keys, which bypass IAM conditions",
    },
  ];
  if (profile.cloudIdentity && facts.organizationId) {
    // Domain-restricted sharing that lets Google's own identities in: the legacy constraint takes no exception for
    // service agents or log sink writers (lift, grant, re-enforce is Google's only workaround), which would block
    // every tenant's sink writer grant; the managed constraint with the organization's principal set admits them.
    policies.push(
      {
        constraint: "iam.managed.allowedPolicyMembers",
        group: "baseline",
        rule: { enforce: true, parameters: { allowedPrincipalSets: [organizationPrincipalSet(facts.organizationId)] } },
        why: "IAM members only from the organization (its users, groups, service accounts and service agents)",
      },
      {
        constraint: "iam.allowedPolicyMemberDomains",
        group: "baseline",
        rule: { allowAll: true },
        why: "the legacy member-domain constraint (enforced by default on organizations created since May 2024) rejects service agents and sink writers; iam.managed.allowedPolicyMembers restricts members instead",
      },
    );
  }
  return policies;
}

/** The constraints the guardrail set restricts (any profile): a policy may only tighten them (rule SOV-GRD-002). Those it deliberately opens (allowAll) are not guardrails. */
export const GUARDRAIL_CONSTRAINTS: ReadonlySet<string> = frozenSet(
  (["paris", "s3ns"] as const).flatMap((name) =>
    guardrailPolicies({ profile: PROFILES[name], operatorProjectId: "operator", domain: "example.org", organizationId: "1" })
      .filter((p) => !p.rule.allowAll && p.rule.enforce !== false)
      .map((p) => p.constraint),
  ),
);
