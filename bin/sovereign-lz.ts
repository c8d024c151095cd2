#!/usr/bin/env node
/** `sovereign-lz <command>`: the library's command line (`sovereign-lz --help`). */
import { runProgram } from "../lib/cli/command";
import { program } from "./program";

process.exitCode = runProgram(program(), process.argv.slice(2));
