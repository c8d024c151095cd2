/** The rule engine: documents and rules in, findings and suppressed findings out. */
import { SOVEREIGNTY_RULES } from "./pack";
import type { Finding, Rule, RuleContext, SuppressedFinding, TfDocument } from "./types";

export interface Evaluation {
  readonly findings: Finding[];
  readonly suppressed: SuppressedFinding[];
}

/** Run `rules` of one scope (or all) on `docs`; suppressions carried by the resources apply. */
export function evaluate(
  docs: readonly TfDocument[],
  context: RuleContext,
  options: { rules?: readonly Rule[]; scope?: Rule["scope"] } = {},
): Evaluation {
  const rules = (options.rules ?? SOVEREIGNTY_RULES).filter((r) => !options.scope || r.scope === options.scope);
  const findings: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const rule of rules) {
    for (const hit of rule.check(docs, context)) {
      const finding: Finding = { ...hit, ruleId: rule.id, severity: rule.severity, fix: rule.fix };
      const resource = docs.find((d) => d.stack === hit.stack)?.resources.find((r) => r.address === hit.address);
      const suppression = resource?.suppressions.find((s) => s.ruleId === rule.id);
      if (suppression) suppressed.push({ ...finding, reason: suppression.reason });
      else findings.push(finding);
    }
  }
  return { findings, suppressed };
}

/** One line for a finding: stack, address, rule, message and fix. */
export function formatFinding(f: Finding): string {
  return `${f.stack}: ${f.address}: ${f.ruleId}: ${f.message} (fix: ${f.fix})`;
}
