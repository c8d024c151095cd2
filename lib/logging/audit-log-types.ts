/** Audit log types of an IAM audit config (Data Access audit logs), as data: the config schema and the construct read it. */
export const AUDIT_LOG_TYPES = ["ADMIN_READ", "DATA_READ", "DATA_WRITE"] as const;
export type AuditLogType = (typeof AUDIT_LOG_TYPES)[number];
