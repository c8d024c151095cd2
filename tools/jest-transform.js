/**
 * Jest's TypeScript transform: type-stripping only, with esbuild (a native binary: about 1 ms a file, where
 * TypeScript's `transpileModule` took 10-30 ms under jest's `--no-opt`, loaded anew in each worker), with an inline
 * source map so failures point to the `.ts` lines. No type-check: `npm run lint` type-checks once. Jest keeps the
 * output by cache key.
 */
const { createHash } = require("node:crypto");
const { readFileSync } = require("node:fs");
const { TSCONFIG } = require("./ts-options");

/** What every output depends on besides the file itself: this transform, tsconfig.json and esbuild's version. */
const SETTINGS = createHash("sha256")
  .update(readFileSync(__filename))
  .update(readFileSync(TSCONFIG))
  .update(require("esbuild/package.json").version)
  .digest("hex");

/** tsconfig.json's compiler options, as esbuild reads them (it honours those that change the emitted code). */
const { compilerOptions } = JSON.parse(readFileSync(TSCONFIG, "utf8"));

let esbuild;

module.exports = {
  getCacheKey(source, path, { configString }) {
    return createHash("sha256").update(SETTINGS).update(configString).update(path).update("\0").update(source).digest("hex");
  },
  process(source, path) {
    esbuild ??= require("esbuild");
    const { code } = esbuild.transformSync(source, {
      loader: "ts",
      format: "cjs",
      target: compilerOptions.target.toLowerCase(),
      platform: "node",
      sourcemap: "inline",
      sourcefile: path,
      tsconfigRaw: { compilerOptions },
    });
    return { code };
  },
};
