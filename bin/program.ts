/**
 * The `sovereign-lz` program: one line per command. A command is a module of
 * `lib/cli/` exporting a factory that returns a commander `Command` built with
 * `defineCommand` (see `lib/cli/command.ts`); keep its heavy imports lazy.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { adoptCommand } from "../lib/cli/adopt";
import { bomCommand } from "../lib/cli/bom";
import { checkCommand } from "../lib/cli/check";
import { dashboardCommand } from "../lib/cli/dashboard";
import { defineCommand } from "../lib/cli/command";
import { initCommand } from "../lib/cli/init";
import { pipelineCommand } from "../lib/cli/pipeline";
import { synthCommand, type SynthApp } from "../lib/cli/synth-command";
import { validateCommand } from "../lib/cli/validate";
import { DEFAULT_CONFIG_PATH, PLACEHOLDER_ORGANIZATION_ID } from "../stacks/default-config";

// eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy: only `synth` loads cdktf
const landingZoneApp = (): SynthApp => require("../stacks/run").synthLandingZone;

export function program(): Command {
  return defineCommand("sovereign-lz", "Sovereign Google Cloud landing zone for France: config, synth and sovereignty checks")
    .version(version(), "-V, --version")
    .addCommand(initCommand(DEFAULT_CONFIG_PATH))
    .addCommand(synthCommand(landingZoneApp))
    .addCommand(validateCommand(PLACEHOLDER_ORGANIZATION_ID))
    .addCommand(checkCommand())
    .addCommand(bomCommand())
    .addCommand(dashboardCommand())
    .addCommand(pipelineCommand())
    .addCommand(adoptCommand())
    .addHelpText(
      "after",
      "\nExit codes (every command): 0 ok, 1 findings or invalid config, 2 cannot do what was asked (usage, input it cannot read, output it cannot write).",
    );
}

/** The package's version: package.json is next to `bin/` in the sources, next to `dist/` when built. */
function version(): string {
  const file = [join(__dirname, "..", "package.json"), join(__dirname, "..", "..", "package.json")].find(existsSync);
  return file ? JSON.parse(readFileSync(file, "utf8")).version : "unknown";
}
