/** Config schema for organization-policy guardrails. */
import { z } from "zod";
import { reason } from "./fields";
import { CMEK_REQUIRED_SERVICES, GUARDRAIL_GROUPS } from "../catalog/guardrail-policies";

/** Constraints a tenant may loosen, only through an exception with a reason. */
export const WIDENABLE_CONSTRAINTS = ["gcp.resourceLocations", "gcp.restrictNonCmekServices", "gcp.restrictCmekCryptoKeyProjects"] as const;

const constraintName = z.string().regex(/^[a-z][a-zA-Z0-9]*\.[a-zA-Z][a-zA-Z0-9]*$/, {
  error: "must be a constraint name such as compute.requireShieldedVm (no constraints/ prefix)",
});
const serviceName = z.string().regex(/^[a-z][a-z0-9-]*\.googleapis\.com$/, { error: "must be a service such as run.googleapis.com" });

/** Landing-zone wide guardrail settings, applied on the root folder. */
export const guardrailsConfig = z.strictObject({
  /** Write policies as `dryRunSpec` to watch violations before enforcing. */
  dryRun: z.boolean().default(false),
  /** Groups switched off, each with a written reason that appears in the report. */
  disabled: z.array(z.strictObject({ group: z.enum(GUARDRAIL_GROUPS), reason })).default([]),
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
    /** Services allowed without a customer-managed key: a widening, needs an exception. */
    allowNonCmekServices: z.array(z.enum(CMEK_REQUIRED_SERVICES)).default([]),
    /** Extra projects keys may come from: a widening, needs an exception. */
    cmekKeyProjects: z.array(z.string().regex(/^[a-z][a-z0-9:.-]{4,40}$/, { error: "must be a project id" })).default([]),
    /** Written exceptions that allow a widening of one constraint. */
    exceptions: z.array(z.strictObject({ constraint: z.enum(WIDENABLE_CONSTRAINTS), reason })).default([]),
  })
  .default({ enforce: [], requireCmekFor: [], allowNonCmekServices: [], cmekKeyProjects: [], exceptions: [] });
export type TenantGuardrailsConfig = z.output<typeof tenantGuardrailsConfig>;
