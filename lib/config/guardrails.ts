/** Config schema for organization-policy guardrails. */
import { z } from "zod";
import { expires, reason, renamed } from "./fields";
import { CMEK_REQUIRED_SERVICES, GUARDRAIL_GROUPS } from "../catalog/guardrail-policies";
import { deepFreeze } from "../freeze";

/** Constraints a tenant may loosen, only through a waiver with a reason. */
export const WIDENABLE_CONSTRAINTS = deepFreeze([
  "gcp.resourceLocations",
  "gcp.restrictNonCmekServices",
  "gcp.restrictCmekCryptoKeyProjects",
] as const);

const constraintName = z.string().regex(/^[a-z][a-zA-Z0-9]*\.[a-zA-Z][a-zA-Z0-9]*$/, {
  error: "must be a constraint name such as compute.requireShieldedVm (no constraints/ prefix)",
});
const serviceName = z.string().regex(/^[a-z][a-z0-9-]*\.googleapis\.com$/, { error: "must be a service such as run.googleapis.com" });

/** Landing-zone wide guardrail settings, applied on the root folder. */
export const guardrailsConfig = z.strictObject({
  /** Write policies as `dryRunSpec` to watch violations before enforcing. */
  dryRun: z.boolean().default(false),
  /** Groups switched off (waived), each with a written reason and an optional end date; the report lists them. */
  waivers: z.array(z.strictObject({ group: z.enum(GUARDRAIL_GROUPS), reason, expires: expires.optional() })).default([]),
  /** Former name of `waivers`. */
  disabled: renamed("guardrails.waivers: [{ group, reason, expires }]"),
  /** S3NS: organization policies the universe created at bootstrap, adopted (imported) at the organization. */
  importExisting: z.array(constraintName).default([]),
});
export type GuardrailsConfig = z.output<typeof guardrailsConfig>;

/** A tenant's guardrail overrides: they may only tighten the landing-zone policies. */
export const tenantGuardrailsConfig = z
  .strictObject({
    /** A narrower list of locations (subset of the profile's). */
    resourceLocations: z.array(z.string()).min(1).optional(),
    /** Extra boolean constraints to enforce on the tenant folder. */
    enforce: z.array(constraintName).default([]),
    /** Extra services that may only create resources with a customer-managed key. */
    requireCmekFor: z.array(serviceName).default([]),
    /** Services allowed without a customer-managed key: a widening, needs a waiver. */
    allowNonCmekServices: z.array(z.enum(CMEK_REQUIRED_SERVICES)).default([]),
    /** Extra projects keys may come from: a widening, needs a waiver. */
    cmekKeyProjects: z.array(z.string().regex(/^[a-z][a-z0-9:.-]{4,40}$/, { error: "must be a project id" })).default([]),
    /** Waivers that allow a widening of one constraint, each with a written reason and an optional end date. */
    waivers: z.array(z.strictObject({ constraint: z.enum(WIDENABLE_CONSTRAINTS), reason, expires: expires.optional() })).default([]),
    /** Former name of `waivers`. */
    exceptions: renamed("tenants[].guardrails.waivers: [{ constraint, reason, expires }]"),
  })
  .default({ enforce: [], requireCmekFor: [], allowNonCmekServices: [], cmekKeyProjects: [], waivers: [] });
export type TenantGuardrailsConfig = z.output<typeof tenantGuardrailsConfig>;
