import { identityProblem, type IdentityDomain } from "../../identity";
import type { Rule, RuleContext, TfDocument } from "../types";
import { resolve, UNRESOLVED } from "../values";
import { blockAt, eachGrant } from "./helpers";

/** A reference to a resource or data source of the document: an identity the stack itself creates or reads (`${google_service_account.ci.email}`). */
const REFERENCE = /^\$\{((?:data\.)?[a-z0-9_]+\.[A-Za-z0-9_-]+)\.[a-z_]+\}$/;

/** A project's number as a reference (`${google_project.p.number}`, `${data.google_project.p.number}`). */
const PROJECT_NUMBER = /^((?:data\.)?google_project\.[A-Za-z0-9_-]+)\.number$/;

/** The project id (without its universe prefix) of the project block whose number `expression` references, if the document declares it with a literal id. */
function projectOfNumber(doc: TfDocument, expression: string): string | undefined {
  const address = PROJECT_NUMBER.exec(expression.trim())?.[1];
  const block = address && blockAt(doc, address);
  const id = block ? block.body.project_id : undefined;
  return typeof id === "string" && !id.includes("${") ? id.replace(/^[a-z0-9-]+:/, "") : undefined;
}

/** The project (without its universe prefix) a declared block names in `project`, when it resolves. */
function projectOfBlock(doc: TfDocument, address: string): string | undefined {
  const block = blockAt(doc, address);
  const project = block ? resolve(doc, block.body.project) : undefined;
  return typeof project === "string" ? project.replace(/^[a-z0-9-]+:/, "") : undefined;
}

/**
 * The member as the boundary can judge it: a whole-member reference to the
 * stack's own resource is its own identity (in a tenant's stack, unless the
 * resource names a project outside the tenant's); an expression inside a member
 * (`service-${google_project.p.number}@gcp-sa-pubsub...`) stands for digits,
 * or, in a tenant's stack, for the project it names: the number of one of the
 * tenant's projects becomes that project's id, anything else cannot be
 * attributed and stays outside. Undefined when the member is the stack's own identity.
 */
function judged(doc: TfDocument, member: string): string | undefined {
  const [, kind, rest] = /^(?:(user|group|serviceAccount|domain):)?(.*)$/.exec(member)!;
  const whole = REFERENCE.exec(rest.trim());
  if (whole && blockAt(doc, whole[1])) {
    const project = doc.tenantProjects && projectOfBlock(doc, whole[1]);
    return project && !doc.tenantProjects!.includes(project) ? `serviceAccount:identity@${project}.iam.gserviceaccount.com` : undefined;
  }
  const stand = (_: string, expression: string) => (doc.tenantProjects ? (projectOfNumber(doc, expression) ?? "unattributed") : "0");
  return `${kind ? `${kind}:` : ""}${rest.replace(/\$\{([^}]*)\}/g, stand)}`;
}

function identityOf(context: RuleContext, doc: TfDocument): IdentityDomain | undefined {
  if (!context.organizationDomain) return undefined;
  return {
    organizationDomain: context.organizationDomain,
    prefix: context.landingZonePrefix,
    operatorProjectId: context.operatorProjectId,
    tenantProjects: doc.tenantProjects,
  };
}

/**
 * SOV-IAM-003: every member granted is inside the organization's identities
 * (lib/identity.ts, the rule the config validation applies). It runs only
 * when the context carries the organization's domain (`organizationDomain`:
 * the library's app passes it for the landing zone's stacks, and the gate
 * writes it into them, where `sovereign-lz check` reads it back); without it,
 * it finds nothing. In a tenant's stack (the gate writes its projects:
 * `//.sovereignty.tenantProjects`), service accounts and service agents are
 * held to the tenant's own projects, as the config and `TenantLandingZone`
 * hold them. Members that cannot be resolved are SOV-IAM-001's findings.
 */
export const identityBoundaryRule: Rule<"SOV-IAM-003"> = {
  id: "SOV-IAM-003",
  severity: "error",
  title: "IAM members inside the organization's identities (when the organization's domain is known)",
  why: "A grant to an identity outside the organization (another domain, a foreign service account) hands data or keys to someone the organization does not control",
  fix: "Grant groups or users of the organization's domain, service accounts of the landing zone's own projects (in a tenant's stack: the tenant's own projects), or Google service agents of those projects",
  scope: "stack",
  check: (docs, context) => {
    if (!context.organizationDomain) return [];
    return eachGrant(docs, (_r, grants, doc) => {
      const identity = identityOf(context, doc)!;
      return grants.flatMap((g) =>
        g.members.flatMap((m) => {
          if (m === UNRESOLVED) return [];
          const member = judged(doc, m);
          const problem = member === undefined ? undefined : identityProblem(member, identity);
          return problem ? [`grants ${g.role === UNRESOLVED ? "a role" : g.role} to ${problem.replace(`"${member}"`, `"${m}"`)}`] : [];
        }),
      );
    });
  },
};
