/**
 * Which organization-policy constraints accept `dry_run_spec`. Google allows
 * dry run for only a few constraints and fails the call for the others
 * (https://cloud.google.com/resource-manager/docs/organization-policy/dry-run-policy,
 * "Limitations"); its list could not be read when this was written, so only
 * the families Google's own tooling dry-runs are trusted: managed constraints
 * (`*.managed.*`) and custom constraints (`custom.*`). The guardrails and
 * rule SOV-DEP-004 read this one fact (docs/deployment.md, "Checked and decided").
 */
export function supportsDryRun(constraint: string): boolean {
  const name = constraint.replace(/^constraints\//, "");
  return name.includes(".managed.") || name.startsWith("custom.");
}
