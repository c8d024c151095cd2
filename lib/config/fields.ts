/**
 * Reusable field schemas: identifiers, emails, CIDR ranges. Each carries a
 * message that says what is allowed, so a config error reads as a fix.
 */
import { z } from "zod";
import { INTERPOLATION, IPV4_CIDR, identifierRule, visibleLength } from "../field-rules";

/** A string that Terraform must never evaluate: `${` and `%{` are rejected. */
export const literal = () =>
  z
    .string()
    .max(1024, { error: `must be at most 1024 characters` })
    .refine((s) => !INTERPOLATION.test(s), {
      error: `must not contain Terraform interpolation ("\${" or "%{")`,
    });

/** Lower-case identifier used in resource names and project ids. */
export const identifier = (max: number) => {
  const rule = identifierRule(max);
  return z.string().regex(rule.pattern, { error: rule.problem });
};

/** A user-managed service account email (`*.iam.gserviceaccount.com`, `*.s3ns.iam.gserviceaccount.com` on S3NS). */
export const serviceAccountEmail = z.string().regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]@[a-z0-9:.-]+\.iam\.gserviceaccount\.com$/, {
  error: "must be a service account email such as deployer@my-project.iam.gserviceaccount.com",
});

export const email = z.string().regex(/^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$/, { error: "must be an email address" });

export const domain = z.string().regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, {
  error: "must be a lower-case DNS domain such as example.fr",
});

export const ipv4Cidr = z.string().regex(IPV4_CIDR.pattern, { error: IPV4_CIDR.problem });

/** Numeric Google Cloud project or organization id. */
export const numericId = z.string().regex(/^[0-9]{6,20}$/, { error: 'must be 6 to 20 digits, in quotes (such as "123456789012")' });

/** A free-text reason, required wherever a safety rule is waived. */
export const reason = literal().pipe(
  z
    .string()
    .trim()
    .refine((text) => visibleLength(text) >= 10, { error: "is too short: a reason of at least 10 characters is required to waive a rule" }),
);

/** The last day a waiver holds (`YYYY-MM-DD`); after it the waiver is a finding. */
export const expires = z
  .string()
  .refine((d) => /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(Date.parse(d)), { error: "must be a date as YYYY-MM-DD" });

/** A field renamed: present, it is an error naming the new field. */
export function renamed(to: string) {
  return z
    .unknown()
    .refine((v) => v === undefined, { error: `was renamed (allowed: ${to})` })
    .optional();
}

/** Resource labels (GCP rules: lower-case keys and values, at most 63 characters). */
export const labels = z.record(
  z.string().regex(/^[a-z][a-z0-9_-]{0,62}$/, { error: "label keys must be lower-case, start with a letter, at most 63 characters" }),
  z.string().regex(/^[a-z0-9_-]{0,63}$/, { error: "label values must be lower-case letters, digits, _ or -, at most 63 characters" }),
);
