/**
 * The fast TypeScript transform shared by jest (`@swc/jest`) and the app
 * build of `npm run synth`, `npm run bench` and `cdktf.json`: type-stripping
 * only, no type-check (that is `npm run lint` and `npm run build`, which run
 * `tsc` once).
 *
 * Run directly, it transpiles lib/, stacks/, bin/ and bench/ to dist/ the way
 * `tsc -p tsconfig.build.json` lays them out (JavaScript only, no `.d.ts`) and
 * copies the embedded default config, in well under a second.
 */
const { copyFileSync, mkdirSync, readdirSync, writeFileSync } = require("node:fs");
const { dirname, join, relative } = require("node:path");

/** swc options matching tsconfig.json (ES2022, CommonJS). */
const SWC_OPTIONS = { jsc: { parser: { syntax: "typescript" }, target: "es2022" } };

/** The `.ts` files under `dir` (no `.d.ts`). */
function sourcesIn(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts") && !e.name.endsWith(".d.ts"))
    .map((e) => join(e.parentPath ?? e.path, e.name));
}

function transpileAll(root) {
  const { transformFileSync } = require("@swc/core");
  const outDir = join(root, "dist");
  for (const source of ["lib", "stacks", "bin", "bench"].flatMap((d) => sourcesIn(join(root, d)))) {
    const target = join(outDir, relative(root, source)).replace(/\.ts$/, ".js");
    const { code } = transformFileSync(source, { ...SWC_OPTIONS, module: { type: "commonjs" }, swcrc: false });
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, code);
  }
  copyFileSync(join(root, "stacks", "default-config.yaml"), join(outDir, "stacks", "default-config.yaml"));
}

module.exports = { SWC_OPTIONS };

if (require.main === module) transpileAll(join(__dirname, ".."));
