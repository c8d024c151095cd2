/**
 * `sovereign-lz check <path>`: the sovereignty rule pack on any Terraform
 * JSON — a `cdk.tf.json`, a directory of them (`cdktf.out`), a `*.tf.json`,
 * or a plan from `terraform show -json`. Exit 0 clean, 1 findings, 2 input
 * it cannot read.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { parseArgs } from "node:util";
import { evaluate, formatFinding } from "../checks/engine";
import { buildReport, reportToMarkdown, stackReportsOf } from "../checks/report";
import { reportToSarif } from "../checks/sarif";
import { documentFromConfig, documentFromPlan, kindOf } from "../checks/terraform-json";
import type { TfDocument } from "../checks/types";
import { sarifArtifactsOf } from "./artifacts";
import { PROFILE_NAMES, PROFILES, type ProfileName } from "../profiles/profile";

const USAGE = `usage: sovereign-lz check <path> [--format text|json|markdown|sarif] [--profile paris|s3ns] [--operator-project ID]`;

/** An input the checker cannot read. */
class InputError extends Error {}

/** Every Terraform JSON file under a directory (`*.tf.json`, plan `*.json` at the top level). */
function jsonFilesIn(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      if (entry.isDirectory() && !entry.name.startsWith(".")) walk(full);
      else if (entry.isFile() && entry.name.endsWith(".tf.json")) out.push(full);
    }
  };
  walk(dir);
  return out.sort();
}

function readDocument(file: string, root: string): TfDocument {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new InputError(`${file}: not readable as JSON (${(e as Error).message.split("\n")[0]})`);
  }
  const name = relative(root, file) || basename(file);
  const stack = basename(file) === "cdk.tf.json" ? basename(dirname(file)) : name;
  switch (kindOf(json)) {
    case "plan":
      return { ...documentFromPlan(json as object, stack), file };
    case "config":
      return { ...documentFromConfig(json as object, stack), file };
    default:
      throw new InputError(`${file}: neither a Terraform JSON configuration nor a plan (terraform show -json)`);
  }
}

/** The documents at a path: a file, or every Terraform JSON file below a directory. */
export function loadDocuments(path: string): TfDocument[] {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    throw new InputError(`${path}: no such file or directory`);
  }
  if (!stat.isDirectory()) return [readDocument(path, dirname(path))];
  const files = jsonFilesIn(path);
  if (!files.length) throw new InputError(`${path}: no *.tf.json file found`);
  return files.map((f) => readDocument(f, path));
}

export function main(args: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        format: { type: "string", default: "text" },
        profile: { type: "string", default: "paris" },
        "operator-project": { type: "string" },
      },
    });
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const format = values.format!;
  if (positionals.length !== 1 || !["text", "json", "markdown", "sarif"].includes(format) || !PROFILE_NAMES.includes(values.profile as ProfileName)) {
    console.error(USAGE);
    return 2;
  }
  let docs: TfDocument[];
  try {
    docs = loadDocuments(positionals[0]);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    console.error(`error: ${e.message}`);
    return 2;
  }
  const context = { profile: PROFILES[values.profile as ProfileName], operatorProjectId: values["operator-project"] };
  const perStack = evaluate(docs, context, { scope: "stack" });
  const acrossStacks = evaluate(docs, context, { scope: "set" });
  const report = buildReport(context, stackReportsOf(docs, perStack.findings, perStack.suppressed), acrossStacks.findings);
  if (format === "json") console.log(JSON.stringify(report, null, 2));
  else if (format === "markdown") console.log(reportToMarkdown(report));
  else if (format === "sarif") console.log(JSON.stringify(reportToSarif(report, { artifacts: sarifArtifactsOf(docs) }), null, 2));
  else {
    const findings = [...acrossStacks.findings, ...perStack.findings];
    for (const f of findings) console.log(formatFinding(f));
    for (const f of perStack.suppressed) console.log(`suppressed: ${f.stack}: ${f.address}: ${f.ruleId}: ${f.reason}`);
    const s = report.summary;
    console.log(`${s.result}: ${s.stacks} stacks, ${s.resources} resources, ${s.findings} findings, ${s.suppressions} suppressions`);
  }
  return report.summary.findings ? 1 : 0;
}
