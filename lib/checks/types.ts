/** Types of the sovereignty rule pack: Terraform JSON in, findings out. */
import type { SovereigntyProfile } from "../profiles/profile";

/** One resource of a Terraform JSON document. */
export interface TfResource {
  /** `type.name`, the Terraform address in its stack. */
  readonly address: string;
  readonly type: string;
  /** The resource body, snake_case as synthesized. */
  readonly body: Record<string, any>;
  /** Waivers carried by the resource (`//.sovereignty.waivers`), as read: the engine validates them before honouring one. */
  readonly waivers: readonly Waiver[];
  /** The provider serving it, normalized (`hashicorp/google`), when the input names it (plans and states); configurations name a local name instead. */
  readonly providerSource?: string;
  /** Kinds of the provisioners it runs at apply (`local-exec`, ...), from the configuration. */
  readonly provisioners?: readonly string[];
  /** Top-level keys a plan knows only after apply, as a whole or an element (a block a dynamic block generates over an unknown value): absent from `body`, not known to be absent. */
  readonly unknownKeys?: readonly string[];
}

/** One stack: its resources and providers. */
export interface TfDocument {
  /** Stack name, or the file the document came from. */
  readonly stack: string;
  /** A configuration (`*.tf.json`), a plan or a state (`terraform show -json`); plans and states carry no `lifecycle` blocks. */
  readonly source: "config" | "plan" | "state";
  readonly resources: readonly TfResource[];
  /** Provider blocks by local provider name. */
  readonly providers: Record<string, readonly Record<string, any>[]>;
  /** Every waiver recorded in this stack, for the report (`//.sovereignty.waivers` of the stack). */
  readonly waivers: readonly Waiver[];
  /** The operator's key project the library's gate wrote into the stack (`//.sovereignty.operatorProjectId`), if any. */
  readonly operatorProjectId?: string;
  /** The organization's domain and the landing zone's prefix the gate wrote (`//.sovereignty.organizationDomain`, `.landingZonePrefix`), if any. */
  readonly organizationDomain?: string;
  readonly landingZonePrefix?: string;
  /** The projects of the tenant whose stack this is, as the gate wrote them (`//.sovereignty.tenantProjects`): SOV-IAM-003 holds service accounts to them. */
  readonly tenantProjects?: readonly string[];
  /** The file the document was read from, when it was read from one. */
  readonly file?: string;
  /** Data sources, addressed `data.type.name`, and what else reads or acts through a provider: `ephemeral.type.name`, `action.type.name`, `check.name.data.type.name`. */
  readonly data?: readonly TfResource[];
  /** Known variable values: a plan's values, else the defaults of a configuration. */
  readonly variables?: Readonly<Record<string, unknown>>;
  /**
   * The variables whose values are exactly Terraform's (a plan's, or a configuration's variable with no type or a
   * primitive one): what they do not have, `try` falls back from. A typed object variable gains optional attributes
   * and loses undeclared ones in Terraform. @default - none
   */
  readonly exactVariables?: readonly string[];
  /** The type constraints of a configuration's variables, as written (`object({ a = optional(string) })`). @default - none */
  readonly variableTypes?: Readonly<Record<string, string>>;
  /** Locals of a configuration. */
  readonly locals?: Readonly<Record<string, unknown>>;
  /** The values of a configuration's outputs, by name (what another stack reads through `terraform_remote_state`). */
  readonly outputs?: Readonly<Record<string, unknown>>;
  /** Module calls (`module` blocks), whose resources the rules cannot see. */
  readonly modules?: readonly {
    readonly name: string;
    readonly source: string;
    readonly body: Record<string, any>;
    /** Waivers on the module call (`//.sovereignty.waivers` in its body), validated like a resource's. */
    readonly waivers?: readonly Waiver[];
  }[];
  /** Every state backend configured (`terraform.backend.*`, `terraform.cloud`); Terraform accepts at most one. */
  readonly backends: readonly { readonly type: string; readonly body: Record<string, any> }[];
  /** Provider sources by local name (`terraform.required_providers`), e.g. `gcp` → `hashicorp/google`. */
  readonly providerSources?: Readonly<Record<string, string>>;
}

/**
 * A waiver: a rule (or a guardrail) switched off for one construct, with the
 * written reason an auditor reads. It covers the construct's own resource
 * (its default child) and, when it names one, only that attribute.
 */
export interface Waiver {
  /** The rule waived (`SOV-LOC-001`), or a guardrail (`guardrail:<group or constraint>`). */
  readonly ruleId: string;
  /** Why, in the words of whoever decided it: at least 10 characters. */
  readonly reason: string;
  /** Construct path of what is waived (in JSON read back: the resource's address when no path was written). */
  readonly path: string;
  /** The attribute the waiver covers, as findings name it (the catalog path: `location`, `custom_placement_config.data_locations`, `encryption.default_kms_key_name`). @default - every attribute */
  readonly attribute?: string;
  /** Last day the waiver holds (`YYYY-MM-DD`); after it, the waiver is a finding. @default - no expiry */
  readonly expires?: string;
}

/** What the rules compare against. */
export interface RuleContext {
  readonly profile: SovereigntyProfile;
  /** The operator's key project; without it, no key can be attributed, so every key used is a SOV-KEY-002 finding (fail closed). */
  readonly operatorProjectId?: string;
  /** Today (`YYYY-MM-DD`), against which waivers expire. @default - the current UTC date */
  readonly today?: string;
  /** Demand the landing-zone guardrails even when the checked set holds no landing zone (workload-only modules). */
  readonly requireGuardrails?: boolean;
  /** The organization's DNS domain: with it, IAM members are held to the organization's identities (SOV-IAM-003). @default - members are not checked against a domain */
  readonly organizationDomain?: string;
  /** Project id prefix of the landing zone, whose projects' service accounts are its own (SOV-IAM-003). @default - none */
  readonly landingZonePrefix?: string;
  /**
   * Other stacks of the same app, already judged, whose outputs a checked stack may read through a cross-stack
   * reference (the gate judges each stack alone). @default - none: such a reference stays unresolved
   */
  readonly siblings?: readonly TfDocument[];
}

/** A violation found by a rule, before waivers. */
export interface Hit {
  readonly stack: string;
  readonly address: string;
  readonly message: string;
  /** The attribute at fault, when the rule names one (a waiver may be limited to it). */
  readonly attribute?: string;
}

export interface Rule<Id extends string = string> {
  /** Stable id, e.g. `SOV-LOC-001`. */
  readonly id: Id;
  readonly severity: "error" | "warning";
  /** What it checks. */
  readonly title: string;
  /** Why it matters. */
  readonly why: string;
  /** How to fix a finding. */
  readonly fix: string;
  /** `stack`: checked stack by stack; `set`: across every stack checked together. */
  readonly scope: "stack" | "set";
  check(docs: readonly TfDocument[], context: RuleContext): Hit[];
}

/** A violation, with its rule. */
export interface Finding extends Hit {
  readonly ruleId: string;
  readonly severity: Rule["severity"];
  readonly fix: string;
}

/** A violation that a waiver covered. */
export interface WaivedFinding extends Finding {
  readonly waiver: Waiver;
}
