/**
 * Field rules as data: the patterns and messages the config schema (zod, in
 * lib/config/fields.ts) and the constructs (their props, used without a
 * config) both apply, so a value is refused the same way on either path.
 */
import { PROJECT_ID_RULE } from "./patterns";

/** A pattern a field must match, what is wrong when it does not, and what is allowed. */
export interface FieldRule {
  readonly pattern: RegExp;
  /** Appended to the value: `"Prod Env!" <problem>`. */
  readonly problem: string;
  /** What fits, for `(allowed: ...)`. */
  readonly allowed: string;
}

/** Lower-case identifier of at most `max` characters, used in resource names and project ids. */
export function identifierRule(max: number): FieldRule {
  return {
    pattern: new RegExp(`^[a-z][a-z0-9-]{0,${max - 2}}[a-z0-9]$`),
    problem: `must be 2 to ${max} lower-case letters, digits or hyphens, starting with a letter and not ending with a hyphen`,
    allowed: `a project id part such as prod`,
  };
}

/** An IPv4 CIDR range of /8 to /30. */
export const IPV4_CIDR: FieldRule = {
  pattern: /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}\/([89]|[12]\d|30)$/,
  problem: "must be an IPv4 CIDR range with a prefix length between /8 and /30, such as 10.10.0.0/20",
  allowed: "an IPv4 range /8 to /30 such as 10.10.0.0/20",
};

/** Terraform interpolation or a template directive (`${`, `%{`): Terraform evaluates it at plan. */
export const INTERPOLATION = /[$%]\{/;

/** A cdktf token as a construct receives it (`${TfToken[TOKEN.12]}`, cdktf's encoding of a value known at apply). */
const CDKTF_TOKEN = /\$\{TfToken\[[^\]]*\]\}/g;

/** Whether a construct prop holds a cdktf token (a reference, known at apply). */
export const holdsToken = (value: string): boolean => value.search(CDKTF_TOKEN) >= 0;

/**
 * The message when `value` holds interpolation the caller wrote (not a cdktf
 * token): `${file("/etc/passwd")}` in a description would be read on the
 * deployer's machine at plan and sent to Google's API.
 */
export function interpolationProblem(field: string, value: string): string | undefined {
  return INTERPOLATION.test(value.replace(CDKTF_TOKEN, ""))
    ? `${field}: ${JSON.stringify(value)} must not contain Terraform interpolation ("\${" or "%{") (allowed: plain text, or a cdktf token)`
    : undefined;
}

/** The interpolation problems of free-text props (strings, and string maps such as labels), by field name. */
export function textProblems(fields: Readonly<Record<string, string | Readonly<Record<string, string>> | undefined>>): string[] {
  return Object.entries(fields).flatMap(([field, value]) => {
    if (typeof value === "string") return [interpolationProblem(field, value)].filter((p): p is string => !!p);
    return Object.entries(value ?? {}).flatMap(([k, v]) =>
      [interpolationProblem(`${field}.${k}`, k), interpolationProblem(`${field}.${k}`, String(v))].filter((p): p is string => !!p).slice(0, 1),
    );
  });
}

/** Throws `<path>: <problem>` for the first free-text prop holding interpolation (see `textProblems`). */
export function assertPlainText(path: string, fields: Parameters<typeof textProblems>[0]): void {
  const [problem] = textProblems(fields);
  if (problem) throw new Error(`${path}: ${problem}`);
}

/** A Google Cloud project id. */
export const PROJECT_ID: FieldRule = {
  pattern: PROJECT_ID_RULE,
  problem: "breaks project id rules",
  allowed: "6 to 30 lower-case letters, digits or hyphens, starting with a letter",
};

/** The construct message for `value` at `field` when it breaks `rule`, or undefined; a cdktf token (known at apply) is left to Google's API. */
export function fieldProblem(rule: FieldRule, field: string, value: string): string | undefined {
  const interpolation = interpolationProblem(field, value);
  if (interpolation) return interpolation;
  return rule.pattern.test(value) || holdsToken(value) ? undefined : `${field}: "${value}" ${rule.problem} (allowed: ${rule.allowed})`;
}

/** Characters that show nothing in a report: controls, format characters (zero-width spaces, joiners, marks) and the blank letters of Hangul and Braille. */
const INVISIBLE = /[\p{Cc}\p{Cf}\u115f\u1160\u2800\u3164\uffa0]/gu;

/** The length of a text as a reader sees it: invisible characters left out, blanks at either end trimmed. */
export const visibleLength = (text: string): number => text.replace(INVISIBLE, "").trim().length;
