/**
 * The compiler options of every type-stripping transpile (tools/transpile.js for dist/, tools/jest-transform.js for
 * the tests): tsconfig.json's, read with TypeScript's own parser, as tsconfig's `isolatedModules` allows.
 */
const { join } = require("node:path");

const ROOT = join(__dirname, "..");
const TSCONFIG = join(ROOT, "tsconfig.json");

/** tsconfig.json's compiler options, for `ts.transpileModule`. */
function transpileOptions(ts) {
  const { config, error } = ts.readConfigFile(TSCONFIG, ts.sys.readFile);
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, "\n"));
  const { options } = ts.convertCompilerOptionsFromJson(config.compilerOptions, ROOT);
  return { ...options, declaration: false, sourceMap: false, noEmit: false };
}

module.exports = { ROOT, TSCONFIG, transpileOptions };
