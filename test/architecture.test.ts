/**
 * The layering of DESIGN.md section 1, measured on the import graph of lib/:
 * the top-level folders (and top-level files such as lib/core.ts) form a tree
 * without cycles, zod stays in the config and command-line layers, and the
 * `validate` command loads neither cdktf nor the Google provider.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import * as ts from "typescript";

const ROOT = resolve(__dirname, "..");
const LIB = join(ROOT, "lib");

interface Import {
  /** The module specifier as written. */
  readonly specifier: string;
  /** Absolute path of the imported .ts file, for relative imports. */
  readonly file?: string;
  /** `import type` / `export type`: erased at runtime. */
  readonly typeOnly: boolean;
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

function resolveRelative(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith(".")) return undefined;
  const base = resolve(dirname(from), specifier);
  const candidates = [`${base}.ts`, join(base, "index.ts")];
  return candidates.find((c) => ts.sys.fileExists(c));
}

/** The static imports and re-exports of a file (lazy `require` calls are not followed: they do not load at start). */
export function importsOf(file: string, text = readFileSync(file, "utf8")): Import[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false);
  const out: Import[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const clause = statement.importClause;
      const typeOnly =
        !!clause &&
        (clause.isTypeOnly ||
          (!clause.name &&
            !!clause.namedBindings &&
            ts.isNamedImports(clause.namedBindings) &&
            clause.namedBindings.elements.length > 0 &&
            clause.namedBindings.elements.every((e) => e.isTypeOnly)));
      const specifier = statement.moduleSpecifier.text;
      out.push({ specifier, file: resolveRelative(file, specifier), typeOnly });
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
      const specifier = statement.moduleSpecifier.text;
      out.push({ specifier, file: resolveRelative(file, specifier), typeOnly: statement.isTypeOnly });
    }
  }
  return out;
}

/** The layer a lib/ file belongs to: its top-level folder, or the file itself at the top (`core`, `naming`, ...). */
function layerOf(file: string): string {
  const parts = relative(LIB, file).split(sep);
  return parts.length > 1 ? parts[0] : parts[0].replace(/\.ts$/, "");
}

const libFiles = tsFiles(LIB);
const importsByFile = new Map(libFiles.map((f) => [f, importsOf(f)]));

/** Edges between layers, each with the imports that make it (type imports count: they couple the code). */
function layerGraph(files: readonly string[], imports: (f: string) => Import[]): Map<string, Map<string, string[]>> {
  const graph = new Map<string, Map<string, string[]>>();
  for (const file of files) {
    const from = layerOf(file);
    for (const imp of imports(file)) {
      if (!imp.file || !imp.file.startsWith(LIB + sep)) continue;
      const to = layerOf(imp.file);
      if (to === from) continue;
      const edges = graph.get(from) ?? new Map<string, string[]>();
      graph.set(from, edges);
      edges.set(to, [...(edges.get(to) ?? []), `${relative(ROOT, file)} imports ${imp.specifier}`]);
    }
  }
  return graph;
}

/** Every cycle between layers, as the edges that form it (one per strongly connected component). */
function layerCycles(graph: Map<string, Map<string, string[]>>): string[] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v)?.keys() ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) components.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return components.map((c) =>
    [
      `cycle between ${c.join(", ")}:`,
      ...c.flatMap((from) =>
        [...(graph.get(from) ?? [])].filter(([to]) => c.includes(to)).flatMap(([to, why]) => why.map((w) => `  ${from} -> ${to}: ${w}`)),
      ),
    ].join("\n"),
  );
}

/** Files loaded at runtime from `entry` (static, non-type imports), with the chain that loads each package. */
function runtimeClosure(entry: string): { files: Set<string>; packages: Map<string, string[]> } {
  const files = new Set<string>();
  const packages = new Map<string, string[]>();
  const walk = (file: string, chain: string[]) => {
    if (files.has(file)) return;
    files.add(file);
    for (const imp of importsOf(file)) {
      if (imp.typeOnly) continue;
      const here = [...chain, relative(ROOT, file)];
      if (imp.file) walk(imp.file, here);
      else if (!imp.specifier.startsWith(".") && !packages.has(imp.specifier)) packages.set(imp.specifier, here);
    }
  };
  walk(entry, []);
  return { files, packages };
}

describe("architecture", () => {
  it("lib/ folders form a tree: no two layers import each other, directly or through others", () => {
    expect(layerCycles(layerGraph(libFiles, (f) => importsByFile.get(f)!))).toEqual([]);
  });

  it("finds a cycle when one exists (the check is not blind)", () => {
    const fake = new Map([
      [join(LIB, "a", "x.ts"), [{ specifier: "../b/y", file: join(LIB, "b", "y.ts"), typeOnly: true }]],
      [join(LIB, "b", "y.ts"), [{ specifier: "../c", file: join(LIB, "c.ts"), typeOnly: false }]],
      [join(LIB, "c.ts"), [{ specifier: "./a/x", file: join(LIB, "a", "x.ts"), typeOnly: false }]],
    ]);
    const cycles = layerCycles(layerGraph([...fake.keys()], (f) => fake.get(f)!));
    expect(cycles).toHaveLength(1);
    expect(cycles[0]).toContain("cycle between a, b, c:");
    expect(cycles[0]).toContain("a -> b: lib/a/x.ts imports ../b/y");
  });

  it("zod is imported only by lib/config and lib/cli", () => {
    const outside = libFiles
      .filter((f) => !["config", "cli"].includes(layerOf(f)))
      .filter((f) => importsByFile.get(f)!.some((i) => i.specifier === "zod"))
      .map((f) => relative(ROOT, f));
    expect(outside).toEqual([]);
  });

  it("no construct folder imports the config layer", () => {
    const up = libFiles
      .filter((f) => !["config", "cli", "index"].includes(layerOf(f)))
      .flatMap((f) =>
        importsByFile
          .get(f)!
          .filter((i) => i.file && layerOf(i.file) === "config" && i.file.startsWith(LIB + sep))
          .map((i) => `${relative(ROOT, f)} imports ${i.specifier}`),
      );
    expect(up).toEqual([]);
  });

  it("`sovereign-lz validate` loads neither cdktf nor the Google provider (static imports of the command-line entry)", () => {
    const { files, packages } = runtimeClosure(join(ROOT, "bin", "sovereign-lz.ts"));
    expect(files.has(join(LIB, "config", "load.ts"))).toBe(true);
    expect(files.has(join(LIB, "cli", "validate.ts"))).toBe(true);
    const heavy = [...packages]
      .filter(([name]) => /^(cdktf|constructs|@cdktf\/)/.test(name))
      .map(([name, chain]) => `${name} via ${chain.join(" -> ")}`);
    expect(heavy).toEqual([]);
    const facades = [...files].filter((f) => ["core.ts", "google.ts", "google-beta.ts"].includes(relative(LIB, f))).map((f) => relative(ROOT, f));
    expect(facades).toEqual([]);
  });

  it("lib/config, the mapping from config to construct props included, loads neither cdktf nor a construct", () => {
    const configFiles = libFiles.filter((f) => layerOf(f) === "config");
    expect(configFiles.map((f) => relative(LIB, f))).toEqual(expect.arrayContaining(["config/stack-props.ts", "config/tenant-props.ts"]));
    const heavy = configFiles.flatMap((f) => {
      const { packages } = runtimeClosure(f);
      return [...packages].filter(([name]) => /^(cdktf|constructs|@cdktf\/)/.test(name)).map(([name, chain]) => `${name} via ${chain.join(" -> ")}`);
    });
    expect(heavy).toEqual([]);
  });

  it("type-only imports do not count as loaded", () => {
    const imports = importsOf(
      "x.ts",
      `import type { A } from "cdktf";\nimport { type B } from "constructs";\nimport { C } from "zod";\nexport * from "./y";`,
    );
    expect(imports.map((i) => [i.specifier, i.typeOnly])).toEqual([
      ["cdktf", true],
      ["constructs", true],
      ["zod", false],
      ["./y", false],
    ]);
  });
});
