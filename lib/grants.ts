/** What every `grant*` method shares (workload constructs, key references): the grant's construct id and the member check. */
import type { Construct } from "constructs";
import { Token } from "./core";
import { isPublicMember } from "./checks/rules/helpers";

/**
 * Construct id of a grant: `grant-<role>-<member>` (the role without `roles/`,
 * the member with characters outside ids replaced), or `id` when given. A
 * member known only at apply time needs an `id`: a token would make an
 * unstable address.
 */
export function grantId(scope: Construct, role: string, member: string, id: string | undefined): string {
  if (id !== undefined) return id;
  if (Token.isUnresolved(member)) {
    throw new Error(`${scope.node.path}: grant of ${role}: the member is only known at apply time (allowed: pass an id for the grant)`);
  }
  return `grant-${role.replace(/^roles\//, "")}-${member}`.replace(/[^A-Za-z0-9@._-]/g, "_");
}

/** `member`, unless it means anyone (`allUsers`, `allAuthenticatedUsers`): a sovereign workload is never public. */
export function checkedMember(scope: Construct, member: string): string {
  if (!Token.isUnresolved(member) && isPublicMember(member)) {
    throw new Error(`${scope.node.path}: member "${member}" is public (allowed: user:, group:, serviceAccount: or domain: members)`);
  }
  return member;
}

/**
 * The one way a `grant*` method grants: an additive `*_iam_member` of class
 * `iamMember` giving `role` to `member` on the resource `target` names (the
 * member's other fields), its id from `grantId`, a public member refused.
 */
export function grantOn<Config extends { readonly role: string; readonly member: string }, Member>(
  scope: Construct,
  iamMember: new (scope: Construct, id: string, config: Config) => Member,
  target: Omit<Config, "role" | "member">,
  role: string,
  member: string,
  id: string | undefined,
): Member {
  return new iamMember(scope, grantId(scope, role, member, id), { ...target, role, member: checkedMember(scope, member) } as Config);
}
