/**
 * Field rules as data: the patterns and messages the config schema (zod, in
 * lib/config/fields.ts) and the constructs (their props, used without a
 * config) both apply, so a value is refused the same way on either path.
 */

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

/** The construct message for `value` at `field` when it breaks `rule`, or undefined; a token (known at apply) is left to Google's API. */
export function fieldProblem(rule: FieldRule, field: string, value: string): string | undefined {
  return rule.pattern.test(value) || value.includes("${") ? undefined : `${field}: "${value}" ${rule.problem} (allowed: ${rule.allowed})`;
}
