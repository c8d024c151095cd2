/**
 * `sovereign-lz adopt --config <file>`: after synth, add Terraform `import`
 * blocks to the synthesized stacks for what the config's `adopt` section
 * says exists already, so that `terraform plan` shows the difference rather
 * than creating over it. Exit 0 written, 1 a selection matched nothing
 * (every problem printed), 2 usage or unreadable input.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { adoptionPlan, type ImportBlock } from "../adopt/imports";
import { ConfigError } from "../config/errors";
import { loadConfigFile } from "../config/load";
import { loadDocuments } from "./check";
import { defineCommand, EXIT, exitsWith } from "./command";

interface AdoptOptions {
  readonly config: string;
  readonly output: string;
}

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

export function adoptCommand(): Command {
  return defineCommand("adopt", "import what exists already (the config's adopt section) into the synthesized stacks: Terraform import blocks")
    .requiredOption("-c, --config <file>", "the landing-zone config, with an adopt section")
    .option("-o, --output <dir>", "the synthesized output directory", "cdktf.out")
    .addHelpText("after", "\nRun it after each synth.\nExit codes: 0 written, 1 a selection matched nothing, 2 usage or unreadable input.")
    .action(
      exitsWith((options: AdoptOptions) => {
        const config = loadConfigFile(options.config);
        if (!config.adopt)
          throw new ConfigError(options.config, ["adopt: missing (allowed: { operatorProject, ekmConnection, keyRings, keys, policies })"]);
        const plan = adoptionPlan(loadDocuments(join(options.output, "stacks")), config.adopt, config.operator.projectId);
        if (plan.problems.length) throw new ConfigError(options.config, plan.problems);
        for (const [stack, blocks] of Object.entries(plan.imports)) {
          const added = writeImports(join(options.output, "stacks", stack, "cdk.tf.json"), blocks);
          console.log(`${stack}: ${blocks.length} import block(s)${added < blocks.length ? ` (${blocks.length - added} already there)` : ""}`);
        }
        for (const note of plan.notes) console.log(`note: ${note}`);
        return EXIT.ok;
      }),
    );
}
