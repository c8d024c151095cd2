/**
 * Fields still accepted but ignored. A config written for an earlier version
 * stays valid and deploys the same; `validate` and `synth` print one warning
 * line per such field, and a later version refuses it.
 */
import type { LandingZoneConfig } from "./schema";

/** Why `organization.customerId` no longer does anything. */
const CUSTOMER_ID_IGNORED =
  "is ignored: members are restricted to the organization's principal set (iam.managed.allowedPolicyMembers, docs/deployment.md), which needs no customer id (allowed: leave it out)";

/** One `warning: <path>: <why> (allowed: ...)` line per deprecated field the config sets. */
export function configWarnings(config: LandingZoneConfig): string[] {
  return config.organization.customerId === undefined ? [] : [`warning: organization.customerId: ${CUSTOMER_ID_IGNORED}`];
}
