/**
 * The README and docs/ hold together: every relative link and anchor
 * resolves, and every TypeScript block mirrors a file of examples/ (which
 * `npm run lint` type-checks and test/package compiles and synthesizes from
 * the packed package). `npm run docs` (UPDATE_DOCS=1) copies the example
 * files into the blocks.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { DOC_PAGES, ROOT } from "../support/doc-pages";

/** The docs written by hand (the API reference shows signatures, not examples). */
const HAND_WRITTEN = DOC_PAGES.filter((f) => !f.startsWith(join("docs", "reference")));
const EXAMPLES = readdirSync(join(ROOT, "examples")).filter((f) => f.endsWith(".ts"));

/** A marker line, a blank line, then a fenced TypeScript block. */
const MIRRORED = /<!-- example: (examples\/[\w.-]+\.ts) -->\n\n```ts\n([\s\S]*?)```/g;
const TS_BLOCK = /^```(ts|typescript)\n/gm;

/** GitHub's anchor of a heading. */
export function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, "")
    .replace(/ /g, "-");
}

function anchorsOf(markdown: string): Set<string> {
  const outsideCode = markdown.replace(/^```[\s\S]*?^```/gm, "");
  return new Set([...outsideCode.matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1].replace(/`/g, ""))));
}

/** Relative links of a Markdown file that lead nowhere (`file` or `file#anchor`). */
export function brokenLinks(file: string, markdown: string, read: (path: string) => string | undefined): string[] {
  const outsideCode = markdown.replace(/^```[\s\S]*?^```/gm, "").replace(/`[^`\n]*`/g, "");
  const broken: string[] = [];
  for (const [, target] of outsideCode.matchAll(/\]\(([^)\s]+)\)/g)) {
    if (/^[a-z]+:/i.test(target)) continue;
    const [path, anchor] = target.split("#");
    const resolved = path ? join(dirname(file), path) : file;
    const text = read(resolved);
    if (text === undefined) broken.push(target);
    else if (anchor && resolved.endsWith(".md") && !anchorsOf(text).has(anchor)) broken.push(target);
  }
  return broken;
}

const readFromRoot = (path: string): string | undefined => {
  const full = join(ROOT, path);
  if (!existsSync(full)) return undefined;
  return statSync(full).isDirectory() ? "" : readFileSync(full, "utf8");
};

describe("README and docs/", () => {
  it.each(DOC_PAGES)("%s: every relative link and anchor resolves", (file) => {
    expect(brokenLinks(file, readFileSync(join(ROOT, file), "utf8"), readFromRoot)).toEqual([]);
  });

  it("a link checker that finds a missing file and a missing anchor", () => {
    const files: Record<string, string> = { "docs/a.md": "# Title\n\n## Waivers and `code`\n" };
    const doc = "[ok](a.md#waivers-and-code) [top](#intro) [gone](b.md) [anchor](a.md#nope) [web](https://example.fr) `[code](x.md)`\n# Intro";
    expect(brokenLinks("docs/c.md", doc, (p) => files[p] ?? (p === "docs/c.md" ? doc : undefined))).toEqual(["b.md", "a.md#nope"]);
  });

  it.each(HAND_WRITTEN)("%s: every TypeScript block mirrors a file of examples/", (file) => {
    let text = readFileSync(join(ROOT, file), "utf8");
    const blocks = [...text.matchAll(TS_BLOCK)].length;
    const mirrored = [...text.matchAll(MIRRORED)];
    expect({ file, unmarkedBlocks: blocks - mirrored.length }).toEqual({ file, unmarkedBlocks: 0 });
    if (process.env.UPDATE_DOCS) {
      text = text.replace(MIRRORED, (_, example) => `<!-- example: ${example} -->\n\n\`\`\`ts\n${readFileSync(join(ROOT, example), "utf8")}\`\`\``);
      writeFileSync(join(ROOT, file), text);
      return;
    }
    const diverged = mirrored.filter(([, example, body]) => body !== readFileSync(join(ROOT, example), "utf8")).map(([, example]) => example);
    if (diverged.length)
      throw new Error(`${file}: the blocks of ${diverged.join(", ")} differ from the files. Run \`npm run docs\` to copy the files in.`);
  });

  it("every example is shown in the docs, and the README's first example is your own app", () => {
    const shown = new Set(
      HAND_WRITTEN.flatMap((f) => [...readFileSync(join(ROOT, f), "utf8").matchAll(MIRRORED)].map((m) => relative("examples", m[1]))),
    );
    expect(EXAMPLES.filter((e) => !shown.has(e))).toEqual([]);
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    expect([...readme.matchAll(MIRRORED)][0]?.[1]).toBe("examples/own-app.ts");
  });

  it("lists every page of docs/ in its table of contents (docs/README.md)", () => {
    const toc = readFileSync(join(ROOT, "docs", "README.md"), "utf8");
    const pages = readdirSync(join(ROOT, "docs")).filter((f) => f.endsWith(".md") && f !== "README.md");
    expect(pages.filter((page) => !toc.includes(`](${page})`))).toEqual([]);
  });

  it("keeps the README's test command exactly `npm test`, which .ci/run calls", () => {
    expect(readFileSync(join(ROOT, "README.md"), "utf8")).toMatch(/^npm test$/m);
    expect(readFileSync(join(ROOT, ".ci", "run"), "utf8")).toMatch(/^npm test$/m);
  });
});
