import type { Rule } from "../types";
import { eachResource, iamGrants } from "./helpers";

const PUBLIC_MEMBERS = new Set(["allUsers", "allAuthenticatedUsers"]);

export const noPublicAccessRule: Rule = {
  id: "SOV-IAM-001",
  severity: "error",
  title: "No grant to allUsers or allAuthenticatedUsers",
  why: "Public grants expose data to anyone on the internet",
  fix: "Grant named groups or service accounts of the organization's domain",
  scope: "stack",
  check: (docs) =>
    eachResource(docs, (r) => {
      const members = [
        ...iamGrants(r).flatMap((g) => g.members),
        ...(r.type.endsWith("_access_control") || r.type.endsWith("_acl") ? [r.body.entity, ...(r.body.role_entity ?? [])] : []),
      ];
      return members
        .filter((m) => typeof m === "string" && [...PUBLIC_MEMBERS].some((p) => m.includes(p)))
        .map((m) => `grants access to ${m} (allowed: named principals)`);
    }),
};

const PRIMITIVE = new Set(["roles/owner", "roles/editor"]);

export const noPrimitiveRolesRule: Rule = {
  id: "SOV-IAM-002",
  severity: "error",
  title: "No roles/owner or roles/editor",
  why: "Basic roles grant thousands of permissions, including over keys and IAM",
  fix: "Grant predefined roles that fit the job",
  scope: "stack",
  check: (docs) =>
    eachResource(docs, (r) =>
      iamGrants(r)
        .filter((g) => PRIMITIVE.has(g.role))
        .map((g) => `grants the basic role ${g.role} (allowed: predefined roles)`),
    ),
};
