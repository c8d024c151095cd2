/**
 * Suppressions (a rule switched off for a construct and everything below
 * it) and waivers (a guardrail switched off), each with a mandatory reason
 * that the audit report lists.
 */
import type { IConstruct } from "constructs";
import { assertReasons, type Waiver } from "../guardrails/waiver";
import type { Suppression } from "./types";

const SUPPRESSIONS = new WeakMap<IConstruct, Suppression[]>();
const WAIVERS = new WeakMap<IConstruct, Waiver[]>();

/** Switch `ruleId` off for `construct` and everything below it; `reason` is mandatory. */
export function suppressRule(construct: IConstruct, ruleId: string, reason: string): void {
  assertReasons(construct.node.path, [{ what: `rule ${ruleId}`, reason }]);
  SUPPRESSIONS.set(construct, [...(SUPPRESSIONS.get(construct) ?? []), { ruleId, reason: reason.trim() }]);
}

/** The suppressions that apply to a construct: its own and its ancestors'. */
export function suppressionsFor(construct: IConstruct): Suppression[] {
  return construct.node.scopes.flatMap((scope) => SUPPRESSIONS.get(scope) ?? []);
}

/** Record waivers of a construct, for the audit report. */
export function recordWaivers(construct: IConstruct, waivers: readonly Waiver[]): void {
  assertReasons(construct.node.path, waivers);
  if (waivers.length) WAIVERS.set(construct, [...(WAIVERS.get(construct) ?? []), ...waivers]);
}

/** The waivers recorded on a construct. */
export function waiversOf(construct: IConstruct): readonly Waiver[] {
  return WAIVERS.get(construct) ?? [];
}
