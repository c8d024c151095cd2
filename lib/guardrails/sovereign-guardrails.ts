import { Construct } from "constructs";
import type { OrgPolicyPolicy } from "../google";
import type { GuardrailGroup } from "../catalog/guardrail-policies";
import { attachPolicy, writesDryRun } from "./org-policy";
import { guardrailPolicies, type GuardrailFacts } from "../catalog/guardrail-policies";
import type { Waiver } from "../checks/types";
import { waive } from "../checks/waivers";

export interface SovereignGuardrailsProps extends GuardrailFacts {
  /** Where the policies attach: `folders/<id>` (a token is fine) or `organizations/<id>`. */
  readonly parent: string;
  /**
   * Write every policy whose constraint supports dry run as `dry_run_spec`
   * only, to watch violations before enforcing; such a policy enforces
   * nothing, so each carries a waiver of SOV-GRD-002 that the report lists. @default false
   */
  readonly dryRun?: boolean;
  /**
   * Groups switched off (waived), each with a written reason (at least 10
   * characters) and an optional last day `YYYY-MM-DD`; recorded as waivers
   * `guardrail:<group>` that the report lists. @default - none: every group applies
   */
  readonly waivers?: readonly { readonly group: GuardrailGroup; readonly reason: string; readonly expires?: string }[];
  /** Only these constraints. @default - every constraint of the enabled groups */
  readonly constraints?: readonly string[];
  /**
   * Adopt existing policies (Terraform `import` blocks) instead of creating
   * them, e.g. the policies the S3NS universe creates at bootstrap. The
   * parent must then be a known id. @default false
   */
  readonly importExisting?: boolean;
}

/**
 * Organization-policy guardrails that keep everything below `parent` in the
 * profile's region and under operator-held keys, plus baseline security.
 */
export class SovereignGuardrails extends Construct {
  /** The policies, by constraint. */
  readonly policies: ReadonlyMap<string, OrgPolicyPolicy>;
  /** Groups switched off, as waivers (listed in the audit report). */
  readonly waivers: readonly Waiver[];

  constructor(scope: Construct, id: string, props: SovereignGuardrailsProps) {
    super(scope, id);
    const waived = props.waivers ?? [];
    this.waivers = waived.map((w) => waive(this, { ruleId: `guardrail:${w.group}`, reason: w.reason, expires: w.expires }));
    const off = new Set(waived.map((w) => w.group));
    const only = props.constraints && new Set(props.constraints);
    const options = { dryRun: props.dryRun ?? false, importExisting: props.importExisting ?? false };
    const policies = new Map<string, OrgPolicyPolicy>();
    for (const policy of guardrailPolicies(props)) {
      if (off.has(policy.group) || (only && !only.has(policy.constraint))) continue;
      const resource = attachPolicy(this, props.parent, policy, options);
      // A dry run enforces nothing (SOV-GRD-002 says so on the root): the choice to simulate is the config's, and the report lists it.
      if (writesDryRun(options, policy.constraint)) {
        waive(resource, {
          ruleId: "SOV-GRD-002",
          reason: `dry-run mode (dryRun: true): ${policy.constraint} is only simulated, its violations logged and not denied, until dry run is turned off`,
        });
      }
      policies.set(policy.constraint, resource);
    }
    this.policies = policies;
  }
}
