/**
 * The SARIF 2.1.0 JSON schema, validated with ajv. The schema file comes from
 * the npm package `@microsoft/jest-sarif` (Microsoft's SARIF SDK for
 * JavaScript): `sarif-2.1.0-rtm.5.json`, the schema SchemaStore publishes for
 * SARIF 2.1.0. Compared with the OASIS standard's schema
 * (`sarif-schema-2.1.0.json`, errata 01) it differs only in descriptions and
 * in its JSON Schema draft (04 rather than 07): every keyword it uses (type,
 * properties, additionalProperties, required, enum, items, minItems,
 * uniqueItems, pattern, format, minimum, $ref, anyOf, oneOf) means the same in
 * both drafts, so ajv's draft-07 validator applies it as written once the
 * draft-04 `id` and `$schema` are set aside. Its `language` pattern has a
 * stray `]` (fixed in errata 01) that only a non-Unicode regular expression
 * accepts, hence `unicodeRegExp: false`. Formats `uri`, `uri-reference` and
 * `date-time` are checked here.
 */
import Ajv, { type ErrorObject } from "ajv";
import { readFileSync } from "node:fs";
import { join, dirname } from "node:path";

const SCHEMA_FILE = join(dirname(require.resolve("@microsoft/jest-sarif/package.json")), "lib/schemas/sarif-2.1.0-rtm.5.json");

function isUri(s: string, relativeAllowed: boolean): boolean {
  if (/\s/.test(s)) return false;
  try {
    new URL(s);
    return true;
  } catch {
    return relativeAllowed;
  }
}

let validator: ReturnType<Ajv["compile"]> | undefined;

/** The schema problems of a SARIF log ([] when valid). */
export function sarifProblems(log: unknown): string[] {
  if (!validator) {
    const { $schema: _draft, id: _id, ...schema } = JSON.parse(readFileSync(SCHEMA_FILE, "utf8"));
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    ajv.addFormat("uri", (s: string) => isUri(s, false));
    ajv.addFormat("uri-reference", (s: string) => isUri(s, true));
    ajv.addFormat("date-time", /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
    validator = ajv.compile(schema);
  }
  return validator(log) ? [] : (validator.errors ?? []).map((e: ErrorObject) => `${e.instancePath || "/"} ${e.message}`);
}
