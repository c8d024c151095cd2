/** The rule engine: documents and rules in, findings and waived findings out. */
import { SOVEREIGNTY_RULES, type RulePack } from "./pack";
import { waiverValidityRule } from "./rules/SOV-WVR-001";
import type { Finding, Rule, RuleContext, TfDocument, TfResource, WaivedFinding } from "./types";
import { coveringWaiver, todayUtc } from "./waivers";

export interface Evaluation {
  readonly findings: Finding[];
  /** Findings a valid, current waiver of the resource covered. */
  readonly waived: WaivedFinding[];
}

export interface EvaluateOptions {
  /** The rules to run (default: the sovereignty pack). */
  readonly rules?: readonly Rule[];
  /** Packs whose rules run in addition to `rules` (user-supplied packs). */
  readonly packs?: readonly RulePack[];
  /** Run only the rules of one scope. */
  readonly scope?: Rule["scope"];
}

/** The rules an evaluation runs: `rules` (default: the sovereignty pack) plus every pack's, each id once. */
export function rulesOf(options: EvaluateOptions = {}): Rule[] {
  const all = [...(options.rules ?? SOVEREIGNTY_RULES), ...(options.packs ?? []).flatMap((p) => p.rules)];
  const seen = new Set<string>();
  return all.filter((r) => !seen.has(r.id) && (seen.add(r.id), true));
}

/**
 * Run the rules of one scope (or all) on `docs`. A finding is waived only by
 * a waiver of its resource that names its rule (and its attribute, if the
 * waiver names one), and that is valid and current; the waiver rule itself
 * cannot be waived.
 */
export function evaluate(docs: readonly TfDocument[], context: RuleContext, options: EvaluateOptions = {}): Evaluation {
  const rules = rulesOf(options).filter((r) => !options.scope || r.scope === options.scope);
  const byAddress = new Map<string, Pick<TfResource, "waivers">>();
  for (const d of docs) {
    // Only waived resources are indexed (a landing zone has thousands, few waived); a later body at the same address still replaces an earlier one.
    for (const list of [d.resources, d.data ?? []]) {
      for (const r of list) {
        if (r.waivers.length) byAddress.set(`${d.stack}\u0000${r.address}`, r);
        else if (byAddress.size) byAddress.delete(`${d.stack}\u0000${r.address}`);
      }
    }
    // A module call is waived like a resource (SOV-MOD-001 judges it by its address).
    for (const m of d.modules ?? []) if (m.waivers?.length) byAddress.set(`${d.stack}\u0000module.${m.name}`, { waivers: m.waivers });
  }
  const findings: Finding[] = [];
  const waived: WaivedFinding[] = [];
  for (const rule of rules) {
    for (const hit of rule.check(docs, context)) {
      const finding: Finding = { ...hit, ruleId: rule.id, severity: rule.severity, fix: rule.fix };
      const resource = rule.id === waiverValidityRule.id ? undefined : byAddress.get(`${hit.stack}\u0000${hit.address}`);
      const waiver = resource && coveringWaiver(resource.waivers, rule.id, hit.attribute, context.today ?? todayUtc());
      if (waiver) waived.push({ ...finding, waiver });
      else findings.push(finding);
    }
  }
  return { findings, waived };
}

/** Whether findings fail a check: any error does; warnings are reported only. */
export function failing(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === "error");
}

/** One line for a finding: stack, address, rule, message and fix. */
export function formatFinding(f: Finding): string {
  return `${f.stack}: ${f.address}: ${f.ruleId}${f.severity === "warning" ? " (warning)" : ""}: ${f.message} (fix: ${f.fix})`;
}
