/**
 * `sovereign-lz check <path>`: the sovereignty rule pack on any Terraform
 * JSON — a `cdk.tf.json`, a directory of them (`cdktf.out`), a `*.tf.json`,
 * or a plan from `terraform show -json`. Exit 0 clean, 1 findings, 2 usage
 * or input it cannot read.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { Option, type Command } from "commander";
import { evaluate, formatFinding } from "../checks/engine";
import { buildReport, reportToMarkdown, stackReportsOf } from "../checks/report";
import { reportToSarif } from "../checks/sarif";
import { documentFromConfig, documentFromPlan, kindOf } from "../checks/terraform-json";
import type { RuleContext, TfDocument } from "../checks/types";
import { PROFILE_NAMES, PROFILES, type ProfileName } from "../profiles/profile";
import { sarifArtifactsOf } from "./artifacts";
import { defineCommand, EXIT, exitsWith, InputError } from "./command";

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

export function checkCommand(): Command {
  return defineCommand("check", "run the sovereignty rule pack on Terraform JSON: cdk.tf.json, a directory such as cdktf.out, *.tf.json, or a plan")
    .argument("<path>", "a Terraform JSON file, a plan from `terraform show -json`, or a directory of *.tf.json")
    .addOption(new Option("--format <format>", "output format").choices(FORMATS).default("text"))
    .addOption(new Option("--profile <profile>", "sovereignty profile").choices(PROFILE_NAMES).default("paris"))
    .option("--operator-project <id>", "the operator's key project: keys from any other project are findings")
    .addHelpText("after", "\nExit codes: 0 clean, 1 findings, 2 usage or input it cannot read.")
    .action(exitsWith((path: string, options: CheckOptions) => check(path, options)));
}

const FORMATS = ["text", "json", "markdown", "sarif"] as const;

interface CheckOptions {
  readonly format: (typeof FORMATS)[number];
  readonly profile: ProfileName;
  readonly operatorProject?: string;
}

/** The rule pack on documents: stack rules one by one, set rules across them, and the report of both. */
export function checkDocuments(docs: readonly TfDocument[], context: RuleContext) {
  const perStack = evaluate(docs, context, { scope: "stack" });
  const acrossStacks = evaluate(docs, context, { scope: "set" });
  const report = buildReport(context, stackReportsOf(docs, perStack.findings, perStack.suppressed), acrossStacks.findings);
  return { report, perStack, acrossStacks };
}

function check(path: string, { format, profile, operatorProject }: CheckOptions): number {
  const docs = loadDocuments(path);
  const context = { profile: PROFILES[profile], operatorProjectId: operatorProject };
  const { report, perStack, acrossStacks } = checkDocuments(docs, context);
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
  return report.summary.findings ? EXIT.findings : EXIT.ok;
}
