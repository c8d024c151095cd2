import { deepFreeze } from "../freeze";
/**
 * Google's basic (primitive) roles: they grant thousands of permissions across
 * services (https://cloud.google.com/iam/docs/roles-overview#basic). The landing
 * zone never grants any of them; the rule SOV-IAM-002 finds the two that can write.
 */
export const PRIMITIVE_ROLES: readonly string[] = deepFreeze(["roles/owner", "roles/editor", "roles/viewer"]);

/** The primitive roles that can change resources, keys and IAM. */
export const WRITING_PRIMITIVE_ROLES: readonly string[] = deepFreeze(PRIMITIVE_ROLES.filter((r) => r !== "roles/viewer"));
