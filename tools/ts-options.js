/**
 * What tools/transpile.js's type-stripping transpile (dist/ for `npm run synth`) compiles, and with which options:
 * tsconfig.json's, read with TypeScript's own parser, as tsconfig's `isolatedModules` allows. The tests' compiled app
 * (test/support/compiled-app.ts) compiles the same folders.
 */
const { join } = require("node:path");

const ROOT = join(__dirname, "..");
const TSCONFIG = join(ROOT, "tsconfig.json");
/** The folders of the app, laid out under dist/ as they are in the repository. */
const APP_SOURCES = ["lib", "stacks", "bin", "bench"];

/** tsconfig.json's compiler options, for `ts.transpileModule`. */
function transpileOptions(ts) {
  const { config, error } = ts.readConfigFile(TSCONFIG, ts.sys.readFile);
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, "\n"));
  const { options } = ts.convertCompilerOptionsFromJson(config.compilerOptions, ROOT);
  return { ...options, declaration: false, sourceMap: false, noEmit: false };
}

module.exports = { APP_SOURCES, ROOT, TSCONFIG, transpileOptions };
