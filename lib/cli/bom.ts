/**
 * `sovereign-lz bom <path>`: the sovereignty bill of materials of any
 * Terraform JSON the checker reads (`cdktf.out`, a `*.tf.json`, a plan), as
 * JSON or Markdown, or both written into a directory. Synth writes it beside
 * the sovereignty report. Exit 0 written, 2 usage, input it cannot read or files it cannot write.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Option, type Command } from "commander";
import { buildBom } from "../bom/build";
import { bomToMarkdown } from "../bom/markdown";
import type { BillOfMaterials } from "../bom/types";
import type { RuleContext, TfDocument } from "../checks/types";
import { PROFILE_NAMES, PROFILES, type ProfileName } from "../profiles/profile";
import { plural } from "../plural";
import { loadDocuments, operatorProjectOf } from "./check";
import { defineCommand, EXIT, exitsWith } from "./command";

/** Bill-of-materials file names, in the output directory. */
export const BOM_FILES = { json: "sovereignty-bom.json", markdown: "sovereignty-bom.md" } as const;

/** Write the bill of materials as JSON and Markdown into `dir`. */
export function writeBomFiles(dir: string, bom: BillOfMaterials): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, BOM_FILES.json), `${JSON.stringify(bom, null, 2)}\n`);
  writeFileSync(join(dir, BOM_FILES.markdown), bomToMarkdown(bom));
}

/**
 * At synth: the bill of materials of the stacks written into `outdir`, beside
 * the report; `written` are those stacks as already read from their files
 * (the gate's `documentsOf`), which spares reading them again.
 */
export function writeSynthBom(outdir: string, context: RuleContext, written?: readonly TfDocument[]): BillOfMaterials {
  // In the order reading the directory gives: by file path.
  const docs = written ? [...written].sort((a, b) => (a.file! < b.file! ? -1 : a.file! > b.file! ? 1 : 0)) : loadDocuments(join(outdir, "stacks"));
  const bom = buildBom(docs, context);
  writeBomFiles(outdir, bom);
  return bom;
}

export function bomCommand(): Command {
  return defineCommand("bom", "sovereignty bill of materials of Terraform JSON: cdk.tf.json, a directory such as cdktf.out, *.tf.json, or a plan")
    .argument("<path>", "a Terraform JSON file, a plan from `terraform show -json`, or a directory of *.tf.json")
    .addOption(new Option("--format <format>", "output format (printed)").choices(FORMATS).default("json"))
    .option("--out <dir>", `write ${BOM_FILES.json} and ${BOM_FILES.markdown} into this directory instead of printing`)
    .addOption(new Option("--profile <profile>", "sovereignty profile").choices(PROFILE_NAMES).default("paris"))
    .option(
      "--operator-project <id>",
      "the operator's key project: keys elsewhere are marked as not operator-held (default: the one the stacks name)",
    )
    .addHelpText("after", "\nExit codes: 0 written, 2 usage, input it cannot read or files it cannot write.")
    .action(exitsWith((path: string, options: BomOptions) => bom(path, options)));
}

const FORMATS = ["json", "markdown"] as const;

interface BomOptions {
  readonly format: (typeof FORMATS)[number];
  readonly out?: string;
  readonly profile: ProfileName;
  readonly operatorProject?: string;
}

function bom(path: string, { format, out, profile, operatorProject }: BomOptions): number {
  const docs = loadDocuments(path);
  const operatorProjectId = operatorProjectOf(docs, operatorProject, "whether a key is operator-held is unknown");
  const result = buildBom(docs, { profile: PROFILES[profile], operatorProjectId });
  if (out) {
    writeBomFiles(out, result);
    const { resources, keys } = result.summary;
    console.log(`${join(out, BOM_FILES.json)}, ${join(out, BOM_FILES.markdown)}: ${plural(resources, "resource")}, ${plural(keys, "key")}`);
  } else console.log(format === "markdown" ? bomToMarkdown(result) : JSON.stringify(result, null, 2));
  return EXIT.ok;
}
