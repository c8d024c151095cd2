/**
 * Jest's TypeScript transform: type-stripping only (`ts.transpileModule`, with tools/ts-options.js's options, as
 * tools/transpile.js builds dist/), with an inline source map so failures point to the `.ts` lines. No type-check:
 * `npm run lint` type-checks once. TypeScript is loaded only on a cache miss; jest keeps the output by cache key.
 */
const { createHash } = require("node:crypto");
const { readFileSync } = require("node:fs");
const { join } = require("node:path");
const { TSCONFIG, transpileOptions } = require("./ts-options");

/** What every output depends on besides the file itself: this transform, the options and TypeScript's version. */
const SETTINGS = createHash("sha256")
  .update(readFileSync(__filename))
  .update(readFileSync(join(__dirname, "ts-options.js")))
  .update(readFileSync(TSCONFIG))
  .update(require("typescript/package.json").version)
  .digest("hex");

let compiler;
/** TypeScript and the compiler options, loaded on first use. */
function loadCompiler() {
  const ts = require("typescript");
  return { ts, options: { ...transpileOptions(ts), inlineSourceMap: true, inlineSources: true } };
}

module.exports = {
  getCacheKey(source, path, { configString }) {
    return createHash("sha256").update(SETTINGS).update(configString).update(path).update("\0").update(source).digest("hex");
  },
  process(source, path) {
    compiler ??= loadCompiler();
    const { ts, options } = compiler;
    const { outputText, diagnostics } = ts.transpileModule(source, { compilerOptions: options, fileName: path, reportDiagnostics: true });
    if (diagnostics?.length) {
      throw new Error(ts.formatDiagnostics(diagnostics, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => "", getNewLine: () => "\n" }));
    }
    return { code: outputText };
  },
};
