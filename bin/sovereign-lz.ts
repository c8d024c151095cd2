#!/usr/bin/env node
/**
 * `sovereign-lz <command>`: the library's command line.
 *   validate <config>   validate a landing-zone config without synthesizing
 *   check <path>        run the sovereignty rule pack on any Terraform JSON
 */
/* eslint-disable @typescript-eslint/no-require-imports -- lazy: `validate` must not load cdktf */
const COMMANDS: Record<string, () => { main(args: string[]): number }> = {
  validate: () => require("../lib/cli/validate"),
  check: () => require("../lib/cli/check"),
};
/* eslint-enable @typescript-eslint/no-require-imports */

function usage(): string {
  return `usage: sovereign-lz <${Object.keys(COMMANDS).join("|")}> [options]`;
}

const [name, ...args] = process.argv.slice(2);
const command = name ? COMMANDS[name] : undefined;
if (!command) {
  console.error(usage());
  process.exitCode = 2;
} else {
  process.exitCode = command().main(args);
}
