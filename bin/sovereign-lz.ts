#!/usr/bin/env node
/** `sovereign-lz <command>`: the library's command line (`sovereign-lz --help`). */
import { EXIT, runProgram } from "../lib/cli/command";
import { program } from "./program";

// Output that cannot be written (`check --format sarif > results.sarif` on a full disk) is not a success: exit 2. A
// reader that stops early (`| head`) closes the pipe: the exit code stays what the command said.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") return;
  console.error(`error: standard output: cannot write (${e.code ?? e.message})`);
  process.exitCode = EXIT.usage;
});
process.exitCode = runProgram(program(), process.argv.slice(2));
