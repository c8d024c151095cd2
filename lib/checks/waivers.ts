/**
 * Waivers, in the cdk-nag manner: a waiver is construct metadata, found by
 * walking up the scopes from a resource, and one record everywhere
 * (`{ ruleId, reason, path, attribute?, expires? }`): in the API, in the
 * stack's JSON (where `sovereign-lz check` reads it back), in the report.
 *
 * A waiver covers the construct it is placed on and the construct's own
 * resource: a resource is covered by the waivers of its ancestors only along
 * the chain of default children (`node.defaultChild`), so a waiver on a
 * `SovereignBucket` covers its bucket, never another resource created below
 * it. The engine honours a waiver only if it is valid and not expired, also
 * when read back from JSON written by hand.
 */
import type { IConstruct } from "constructs";
import { SOVEREIGNTY_RULES, type SovereigntyRuleId } from "./pack";
import type { Waiver } from "./types";
import { visibleLength } from "../field-rules";

/** Id of a rule of the pack. */
export type RuleId = SovereigntyRuleId;

/** A guardrail switched off (a policy group of the landing zone, or a constraint a tenant widens). */
export type GuardrailWaiverId = `guardrail:${string}`;

/** What a waiver can switch off. */
export type WaivableId = RuleId | GuardrailWaiverId;

/** A waiver as given to `waive`: the path is the construct's. */
export interface WaiverProps {
  readonly ruleId: WaivableId;
  /** Why, in the words of whoever decided it: at least 10 characters. */
  readonly reason: string;
  /** Limit the waiver to this attribute, as findings name it (`location`). @default - every attribute */
  readonly attribute?: string;
  /** Last day the waiver holds, `YYYY-MM-DD`. @default - no expiry */
  readonly expires?: string;
}

/** Minimum length of a waiver's reason. */
export const MIN_REASON_LENGTH = 10;

/** Construct metadata type of a waiver. */
export const WAIVER_METADATA = "sovereignty/waiver";

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Today's UTC date, `YYYY-MM-DD`. */
export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Whether `id` names a rule of the pack or a guardrail. */
export function isWaivableId(id: unknown): id is WaivableId {
  return typeof id === "string" && (SOVEREIGNTY_RULES.some((r) => r.id === id) || /^guardrail:[A-Za-z0-9.]+$/.test(id));
}

/**
 * What is wrong with a waiver, as `<field>: <problem> (allowed: ...)`, or
 * undefined if it is valid; `today` makes an expired waiver a problem.
 * Shared by `waive` (which throws) and the engine (which reports a finding).
 */
export function waiverProblem(w: Partial<Record<keyof Waiver, unknown>>, today?: string): string | undefined {
  if (!isWaivableId(w.ruleId)) {
    const ids = SOVEREIGNTY_RULES.map((r) => r.id).join(", ");
    return `ruleId: ${JSON.stringify(w.ruleId ?? null)} is not a rule of the pack (allowed: ${ids}, or guardrail:<group or constraint>)`;
  }
  if (typeof w.reason !== "string" || visibleLength(w.reason) < MIN_REASON_LENGTH) {
    return `reason: ${JSON.stringify(w.reason ?? null)} is too short (allowed: a written reason of at least ${MIN_REASON_LENGTH} characters)`;
  }
  if (w.attribute !== undefined && (typeof w.attribute !== "string" || !w.attribute)) {
    return `attribute: ${JSON.stringify(w.attribute)} is not an attribute name (allowed: a name such as location)`;
  }
  if (w.expires !== undefined) {
    if (typeof w.expires !== "string" || !DATE.test(w.expires) || Number.isNaN(Date.parse(w.expires))) {
      return `expires: ${JSON.stringify(w.expires)} is not a date (allowed: YYYY-MM-DD)`;
    }
    if (today && w.expires < today) return `expires: the waiver expired on ${w.expires} (allowed: renew it with a new date, or fix the finding)`;
  }
  return undefined;
}

/** Throw, naming the construct, unless `w` is a valid waiver. */
export function assertWaiver(path: string, w: WaiverProps): void {
  const problem = waiverProblem(w);
  if (problem) throw new Error(`${path}: waiver ${String(w.ruleId)}: ${problem}`);
}

/**
 * Waive a rule for `construct` (and its own resource: see the module
 * comment). Throws on an unknown rule id, a reason shorter than 10
 * characters or a malformed date. The waiver is listed in the report.
 */
export function waive(construct: IConstruct, props: WaiverProps): Waiver {
  assertWaiver(construct.node.path || "the app", props); // the app's path is empty
  const waiver: Waiver = {
    ruleId: props.ruleId,
    reason: props.reason.trim(),
    path: construct.node.path,
    ...(props.attribute !== undefined ? { attribute: props.attribute } : {}),
    ...(props.expires !== undefined ? { expires: props.expires } : {}),
  };
  construct.node.addMetadata(WAIVER_METADATA, waiver);
  return waiver;
}

/** Whether a construct is a cdktf stack, as `TerraformStack.isStack` tells (without loading cdktf: `sovereign-lz check` does not need it). */
const isStack = (c: IConstruct): boolean => Symbol.for("cdktf/TerraformStack") in c;

/** The waivers placed on `construct` itself. */
export function waiversOn(construct: IConstruct): Waiver[] {
  const waivers: Waiver[] = [];
  // Every construct of a gated stack is asked, and nearly all carry no metadata: one loop, no intermediate lists.
  for (const m of construct.node.metadata) if (m.type === WAIVER_METADATA) waivers.push(m.data as Waiver);
  return waivers;
}

/**
 * The waivers that cover a resource: its own, then its ancestors' as long as
 * each is the default child of the next, up to its stack (excluded: a
 * resource or a stack with the id `Default` or `Resource` is its parent's
 * default child, yet a waiver on a stack or the app covers no resource).
 */
export function waiversCovering(resource: IConstruct): Waiver[] {
  const out = waiversOn(resource);
  let child = resource;
  for (let scope = resource.node.scope; scope && !isStack(scope) && scope.node.defaultChild === child; scope = scope.node.scope) {
    out.push(...waiversOn(scope));
    child = scope;
  }
  return out;
}

/** The waiver among `waivers` that covers a finding of `ruleId` (at `attribute`), if one is valid and current. */
export function coveringWaiver(waivers: readonly Waiver[], ruleId: string, attribute: string | undefined, today: string): Waiver | undefined {
  return waivers.find(
    (w) => w.ruleId === ruleId && (w.attribute === undefined || w.attribute === attribute) && waiverProblem(w, today) === undefined,
  );
}
