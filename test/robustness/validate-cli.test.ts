import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../lib/cli/validate";
import { DEFAULT_CONFIG_PATH } from "../../stacks/default-config";
import { runCommand } from "../helpers";

/** Run `sovereign-lz validate` in-process, capturing stdout and stderr. */
const run = (...args: string[]) => runCommand(main, args);

describe("sovereign-lz validate", () => {
  const dir = mkdtempSync(join(tmpdir(), "lz-validate-"));

  it("accepts the default config: exit 0, a one-line summary", () => {
    const { code, out, err } = run(DEFAULT_CONFIG_PATH);
    expect(code).toBe(0);
    expect(err).toBe("");
    expect(out).toMatch(/valid \(profile paris, 2 tenant\(s\)\)/);
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

  it("reports YAML errors and unreadable files as config problems: exit 1", () => {
    const dup = join(dir, "dup.yaml");
    writeFileSync(dup, "profile: paris\nprofile: s3ns\n");
    expect(run(dup)).toMatchObject({ code: 1, err: expect.stringMatching(/line 2, column 1: .*[Mm]ap keys must be unique/) });
    expect(run(join(dir, "missing.yaml"))).toMatchObject({ code: 1, err: expect.stringContaining("cannot read the file (ENOENT)") });
  });

  it.each([[[]], [["a.yaml", "b.yaml"]], [["--format", "json", "a.yaml"]]])("usage errors exit 2: %j", (args) => {
    const { code, err } = run(...args);
    expect(code).toBe(2);
    expect(err).toContain("usage: sovereign-lz validate");
  });
});
