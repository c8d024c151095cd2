/**
 * The compiler options of tools/transpile.js's type-stripping transpile (dist/ for `npm run synth`): tsconfig.json's,
 * read with TypeScript's own parser, as tsconfig's `isolatedModules` allows.
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
