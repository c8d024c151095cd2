/** The rule engine: documents and rules in, findings and suppressed findings out. */
import { SOVEREIGNTY_RULES, type RulePack } from "./pack";
import type { Finding, Rule, RuleContext, SuppressedFinding, TfDocument, TfResource } from "./types";

export interface Evaluation {
  readonly findings: Finding[];
  readonly suppressed: SuppressedFinding[];
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

/** Run the rules of one scope (or all) on `docs`; suppressions carried by the resources apply. */
export function evaluate(docs: readonly TfDocument[], context: RuleContext, options: EvaluateOptions = {}): Evaluation {
  const rules = rulesOf(options).filter((r) => !options.scope || r.scope === options.scope);
  // Suppressions by stack and address, built only when some resource carries one.
  let byAddress: Map<string, TfResource> | undefined;
  const suppressionOf = (stack: string, address: string, ruleId: string) => {
    if (!byAddress) {
      byAddress = new Map();
      for (const d of docs) for (const r of d.resources) if (r.suppressions.length) byAddress.set(`${d.stack}\u0000${r.address}`, r);
    }
    return byAddress.get(`${stack}\u0000${address}`)?.suppressions.find((s) => s.ruleId === ruleId);
  };
  const findings: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const rule of rules) {
    for (const hit of rule.check(docs, context)) {
      const finding: Finding = { ...hit, ruleId: rule.id, severity: rule.severity, fix: rule.fix };
      const suppression = suppressionOf(hit.stack, hit.address, rule.id);
      if (suppression) suppressed.push({ ...finding, reason: suppression.reason });
      else findings.push(finding);
    }
  }
  return { findings, suppressed };
}

/** Whether findings fail a check: any error does; warnings are reported only. */
export function failing(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === "error");
}

/** One line for a finding: stack, address, rule, message and fix. */
export function formatFinding(f: Finding): string {
  return `${f.stack}: ${f.address}: ${f.ruleId}${f.severity === "warning" ? " (warning)" : ""}: ${f.message} (fix: ${f.fix})`;
}
