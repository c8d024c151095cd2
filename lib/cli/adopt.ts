/**
 * `sovereign-lz adopt --config <file> [--existing-policies <export>...]`:
 * after synth, add Terraform `import` blocks to the synthesized stacks for
 * what the config's `adopt` section says exists already, and for the
 * organization policies of an export that the stacks declare at the same
 * name; review every exported policy above the landing zone against what it
 * declares (one line each, on stdout and in `<output>/existing-policies.md`).
 * Exit 0 written, 1 a selection matched nothing or an export is invalid
 * (nothing written), 2 usage, unreadable input or stacks it cannot write.
 */
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { adoptionPlan, type ImportBlock } from "../adopt/imports";
import { MAX_EXPORT_BYTES, parseExistingPolicies, type ExistingPolicy } from "../adopt/policy-export";
import { reviewExistingPolicies, reviewToMarkdown } from "../adopt/policy-review";
import { reviewFactsOf } from "../config/adopt";
import { ConfigError } from "../config/errors";
import { loadConfigFile } from "../config/load";
import { loadDocuments } from "./check";
import { defineCommand, EXIT, exitsWith, InputError } from "./command";
import { plural } from "../plural";

interface AdoptOptions {
  readonly config: string;
  readonly output: string;
  readonly existingPolicies: string[];
}

/** The report of the review, beside the stacks. */
export const REVIEW_FILE = "existing-policies.md";

/** Add `blocks` to a stack's Terraform JSON, keeping the import blocks already there (cdktf's own), once per address. */
function writeImports(file: string, blocks: readonly ImportBlock[]): number {
  const json = JSON.parse(readFileSync(file, "utf8"));
  const existing: ImportBlock[] = Array.isArray(json.import) ? json.import : [];
  const known = new Set(existing.map((b) => b.to));
  const added = blocks.filter((b) => !known.has(b.to));
  json.import = [...existing, ...added];
  writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
  return added.length;
}

/** Every policy of the exports; a file that is missing is exit 2, one that is not an export exit 1. */
function readExports(files: readonly string[]): ExistingPolicy[] {
  const policies: ExistingPolicy[] = [];
  for (const file of files) {
    let size: number;
    try {
      const stat = statSync(file);
      if (!stat.isFile()) throw new Error();
      size = stat.size;
    } catch {
      throw new InputError(`${file}: no such file`);
    }
    if (size > MAX_EXPORT_BYTES) throw new Error(`${file}: larger than ${MAX_EXPORT_BYTES / 1024 / 1024} MiB (see docs/brownfield.md)`);
    policies.push(...parseExistingPolicies(readFileSync(file, "utf8"), file));
  }
  return policies;
}

export function adoptCommand(): Command {
  return defineCommand(
    "adopt",
    "import what exists already (the config's adopt section, exported organization policies) into the synthesized stacks: Terraform import blocks",
  )
    .requiredOption("-c, --config <file>", "the landing-zone config, with an adopt section unless --existing-policies is given")
    .option("-o, --output <dir>", "the synthesized output directory", "cdktf.out")
    .option(
      "--existing-policies <file>",
      "organization policies that exist (gcloud org-policies describe --format=json, the API's list, or a Cloud Asset Inventory org-policy export); repeatable",
      (file: string, all: string[]) => [...all, file],
      [] as string[],
    )
    .addHelpText(
      "after",
      "\nRun it after each synth.\nExit codes: 0 written, 1 a selection matched nothing or an export is invalid (nothing written), 2 usage, unreadable input or stacks it cannot write.",
    )
    .action(
      exitsWith((options: AdoptOptions) => {
        const config = loadConfigFile(options.config);
        if (!config.adopt && !options.existingPolicies.length) {
          throw new ConfigError(options.config, [
            "adopt: missing (allowed: { operatorProject, ekmConnection, keyRings, keys, keyVersions, policies }, or --existing-policies <export>)",
          ]);
        }
        const policies = readExports(options.existingPolicies);
        const docs = loadDocuments(join(options.output, "stacks"));
        const selection = config.adopt ?? { operatorProject: false, ekmConnection: false, keyRings: [], keys: [], keyVersions: [], policies: [] };
        const plan = adoptionPlan(docs, selection, config.operator.projectId);
        if (plan.problems.length) throw new ConfigError(options.config, plan.problems);
        const reviewed = options.existingPolicies.length ? reviewExistingPolicies(docs, policies, reviewFactsOf(config)) : undefined;
        const stacks = new Set([...Object.keys(plan.imports), ...Object.keys(reviewed?.imports ?? {})]);
        // The file each stack was read from: a stack's name (`//.metadata.stackName` in its JSON) is never a path to write to.
        const files = new Map<string, string>();
        for (const d of docs) {
          if (files.has(d.stack) && files.get(d.stack) !== d.file)
            throw new InputError(`${files.get(d.stack)}, ${d.file}: two stacks named ${JSON.stringify(d.stack)} (allowed: one file per stack)`);
          files.set(d.stack, d.file!);
        }
        for (const stack of [...stacks].sort()) {
          const blocks = [...(plan.imports[stack] ?? []), ...(reviewed?.imports[stack] ?? [])];
          const unique = blocks.filter((b, i) => blocks.findIndex((o) => o.to === b.to) === i);
          const added = writeImports(files.get(stack)!, unique);
          console.log(
            `${stack}: ${plural(unique.length, "import block")}${added < unique.length ? ` (${unique.length - added} already there)` : ""}`,
          );
        }
        for (const note of plan.notes) console.log(`note: ${note}`);
        if (reviewed) {
          for (const line of reviewed.lines) console.log(`${line.finding ? "finding" : "ok"}: ${line.policy}: ${line.text}`);
          const file = join(options.output, REVIEW_FILE);
          writeFileSync(file, reviewToMarkdown(reviewed, options.existingPolicies));
          console.log(`${file}: ${plural(reviewed.lines.filter((l) => l.finding).length, "finding")} in ${plural(reviewed.lines.length, "line")}`);
        }
        return EXIT.ok;
      }),
    );
}
