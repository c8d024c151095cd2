/**
 * Loading and validating the landing-zone config. The only module of the
 * library, with `cli/`, that touches the file system.
 */
import { readFileSync, statSync } from "node:fs";
import { isAbsolute } from "node:path";
import type * as Yaml from "yaml";
import { ConfigError, ConfigReadError, formatIssues } from "./errors";
import { landingZoneSchema, type LandingZoneConfig } from "./schema";
import { depthOf, repeatsKey } from "../json-text";

/** Largest config file accepted, in bytes. */
const MAX_CONFIG_BYTES = 5 * 1024 * 1024;
/** Deeper than any config (the schema nests a few levels): deeper documents are refused before anything walks them. */
const MAX_CONFIG_DEPTH = 64;
/** Most alias expansions a config may use (an "alias bomb" expands exponentially). */
const MAX_ALIAS_COUNT = 100;

/** Validate a parsed config object; throws a `ConfigError` listing every problem. */
export function validateConfig(raw: unknown, source = "config"): LandingZoneConfig {
  const result = landingZoneSchema.safeParse(raw, { reportInput: true });
  if (!result.success) throw new ConfigError(source, formatIssues(result.error, landingZoneSchema));
  return result.data;
}

/**
 * Parse YAML or JSON text (JSON is YAML); duplicate keys and alias bombs are
 * errors. Valid JSON without duplicate keys takes `JSON.parse` (the same
 * value, several times faster on large configs); anything else, errors
 * included, goes through the YAML parser and its line-and-column messages.
 */
export function parseConfigText(text: string, source = "config"): unknown {
  const json = parseStrictJson(text, source);
  if (json !== undefined) return json;
  return shallowEnough(parseYaml(text, source), source);
}

/** `value`, refused when it nests deeper than any config, before anything walks it recursively. */
function shallowEnough(value: unknown, source: string): unknown {
  if (depthOf(value, MAX_CONFIG_DEPTH) > MAX_CONFIG_DEPTH)
    throw new ConfigError(source, [`document: nested more than ${MAX_CONFIG_DEPTH} levels deep (allowed: a landing-zone config, a few levels deep)`]);
  return value;
}

/** Text parsed as YAML, its errors at a line and column. */
function parseYaml(text: string, source: string): unknown {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy: a JSON config does not load the YAML parser (about 30 ms)
  const { LineCounter, parseDocument } = require("yaml") as typeof Yaml;
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false, lineCounter, logLevel: "error" });
  const problems = doc.errors.map((e) => {
    const { line, col } = lineCounter.linePos(e.pos[0]);
    return `line ${line}, column ${col}: ${e.message.split("\n")[0]}`;
  });
  if (problems.length) throw new ConfigError(source, problems);
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    // Alias problems, found only while resolving: the document as a whole is at fault.
    const allowed = `allowed: at most ${MAX_ALIAS_COUNT} alias expansions, each alias after its anchor`;
    throw new ConfigError(source, [`document: ${(e as Error).message.split("\n")[0]} (${allowed})`]);
  }
}

/** `text` parsed as JSON (refused when too deep), or `undefined` when it is not JSON or repeats a key in an object. */
function parseStrictJson(text: string, source: string): unknown {
  if (!text.trimStart().startsWith("{")) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  // Refused before its keys are counted (recursively).
  return repeatsKey(text, shallowEnough(value, source)) ? undefined : value;
}

/** A path as one shell word, to copy into a command: as it is when it is plain, else in single quotes. */
function shellWord(path: string): string {
  return /^[A-Za-z0-9._/-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}

/** Read, parse and validate a config file. */
export function loadConfigFile(path: string): LandingZoneConfig {
  let text: string;
  try {
    // A FIFO or a device (/dev/zero) would be read forever: only a regular file, and only if it is small enough.
    const stat = statSync(path);
    if (!stat.isFile()) throw new ConfigReadError(path, "not a regular file (allowed: a YAML or JSON file)");
    if (stat.size > MAX_CONFIG_BYTES) throw new ConfigReadError(path, `file is larger than ${MAX_CONFIG_BYTES} bytes`);
    text = readFileSync(path, "utf8");
  } catch (e) {
    if (e instanceof ConfigReadError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT")
      throw new ConfigReadError(
        path,
        // Where a relative path was looked for: `npm run` runs in the package's root, not where the command was typed.
        `no such file${isAbsolute(path) ? "" : ` in ${process.cwd()}`} (allowed: a YAML or JSON config; npx sovereign-lz init ${shellWord(path)} writes a starter)`,
      );
    throw new ConfigReadError(path, `cannot read the file (${code ?? "error"})`);
  }
  if (text.length > MAX_CONFIG_BYTES) throw new ConfigReadError(path, `file is larger than ${MAX_CONFIG_BYTES} bytes`);
  return validateConfig(parseConfigText(text, path), path);
}
