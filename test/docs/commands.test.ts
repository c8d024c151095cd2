/**
 * The commands the README and docs/ tell a reader to type exist as written:
 * every `sovereign-lz` command and option (in shell blocks and inline code),
 * every `npm run` script, every `cdktf` command. The README's "Deploy the
 * whole landing zone" block and the guide's tenant onboarding then run word
 * for word, in a fresh directory.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { program } from "../../bin/program";
import { runCli } from "../helpers";
import { DOC_PAGES, ROOT } from "../support/doc-pages";

const SCRIPTS = Object.keys(JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).scripts);
/** The commands of the cdktf CLI 0.21 (`cdktf --help`), aliases included. */
const CDKTF_COMMANDS = [
  "init",
  "get",
  "convert",
  "deploy",
  "apply",
  "destroy",
  "diff",
  "plan",
  "list",
  "login",
  "synth",
  "synthesize",
  "watch",
  "output",
  "outputs",
  "debug",
  "provider",
  "completion",
];

/** Command lines of a Markdown text: the lines of shell blocks, and inline code spans. */
export function commandLines(markdown: string): string[] {
  const blocks = [...markdown.matchAll(/^```(?:sh|bash|shell)\n([\s\S]*?)^```$/gm)].flatMap((m) => m[1].split("\n"));
  const outside = markdown.replace(/^```[\s\S]*?^```$/gm, "");
  const spans = [...outside.matchAll(/`([^`\n]+)`/g)].map((m) => m[1]);
  return [...blocks, ...spans].map((line) => line.replace(/\s#.*$/, "").trim()).filter(Boolean);
}

/** What is wrong with the invocations in a command line (one entry per problem). */
export function commandProblems(line: string): string[] {
  const problems: string[] = [];
  // One command per segment: `a && b`, `a | b`, `a; b`, `$(a)`.
  for (const segment of line.split(/&&|\|\||[|;]|\$\(|\)/)) {
    const words = segment.trim().split(/\s+/);
    const at = (name: string) => words.findIndex((w) => w === name);
    const lz = at("sovereign-lz");
    if (lz >= 0 && (lz === 0 || ["npx", "run"].includes(words[lz - 1]) || words[lz - 1] === "--")) {
      const [name, ...rest] = words.slice(lz + 1).filter((w) => w !== "--");
      if (name === undefined || /^<.*>$/.test(name) || ["--help", "-h", "--version", "-V", "help"].includes(name)) continue;
      const command = program().commands.find((c) => c.name() === name);
      if (!command) {
        problems.push(`sovereign-lz ${name}: no such command`);
        continue;
      }
      const flags = new Set(command.options.flatMap((o) => [o.long, o.short]).concat("--help", "-h"));
      for (const word of rest) {
        const flag = /^\[?(--?[a-z][\w-]*)/.exec(word)?.[1];
        if (flag && !flags.has(flag)) problems.push(`sovereign-lz ${name} ${flag}: no such option`);
      }
    }
    const run = words.findIndex((w, i) => w === "run" && words[i - 1] === "npm");
    if (run >= 0 && words[run + 1] && !/^[<-]/.test(words[run + 1]) && !SCRIPTS.includes(words[run + 1]))
      problems.push(`npm run ${words[run + 1]}: no such script`);
    const cdktf = words.findIndex((w, i) => w === "cdktf" && (i === 0 || words[i - 1] === "npx"));
    const sub = words[cdktf + 1];
    if (cdktf >= 0 && sub && /^[a-z]+$/.test(sub) && !CDKTF_COMMANDS.includes(sub)) problems.push(`cdktf ${sub}: no such command`);
  }
  return problems;
}

describe("commands in the README and docs/", () => {
  it.each(DOC_PAGES)("%s: every sovereign-lz command and option, npm script and cdktf command exists", (file) => {
    const lines = commandLines(readFileSync(join(ROOT, file), "utf8"));
    expect(lines.flatMap((line) => commandProblems(line).map((problem) => `${problem} in: ${line}`))).toEqual([]);
  });

  it("a checker that finds a wrong command, option, script and cdktf command (the negative case)", () => {
    const doc = [
      "```sh",
      "npx sovereign-lz synth --confg landing-zone.yaml   # typo",
      "npx sovereign-lz synthesize && npm run synt",
      "npx sovereign-lz adopt --config x.yaml [--existing-policie more.json]",
      "npx cdktf deplyo key-custody",
      "```",
      "Then `sovereign-lz check <path> --format sarif` and `sovereign-lz bom --outt x`.",
    ].join("\n");
    expect(commandLines(doc).flatMap(commandProblems)).toEqual([
      "sovereign-lz synth --confg: no such option",
      "sovereign-lz synthesize: no such command",
      "npm run synt: no such script",
      "sovereign-lz adopt --existing-policie: no such option",
      "cdktf deplyo: no such command",
      "sovereign-lz bom --outt: no such option",
    ]);
  });
});

/** Run the lines of a shell block in `dir`, as a reader would from there; returns what each printed. */
function runLines(dir: string, lines: readonly string[]): { line: string; code: number; out: string; err: string }[] {
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    return lines.map((line) => {
      const [, args] = /^npx sovereign-lz (.*)$/.exec(line) ?? [];
      if (args === undefined) throw new Error(`not a sovereign-lz command: ${line}`);
      return { line, ...runCli(...args.split(/\s+/)) };
    });
  } finally {
    process.chdir(cwd);
  }
}

/** The shell block right after a heading of a Markdown text, comments removed. */
function shellBlockAfter(markdown: string, heading: string): string[] {
  const section = markdown.slice(markdown.indexOf(`\n${heading}\n`));
  const block = /^```sh\n([\s\S]*?)^```$/m.exec(section)?.[1];
  if (block === undefined) throw new Error(`no shell block after ${heading}`);
  return block
    .split("\n")
    .map((l) => l.replace(/\s#.*$/, "").trim())
    .filter(Boolean);
}

describe("the README's 'Deploy the whole landing zone', word for word in a fresh directory", () => {
  const dir = mkdtempSync(join(tmpdir(), "lz-readme-"));
  const lines = shellBlockAfter(readFileSync(join(ROOT, "README.md"), "utf8"), "## Deploy the whole landing zone");
  const results = runLines(dir, lines);

  it("writes a starter config, validates it and synthesizes key-custody, foundation and one stack per tenant", () => {
    expect(lines).toEqual([
      "npx sovereign-lz init landing-zone.yaml",
      "npx sovereign-lz validate landing-zone.yaml",
      "npx sovereign-lz synth --config landing-zone.yaml",
    ]);
    expect(results.map(({ line, code }) => ({ line, code }))).toEqual(lines.map((line) => ({ line, code: 0 })));
    expect(results.map(({ err }) => err)).toEqual(["", expect.stringMatching(/^note: organization\.id: "123456789012" is the placeholder/), ""]);
    expect(results[1].out).toBe("landing-zone.yaml: valid (profile paris, 1 tenant)");
    expect(readdirSync(join(dir, "cdktf.out", "stacks")).sort()).toEqual(["foundation", "key-custody", "tenant-team-a"]);
    // The starter's organization is the placeholder: synth says so, and the guide says to replace it.
    expect(results[2].out).toMatch(/^note: organization 123456789012 is the placeholder/m);
  });

  it("init never overwrites the config (the negative case): exit 2", () => {
    expect(runLines(dir, [lines[0]])[0]).toMatchObject({ code: 2, err: expect.stringContaining("already exists") });
  });
});

describe("docs/getting-started.md, onboarding a new tenant in three steps", () => {
  const guide = readFileSync(join(ROOT, "docs", "getting-started.md"), "utf8");
  const onboarding = guide.slice(guide.indexOf("## Onboarding a new tenant"));
  const snippet = /```yaml\n([\s\S]*?)\n\s*```/.exec(onboarding)![1];
  const tenant = snippet
    .split("\n")
    .slice(1) // "tenants:"
    .map((l) => l.replace(/^ {3}/, ""))
    .join("\n");

  it("adds the tenant of step 1 to the starter config: exactly one more stack and the tenant's key ring (step 2)", () => {
    const dir = mkdtempSync(join(tmpdir(), "lz-onboard-"));
    const before = join(dir, "before");
    const after = join(dir, "after");
    runLines(dir, ["npx sovereign-lz init landing-zone.yaml"]);
    expect(runLines(dir, [`npx sovereign-lz synth --config landing-zone.yaml --output ${before}`])[0]).toMatchObject({ code: 0, err: "" });
    writeFileSync(join(dir, "landing-zone.yaml"), `${readFileSync(join(dir, "landing-zone.yaml"), "utf8").trimEnd()}\n${tenant}\n`);
    expect(runLines(dir, ["npx sovereign-lz validate landing-zone.yaml"])[0]).toMatchObject({
      code: 0,
      out: "landing-zone.yaml: valid (profile paris, 2 tenants)",
    });
    const [synth] = runLines(dir, [`npx sovereign-lz synth --config landing-zone.yaml --output ${after}`]);
    expect(synth).toMatchObject({ code: 0, err: "" });
    expect(synth.out).toMatch(/^tenant-region-c: \d+ resources, 0 findings, 0 waivers$/m);
    const stacks = (out: string) => readdirSync(join(out, "stacks")).sort();
    expect(stacks(after).filter((s) => !stacks(before).includes(s))).toEqual(["tenant-region-c"]);
    const keyCustody = readFileSync(join(after, "stacks", "key-custody", "cdk.tf.json"), "utf8");
    expect(keyCustody).toContain('"name": "tenant-region-c"');
    expect(existsSync(join(before, "stacks", "tenant-region-c"))).toBe(false);
  });
});
