/** Config schema for organization-policy guardrails. */
import { z } from "zod";
import { reason } from "../config/fields";

/** Policy groups that can be switched off, each only with a reason. */
export const GUARDRAIL_GROUPS = ["location", "keys", "baseline"] as const;
export type GuardrailGroup = (typeof GUARDRAIL_GROUPS)[number];

/** Landing-zone wide guardrail settings, applied on the root folder. */
export const guardrailsConfig = z.strictObject({
  /** Write policies as `dryRunSpec` to watch violations before enforcing. */
  dryRun: z.boolean().default(false),
  /** Groups switched off, each with a written reason that appears in the report. */
  disabled: z
    .array(z.strictObject({ group: z.enum(GUARDRAIL_GROUPS), reason }))
    .default([]),
});
export type GuardrailsConfig = z.output<typeof guardrailsConfig>;

/** A tenant's guardrail overrides: may only tighten the landing-zone policies. */
export const tenantGuardrailsConfig = z.strictObject({}).default({});
export type TenantGuardrailsConfig = z.output<typeof tenantGuardrailsConfig>;
