import type { Rule } from "../types";

/** SOV-MOD-001: a module call hides its resources from the rules: fail closed. */
export const moduleRule: Rule<"SOV-MOD-001"> = {
  id: "SOV-MOD-001",
  severity: "error",
  title: "No module call the rules cannot see into",
  why: "A module's resources are not in the checked configuration: their locations and keys cannot be judged, and silence would be a pass",
  fix: "Check the plan (terraform show -json), which lists every module's resources, or waive the module with a reason",
  scope: "stack",
  check: (docs) =>
    docs.flatMap((doc) =>
      (doc.modules ?? []).map((m) => ({
        stack: doc.stack,
        address: `module.${m.name}`,
        message: `module ${m.name}${m.source ? ` (${m.source})` : ""} cannot be judged from this configuration (allowed: its resources in a plan, or a waiver)`,
      })),
    ),
};
