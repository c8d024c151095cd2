import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_CONFIG_PATH } from "../../stacks/default-config";
import { program } from "../../bin/program";
import { defineCommand, exitsWith, InputError, runProgram } from "../../lib/cli/command";
import { runCli, runCommand } from "../helpers";

/** Every registered command: each must document itself the same way. */
const COMMANDS = program().commands.map((c) => c.name());

describe("sovereign-lz: help and usage", () => {
  it.each([["--help"], ["-h"], ["help"]])("`%s` lists every command on stdout: exit 0", (flag) => {
    const { code, out, err } = runCli(flag);
    expect(code).toBe(0);
    expect(err).toBe("");
    for (const name of COMMANDS) expect(out).toMatch(new RegExp(`^  ${name}\\b`, "m"));
    expect(out).toContain(
      "Exit codes (every command): 0 ok, 1 findings or invalid config, 2 cannot do what was asked (usage, input it cannot read, output it cannot write).",
    );
  });

  it.each(COMMANDS)("`%s --help` and `help <command>` describe the command: exit 0", (name) => {
    for (const args of [
      [name, "--help"],
      ["help", name],
    ]) {
      const { code, out, err } = runCli(...args);
      expect({ code, err }).toEqual({ code: 0, err: "" });
      expect(out).toMatch(new RegExp(`^Usage: sovereign-lz ${name} `, "m"));
      expect(out).toMatch(/^Exit codes: 0 /m);
    }
  });

  it("registers at least the commands of issue 17", () => {
    expect(COMMANDS).toEqual(expect.arrayContaining(["init", "synth", "validate", "check"]));
  });

  it("prints the version: exit 0", () => {
    const { version } = JSON.parse(readFileSync(join(__dirname, "..", "..", "package.json"), "utf8"));
    expect(runCli("--version")).toEqual({ code: 0, out: version, err: "" });
  });

  it("no command prints the help on stderr: exit 2", () => {
    const { code, out, err } = runCli();
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err).toMatch(/^Usage: sovereign-lz /);
  });

  it("an unknown command or option says what is wrong: exit 2", () => {
    expect(runCli("synthesize")).toMatchObject({ code: 2, err: expect.stringContaining("error: unknown command 'synthesize'") });
    expect(runCli("--verbose")).toMatchObject({ code: 2, err: expect.stringContaining("error: unknown option '--verbose'") });
  });

  it("a bad --format or --profile names the allowed values: exit 2", () => {
    expect(runCli("check", "cdktf.out", "--format", "xml")).toMatchObject({
      code: 2,
      err: expect.stringContaining("error: option '--format <format>' argument 'xml' is invalid. Allowed choices are text, json, markdown, sarif."),
    });
    expect(runCli("check", "cdktf.out", "--profile", "aws")).toMatchObject({
      code: 2,
      err: expect.stringContaining("Allowed choices are paris, s3ns."),
    });
  });
});

describe("sovereign-lz init", () => {
  const dir = mkdtempSync(join(tmpdir(), "lz-init-"));
  const file = join(dir, "landing-zone.yaml");

  it("writes a commented starter config that validates as written: exit 0", () => {
    const { code, out } = runCli("init", file);
    expect(code).toBe(0);
    // The next command as the README runs it (npx: the command is not on the PATH of a project that installed it).
    expect(out).toContain(`wrote ${file}: replace every value marked CHANGE, then run: npx sovereign-lz validate ${file}`);
    const text = readFileSync(file, "utf8");
    expect(text.split("\n").filter((l) => l.includes("#")).length).toBeGreaterThan(10);
    expect(text).toContain("# CHANGE");
    expect(runCli("validate", file)).toMatchObject({ code: 0, out: expect.stringContaining("valid (profile paris, 1 tenant)") });
  });

  it("refuses to overwrite a file, and leaves it as it was: exit 2", () => {
    writeFileSync(file, "mine: true\n");
    const { code, err } = runCli("init", file);
    expect(code).toBe(2);
    expect(err).toContain("already exists: init never overwrites a file");
    expect(readFileSync(file, "utf8")).toBe("mine: true\n");
  });

  it("reports a place it cannot write to: exit 2", () => {
    expect(runCli("init", join(dir, "no", "such", "dir.yaml"))).toMatchObject({
      code: 2,
      err: expect.stringContaining("cannot write the file (ENOENT)"),
    });
  });
});

describe("sovereign-lz synth", () => {
  const dir = mkdtempSync(join(tmpdir(), "lz-synth-cmd-"));

  it("synthesizes --config into --output: exit 0", () => {
    const output = join(dir, "out");
    const { code, err } = runCli("synth", "--config", DEFAULT_CONFIG_PATH, "--output", output);
    expect({ code, err }).toEqual({ code: 0, err: "" });
    expect(readdirSync(join(output, "stacks")).sort()).toEqual(["foundation", "key-custody", "tenant-agence-b", "tenant-ministere-a"]);
  });

  it("an invalid config lists its problems and writes nothing: exit 1", () => {
    const bad = join(dir, "bad.yaml");
    writeFileSync(bad, "profile: aws\n");
    const output = join(dir, "bad.out");
    const { code, err } = runCli("synth", "-c", bad, "-o", output);
    expect(code).toBe(1);
    expect(err).toMatch(/^ {2}profile: "aws" is not allowed \(allowed: paris, s3ns\)$/m);
    expect(err).not.toMatch(/\n\s+at /);
    expect(existsSync(output)).toBe(false);
  });

  it("reads LANDING_ZONE_CONFIG when --config is not given; a missing file is unreadable input: exit 2", () => {
    process.env.LANDING_ZONE_CONFIG = join(dir, "missing.yaml");
    try {
      expect(runCli("synth", "-o", join(dir, "x"))).toMatchObject({
        code: 2,
        err: expect.stringMatching(/missing\.yaml: no such file \(allowed: a YAML or JSON config; npx sovereign-lz init \S+ writes a starter\)$/),
      });
    } finally {
      delete process.env.LANDING_ZONE_CONFIG;
    }
  });

  it("takes no positional argument: exit 2", () => {
    expect(runCli("synth", "landing-zone.yaml")).toMatchObject({ code: 2, err: expect.stringContaining("error: too many arguments") });
  });
});

describe("the shared command conventions", () => {
  /** A program whose only command fails the way `fail` says. */
  const failing = (fail: () => never) => defineCommand("sovereign-lz", "test").addCommand(defineCommand("boom", "fails").action(exitsWith(fail)));
  const run = (fail: () => never) => runCommand((args) => runProgram(failing(fail), args), ["boom"]);

  it("an unexpected error prints one line, no stack trace: exit 1", () => {
    const { code, err } = run(() => {
      throw new Error("kaput");
    });
    expect({ code, err }).toEqual({ code: 1, err: "error: kaput" });
  });

  it("input it cannot read exits 2; SOVEREIGN_LZ_DEBUG shows the stack", () => {
    process.env.SOVEREIGN_LZ_DEBUG = "1";
    try {
      const { code, err } = run(() => {
        throw new InputError("x.json: unreadable");
      });
      expect(code).toBe(2);
      expect(err).toMatch(/x\.json: unreadable\n\s+at /);
    } finally {
      delete process.env.SOVEREIGN_LZ_DEBUG;
    }
  });
});
