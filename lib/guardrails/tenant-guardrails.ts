import { Construct } from "constructs";
import type { OrgPolicyPolicy } from "../google";
import { apiProjectId } from "../naming";
import { assertLibraryProfile, type SovereigntyProfile } from "../profiles/profile";
import { attachPolicy } from "./org-policy";
import { CMEK_REQUIRED_SERVICES, type GuardrailPolicy } from "../catalog/guardrail-policies";
import type { Waiver } from "../checks/types";
import { waive } from "../checks/waivers";
import { wideningsOf } from "./widening";
import { holdToBoundary } from "../stack";

export interface TenantGuardrailsProps {
  readonly profile: SovereigntyProfile;
  /** The tenant folder: `folders/<id>` (a token is fine). */
  readonly parent: string;
  /** The operator's key project. */
  readonly operatorProjectId: string;
  /** A narrower location list. @default - inherit the landing zone's */
  readonly resourceLocations?: readonly string[];
  /** Extra boolean constraints to enforce. @default - none */
  readonly enforce?: readonly string[];
  /** Extra services that need a customer-managed key. @default - none */
  readonly requireCmekFor?: readonly string[];
  /** Services allowed without a customer-managed key; needs a waiver. @default - none */
  readonly allowNonCmekServices?: readonly string[];
  /** Extra key projects; needs a waiver. @default - none */
  readonly cmekKeyProjects?: readonly string[];
  /**
   * Waivers allowing a loosening of one constraint, each with a written
   * reason and an optional last day `YYYY-MM-DD`; recorded as waivers
   * `guardrail:<constraint>`. @default - none
   */
  readonly waivers?: readonly { readonly constraint: string; readonly reason: string; readonly expires?: string }[];
  /** Write the policies as `dry_run_spec`. @default false */
  readonly dryRun?: boolean;
}

/**
 * A tenant's guardrail overrides on its folder. They tighten the landing
 * zone's policies; a loosening needs a waiver with a written reason.
 */
export class TenantGuardrails extends Construct {
  readonly policies: readonly OrgPolicyPolicy[];
  /** The waivers, with their reasons (listed in the audit report). */
  readonly waivers: readonly Waiver[];

  constructor(scope: Construct, id: string, props: TenantGuardrailsProps) {
    super(scope, id);
    assertLibraryProfile(this.node.path, props.profile);
    holdToBoundary(this, { profile: props.profile, operatorProjectId: props.operatorProjectId });
    const waived = props.waivers ?? [];
    this.waivers = waived.map((w) => waive(this, { ruleId: `guardrail:${w.constraint}`, reason: w.reason, expires: w.expires }));
    const covered = new Set(waived.map((w) => w.constraint));
    const loosening = wideningsOf(props, props.profile, props.operatorProjectId).find((w) => !covered.has(w.constraint));
    if (loosening) throw new Error(`${this.node.path}: ${loosening.path.join(".")}: ${loosening.message}`);

    const options = { dryRun: props.dryRun ?? false, importExisting: false };
    const attach = (policy: Omit<GuardrailPolicy, "group" | "why">) =>
      attachPolicy(this, props.parent, { ...policy, group: "baseline", why: "tenant override" }, options);
    const policies: OrgPolicyPolicy[] = [];
    if (props.resourceLocations) {
      policies.push(attach({ constraint: "gcp.resourceLocations", rule: { allowedValues: props.resourceLocations } }));
    }
    if (props.requireCmekFor?.length || props.allowNonCmekServices?.length) {
      const allowed = new Set(props.allowNonCmekServices);
      const denied = [...new Set([...CMEK_REQUIRED_SERVICES.filter((s) => !allowed.has(s)), ...(props.requireCmekFor ?? [])])];
      policies.push(attach({ constraint: "gcp.restrictNonCmekServices", rule: { deniedValues: denied } }));
    }
    if (props.cmekKeyProjects?.length) {
      const projects = [...new Set([props.operatorProjectId, ...props.cmekKeyProjects])];
      const allowedValues = projects.map((p) => `under:projects/${apiProjectId(props.profile, p)}`);
      policies.push(attach({ constraint: "gcp.restrictCmekCryptoKeyProjects", rule: { allowedValues } }));
    }
    for (const constraint of props.enforce ?? []) policies.push(attach({ constraint, rule: { enforce: true } }));
    this.policies = policies;
  }
}
