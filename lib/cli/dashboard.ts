/**
 * `sovereign-lz dashboard <path>`: the sovereignty dashboard of any
 * Terraform JSON the checker reads (`cdktf.out`, a `*.tf.json`, a plan), as
 * one self-contained HTML page. Exit 0 written (whatever the verdict on the
 * page), 2 usage, input it cannot read or a file it cannot write.
 */
import { writeFileSync } from "node:fs";
import { Option, type Command } from "commander";
import { buildBom } from "../bom/build";
import { dashboardHtml } from "../dashboard/html";
import { PROFILE_NAMES, PROFILES, type ProfileName } from "../profiles/profile";
import { plural } from "../plural";
import { checkDocuments, identityOf, loadDocuments, operatorProjectOf } from "./check";
import { defineCommand, EXIT, exitsWith, InputError } from "./command";

interface DashboardOptions {
  readonly out: string;
  readonly profile: ProfileName;
  readonly operatorProject?: string;
  readonly asOf?: string;
}

export function dashboardCommand(): Command {
  return defineCommand(
    "dashboard",
    "write the sovereignty dashboard (one self-contained HTML page) of Terraform JSON: cdktf.out, *.tf.json, or a plan",
  )
    .argument("<path>", "a Terraform JSON file, a plan from `terraform show -json`, or a directory of *.tf.json")
    .option("-o, --out <file>", "the HTML file to write", "sovereignty-dashboard.html")
    .addOption(new Option("--profile <profile>", "sovereignty profile").choices(PROFILE_NAMES).default("paris"))
    .option("--operator-project <id>", "the operator's key project (default: the one the stacks name)")
    .option("--as-of <date>", "judge waiver expiry on this date (YYYY-MM-DD; default: today)")
    .addHelpText("after", "\nExit codes: 0 written, 2 usage, input it cannot read or a file it cannot write.")
    .action(
      exitsWith((path: string, options: DashboardOptions) => {
        if (options.asOf !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(options.asOf) || Number.isNaN(Date.parse(options.asOf)))) {
          throw new InputError(`--as-of: "${options.asOf}" is not a date (allowed: YYYY-MM-DD)`);
        }
        const docs = loadDocuments(path);
        const context = {
          profile: PROFILES[options.profile],
          operatorProjectId: operatorProjectOf(docs, options.operatorProject),
          ...identityOf(docs),
        };
        const { report } = checkDocuments(docs, context);
        writeFileSync(options.out, dashboardHtml(report, buildBom(docs, context), { asOf: options.asOf }));
        console.log(`${options.out}: ${report.summary.result}, ${plural(report.summary.findings, "finding")}`);
        return EXIT.ok;
      }),
    );
}
