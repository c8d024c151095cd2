/**
 * What in a tenant's guardrail overrides loosens the landing-zone policies.
 * One function for the config validation and the construct.
 */
import type { SovereigntyProfile } from "../profiles/profile";

/** The overrides that can loosen a policy. */
export interface WideningInput {
  readonly resourceLocations?: readonly string[];
  readonly allowNonCmekServices?: readonly string[];
  readonly cmekKeyProjects?: readonly string[];
}

/** One loosening: where it is, which constraint it loosens, and why that is outside the boundary. */
export interface Widening {
  readonly path: (string | number)[];
  readonly constraint: string;
  readonly message: string;
}

/** Every loosening in `overrides`, relative to the tenant's `guardrails` field. */
export function wideningsOf(overrides: WideningInput, profile: SovereigntyProfile, operatorProjectId: string): Widening[] {
  const out: Widening[] = [];
  const locations = [profile.locationPolicyValue, ...profile.allowedLocations];
  (overrides.resourceLocations ?? []).forEach((location, j) => {
    if (!locations.includes(location)) {
      out.push({
        path: ["resourceLocations", j],
        constraint: "gcp.resourceLocations",
        message: `"${location}" is outside the sovereign boundary (allowed: ${locations.join(", ")})`,
      });
    }
  });
  if (overrides.allowNonCmekServices?.length) {
    out.push({
      path: ["allowNonCmekServices"],
      constraint: "gcp.restrictNonCmekServices",
      message: `allowing ${overrides.allowNonCmekServices.join(", ")} without a customer-managed key loosens the guardrail (allowed: a waiver for gcp.restrictNonCmekServices with a reason)`,
    });
  }
  (overrides.cmekKeyProjects ?? []).forEach((project, j) => {
    if (project !== operatorProjectId) {
      out.push({
        path: ["cmekKeyProjects", j],
        constraint: "gcp.restrictCmekCryptoKeyProjects",
        message: `"${project}" is not the operator's key project (allowed: ${operatorProjectId}, or a waiver for gcp.restrictCmekCryptoKeyProjects with a reason)`,
      });
    }
  });
  return out;
}
