/**
 * `sovereign-lz check <path>`: the sovereignty rule pack on any Terraform
 * JSON — a `cdk.tf.json`, a directory of them (`cdktf.out`), a `*.tf.json`,
 * or a plan from `terraform show -json`. Exit 0 clean, 1 findings, 2 usage
 * or input it cannot read.
 */
import { readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import { basename, dirname, join, relative, resolve as resolvePath, sep } from "node:path";
import { Option, type Command } from "commander";
import { evaluate, formatFinding, rulesOf } from "../checks/engine";
import type { RulePack } from "../checks/pack";
import { buildReport, reportToMarkdown, stackReportsOf } from "../checks/report";
import { reportToSarif } from "../checks/sarif";
import { documentFromConfig, documentFromPlan, isOverrideFile, kindOf, withOverrides, withVariableValues } from "../checks/terraform-json";
import type { Rule, RuleContext, TfDocument } from "../checks/types";
import { PROFILE_NAMES, PROFILES, type ProfileName } from "../profiles/profile";
import { sarifArtifactsOf } from "./artifacts";
import { depthOf, repeatsKey } from "../json-text";
import { defineCommand, EXIT, exitsWith, InputError } from "./command";
import { plural } from "../plural";

/** Terraform files in HCL (configurations, variable files), which the checker cannot read. */
const HCL_FILE = /\.(tf|tfvars)$/;

/** Variable files Terraform loads by itself from a configuration's directory, in the order it loads them. */
const AUTO_TFVARS_JSON = /^(terraform\.tfvars|.+\.auto\.tfvars)\.json$/;

/**
 * Every JSON file under a directory (`*.tf.json` configurations, plans and
 * states as `*.json`). A symbolic link counts as what it points to, as
 * Terraform reads it; an HCL file or a dangling link is input the checker
 * cannot judge, so an error rather than a silent pass.
 */
function jsonFilesIn(dir: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const root = realpathSync(dir);
  const walk = (d: string) => {
    const real = realpathSync(d);
    if (seen.has(real)) return;
    seen.add(real);
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      let kind: { isDirectory(): boolean; isFile(): boolean } = entry;
      if (entry.isSymbolicLink()) {
        try {
          kind = statSync(full);
        } catch {
          throw new InputError(`${full}: a link to nothing (allowed: Terraform JSON files and directories)`);
        }
        // Never read what lies outside the checked directory (a CI job checks what a pull request brings).
        const target = realpathSync(full);
        if (target !== root && !target.startsWith(`${root}${sep}`))
          throw new InputError(`${full}: a link out of ${dir} (allowed: files and directories inside it)`);
      }
      if (kind.isDirectory() && !entry.name.startsWith(".") && entry.name !== "node_modules") walk(full);
      else if (kind.isFile() && HCL_FILE.test(entry.name))
        throw new InputError(`${full}: HCL, which the checker cannot read (allowed: Terraform JSON; for HCL, check the plan: terraform show -json)`);
      else if (kind.isFile() && entry.name.endsWith(".json")) out.push(full);
    }
  };
  walk(dir);
  return out.sort();
}

/** The variable values of the auto-loaded `*.tfvars.json` files among `files`, per directory (later files override earlier ones, as in Terraform). */
function autoVariables(files: readonly string[]): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  const ordered = files.filter((f) => AUTO_TFVARS_JSON.test(basename(f)));
  // terraform.tfvars.json first, then *.auto.tfvars.json in lexical order.
  ordered.sort((a, b) => Number(basename(b) === "terraform.tfvars.json") - Number(basename(a) === "terraform.tfvars.json") || a.localeCompare(b));
  for (const file of ordered) {
    let values: unknown;
    try {
      values = JSON.parse(readFileSync(file, "utf8"));
    } catch (e) {
      throw new InputError(`${file}: not readable as JSON (${(e as Error).message.split("\n")[0]})`);
    }
    if (!values || typeof values !== "object" || Array.isArray(values))
      throw new InputError(`${file}: not a variable file (allowed: an object of variable values)`);
    out.set(dirname(file), { ...out.get(dirname(file)), ...(values as Record<string, unknown>) });
  }
  return out;
}

/** Deeper than any Terraform JSON, plan or state: the rules walk values recursively. */
const MAX_DEPTH = 256;

/** A file's JSON, refused when it does not parse or nests deeper than any Terraform JSON. */
function readJson(file: string): unknown {
  let json: unknown;
  const text = readFileSync(file, "utf8");
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new InputError(`${file}: not readable as JSON (${(e as Error).message.split("\n")[0]})`);
  }
  if (depthOf(json, MAX_DEPTH) > MAX_DEPTH)
    throw new InputError(`${file}: nested more than ${MAX_DEPTH} levels deep (allowed: Terraform JSON, a plan or a state)`);
  if (repeatsKey(text, json))
    throw new InputError(
      `${file}: an object repeats a key: Terraform reads every member (two "resource" members are two sets of blocks), a JSON parser only the last (allowed: each key once in an object; the array form for several blocks)`,
    );
  return json;
}

/** The stack name of a file: a cdktf stack's directory, else the file's path below the checked one. */
const stackName = (file: string, root: string) =>
  basename(file) === "cdk.tf.json" ? basename(dirname(file)) : relative(root, file) || basename(file);

/** A reader's error on one file or module, as input the checker cannot read. */
function readable<T>(file: string, read: () => T): T {
  try {
    return read();
  } catch (e) {
    throw new InputError(`${file}: not a Terraform JSON document the checker can read (${(e as Error).message.split("\n")[0]})`);
  }
}

/** The document of a file, or undefined for JSON that is not Terraform (skipped inside directories). */
/** The addresses of the managed resources a plan's configuration declares in its root module: the same set as the Terraform JSON it was made from. */
function plannedConfigurationAddresses(plan: any): string[] {
  const resources: unknown = plan?.configuration?.root_module?.resources;
  return Array.isArray(resources) ? resources.filter((r) => r?.mode === "managed").map((r) => String(r.address)) : [];
}

/**
 * The configuration a plan was made from, among `configurations`: the one
 * named like the plan's file (`<stack>.json`, `<stack>.plan.json`), else the
 * only one that declares the same managed resources as the plan's
 * configuration (tenants of the same shape declare the same addresses). A
 * configuration that does not declare the plan's resources, none, or more
 * than one, is input the checker cannot pair: an error.
 */
function writtenFor(file: string, plan: unknown, configurations: readonly TfDocument[]): TfDocument {
  const planned = [...new Set(plannedConfigurationAddresses(plan))].sort();
  const declaresThem = (c: TfDocument) => {
    const declared = [...new Set(c.resources.map((r) => r.address))].sort();
    return declared.length === planned.length && declared.every((a, i) => a === planned[i]);
  };
  const name = basename(file).replace(/(\.plan)?\.json$/, "");
  const named = configurations.filter((c) => c.stack === name);
  if (named.length === 1) {
    if (declaresThem(named[0])) return named[0];
    throw new InputError(
      `${file}: the configuration of ${name} does not declare the resources this plan was made from (allowed: the Terraform JSON the plan was made from)`,
    );
  }
  const same = configurations.filter(declaresThem);
  if (same.length === 1) return same[0];
  if (!same.length)
    throw new InputError(
      `${file}: no configuration given with --configuration declares the resources this plan was made from (allowed: the Terraform JSON the plan was made from, such as cdktf.out)`,
    );
  throw new InputError(
    `${file}: several configurations declare the resources of this plan (${same.map((c) => c.stack).join(", ")}): name the plan after its stack (<stack>.json)`,
  );
}

function readDocument(file: string, root: string, skipForeign = false, configurations?: readonly TfDocument[]): TfDocument | undefined {
  const json = readJson(file);
  const stack = stackName(file, root);
  // Terraform loads every *.tf.json object as configuration, whatever it holds.
  const kind = kindOf(json) ?? (file.endsWith(".tf.json") && json && typeof json === "object" && !Array.isArray(json) ? "config" : undefined);
  if (!kind && skipForeign) return undefined;
  if (kind === "plan") {
    const written = configurations && writtenFor(file, json, configurations);
    return { ...readable(file, () => documentFromPlan(json as object, stack, written)), file };
  }
  if (kind === "config") return { ...readable(file, () => documentFromConfig(json as object, stack)), file };
  throw new InputError(`${file}: neither a Terraform JSON configuration nor a plan or state (terraform show -json)`);
}

/**
 * The `*.tf.json` files of one directory as one document, as Terraform loads
 * them into one module: every file, whatever it holds, with the override
 * files merged in (a variable's default replaced in `main_override.tf.json`
 * was judged with the first file's default). One file alone is read as a file.
 */
function readModule(dir: string, files: readonly string[], root: string): TfDocument {
  if (files.length === 1) return readDocument(files[0], root)!;
  const json = (file: string) => {
    const value = readJson(file);
    if (!value || typeof value !== "object" || kindOf(value) === "plan")
      throw new InputError(`${file}: not a Terraform JSON configuration, which Terraform loads with the other *.tf.json files of ${dir}`);
    return value as Record<string, unknown>;
  };
  const base = files.filter((f) => !isOverrideFile(basename(f)));
  const overrides = files.filter((f) => isOverrideFile(basename(f)));
  const stack = files.some((f) => basename(f) === "cdk.tf.json") ? basename(dir) : relative(root, dir) || basename(resolvePath(dir));
  const doc = readable(dir, () => documentFromConfig(withOverrides(base.map(json), overrides.map(json)), stack));
  return { ...doc, file: base[0] ?? overrides[0] };
}

/** The documents at a path: a file, or every Terraform JSON file below a directory. */
export function loadDocuments(path: string, configurations?: readonly TfDocument[]): TfDocument[] {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    throw new InputError(`${path}: no such file or directory (allowed: a Terraform JSON file, a plan, or a directory of them such as cdktf.out)`);
  }
  if (stat.isFile()) return [readDocument(path, dirname(path), false, configurations)!];
  if (!stat.isDirectory()) throw new InputError(`${path}: not a regular file (allowed: a Terraform JSON file, a plan, or a directory of them)`);
  const files = jsonFilesIn(path);
  // A configuration's variables take the values of the variable files Terraform loads beside it, not only their defaults.
  const variables = autoVariables(files);
  // Terraform loads every *.tf.json of a directory into one module; other JSON files are plans, states or not Terraform.
  const modules = new Map<string, string[]>();
  for (const f of files) if (f.endsWith(".tf.json")) modules.set(dirname(f), [...(modules.get(dirname(f)) ?? []), f]);
  const docs = files
    .filter((f) => !AUTO_TFVARS_JSON.test(basename(f)))
    .flatMap((f) => {
      if (!f.endsWith(".tf.json")) return readDocument(f, path, true, configurations) ?? [];
      const module = modules.get(dirname(f))!;
      return module[0] === f ? [readModule(dirname(f), module, path)] : [];
    })
    .map((doc) => {
      const values = doc.source === "config" && doc.file ? variables.get(dirname(doc.file)) : undefined;
      return values ? withVariableValues(doc, values) : doc;
    });
  if (!docs.length) throw new InputError(`${path}: no Terraform JSON (configuration, plan or state) found`);
  return docs;
}

export function checkCommand(): Command {
  return defineCommand("check", "run the sovereignty rule pack on Terraform JSON: cdk.tf.json, a directory such as cdktf.out, *.tf.json, or a plan")
    .argument("<path>", "a Terraform JSON file, a plan from `terraform show -json`, or a directory of *.tf.json")
    .addOption(new Option("--format <format>", "output format").choices(FORMATS).default("text"))
    .addOption(new Option("--profile <profile>", "sovereignty profile").choices(PROFILE_NAMES).default("paris"))
    .option("--operator-project <id>", "the operator's key project: keys from any other project are findings (default: the one the stacks name)")
    .option(
      "--pack <module>",
      "a JavaScript module exporting a rule pack ({ name, rules }) to run in addition to the sovereignty pack (repeatable)",
      (m: string, all: string[]) => [...all, m],
      [] as string[],
    )
    .option("--require-guardrails", "demand the landing-zone guardrails even when the checked files hold no landing zone (folders or org policies)")
    .option(
      "--configuration <path>",
      "the Terraform JSON the plans were made from (such as cdktf.out): each plan is read with its waivers, what the gate recorded, and the expressions of values known only after apply",
    )
    .addHelpText("after", "\nExit codes: 0 clean, 1 findings, 2 usage or input it cannot read.")
    .action(exitsWith((path: string, options: CheckOptions) => check(path, options)));
}

const FORMATS = ["text", "json", "markdown", "sarif"] as const;

interface CheckOptions {
  readonly format: (typeof FORMATS)[number];
  readonly profile: ProfileName;
  readonly operatorProject?: string;
  readonly requireGuardrails?: boolean;
  readonly pack?: readonly string[];
  readonly configuration?: string;
}

/** The rule pack (and any user pack) on documents: stack rules one by one, set rules across them, and the report of both. */
export function checkDocuments(docs: readonly TfDocument[], context: RuleContext, rules: readonly Rule[] = rulesOf()) {
  const perStack = evaluate(docs, context, { scope: "stack", rules });
  const acrossStacks = evaluate(docs, context, { scope: "set", rules });
  const report = buildReport(context, stackReportsOf(docs, perStack.findings, perStack.waived, rules), acrossStacks.findings, rules);
  return { report, perStack, acrossStacks };
}

/** User-supplied rule packs: modules exporting `{ name, rules }` (as `default`, `pack` or the module itself). */
function loadPacks(modules: readonly string[] = []): RulePack[] {
  return modules.map((m) => {
    let loaded: any;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      loaded = require(resolvePath(m));
    } catch (e) {
      throw new InputError(`${m}: cannot load the rule pack (${(e as Error).message.split("\n")[0]})`);
    }
    const pack = loaded?.default ?? loaded?.pack ?? loaded;
    if (!pack || !Array.isArray(pack.rules) || pack.rules.some((r: any) => typeof r?.id !== "string" || typeof r?.check !== "function")) {
      throw new InputError(`${m}: not a rule pack (allowed: a module exporting { name, rules: [{ id, severity, scope, title, why, fix, check }] })`);
    }
    return pack as RulePack;
  });
}

/**
 * Whose keys are right: the `--operator-project` flag, else the project the
 * library's gate wrote into the stacks. Stacks that name different projects
 * need the flag; with neither, the run says loudly that keys were not attributed
 * (and SOV-KEY-002 finds every key used: who holds it cannot be judged).
 */
export function operatorProjectOf(
  docs: readonly TfDocument[],
  flag: string | undefined,
  consequence = "every key used is a SOV-KEY-002 finding",
): string | undefined {
  if (flag) return flag;
  const written = [...new Set(docs.flatMap((d) => (d.operatorProjectId ? [d.operatorProjectId] : [])))];
  if (written.length > 1) {
    throw new InputError(`the stacks name different operator projects (${written.join(", ")}): pass --operator-project <id>`);
  }
  if (!written.length) {
    console.error(`warning: keys were not attributed: no --operator-project, and the files name no operator project; ${consequence}`);
  }
  return written[0];
}

/** The organization's domain and prefix the library's gate wrote into the stacks, when they all agree (SOV-IAM-003 runs with them). */
export function identityOf(docs: readonly TfDocument[]): { organizationDomain?: string; landingZonePrefix?: string } {
  const one = (values: (string | undefined)[]) => {
    const written = [...new Set(values.filter((v): v is string => v !== undefined))];
    return written.length === 1 ? written[0] : undefined;
  };
  const organizationDomain = one(docs.map((d) => d.organizationDomain));
  return organizationDomain ? { organizationDomain, landingZonePrefix: one(docs.map((d) => d.landingZonePrefix)) } : {};
}

/** The documents to check: with `--configuration`, the plans at `path` read with the configurations they were made from. */
function documentsToCheck(path: string, configuration: string | undefined): TfDocument[] {
  if (configuration === undefined) return loadDocuments(path);
  const written = loadDocuments(configuration).filter((d) => d.source === "config");
  if (!written.length)
    throw new InputError(
      `--configuration: ${configuration} holds no Terraform JSON configuration (allowed: what the plans were made from, such as cdktf.out)`,
    );
  const docs = loadDocuments(path, written);
  if (!docs.some((d) => d.source === "plan"))
    throw new InputError(`--configuration: ${path} holds no plan to read with it (allowed: plans from terraform show -json)`);
  return docs;
}

function check(path: string, { format, profile, operatorProject, requireGuardrails, pack, configuration }: CheckOptions): number {
  const docs = documentsToCheck(path, configuration);
  const rules = rulesOf({ packs: loadPacks(pack) });
  const context = {
    profile: PROFILES[profile],
    operatorProjectId: operatorProjectOf(docs, operatorProject),
    requireGuardrails,
    ...identityOf(docs),
  };
  const { report, perStack, acrossStacks } = checkDocuments(docs, context, rules);
  if (format === "json") console.log(JSON.stringify(report, null, 2));
  else if (format === "markdown") console.log(reportToMarkdown(report));
  else if (format === "sarif") console.log(JSON.stringify(reportToSarif(report, { artifacts: sarifArtifactsOf(docs) }), null, 2));
  else {
    const findings = [...acrossStacks.findings, ...perStack.findings];
    for (const f of findings) console.log(formatFinding(f));
    for (const f of perStack.waived) {
      console.log(`waived: ${f.stack}: ${f.address}: ${f.ruleId}: ${f.waiver.reason}${f.waiver.expires ? ` (until ${f.waiver.expires})` : ""}`);
    }
    for (const d of docs) {
      if (!d.resources.some((r) => r.type.startsWith("google_"))) console.log(`note: ${d.file ?? d.stack}: no Google resource to check`);
    }
    const s = report.summary;
    console.log(
      `${s.result}: ${plural(s.stacks, "stack")}, ${plural(s.resources, "resource")}, ${plural(s.findings, "finding")}, ${s.waived} waived`,
    );
  }
  return report.summary.result === "fail" ? EXIT.findings : EXIT.ok;
}
