/** Defaults of the audit logging, read by the construct and by the config schema (no cdktf here: `validate` loads it). */

/** Retention of an audit log bucket, in days. */
export const DEFAULT_LOG_RETENTION_DAYS = 400;
