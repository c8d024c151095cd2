/**
 * The app build of `npm run synth`, `npm run bench` and `cdktf.json`:
 * transpiles lib/, stacks/, bin/ and bench/ to dist/ file by file with
 * TypeScript's `transpileModule` (type-stripping only, as tsconfig's
 * `isolatedModules` allows), the way `tsc -p tsconfig.build.json` lays them
 * out, and copies the embedded default config. No type-check and no `.d.ts`:
 * `npm run lint` and `npm run build` run the full `tsc` once.
 *
 * Each file is written whole (a temporary file renamed), so a process loading
 * the output never reads a file half-written.
 */
const { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } = require("node:fs");
const { dirname, join, relative } = require("node:path");
const { APP_SOURCES, ROOT, TSCONFIG, transpileOptions } = require("./ts-options");

const OUT = join(ROOT, "dist");

/** Write `text` to `file` whole: readers see the old file or the new one, never part of it. */
function writeWhole(file, text) {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, file);
}

/** The `.ts` files under `dir` (no `.d.ts`). */
function sourcesIn(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts") && !e.name.endsWith(".d.ts"))
    .map((e) => join(e.parentPath ?? e.path, e.name));
}

/** Modification time in ms, 0 when the file does not exist. */
const mtime = (file) => statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0;

// Only what changed: a file whose output is newer than it, the tsconfig and this script is left as it is
// (and TypeScript, half a second to load, is not loaded when nothing changed).
const settingsChanged = Math.max(mtime(TSCONFIG), mtime(__filename), mtime(join(__dirname, "ts-options.js")));
const stale = APP_SOURCES.flatMap((d) => sourcesIn(join(ROOT, d)))
  .map((source) => ({ source, target: join(OUT, relative(ROOT, source)).replace(/\.ts$/, ".js") }))
  .filter(({ source, target }) => mtime(target) < Math.max(mtime(source), settingsChanged));
if (stale.length) {
  const ts = require("typescript");
  const compilerOptions = transpileOptions(ts);
  for (const { source, target } of stale) {
    const { outputText } = ts.transpileModule(readFileSync(source, "utf8"), { compilerOptions, fileName: source });
    writeWhole(target, outputText);
  }
}
const config = join(ROOT, "stacks", "default-config.yaml");
const copied = join(OUT, "stacks", "default-config.yaml");
if (mtime(copied) < mtime(config)) writeWhole(copied, readFileSync(config));
