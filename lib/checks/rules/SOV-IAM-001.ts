import type { Rule } from "../types";
import { UNRESOLVED } from "../values";
import { eachGrant, isPublicMember } from "./helpers";

/** SOV-IAM-001: no grant to the public, in any form (IAM members, bindings, policies, dataset access, ACLs, predefined ACLs). */
export const noPublicAccessRule: Rule<"SOV-IAM-001"> = {
  id: "SOV-IAM-001",
  severity: "error",
  title: "No grant to allUsers or allAuthenticatedUsers (IAM, policy_data, dataset access, ACLs, predefined ACLs)",
  why: "Public grants expose data to anyone on the internet",
  fix: "Grant named groups or service accounts of the organization's domain",
  scope: "stack",
  check: (docs) =>
    eachGrant(docs, (_r, grants) =>
      grants.flatMap((g) =>
        g.members.flatMap((m) =>
          m === UNRESOLVED
            ? [`grants ${g.role === UNRESOLVED ? "a role" : g.role} to a member that cannot be resolved (allowed: named principals)`]
            : isPublicMember(m)
              ? [`grants ${g.role === UNRESOLVED ? "a role" : g.role} to ${m} (allowed: named principals)`]
              : [],
        ),
      ),
    ),
};
