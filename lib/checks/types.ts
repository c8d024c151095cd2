/** Types of the sovereignty rule pack: Terraform JSON in, findings out. */
import type { SovereigntyProfile } from "../profiles/profile";

/** One resource of a Terraform JSON document. */
export interface TfResource {
  /** `type.name`, the Terraform address in its stack. */
  readonly address: string;
  readonly type: string;
  /** The resource body, snake_case as synthesized. */
  readonly body: Record<string, any>;
  /** Suppressions carried by the resource (`//.sovereignty.suppressions`). */
  readonly suppressions: readonly Suppression[];
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
  /** Guardrails switched off in this stack, with their reasons (`//.sovereignty.waivers`). */
  readonly waivers: readonly RecordedWaiver[];
  /** The file the document was read from, when it was read from one. */
  readonly file?: string;
  /** Data sources, addressed `data.type.name`. */
  readonly data?: readonly TfResource[];
  /** Known variable values: a plan's values, else the defaults of a configuration. */
  readonly variables?: Readonly<Record<string, unknown>>;
  /** Locals of a configuration. */
  readonly locals?: Readonly<Record<string, unknown>>;
  /** Module calls (`module` blocks), whose resources the rules cannot see. */
  readonly modules?: readonly { readonly name: string; readonly source: string; readonly body: Record<string, any> }[];
  /** The state backend, if one is configured. */
  readonly backend?: { readonly type: string; readonly body: Record<string, any> };
  /** Provider sources by local name (`terraform.required_providers`), e.g. `gcp` → `hashicorp/google`. */
  readonly providerSources?: Readonly<Record<string, string>>;
}

/** A waiver recorded on a construct. */
export interface RecordedWaiver {
  /** What is waived. */
  readonly what: string;
  readonly reason: string;
  /** Path of the construct that waived it. */
  readonly path: string;
}

/** A rule switched off for a resource (and everything below a construct), with a reason. */
export interface Suppression {
  readonly ruleId: string;
  readonly reason: string;
}

/** What the rules compare against. */
export interface RuleContext {
  readonly profile: SovereigntyProfile;
  /** The operator's key project; without it, keys are only checked for their location. */
  readonly operatorProjectId?: string;
  /** Demand the landing-zone guardrails even when the checked set holds no landing zone (workload-only modules). */
  readonly requireGuardrails?: boolean;
}

/** A violation found by a rule, before suppressions. */
export interface Hit {
  readonly stack: string;
  readonly address: string;
  readonly message: string;
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

/** A violation that a suppression waived. */
export interface SuppressedFinding extends Finding {
  readonly reason: string;
}
