/** The audit report: JSON for machines, Markdown for an auditor. */
import { SOVEREIGNTY_RULES } from "./pack";
import type { Finding, Rule, RuleContext, TfDocument, WaivedFinding, Waiver } from "./types";
import { mdCell, mdCode, mdProfileLine } from "./markdown";
import { plural } from "../plural";

export interface StackReport {
  readonly stack: string;
  readonly resources: number;
  readonly rulesChecked: readonly string[];
  readonly findings: readonly Finding[];
  /** Findings a waiver covered, each with its waiver. */
  readonly waived: readonly WaivedFinding[];
  /** Every waiver of the stack, with its reason and expiry (also those that covered nothing). */
  readonly waivers: readonly Waiver[];
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
    /** Findings covered by a waiver. */
    readonly waived: number;
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
      waived: stacks.reduce((n, s) => n + s.waived.length, 0),
      waivers: stacks.reduce((n, s) => n + s.waivers.length, 0),
    },
  };
}

/** Every waiver of a document: the stack's inventory, and waivers written on resources by hand. */
function allWaivers(doc: TfDocument): Waiver[] {
  const key = (w: Waiver) => JSON.stringify([w.ruleId, w.path, w.attribute, w.reason, w.expires]);
  const seen = new Set(doc.waivers.map(key));
  return [...doc.waivers, ...doc.resources.flatMap((r) => r.waivers).filter((w) => !seen.has(key(w)) && seen.add(key(w)))];
}

/** The report of each document, from the findings of the rules run on them. */
export function stackReportsOf(
  docs: readonly TfDocument[],
  findings: readonly Finding[],
  waived: readonly WaivedFinding[],
  rules: readonly Rule[] = SOVEREIGNTY_RULES,
): StackReport[] {
  const stackRules = rules.filter((r) => r.scope === "stack").map((r) => r.id);
  return docs.map((doc) => ({
    stack: doc.stack,
    resources: doc.resources.length,
    rulesChecked: stackRules,
    findings: findings.filter((f) => f.stack === doc.stack),
    waived: waived.filter((f) => f.stack === doc.stack),
    waivers: allWaivers(doc),
  }));
}

/** The report as Markdown, for an auditor. */
export function reportToMarkdown(report: SovereigntyReport): string {
  const s = report.summary;
  const lines = [
    "# Sovereignty report",
    "",
    mdProfileLine(report),
    "",
    `**Result: ${s.result.toUpperCase()}** — ${[
      plural(s.stacks, "stack"),
      plural(s.resources, "resource"),
      plural(s.findings, "finding"),
      plural(s.waived, "waived finding"),
      plural(s.waivers, "waiver"),
    ].join(", ")}.`,
    "",
    "## Rules checked",
    "",
    "| id | checks | why |",
    "|---|---|---|",
    ...report.rules.map((r) => `| ${mdCell(r.id)} | ${mdCell(r.title)} | ${mdCell(r.why)} |`),
    "",
    "## Stacks",
    "",
    "| stack | resources | findings | waived findings | waivers |",
    "|---|---|---|---|---|",
    ...report.stacks.map((st) => `| ${mdCell(st.stack)} | ${st.resources} | ${st.findings.length} | ${st.waived.length} | ${st.waivers.length} |`),
  ];
  const all = [...report.landingZoneFindings, ...report.stacks.flatMap((st) => st.findings)];
  if (all.length) {
    lines.push("", "## Findings", "", "| stack | address | rule | problem | fix |", "|---|---|---|---|---|");
    lines.push(...all.map((f) => `| ${mdCell(f.stack)} | ${mdCode(f.address)} | ${mdCell(f.ruleId)} | ${mdCell(f.message)} | ${mdCell(f.fix)} |`));
  }
  const waived = report.stacks.flatMap((st) => st.waived);
  if (waived.length) {
    lines.push("", "## Waived findings", "", "| stack | address | rule | problem | reason | expires |", "|---|---|---|---|---|---|");
    lines.push(
      ...waived.map(
        (f) =>
          `| ${mdCell(f.stack)} | ${mdCode(f.address)} | ${mdCell(f.ruleId)} | ${mdCell(f.message)} | ${mdCell(f.waiver.reason)} | ${mdCell(f.waiver.expires ?? "-")} |`,
      ),
    );
  }
  const waivers = report.stacks.flatMap((st) => st.waivers.map((w) => ({ ...w, stack: st.stack })));
  if (waivers.length) {
    lines.push("", "## Waivers", "", "| stack | construct | waived | attribute | reason | expires |", "|---|---|---|---|---|---|");
    lines.push(
      ...waivers.map(
        (w) =>
          `| ${mdCell(w.stack)} | ${mdCode(w.path)} | ${mdCell(w.ruleId)} | ${mdCell(w.attribute ?? "-")} | ${mdCell(w.reason)} | ${mdCell(w.expires ?? "-")} |`,
      ),
    );
  }
  return `${lines.join("\n")}\n`;
}
