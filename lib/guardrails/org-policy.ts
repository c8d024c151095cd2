import type { Construct } from "constructs";
import { Annotations } from "../core";
import { OrgPolicyPolicy } from "../google";
import { supportsDryRun } from "../catalog/org-policy-dry-run";
import type { GuardrailPolicy, PolicyRule } from "../catalog/guardrail-policies";

const bool = (b: boolean | undefined) => (b === undefined ? undefined : b ? "TRUE" : "FALSE");

/** A rule as the provider takes it: booleans as the strings "TRUE"/"FALSE". */
function toProviderRule(rule: PolicyRule) {
  const values =
    rule.allowedValues || rule.deniedValues
      ? { allowedValues: rule.allowedValues && [...rule.allowedValues], deniedValues: rule.deniedValues && [...rule.deniedValues] }
      : undefined;
  const parameters = rule.parameters && JSON.stringify(rule.parameters);
  return { values, enforce: bool(rule.enforce), denyAll: bool(rule.denyAll), allowAll: bool(rule.allowAll), parameters };
}

/** Construct id of a policy: the constraint with dots as hyphens (stable Terraform address). */
export function policyId(constraint: string): string {
  return constraint.replace(/\./g, "-");
}

export interface AttachPolicyOptions {
  /**
   * Write the rule as `dry_run_spec` (violations are logged, not denied)
   * where the constraint supports dry run (`supportsDryRun`); the others are
   * enforced, since the API refuses their dry-run spec.
   */
  readonly dryRun: boolean;
  /** Adopt a policy that already exists (Terraform `import` block) instead of creating it. */
  readonly importExisting: boolean;
}

/** Whether `constraint` is written as `dry_run_spec` only (dry-run mode, and the constraint supports dry run). */
export function writesDryRun(options: AttachPolicyOptions, constraint: string): boolean {
  return options.dryRun && supportsDryRun(constraint);
}

/** Attach one policy to `parent` (`folders/<id>` or `organizations/<id>`). */
export function attachPolicy(scope: Construct, parent: string, policy: GuardrailPolicy, options: AttachPolicyOptions): OrgPolicyPolicy {
  const spec = { rules: [toProviderRule(policy.rule)] };
  const name = `${parent}/policies/${policy.constraint}`;
  const dryRun = writesDryRun(options, policy.constraint);
  const resource = new OrgPolicyPolicy(scope, policyId(policy.constraint), {
    name,
    parent,
    spec: dryRun ? undefined : spec,
    dryRunSpec: dryRun ? spec : undefined,
  });
  if (options.dryRun && !dryRun) {
    Annotations.of(resource).addWarning(`${policy.constraint} cannot be dry-run: it is enforced (see docs/deployment.md, "Dry run")`);
  }
  if (options.importExisting) resource.importFrom(name);
  return resource;
}
