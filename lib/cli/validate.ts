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

/** `validate`; a config whose organization is `placeholderOrganizationId` (the starter's) is valid, with a note that its stacks will not deploy. */
export function validateCommand(placeholderOrganizationId?: string): Command {
  return (
    defineCommand("validate", "validate a landing-zone config (YAML or JSON) without synthesizing")
      .argument("<config>", "the config file")
      // The other config commands take `--config <file>`: a newcomer passes it here too.
      .showHelpAfterError("(add --help for usage; the config is the argument: sovereign-lz validate <config>)")
      .addHelpText("after", "\nExit codes: 0 valid, 1 invalid (every problem printed as <path>: <problem>), 2 usage or unreadable file.")
      .action(
        exitsWith((file: string) => {
          const config = loadConfigFile(file);
          for (const warning of configWarnings(config)) console.error(warning);
          if (config.organization.id === placeholderOrganizationId) {
            console.error(
              `note: organization.id: "${placeholderOrganizationId}" is the placeholder of the example and starter configs: its stacks synthesize but refuse to deploy (allowed: your organization's id)`,
            );
          }
          console.log(`${file}: valid (profile ${config.profile}, ${plural(config.tenants.length, "tenant")})`);
          return EXIT.ok;
        }),
      )
  );
}
