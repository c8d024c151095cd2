/**
 * docs/configuration.md and docs/schemas/landing-zone-config.schema.json,
 * generated from the zod schema (`lib/config/schema.ts`): every field with
 * its type, allowed values, default and meaning. The meaning is the field's
 * doc comment in the schema source, found by the set of keys of the object
 * that declares it (the schema keeps no comments at run time).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { z } from "zod";
import { landingZoneSchema } from "../../lib/config/schema";
import { GENERATED_NOTE } from "./generated";

type JsonSchema = {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  additionalProperties?: boolean | JsonSchema;
};

const LIB = join(__dirname, "..", "..", "lib");

/** The config's JSON Schema (input side: defaults optional), for editors and other tools. */
export function configJsonSchema(): JsonSchema {
  return z.toJSONSchema(landingZoneSchema, { io: "input", unrepresentable: "any" }) as JsonSchema;
}

/** Doc comments of the properties of every object literal given to `z.object`/`z.strictObject`, by sorted key set. */
function fieldComments(): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  const files = readdirSync(LIB, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts"));
  for (const file of files) {
    const text = readFileSync(join(LIB, file), "utf8");
    if (!text.includes("Object({")) continue;
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && /\b(strictObject|object)$/.test(node.expression.getText(source))) {
        const literal = node.arguments[0];
        if (literal && ts.isObjectLiteralExpression(literal)) {
          const comments: Record<string, string> = {};
          for (const prop of literal.properties) {
            if (!prop.name || !(ts.isIdentifier(prop.name) || ts.isStringLiteral(prop.name))) continue;
            comments[prop.name.text] = docComment(text, prop.getFullStart());
          }
          out.set(Object.keys(comments).sort().join(","), comments);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return out;
}

/** The text of the `/** ... *\/` comment just before `pos`, on one line. */
function docComment(text: string, pos: number): string {
  const ranges = ts.getLeadingCommentRanges(text, pos) ?? [];
  const doc = ranges.map((r) => text.slice(r.pos, r.end)).filter((c) => c.startsWith("/**"));
  const last = doc[doc.length - 1];
  if (!last) return "";
  return last
    .replace(/^\/\*\*|\*\/$/g, "")
    .split("\n")
    .map((l) => l.replace(/^\s*\* ?/, "").trim())
    .join(" ")
    .trim();
}

interface Row {
  readonly path: string;
  readonly required: boolean;
  readonly type: string;
  readonly defaultValue: string;
  readonly meaning: string;
}

const code = (s: string) => "`" + s.replace(/\|/g, "\\|") + "`";

/** Type and allowed values of a leaf, in words. */
function describeType(s: JsonSchema): string {
  if (s.const !== undefined) return code(JSON.stringify(s.const));
  if (s.enum) return s.enum.map((v) => code(String(v))).join(", ");
  const variants = s.oneOf ?? s.anyOf;
  if (variants) return variants.map(describeType).join(" or ");
  const limits: string[] = [];
  if (s.pattern) limits.push(`matching ${code(s.pattern)}`);
  if (s.minimum !== undefined) limits.push(`≥ ${s.minimum}`);
  if (s.maximum !== undefined) limits.push(`≤ ${s.maximum}`);
  if (s.minLength) limits.push(`at least ${s.minLength} characters`);
  if (s.maxLength && s.maxLength < 1024) limits.push(`at most ${s.maxLength} characters`);
  if (s.minItems) limits.push(`at least ${s.minItems}`);
  if (s.maxItems) limits.push(`at most ${s.maxItems}`);
  let type = s.type ?? "any";
  if (type === "array" && s.items) type = `list of ${s.items.type === "object" ? "objects" : describeType(s.items)}`;
  if (type === "object" && typeof s.additionalProperties === "object") type = `map of ${describeType(s.additionalProperties)}`;
  return [type, ...limits].join(", ");
}

function rows(s: JsonSchema, path: string, required: boolean, comments: Map<string, Record<string, string>>, meaning: string): Row[] {
  const here: Row = {
    path,
    required,
    type: describeType(s),
    defaultValue: s.default === undefined ? "" : code(JSON.stringify(s.default)),
    meaning,
  };
  const variants = s.oneOf ?? s.anyOf;
  if (variants?.some((v) => v.properties)) {
    // A tagged union (such as `state`): the fields of every variant, once each, required only where every variant requires them.
    const merged = new Map<string, Row>();
    for (const v of variants) {
      for (const row of rows(v, path, required, comments, meaning).slice(1)) {
        const seen = merged.get(row.path);
        merged.set(
          row.path,
          seen
            ? {
                ...seen,
                type: seen.type === row.type ? seen.type : `${seen.type} or ${row.type}`,
                required: false,
                meaning: seen.meaning || row.meaning,
              }
            : row,
        );
      }
    }
    return [{ ...here, type: "object" }, ...merged.values()];
  }
  if (s.type === "array" && s.items?.properties) return [here, ...rows(s.items, `${path}[]`, required, comments, meaning).slice(1)];
  if (!s.properties) return [here];
  const keys = Object.keys(s.properties);
  const docs = comments.get([...keys].sort().join(",")) ?? {};
  const children = keys.flatMap((key) =>
    rows(s.properties![key], path ? `${path}.${key}` : key, (s.required ?? []).includes(key), comments, docs[key] ?? ""),
  );
  return path ? [here, ...children] : children;
}

/** docs/configuration.md. */
export function configReference(): string {
  const all = rows(configJsonSchema(), "", true, fieldComments(), "");
  const table = [
    "| field | required | type and allowed values | default | meaning |",
    "| --- | --- | --- | --- | --- |",
    ...all.map((r) => `| ${code(r.path)} | ${r.required ? "yes" : ""} | ${r.type} | ${r.defaultValue} | ${r.meaning.replace(/\|/g, "\\|")} |`),
  ];
  return [
    "# Configuration reference",
    "",
    GENERATED_NOTE("the config schema (`lib/config/schema.ts` and the field schemas it imports)"),
    "",
    "A landing-zone config is one YAML or JSON file, validated as a whole before anything is built:",
    "`npx sovereign-lz validate <file>` prints every problem as `<path>: <problem> (allowed: ...)`.",
    "Rules that span fields (subnet ranges that overlap, members outside `organization.domain`, keys a profile forbids, ...)",
    "are checked too and reported the same way; they are not listed here.",
    "Editors can check a config as you type with the JSON Schema",
    "[`schemas/landing-zone-config.schema.json`](schemas/landing-zone-config.schema.json) (YAML language server:",
    "`# yaml-language-server: $schema=<path to it>` on the first line).",
    "",
    "`a.b` is a field of an object, `a[]` an item of a list. A field of an optional object is required only when the object is given.",
    "",
    ...table,
    "",
  ].join("\n");
}
