import { identityProblem, type IdentityDomain } from "../../identity";
import type { Rule, RuleContext, TfDocument } from "../types";
import { UNRESOLVED } from "../values";
import { eachResource, iamGrants } from "./helpers";

/** A reference to a resource or data source of the document: an identity the stack itself creates or reads (`${google_service_account.ci.email}`). */
const REFERENCE = /^\$\{((?:data\.)?[a-z0-9_]+\.[A-Za-z0-9_-]+)\.[a-z_]+\}$/;

/** Whether the document declares the resource or data source `address`. */
function declares(doc: TfDocument, address: string): boolean {
  return [...doc.resources, ...(doc.data ?? [])].some((r) => r.address === address);
}

/**
 * The member as the boundary can judge it: a whole-member reference to the
 * stack's own resource is its own identity; an expression inside a member
 * (`service-${google_project.p.number}@gcp-sa-pubsub...`) stands for digits.
 * Undefined when the member is the stack's own identity.
 */
function judged(doc: TfDocument, member: string): string | undefined {
  const [, kind, rest] = /^(?:(user|group|serviceAccount|domain):)?(.*)$/.exec(member)!;
  const whole = REFERENCE.exec(rest.trim());
  if (whole && declares(doc, whole[1])) return undefined;
  return `${kind ? `${kind}:` : ""}${rest.replace(/\$\{[^}]*\}/g, "0")}`;
}

function identityOf(context: RuleContext): IdentityDomain | undefined {
  if (!context.organizationDomain) return undefined;
  return { organizationDomain: context.organizationDomain, prefix: context.landingZonePrefix, operatorProjectId: context.operatorProjectId };
}

/**
 * SOV-IAM-003: every member granted is inside the organization's identities
 * (lib/identity.ts, the rule the config validation applies). It runs only
 * when the context carries the organization's domain (`organizationDomain`:
 * the library's app passes it for the landing zone's stacks, and the gate
 * writes it into them, where `sovereign-lz check` reads it back); without it,
 * it finds nothing. Members that cannot be resolved are SOV-IAM-001's findings.
 */
export const identityBoundaryRule: Rule<"SOV-IAM-003"> = {
  id: "SOV-IAM-003",
  severity: "error",
  title: "IAM members inside the organization's identities (when the organization's domain is known)",
  why: "A grant to an identity outside the organization (another domain, a foreign service account) hands data or keys to someone the organization does not control",
  fix: "Grant groups or users of the organization's domain, service accounts of the landing zone's own projects, or Google service agents",
  scope: "stack",
  check: (docs, context) => {
    const identity = identityOf(context);
    if (!identity) return [];
    return eachResource(docs, (r, doc) =>
      iamGrants(doc, r).flatMap((g) =>
        g.members.flatMap((m) => {
          if (m === UNRESOLVED) return [];
          const member = judged(doc, m);
          const problem = member === undefined ? undefined : identityProblem(member, identity);
          return problem ? [`grants ${g.role === UNRESOLVED ? "a role" : g.role} to ${problem.replace(`"${member}"`, `"${m}"`)}`] : [];
        }),
      ),
    );
  },
};
