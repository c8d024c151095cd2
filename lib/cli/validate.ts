/**
 * `sovereign-lz validate <config>`: validate a landing-zone config without
 * synthesizing. Prints the same problems as synth, one `<path>: <problem>`
 * line each. Exit 0 valid, 1 invalid, 2 usage error.
 */
import { parseArgs } from "node:util";
import { ConfigError } from "../config/errors";
import { loadConfigFile } from "../config/load";

const USAGE = "usage: sovereign-lz validate <config.yaml|config.json>";

export function main(args: string[]): number {
  let file: string;
  try {
    const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { help: { type: "boolean", short: "h" } } });
    if (values.help) {
      console.log(USAGE);
      return 0;
    }
    if (positionals.length !== 1) throw new Error(positionals.length ? "one config file at a time" : "missing config file");
    file = positionals[0];
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  try {
    const config = loadConfigFile(file);
    console.log(`${file}: valid (profile ${config.profile}, ${config.tenants.length} tenant(s))`);
    return 0;
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    console.error(e.message);
    return 1;
  }
}
