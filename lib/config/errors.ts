/**
 * Config errors as one readable line each: `<path>: <problem> (allowed: ...)`.
 */
import type { z } from "zod";
import { plural } from "../plural";
import { formatPath } from "../field-path";

/** Thrown when a config is invalid; `problems` holds every line. One problem is one line, `<file>: <problem>`. */
export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: readonly string[],
  ) {
    super(
      problems.length === 1
        ? `${source}: ${problems[0]}`
        : `${source}: ${plural(problems.length, "problem")} in the landing-zone config:\n  ${problems.join("\n  ")}`,
    );
    this.name = "ConfigError";
  }
}

/** Thrown when the config file cannot be read at all (missing, unreadable, too large). */
export class ConfigReadError extends ConfigError {
  constructor(source: string, problem: string) {
    super(source, [problem]);
    this.name = "ConfigReadError";
  }
}

function show(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) return String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

type Def = { type: string; shape?: Record<string, z.ZodType>; element?: z.ZodType; innerType?: z.ZodType; in?: z.ZodType };

/** The keys an object schema accepts at a path, for "unknown key" messages. */
function keysAt(schema: z.core.$ZodType, path: readonly PropertyKey[]): string[] {
  let node: z.core.$ZodType | undefined = schema;
  let i = 0;
  while (node) {
    const def: Def = (node as unknown as { def: Def }).def;
    if (def.innerType) node = def.innerType;
    else if (def.type === "pipe") node = def.in;
    else if (i >= path.length) return def.shape ? Object.keys(def.shape) : [];
    else if (def.type === "array") {
      node = def.element;
      i++;
    } else if (def.shape) node = def.shape[String(path[i++])];
    else return [];
  }
  return [];
}

/** zod's type names as a config's author writes them: a YAML list or mapping, not a JavaScript array or object. */
function yamlType(expected: string): string {
  return expected === "array" ? "a list" : expected === "object" ? "a mapping" : expected;
}

/**
 * YAML reads an unquoted `987654321098` as a number and `true` as a boolean:
 * where text is expected, say to quote it (with the value, when YAML kept it
 * exactly).
 */
function quoteHint(expected: string, input: unknown): string {
  if (expected !== "string" || (typeof input !== "number" && typeof input !== "boolean")) return "";
  const exact = typeof input === "boolean" || Number.isSafeInteger(input);
  return ` (write it in quotes${exact ? `: "${String(input)}"` : ""}; unquoted, YAML reads a ${typeof input})`;
}

/** One readable line for a zod issue. */
function describe(issue: z.core.$ZodIssue, schema: z.core.$ZodType): string[] {
  const at = formatPath(issue.path);
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case "unrecognized_keys": {
      const allowed = keysAt(schema, issue.path).join(", ");
      return issue.keys.map((key) => `${formatPath([...issue.path, key])}: unknown key (allowed: ${allowed})`);
    }
    case "invalid_value":
      return [`${at}: ${show(input)} is not allowed (allowed: ${issue.values.map(String).join(", ")})`];
    case "invalid_type":
      if (input === undefined) return [`${at}: is required (allowed: ${yamlType(issue.expected)})`];
      return [`${at}: expected ${yamlType(issue.expected)}, got ${show(input)}${quoteHint(issue.expected, input)}`];
    case "too_big":
    case "too_small": {
      // A field with its own message (`.min(10, { error })`) keeps it; zod's default reads "Too small: ...".
      if (!/^Too (big|small)/.test(issue.message)) return [`${at}: ${show(input)} ${issue.message}`];
      const big = issue.code === "too_big";
      const bound = `${big ? "at most" : "at least"} ${big ? issue.maximum : issue.minimum}`;
      if (Array.isArray(input)) return [`${at}: ${input.length} items are too ${big ? "many" : "few"} (allowed: ${bound} items)`];
      if (typeof input === "string") return [`${at}: ${show(input)} is too ${big ? "long" : "short"} (allowed: ${bound} characters)`];
      return [`${at}: ${show(input)} is too ${big ? "large" : "small"} (allowed: ${bound})`];
    }
    case "custom":
      // Cross-field checks quote the value themselves.
      if (issue.params?.crossCheck) return [`${at}: ${issue.message}`];
      return [`${at}: ${show(input)} ${issue.message}`];
    default:
      return [`${at}: ${input === undefined ? "" : `${show(input)} `}${issue.message.replace(/^Invalid input: /, "")}`];
  }
}

/** Every issue of a failed parse, one line each, in document order. */
export function formatIssues(error: z.ZodError, schema: z.core.$ZodType): string[] {
  return error.issues.flatMap((issue) => describe(issue, schema));
}
