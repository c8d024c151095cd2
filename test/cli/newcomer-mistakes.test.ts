/**
 * The mistakes a newcomer makes first each get one readable line naming the
 * file, field or option and what is allowed, no stack trace, and the exit
 * code the help documents: 1 for an invalid config or findings, 2 when the
 * command cannot do what was asked (usage, input it cannot read, output it
 * cannot write).
 */
import { spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FOREIGN_EXAMPLE } from "../../stacks/docs-examples";
import { configWith, runCli, synthApp } from "../helpers";
import { compiledApp } from "../support/compiled-app";

const ROOT = join(__dirname, "..", "..");
const FOREIGN = join(ROOT, FOREIGN_EXAMPLE);

const dir = mkdtempSync(join(tmpdir(), "lz-newcomer-"));
const starter = join(dir, "landing-zone.yaml");
runCli("init", starter);
/** A file where a directory is expected: every write below it fails (ENOTDIR), as a read-only or mistyped path would. */
const notADirectory = join(dir, "a-file");
writeFileSync(notADirectory, "");

/** The starter config with one line changed. */
function starterWith(name: string, from: RegExp, to: string): string {
  const text = readFileSync(starter, "utf8");
  expect(text).toMatch(from);
  const file = join(dir, name);
  writeFileSync(file, text.replace(from, to));
  return file;
}

/** stderr is one line (commander's own hints, "(Did you mean ...)" and "(add --help for usage)", aside), without a stack trace. */
function oneLine(err: string): string {
  const lines = err.split("\n").filter((l) => !/^\((Did you mean|add --help)/.test(l));
  expect(lines).toHaveLength(1);
  expect(err).not.toMatch(/\n\s+at /);
  return lines[0];
}

describe("a newcomer's first mistakes: one line, the field and what is allowed, no stack trace", () => {
  it("the starter config validates as written (the baseline of the mistakes below): exit 0", () => {
    expect(runCli("validate", starter)).toEqual({
      code: 0,
      out: `${starter}: valid (profile paris, 1 tenant)`,
      err: 'note: organization.id: "123456789012" is the placeholder of the example and starter configs: its stacks synthesize but refuse to deploy (allowed: your organization\'s id)',
    });
  });

  it("a config with its own organization id validates without the note (the negative case): exit 0", () => {
    const file = starterWith("own-org.yaml", /id: "123456789012"/, 'id: "987654321098"');
    expect(runCli("validate", file)).toEqual({ code: 0, out: `${file}: valid (profile paris, 1 tenant)`, err: "" });
  });

  it("a config file that does not exist names the file and how to write one: exit 2", () => {
    const missing = join(dir, "landing-zone.yml");
    for (const args of [
      ["validate", missing],
      ["synth", "--config", missing, "--output", join(dir, "never")],
    ]) {
      const { code, err } = runCli(...args);
      expect(code).toBe(2);
      expect(oneLine(err)).toBe(`${missing}: no such file (allowed: a YAML or JSON config; npx sovereign-lz init ${missing} writes a starter)`);
    }
  });

  it("a missing config whose name a shell would split is quoted in the command to write it", () => {
    const missing = join(dir, "my config.yaml");
    expect(oneLine(runCli("validate", missing).err)).toBe(
      `${missing}: no such file (allowed: a YAML or JSON config; npx sovereign-lz init '${missing}' writes a starter)`,
    );
  });

  it("a missing config given by a relative path says in which directory it was looked for", () => {
    expect(oneLine(runCli("validate", "no-such-dir/landing-zone.yaml").err)).toBe(
      `no-such-dir/landing-zone.yaml: no such file in ${process.cwd()} (allowed: a YAML or JSON config; npx sovereign-lz init no-such-dir/landing-zone.yaml writes a starter)`,
    );
  });

  it("the config given the way the other command takes it: synth says --config, validate says argument; exit 2", () => {
    const synth = runCli("synth", starter);
    expect(synth.code).toBe(2);
    expect(synth.err).toBe(
      "error: too many arguments for 'synth'. Expected 0 arguments but got 1.\n(add --help for usage; the config goes after --config: sovereign-lz synth --config <file>)",
    );
    const validate = runCli("validate", "--config", starter);
    expect(validate.code).toBe(2);
    expect(validate.err).toBe("error: unknown option '--config'\n(add --help for usage; the config is the argument: sovereign-lz validate <config>)");
    // Other commands keep commander's plain hint.
    expect(runCli("check").err).toBe("error: missing required argument 'path'\n(add --help for usage)");
  });

  it("a wrong profile names the field and the profiles: exit 1", () => {
    const { code, err } = runCli("validate", starterWith("profile.yaml", /^profile: paris$/m, "profile: france"));
    expect(code).toBe(1);
    expect(oneLine(err)).toBe(`${join(dir, "profile.yaml")}: profile: "france" is not allowed (allowed: paris, s3ns)`);
  });

  it("a YAML syntax error names the line and column: exit 1", () => {
    const file = starterWith("syntax.yaml", /^ {2}domain: example.fr/m, '  domain: "example.fr');
    const { code, err } = runCli("validate", file);
    expect(code).toBe(1);
    expect(oneLine(err)).toMatch(new RegExp(`^${file}: line \\d+, column \\d+: .*quote`));
  });

  it("several problems are listed at once, one line each under one header: exit 1", () => {
    const file = join(dir, "two.yaml");
    writeFileSync(file, readFileSync(starter, "utf8").replace("profile: paris", "profile: aws").replace("prefix: slz", "prefix: SLZ_"));
    const { code, err } = runCli("validate", file);
    expect(code).toBe(1);
    const [header, ...problems] = err.split("\n");
    expect(header).toBe(`${file}: 2 problems in the landing-zone config:`);
    expect(problems).toEqual([
      expect.stringMatching(/^ {2}profile: "aws" is not allowed \(allowed: paris, s3ns\)$/),
      expect.stringMatching(/^ {2}landingZone\.prefix: /),
    ]);
  });

  it("check on a path that does not exist names it and what it reads: exit 2", () => {
    const never = join(dir, "not-synthesized", "cdktf.out");
    const { code, err } = runCli("check", never);
    expect(code).toBe(2);
    expect(oneLine(err)).toBe(
      `error: ${never}: no such file or directory (allowed: a Terraform JSON file, a plan, or a directory of them such as cdktf.out)`,
    );
  });

  it("an unknown flag of synth is named, with the nearest one: exit 2", () => {
    const { code, err } = runCli("synth", "--confg", starter);
    expect(code).toBe(2);
    expect(oneLine(err)).toBe("error: unknown option '--confg'");
    expect(err).toContain("(Did you mean --config?)");
  });

  it("a wrong --profile of check lists the profiles: exit 2", () => {
    const { code, err } = runCli("check", "--profile", "france", FOREIGN);
    expect(code).toBe(2);
    expect(oneLine(err)).toBe("error: option '--profile <profile>' argument 'france' is invalid. Allowed choices are paris, s3ns.");
  });
});

describe("output that cannot be written: exit 2 (cannot do what was asked), not 1 (findings)", () => {
  const target = join(notADirectory, "out");

  it.each([
    [
      "bom --out",
      ["bom", FOREIGN, "--operator-project", "op-key-custody", "--out", target],
      `error: ${target}: cannot mkdir: not a directory (ENOTDIR)`,
    ],
    [
      "dashboard --out",
      ["dashboard", FOREIGN, "--operator-project", "op-key-custody", "--out", join(target, "d.html")],
      `error: ${join(target, "d.html")}: cannot open: not a directory (ENOTDIR)`,
    ],
    ["init", ["init", join(target, "lz.yaml")], `error: ${join(target, "lz.yaml")}: cannot write the file (ENOTDIR)`],
    ["synth --output", ["synth", "--config", starter, "--output", target], `error: ${target}: cannot create the output directory (ENOTDIR)`],
  ])("%s", (_name, args, message) => {
    const { code, err } = runCli(...args);
    expect(code).toBe(2);
    expect(oneLine(err)).toBe(message);
  });

  it("standard output that cannot be written (a full disk behind `> results.sarif`): exit 2, where a pipe closed early keeps the code", () => {
    const cli = join(compiledApp(), "bin", "sovereign-lz.js");
    const args = [cli, "check", FOREIGN, "--operator-project", "op-key-custody", "--format", "sarif"];
    const full = openSync("/dev/full", "w");
    try {
      const run = spawnSync(process.execPath, args, { stdio: ["ignore", full, "pipe"], encoding: "utf8" });
      expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 2, stderr: "error: standard output: cannot write (ENOSPC)\n" });
    } finally {
      closeSync(full);
    }
    // The negative case: the same check into a pipe is its findings, exit 1, with nothing on stderr.
    expect(spawnSync(process.execPath, args, { encoding: "utf8" })).toMatchObject({ status: 1, stderr: "" });
  });

  it("while findings stay exit 1, and a written dashboard exit 0 (the negative cases)", () => {
    expect(runCli("check", FOREIGN, "--operator-project", "op-key-custody").code).toBe(1);
    expect(runCli("dashboard", FOREIGN, "--operator-project", "op-key-custody", "--out", join(dir, "d.html"))).toMatchObject({ code: 0, err: "" });
  });
});

describe("bom and dashboard take the operator's key project from the stacks, as check does", () => {
  const outdir = join(dir, "cdktf.out");
  synthApp(configWith(), outdir);

  it("bom of synthesized stacks, without --operator-project: keys are operator-held, no warning", () => {
    const { code, out, err } = runCli("bom", join(outdir, "stacks", "foundation"), "--format", "markdown");
    expect({ code, err }).toEqual({ code: 0, err: "" });
    expect(out).toMatch(/\| `projects\/op-key-custody\/[^`]+` \| referenced \| yes \|/);
    expect(out).not.toMatch(/\| unknown \|/);
  });

  it("bom of files that name no operator project says whose keys are unknown (the negative case)", () => {
    const { code, out, err } = runCli("bom", FOREIGN, "--format", "markdown");
    expect(code).toBe(0);
    expect(err).toBe(
      "warning: keys were not attributed: no --operator-project, and the files name no operator project; whether a key is operator-held is unknown",
    );
    expect(out).toMatch(/\| unknown \|/);
  });

  it("dashboard of synthesized stacks, without --operator-project: passes, as check does", () => {
    const html = join(dir, "stacks.html");
    expect(runCli("check", outdir)).toMatchObject({ code: 0, out: expect.stringMatching(/^pass: 4 stacks, /m) });
    expect(runCli("dashboard", outdir, "--out", html)).toEqual({ code: 0, out: `${html}: pass, 0 findings`, err: "" });
  });

  it("counts in the singular for one: check of one stack", () => {
    expect(runCli("check", join(outdir, "stacks", "key-custody")).out).toMatch(/^pass: 1 stack, \d+ resources, 0 findings, 0 waived$/m);
  });
});
