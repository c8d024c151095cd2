/**
 * Below the schema: YAML that is hostile as text, and the output directory,
 * which a failing config or synthesis must never leave half-written.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { stringify } from "yaml";
import { ConfigError } from "../../lib/config/errors";
import { parseConfigText, validateConfig } from "../../lib/config/load";
import { App } from "../../lib/core";
import { synthLandingZone } from "../../stacks/run";
import { defaultConfigInput, runCli } from "../helpers";
import { binaryUnit, expectValidOrConfigError, fcOptions, mutate, mutations } from "./arbitraries";

/** A YAML problem names its place in the text, or the whole document. */
const YAML_PROBLEM = /^(line \d+, column \d+|document): [^\n]+$/;

function yamlProblems(text: string): readonly string[] {
  try {
    parseConfigText(text);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    return e.problems;
  }
  return [];
}

describe("hostile YAML", () => {
  it("rejects duplicate keys, at any depth, with the line", () => {
    expect(yamlProblems("profile: paris\nprofile: s3ns\n")).toEqual([expect.stringMatching(/^line 2, column 1: .*unique/i)]);
    expect(yamlProblems("operator:\n  projectId: a\n  projectId: b\n")).toEqual([expect.stringMatching(/^line 3, column 3: /)]);
    expect(yamlProblems("profile: paris\nregion: europe-west9\n")).toEqual([]);
  });

  it("rejects an alias bomb quickly, as a readable problem", () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      bomb.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(",")}]`);
    }
    const started = Date.now();
    const problems = yamlProblems(bomb.join("\n"));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(problems).toEqual([expect.stringMatching(/^document: .*alias.*\(allowed: at most 100 alias expansions/i)]);
    expect(problems[0]).toMatch(YAML_PROBLEM);
  });

  it("accepts a few aliases, as a config may reuse a block", () => {
    expect(parseConfigText("base: &b { nat: true }\nnet: *b\n")).toEqual({ base: { nat: true }, net: { nat: true } });
  });

  it("binary junk and random text parse to a ConfigError or a value the schema then judges", () => {
    const text = fc.oneof(
      fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes).toString("utf8")),
      fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes).toString("latin1")),
      fc.string({ unit: binaryUnit, maxLength: 200 }),
      fc.constantFrom("---\na: 1\n---\nb: 2\n", "!!binary AAAA", "a: !!js/function 'x'", "? [a]\n: b", "\uFEFFprofile: paris", "*undefined"),
    );
    fc.assert(
      fc.property(text, (t) => {
        let parsed: unknown;
        try {
          parsed = parseConfigText(t);
        } catch (e) {
          if (!(e instanceof ConfigError)) throw e;
          for (const p of e.problems) expect(p).toMatch(YAML_PROBLEM);
          return;
        }
        expectValidOrConfigError(() => validateConfig(parsed));
      }),
      fcOptions(200),
    );
  });
});

describe("binaryUnit, the characters of binary junk", () => {
  it("is every code point but a lone surrogate, one at a time, unmapped by arithmetic", () => {
    for (const c of ["\u0000", "a", "\uD7FF", "\uE000", "🇫", "\u{10FFFF}"]) expect(binaryUnit.canShrinkWithoutContext(c)).toBe(true);
    for (const c of ["\uD800", "\uDFFF", "ab", "", 97]) expect(binaryUnit.canShrinkWithoutContext(c)).toBe(false);
    const sample = fc.sample(binaryUnit, { seed: 1, numRuns: 500 });
    expect(sample.every((c) => binaryUnit.canShrinkWithoutContext(c))).toBe(true);
    expect(new Set(sample).size).toBeGreaterThan(400);
  });
});

describe("output directory: all or nothing", () => {
  const base = defaultConfigInput();
  const leftovers = (dir: string) => readdirSync(dir).filter((f) => f.includes("staging"));

  it("a mutated config either synthesizes every stack or leaves no output and no staging directory", () => {
    let n = 0;
    fc.assert(
      fc.property(mutations(base), (changes) => {
        const dir = mkdtempSync(join(tmpdir(), "lz-props-"));
        const file = join(dir, `config-${n++}.yaml`);
        writeFileSync(file, stringify(mutate(base, changes)));
        const outdir = join(dir, "cdktf.out");
        const result = expectValidOrConfigError(() => synthLandingZone({ LANDING_ZONE_CONFIG: file, CDKTF_OUTDIR: outdir }, () => {}));
        if (result instanceof ConfigError) expect(existsSync(outdir)).toBe(false);
        else expect(readdirSync(join(outdir, "stacks")).length).toBeGreaterThanOrEqual(2);
        expect(leftovers(dir)).toEqual([]);
      }),
      fcOptions(5),
    );
  });

  describe("a synthesis that fails after writing", () => {
    afterEach(() => jest.restoreAllMocks());

    it("removes its staging directory and keeps the previous output", () => {
      const dir = mkdtempSync(join(tmpdir(), "lz-fail-"));
      const outdir = join(dir, "cdktf.out");
      mkdirSync(outdir);
      writeFileSync(join(outdir, "sovereignty-report.md"), "kept");
      const synth = App.prototype.synth;
      jest.spyOn(App.prototype, "synth").mockImplementation(function (this: App) {
        synth.call(this);
        throw new Error("sovereignty check failed");
      });
      expect(() => synthLandingZone({ CDKTF_OUTDIR: outdir })).toThrow("sovereignty check failed");
      expect(readdirSync(outdir)).toEqual(["sovereignty-report.md"]);
      expect(readFileSync(join(outdir, "sovereignty-report.md"), "utf8")).toBe("kept");
      expect(leftovers(dir)).toEqual([]);
    });
  });

  describe("an output path that holds something else", () => {
    it("is refused before synthesizing, and left as it was: a file, or a directory with files synth did not write", () => {
      const dir = mkdtempSync(join(tmpdir(), "lz-out-"));
      const file = join(dir, "README.md");
      writeFileSync(file, "mine");
      expect(() => synthLandingZone({ CDKTF_OUTDIR: file })).toThrow(`${file}: exists and is not a directory: synth would delete it`);
      expect(readFileSync(file, "utf8")).toBe("mine");
      const work = join(dir, "work");
      mkdirSync(work);
      writeFileSync(join(work, "thesis.txt"), "mine");
      expect(() => synthLandingZone({ CDKTF_OUTDIR: work })).toThrow(`${work}: holds thesis.txt, which synth did not write and would delete`);
      expect(readdirSync(work)).toEqual(["thesis.txt"]);
      expect(leftovers(dir)).toEqual([]);
      expect(runCli("synth", "--output", work)).toMatchObject({ code: 2, err: expect.stringContaining("holds thesis.txt") });
    });

    it("replaces the output of an earlier synth", () => {
      const outdir = join(mkdtempSync(join(tmpdir(), "lz-out-")), "cdktf.out");
      synthLandingZone({ CDKTF_OUTDIR: outdir }, () => {});
      synthLandingZone({ CDKTF_OUTDIR: outdir }, () => {});
      expect(readdirSync(join(outdir, "stacks")).length).toBeGreaterThanOrEqual(2);
    });
  });
});
