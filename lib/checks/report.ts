/** The audit report: JSON for machines, Markdown for an auditor. */
import { SOVEREIGNTY_RULES } from "./pack";
import type { Finding, RecordedWaiver, Rule, RuleContext, SuppressedFinding, TfDocument } from "./types";

export interface StackReport {
  readonly stack: string;
  readonly resources: number;
  readonly rulesChecked: readonly string[];
  readonly findings: readonly Finding[];
  readonly suppressions: readonly SuppressedFinding[];
  readonly waivers: readonly RecordedWaiver[];
}

export interface SovereigntyReport {
  readonly profile: string;
  readonly region: string;
  readonly operatorProjectId?: string;
  readonly rules: readonly { id: string; severity: string; scope: string; title: string; why: string; fix: string }[];
  readonly stacks: readonly StackReport[];
  /** Findings of rules checked across all stacks (e.g. the location guardrail). */
  readonly landingZoneFindings: readonly Finding[];
  readonly summary: {
    readonly result: "pass" | "fail";
    readonly stacks: number;
    readonly resources: number;
    readonly findings: number;
    readonly suppressions: number;
    readonly waivers: number;
  };
}

/** Assemble the report from per-stack results and the landing-zone findings. */
export function buildReport(
  context: RuleContext,
  stacks: readonly StackReport[],
  landingZoneFindings: readonly Finding[],
  rules: readonly Rule[] = SOVEREIGNTY_RULES,
): SovereigntyReport {
  const findings = stacks.reduce((n, s) => n + s.findings.length, landingZoneFindings.length);
  const errors = [...landingZoneFindings, ...stacks.flatMap((s) => s.findings)].some((f) => f.severity === "error");
  return {
    profile: context.profile.name,
    region: context.profile.region,
    operatorProjectId: context.operatorProjectId,
    rules: rules.map(({ id, severity, scope, title, why, fix }) => ({ id, severity, scope, title, why, fix })),
    stacks,
    landingZoneFindings,
    summary: {
      result: errors ? "fail" : "pass",
      stacks: stacks.length,
      resources: stacks.reduce((n, s) => n + s.resources, 0),
      findings,
      suppressions: stacks.reduce((n, s) => n + s.suppressions.length, 0),
      waivers: stacks.reduce((n, s) => n + s.waivers.length, 0),
    },
  };
}

/** The report of each document, from the findings of the rules run on them. */
export function stackReportsOf(
  docs: readonly TfDocument[],
  findings: readonly Finding[],
  suppressed: readonly SuppressedFinding[],
  rules: readonly Rule[] = SOVEREIGNTY_RULES,
): StackReport[] {
  const stackRules = rules.filter((r) => r.scope === "stack").map((r) => r.id);
  return docs.map((doc) => ({
    stack: doc.stack,
    resources: doc.resources.length,
    rulesChecked: stackRules,
    findings: findings.filter((f) => f.stack === doc.stack),
    suppressions: suppressed.filter((f) => f.stack === doc.stack),
    waivers: doc.waivers,
  }));
}

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

/** The report as Markdown, for an auditor. */
export function reportToMarkdown(report: SovereigntyReport): string {
  const s = report.summary;
  const lines = [
    "# Sovereignty report",
    "",
    `Profile **${report.profile}** (region \`${report.region}\`)${report.operatorProjectId ? `, operator key project \`${report.operatorProjectId}\`` : ""}.`,
    "",
    `**Result: ${s.result.toUpperCase()}** — ${s.stacks} stacks, ${s.resources} resources, ${s.findings} findings, ${s.suppressions} suppressions, ${s.waivers} waivers.`,
    "",
    "## Rules checked",
    "",
    "| id | checks | why |",
    "|---|---|---|",
    ...report.rules.map((r) => `| ${r.id} | ${cell(r.title)} | ${cell(r.why)} |`),
    "",
    "## Stacks",
    "",
    "| stack | resources | findings | suppressions | waivers |",
    "|---|---|---|---|---|",
    ...report.stacks.map((st) => `| ${st.stack} | ${st.resources} | ${st.findings.length} | ${st.suppressions.length} | ${st.waivers.length} |`),
  ];
  const all = [...report.landingZoneFindings, ...report.stacks.flatMap((st) => st.findings)];
  if (all.length) {
    lines.push("", "## Findings", "", "| stack | address | rule | problem | fix |", "|---|---|---|---|---|");
    lines.push(...all.map((f) => `| ${f.stack} | \`${f.address}\` | ${f.ruleId} | ${cell(f.message)} | ${cell(f.fix)} |`));
  }
  const suppressions = report.stacks.flatMap((st) => st.suppressions);
  if (suppressions.length) {
    lines.push("", "## Suppressions", "", "| stack | address | rule | problem | reason |", "|---|---|---|---|---|");
    lines.push(...suppressions.map((f) => `| ${f.stack} | \`${f.address}\` | ${f.ruleId} | ${cell(f.message)} | ${cell(f.reason)} |`));
  }
  const waivers = report.stacks.flatMap((st) => st.waivers.map((w) => ({ ...w, stack: st.stack })));
  if (waivers.length) {
    lines.push("", "## Waivers", "", "| stack | construct | waived | reason |", "|---|---|---|---|");
    lines.push(...waivers.map((w) => `| ${w.stack} | \`${w.path}\` | ${cell(w.what)} | ${cell(w.reason)} |`));
  }
  return `${lines.join("\n")}\n`;
}
