/**
 * The conventions every `sovereign-lz` command shares: commander for
 * arguments, options and `--help`; output through `console` (so tests can
 * capture it); one set of exit codes; errors as one readable message, never
 * a stack trace (unless `SOVEREIGN_LZ_DEBUG` is set).
 */
import { Command, CommanderError } from "commander";
import { ConfigError, ConfigReadError } from "../config/errors";

/** Exit codes, the same for every command. */
export const EXIT = {
  /** Done, nothing found. */
  ok: 0,
  /** Findings, or an invalid config. */
  findings: 1,
  /** Cannot do what was asked: wrong usage, input that cannot be read, output that cannot be written. */
  usage: 2,
} as const;

/** Input a command cannot read (a missing file, a directory without Terraform JSON) or output it cannot write: exit 2. */
export class InputError extends Error {}

/** A failed call of the file system (open, mkdir, rename...): Node's errors carry the call and the error code. */
function isSystemError(e: unknown): e is NodeJS.ErrnoException & { syscall: string; code: string } {
  const { syscall, code } = (e ?? {}) as NodeJS.ErrnoException;
  return typeof syscall === "string" && typeof code === "string" && typeof (e as Error).message === "string";
}

/** `ENOENT: no such file or directory, open 'x'` as `x: cannot open: no such file or directory (ENOENT)`. */
function systemErrorMessage(e: NodeJS.ErrnoException & { syscall: string; code: string }): string {
  const reason = /^[A-Z0-9_]+: (.*?), \w+/.exec(e.message)?.[1] ?? e.message;
  return `${e.path ? `${e.path}: ` : ""}cannot ${e.syscall}: ${reason} (${e.code})`;
}

/** The exit code of the last action run by `runProgram`. */
let actionExitCode: number = EXIT.ok;

/** Wrap a command's action so that its return value becomes the exit code. */
export function exitsWith<A extends unknown[]>(run: (...args: A) => number): (...args: A) => void {
  return (...args) => {
    actionExitCode = run(...args);
  };
}

/** A command (or the program) with the shared conventions: no `process.exit`, output through `console`. */
export function defineCommand(name: string, description: string): Command {
  return new Command(name)
    .description(description)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => console.log(text.replace(/\n$/, "")),
      writeErr: (text) => console.error(text.replace(/\n$/, "")),
    })
    .showHelpAfterError("(add --help for usage)");
}

/** The exit code and message of an error thrown by a command. */
export function reportError(e: unknown): number {
  const err = e instanceof Error || isSystemError(e) ? e : new Error(String(e));
  if (process.env.SOVEREIGN_LZ_DEBUG) console.error(err.stack);
  else if (err instanceof ConfigError) console.error(err.message);
  else if (isSystemError(err)) console.error(`error: ${systemErrorMessage(err)}`);
  else console.error(`error: ${err.message}`);
  return exitCodeOf(err);
}

/** 2 for input that cannot be read or output that cannot be written, 1 for an invalid config or any other failure. */
export function exitCodeOf(e: unknown): number {
  const cannot = e instanceof ConfigReadError || e instanceof InputError || isSystemError(e);
  return cannot ? EXIT.usage : EXIT.findings;
}

/** Commander's codes for `--help`, `help [command]` and `--version`: not errors. */
const HELP_CODES = new Set(["commander.helpDisplayed", "commander.help", "commander.version"]);

/**
 * Parse `args` (without the program name) and run the chosen action; returns
 * the exit code. No arguments at all prints the help on stderr (exit 2).
 */
export function runProgram(program: Command, args: readonly string[]): number {
  actionExitCode = EXIT.ok;
  if (!args.length) {
    program.outputHelp({ error: true });
    return EXIT.usage;
  }
  try {
    program.parse([...args], { from: "user" });
    return actionExitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      return HELP_CODES.has(e.code) ? EXIT.ok : EXIT.usage;
    }
    return reportError(e);
  }
}
