/**
 * docs/reference/api.md is current: TypeDoc is too slow for `npm test`, so
 * this reads the exports of `lib/index.ts` from the sources (syntax only)
 * and checks that the committed reference has a section for each, a row for
 * each field of each interface, and no section for anything gone.
 */
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import ts from "typescript";

const ROOT = join(__dirname, "..", "..");
const STALE = "docs/reference/api.md is stale: the package's exports or their fields changed. Run `npm run docs` and commit the result.";

const isExported = (node: ts.Node) => ts.canHaveModifiers(node) && !!ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

/** The summary of a declaration's doc comment (text before the tags) on one line, as TypeDoc writes it; "" without one. */
function summaryOf(node: ts.Node): string {
  const doc = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc).at(-1);
  return (ts.getTextOfJSDocComment(doc?.comment) ?? "").replace(/\s*\n\s*/g, " ").trim();
}

/**
 * Exported names of a module (following `export *` and `export { ... } from`), with the fields of its interfaces;
 * `docs` collects the doc comment summaries of the exports (`Name`) and of their fields (`Name.field`).
 */
function exportsOf(file: string, out = new Map<string, string[]>(), docs?: Map<string, string>): Map<string, string[]> {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
  for (const statement of source.statements) {
    if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
      const specifier = statement.moduleSpecifier.text;
      const target = `${resolve(dirname(file), specifier)}.ts`;
      const local = specifier.startsWith(".");
      if (!statement.exportClause) {
        if (local) exportsOf(target, out, docs);
      } else if (ts.isNamedExports(statement.exportClause)) {
        const all = local ? exportsOf(target, new Map(), docs) : new Map<string, string[]>();
        for (const e of statement.exportClause.elements) out.set(e.name.text, all.get((e.propertyName ?? e.name).text) ?? []);
      }
    } else if (isExported(statement)) {
      if (ts.isInterfaceDeclaration(statement)) {
        const fields = statement.members.filter(ts.isPropertySignature).map((m) => m.name.getText(source));
        out.set(statement.name.text, fields);
        for (const m of statement.members.filter(ts.isPropertySignature)) docs?.set(`${statement.name.text}.${m.name.getText(source)}`, summaryOf(m));
      } else if ((ts.isClassDeclaration(statement) || ts.isFunctionDeclaration(statement)) && statement.name) out.set(statement.name.text, []);
      else if (ts.isTypeAliasDeclaration(statement) || ts.isEnumDeclaration(statement)) out.set(statement.name.text, []);
      else if (ts.isVariableStatement(statement)) {
        for (const d of statement.declarationList.declarations) if (ts.isIdentifier(d.name)) out.set(d.name.text, []);
      }
      const name = (statement as { name?: ts.Identifier }).name;
      if (name && ts.isIdentifier(name) && !ts.isVariableStatement(statement)) docs?.set(name.text, summaryOf(statement));
    }
  }
  return out;
}

/** The sections of the reference, by heading. */
function sections(markdown: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of markdown.split(/^### /m).slice(1)) out.set(part.slice(0, part.indexOf("\n")).trim(), part);
  return out;
}

/** What the reference lacks (`Name` or `Name.field`), and what it has that is no longer exported. */
function staleness(exported: Map<string, string[]>, markdown: string): { missing: string[]; gone: string[] } {
  const documented = sections(markdown);
  const missing = [...exported].flatMap(([name, fields]) => {
    const section = documented.get(name);
    if (section === undefined) return [name];
    return fields.filter((f) => !section.includes(`| \`${f}\``)).map((f) => `${name}.${f}`);
  });
  return { missing, gone: [...documented.keys()].filter((name) => !exported.has(name)) };
}

/** The exports (`Name`) and fields (`Name.field`) whose doc comment summary the reference does not show as the code has it. */
function staleComments(docs: Map<string, string>, markdown: string): string[] {
  const documented = sections(markdown);
  return [...docs].flatMap(([key, text]) => {
    const [name, field] = key.split(".");
    const section = documented.get(name);
    if (!text || section === undefined) return [];
    if (field === undefined) return section.includes(text) ? [] : [key];
    const row = section.split("\n").find((line) => line.startsWith(`| \`${field}\``));
    return row?.includes(text.replace(/\|/g, "\\|")) ? [] : [key];
  });
}

describe("docs/reference/api.md", () => {
  const exported = exportsOf(join(ROOT, "lib", "index.ts"));

  it("has a section for every export of lib/index.ts, a row for every field of each interface, nothing that is gone", () => {
    expect(exported.size).toBeGreaterThan(50);
    expect(exported.get("SovereignBucketProps")).toEqual(expect.arrayContaining(["name", "retentionDays"]));
    const { missing, gone } = staleness(exported, readFileSync(join(ROOT, "docs", "reference", "api.md"), "utf8"));
    if (missing.length) throw new Error(`${STALE}\nNot in it: ${missing.join(", ")}`);
    if (gone.length) throw new Error(`${STALE}\nNo longer exported: ${gone.join(", ")}`);
  });

  it("shows the doc comment of every export and field as the code has it", () => {
    const docs = new Map<string, string>();
    exportsOf(join(ROOT, "lib", "index.ts"), new Map(), docs);
    expect(docs.get("SovereignBucketProps.retentionDays")).toMatch(/\w/);
    const stale = staleComments(docs, readFileSync(join(ROOT, "docs", "reference", "api.md"), "utf8"));
    if (stale.length) throw new Error(`${STALE}\nDoc comments changed: ${stale.join(", ")}`);
  });

  it("notices a changed doc comment of an export and of a field", () => {
    const docs = new Map([
      ["FooProps", "What a foo needs."],
      ["FooProps.name", "Its name, a | b."],
      ["FooProps.size", "Its size."],
    ]);
    const doc = "### FooProps\n\nWhat a foo needs.\n\n| `name` | `string` |  | Its name, a \\| b. |\n| `size` | `number` |  | Its old size. |\n";
    expect(staleComments(docs, doc)).toEqual(["FooProps.size"]);
    expect(staleComments(new Map([["FooProps", "Something else."]]), doc)).toEqual(["FooProps"]);
  });

  it("notices a missing export, a missing field and a section for something gone", () => {
    const code = new Map([
      ["FooProps", ["name", "size"]],
      ["Bar", []],
    ]);
    const doc = "### FooProps\n\n| `name` | `string` |\n\n### Baz\n";
    expect(staleness(code, doc)).toEqual({ missing: ["FooProps.size", "Bar"], gone: ["Baz"] });
  });
});
