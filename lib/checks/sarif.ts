/**
 * The audit report as SARIF 2.1.0, for code-scanning tools: one rule per
 * rule of the pack (id, title, why, fix, default level), one result per
 * finding, located in the checked file (artifact, line of the resource) and
 * at the resource's Terraform address (logical location). Suppressed
 * findings are results with an in-source suppression and its reason.
 */
import { createHash } from "node:crypto";
import type { SovereigntyReport } from "./report";
import type { Finding, WaivedFinding } from "./types";

/** SARIF version written, and the schema it follows. */
export const SARIF_VERSION = "2.1.0";
export const SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";

/** Where each stack was read from: its file (a URI relative to the working directory) and that file's text. */
export interface SarifArtifact {
  readonly uri: string;
  /** The file's text, to find the line of each resource; without it results point at line 1. */
  readonly text?: string;
}

export interface SarifOptions {
  /** The file of each stack, by stack name. */
  readonly artifacts: Readonly<Record<string, SarifArtifact>>;
  /** Tool version. @default - none */
  readonly toolVersion?: string;
}

type Json = Record<string, unknown>;

/**
 * The 1-based line where a resource is declared in pretty-printed JSON: a
 * plan's `"address": "..."`, or a configuration's `"name": {` below
 * `"type": {` below `"resource": {`; line 1 when it cannot be found.
 */
export function lineOfResource(text: string | undefined, address: string): number {
  if (!text) return 1;
  const lines = text.split("\n");
  const planLine = lines.findIndex((l) => l.includes(`"address": ${JSON.stringify(address)}`));
  if (planLine >= 0) return planLine + 1;
  const dot = address.lastIndexOf(".");
  const type = address.slice(address.lastIndexOf(".", dot - 1) + 1, dot);
  const name = address.slice(dot + 1);
  const resourceLine = lines.findIndex((l) => l.trimStart().startsWith('"resource":'));
  const typeLine = lines.findIndex((l, i) => i > resourceLine && l.trimStart().startsWith(`${JSON.stringify(type)}:`));
  if (typeLine < 0) return 1;
  const nameLine = lines.findIndex((l, i) => i > typeLine && l.trimStart().startsWith(`${JSON.stringify(name)}:`));
  return nameLine >= 0 ? nameLine + 1 : typeLine + 1;
}

const level = (severity: string) => (severity === "error" ? "error" : "warning");

/** A stable identity of a finding, independent of line numbers. */
function fingerprint(f: Finding): string {
  return createHash("sha256").update(`${f.ruleId}\u0000${f.stack}\u0000${f.address}`).digest("hex").slice(0, 32);
}

/** The report as a SARIF 2.1.0 log. */
export function reportToSarif(report: SovereigntyReport, options: SarifOptions): Json {
  const stacks = [...new Set([...report.stacks.map((s) => s.stack), ...report.landingZoneFindings.map((f) => f.stack)])];
  const artifactIndex = new Map(stacks.filter((s) => options.artifacts[s]).map((s, i) => [s, i]));
  const ruleIndex = new Map(report.rules.map((r, i) => [r.id, i]));

  const result = (f: Finding, waived?: WaivedFinding): Json => {
    const artifact = options.artifacts[f.stack];
    const index = artifactIndex.get(f.stack);
    return {
      ruleId: f.ruleId,
      ...(ruleIndex.has(f.ruleId) ? { ruleIndex: ruleIndex.get(f.ruleId) } : {}),
      level: level(f.severity),
      message: { text: `${f.address}: ${f.message}` },
      locations: [
        {
          ...(artifact
            ? {
                physicalLocation: {
                  artifactLocation: { uri: artifact.uri, ...(index !== undefined ? { index } : {}) },
                  region: { startLine: lineOfResource(artifact.text, f.address) },
                },
              }
            : {}),
          logicalLocations: [{ name: f.address, fullyQualifiedName: `${f.stack}/${f.address}`, kind: "resource" }],
        },
      ],
      partialFingerprints: { "sovereignFinding/v1": fingerprint(f) },
      properties: { stack: f.stack, fix: f.fix },
      ...(waived ? { suppressions: [{ kind: "inSource", status: "accepted", justification: waived.waiver.reason }] } : {}),
    };
  };

  const findings = [...report.landingZoneFindings, ...report.stacks.flatMap((s) => s.findings)];
  const waived = report.stacks.flatMap((s) => s.waived);
  return {
    $schema: SARIF_SCHEMA_URI,
    version: SARIF_VERSION,
    runs: [
      {
        tool: {
          driver: {
            name: "sovereign-lz",
            ...(options.toolVersion ? { version: options.toolVersion } : {}),
            rules: report.rules.map((r) => ({
              id: r.id,
              name: r.id.replace(/[^A-Za-z0-9]/g, ""),
              shortDescription: { text: r.title },
              fullDescription: { text: `${r.title}. ${r.why}.` },
              help: { text: `Fix: ${r.fix}.`, markdown: `**Why:** ${r.why}.\n\n**Fix:** ${r.fix}.` },
              defaultConfiguration: { level: level(r.severity) },
              properties: { tags: ["sovereignty", `scope:${r.scope}`] },
            })),
          },
        },
        artifacts: [...artifactIndex.keys()].map((s) => ({ location: { uri: options.artifacts[s].uri } })),
        results: [...findings.map((f) => result(f)), ...waived.map((f) => result(f, f))],
        properties: { profile: report.profile, region: report.region, operatorProjectId: report.operatorProjectId, summary: report.summary },
      },
    ],
  };
}
