/**
 * docs/cli.md: the help of `sovereign-lz` and of each of its commands, as
 * the program prints it (`bin/program.ts`), so a new command appears here
 * once it is registered.
 */
import type { Command } from "commander";
import { program } from "../../bin/program";
import { GENERATED_NOTE } from "./generated";

/** The help as `--help` prints it, with the text added before and after. */
function help(command: Command): string {
  let text = "";
  command.configureHelp({ helpWidth: 110 }).configureOutput({ writeOut: (s) => void (text += s) });
  command.outputHelp();
  return text.trimEnd();
}

/** docs/cli.md. */
export function cliReference(): string {
  const root = program();
  return [
    "# Command line: `sovereign-lz`",
    "",
    GENERATED_NOTE("the program's own help (`bin/program.ts`)"),
    "",
    "`npx sovereign-lz <command>`, from a project that installed the package or from this repository after `npm ci` (which",
    "builds it; after editing the sources, `npm run build` again). Every command exits 0 when all is well, 1 on findings or an",
    "invalid config, 2 when it cannot do what was asked (wrong usage, input it cannot read, output it cannot write); `--help`",
    "on any command prints its help and exits 0.",
    "",
    "```text",
    help(root),
    "```",
    "",
    ...root.commands.flatMap((c) => [`## ${c.name()}`, "", "```text", help(c), "```", ""]),
  ].join("\n");
}
