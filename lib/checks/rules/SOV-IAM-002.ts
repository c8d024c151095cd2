import { WRITING_PRIMITIVE_ROLES } from "../../catalog/primitive-roles";
import type { Rule } from "../types";
import { UNRESOLVED } from "../values";
import { eachGrant } from "./helpers";

const PRIMITIVE = new Set(WRITING_PRIMITIVE_ROLES);

/** SOV-IAM-002: no basic roles, wherever they are granted. */
export const noPrimitiveRolesRule: Rule<"SOV-IAM-002"> = {
  id: "SOV-IAM-002",
  severity: "error",
  title: "No roles/owner or roles/editor",
  why: "Basic roles grant thousands of permissions, including over keys and IAM",
  fix: "Grant predefined roles that fit the job",
  scope: "stack",
  check: (docs) =>
    eachGrant(docs, (r, grants) =>
      grants.flatMap((g) =>
        g.role === UNRESOLVED && /_iam_(member|binding|policy)$/.test(r.type)
          ? ["grants a role that cannot be resolved (allowed: predefined roles)"]
          : typeof g.role === "string" && PRIMITIVE.has(g.role)
            ? [`grants the basic role ${g.role} (allowed: predefined roles)`]
            : [],
      ),
    ),
};
