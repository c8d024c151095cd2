/**
 * docs/rules.md: the rule catalogue, generated from the rule pack's list
 * (`SOVEREIGNTY_RULES`), so it names every rule the pack runs and no other.
 */
import { SOVEREIGNTY_RULES } from "../../lib/checks/pack";
import type { Rule } from "../../lib/checks/types";
import { GENERATED_NOTE } from "./generated";

/** How a finding of a rule is waived; the model is described in docs/sovereignty-checks.md. */
function howToWaive(rule: Rule): string {
  if (rule.scope === "set") return "Not per resource: it looks at the checked stacks together. Fix the configuration.";
  if (rule.id === "SOV-WVR-001") return "Never: correct or renew the waiver it names.";
  return `On the construct or resource, with a written reason of at least 10 characters (optionally an attribute and a last day), which the report lists: \`waive(construct, { ruleId: "${rule.id}", reason: "<reason>" })\`. See [waivers](sovereignty-checks.md#waivers).`;
}

function section(rule: Rule): string[] {
  return [
    `## ${rule.id}`,
    "",
    `**${rule.title}.**`,
    "",
    `- **Severity:** ${rule.severity}${rule.scope === "set" ? " (checked across the stacks together)" : ""}`,
    `- **Why:** ${rule.why}.`.replace(/\.\.$/, "."),
    `- **How to fix:** ${rule.fix}.`.replace(/\.\.$/, "."),
    `- **How to waive:** ${howToWaive(rule)}`,
    "",
  ];
}

/** docs/rules.md. */
export function ruleCatalogue(): string {
  return [
    "# Rule catalogue",
    "",
    GENERATED_NOTE("the rule pack (`lib/checks/pack.ts`)"),
    "",
    "Every rule runs at synth on each stack (a finding fails synth) and in `sovereign-lz check` on any Terraform JSON or plan.",
    "How the checks work, the report and waivers: [sovereignty checks](sovereignty-checks.md).",
    "",
    "| id | severity | checks |",
    "| --- | --- | --- |",
    ...SOVEREIGNTY_RULES.map((r) => `| [${r.id}](#${r.id.toLowerCase()}) | ${r.severity} | ${r.title.replace(/\|/g, "\\|")} |`),
    "",
    ...SOVEREIGNTY_RULES.flatMap(section),
  ].join("\n");
}
