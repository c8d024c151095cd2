/**
 * `sovereign-lz validate <config>`: validate a landing-zone config without
 * synthesizing. Prints the same problems as synth, one `<path>: <problem>`
 * line each. Loads no cdktf: it stays fast enough for an editor hook.
 */
import type { Command } from "commander";
import { configWarnings } from "../config/deprecations";
import { loadConfigFile } from "../config/load";
import { defineCommand, EXIT, exitsWith } from "./command";
import { plural } from "../plural";

export function validateCommand(): Command {
  return defineCommand("validate", "validate a landing-zone config (YAML or JSON) without synthesizing")
    .argument("<config>", "the config file")
    .addHelpText("after", "\nExit codes: 0 valid, 1 invalid (every problem printed as <path>: <problem>), 2 usage or unreadable file.")
    .action(
      exitsWith((file: string) => {
        const config = loadConfigFile(file);
        for (const warning of configWarnings(config)) console.error(warning);
        console.log(`${file}: valid (profile ${config.profile}, ${plural(config.tenants.length, "tenant")})`);
        return EXIT.ok;
      }),
    );
}
