import { Construct } from "constructs";
import { FolderIamAuditConfig } from "../google";
import { AUDIT_LOG_TYPES, type AuditLogType } from "./audit-log-types";

export interface DataAccessLogsProps {
  /** `folders/<id>` of the folder whose services log data access (every project below it inherits the config). */
  readonly folder: string;
  /** Principals (`user:`, `group:`, `serviceAccount:`, `domain:`) whose accesses of a type are not logged. @default - none */
  readonly exemptedMembers?: Partial<Record<AuditLogType, readonly string[]>>;
}

/**
 * Data Access audit logs for every service below a folder: reads of
 * configuration and metadata (`ADMIN_READ`) and reads and writes of user
 * data (`DATA_READ`, `DATA_WRITE`). Google leaves them off by default
 * (except BigQuery's); the audit sink of the folder routes them with the
 * rest of `cloudaudit.googleapis.com`.
 */
export class DataAccessLogs extends Construct {
  readonly auditConfig: FolderIamAuditConfig;

  constructor(scope: Construct, id: string, props: DataAccessLogsProps) {
    super(scope, id);
    this.auditConfig = new FolderIamAuditConfig(this, "all-services", {
      folder: props.folder,
      service: "allServices",
      auditLogConfig: AUDIT_LOG_TYPES.map((logType) => {
        const exempted = props.exemptedMembers?.[logType] ?? [];
        return { logType, exemptedMembers: exempted.length ? [...exempted] : undefined };
      }),
    });
  }
}
