import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_CONFIG_PATH } from "../../stacks/default-config";
import { runCli } from "../helpers";

/** Run `sovereign-lz validate` in-process, capturing stdout and stderr. */
const run = (...args: string[]) => runCli("validate", ...args);

describe("sovereign-lz validate", () => {
  const dir = mkdtempSync(join(tmpdir(), "lz-validate-"));

  it("accepts the default config: exit 0, a one-line summary", () => {
    const { code, out, err } = run(DEFAULT_CONFIG_PATH);
    expect(code).toBe(0);
    expect(err).toMatch(/^note: organization\.id: "123456789012" is the placeholder of the example and starter configs: [^\n]*$/);
    expect(out).toMatch(/valid \(profile paris, 2 tenants\)/);
  });

  it("accepts a deprecated field with one warning line on stderr: exit 0", () => {
    const deprecated = join(dir, "deprecated.yaml");
    writeFileSync(
      deprecated,
      readFileSync(DEFAULT_CONFIG_PATH, "utf8").replace("  domain: example.fr\n", "  domain: example.fr\n  customerId: C01abc2de\n"),
    );
    const { code, out, err } = run(deprecated);
    expect(code).toBe(0);
    expect(out).toMatch(/valid \(profile paris, 2 tenants\)/);
    expect(err.split("\n")[0]).toMatch(/^warning: organization\.customerId: is ignored: .*\(allowed: leave it out\)$/);
  });

  it("lists every problem of a bad config with its path: exit 1", () => {
    const bad = join(dir, "bad.yaml");
    writeFileSync(bad, "profile: aws\norganization: { id: 12 }\noperator: {}\ntenants: []\nextra: 1\n");
    const { code, out, err } = run(bad);
    expect(code).toBe(1);
    expect(out).toBe("");
    expect(err).toContain("profile: ");
    expect(err).toContain("organization.id: ");
    expect(err).toContain("operator.adminGroup: is required");
    expect(err).toContain("extra: unknown key");
  });

  it("reports YAML errors with line and column: exit 1", () => {
    const dup = join(dir, "dup.yaml");
    writeFileSync(dup, "profile: paris\nprofile: s3ns\n");
    expect(run(dup)).toMatchObject({ code: 1, err: expect.stringMatching(/line 2, column 1: .*[Mm]ap keys must be unique/) });
  });

  it("says to quote an id that YAML read as a number: exit 1", () => {
    const unquoted = join(dir, "unquoted.yaml");
    writeFileSync(unquoted, readFileSync(DEFAULT_CONFIG_PATH, "utf8").replace('id: "123456789012"', "id: 987654321098"));
    const { code, err } = run(unquoted);
    expect(code).toBe(1);
    expect(err).toContain('organization.id: expected string, got 987654321098 (write it in quotes: "987654321098"; unquoted, YAML reads a number)');
  });

  it("reports a file it cannot read as unreadable input: exit 2", () => {
    expect(run(join(dir, "missing.yaml"))).toMatchObject({
      code: 2,
      err: expect.stringContaining("missing.yaml: no such file (allowed: a YAML or JSON config"),
    });
    expect(run(dir)).toMatchObject({ code: 2, err: expect.stringContaining("not a regular file (allowed: a YAML or JSON file)") });
    // A device or a FIFO would be read forever (or until memory runs out): refused before reading.
    expect(run("/dev/zero")).toMatchObject({ code: 2, err: expect.stringContaining("/dev/zero") });
    const fifo = join(dir, "fifo.yaml");
    execFileSync("mkfifo", [fifo]);
    expect(run(fifo)).toMatchObject({ code: 2, err: expect.stringContaining("not a regular file") });
  });

  it.each([
    [[], "missing required argument 'config'"],
    [["a.yaml", "b.yaml"], "too many arguments"],
    [["--format", "json", "a.yaml"], "unknown option '--format'"],
  ])("usage errors exit 2 and say what is wrong: %j", (args, problem) => {
    const { code, err } = run(...args);
    expect(code).toBe(2);
    expect(err).toContain(`error: ${problem}`);
    expect(err).toContain("--help");
  });
});
