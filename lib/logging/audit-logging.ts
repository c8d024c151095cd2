import { Construct } from "constructs";
import type { ITerraformDependable } from "../core";
import {
  DataGoogleLoggingFolderSettings,
  DataGoogleLoggingProjectCmekSettings,
  LoggingFolderSettings,
  LoggingFolderSink,
  LoggingProjectBucketConfig,
  ProjectIamMember,
} from "../google";
import type { IFolderRef } from "../folder-ref";
import type { ITenantKeys } from "../key-custody/key-refs";
import { DEFAULT_LOG_RETENTION_DAYS } from "./defaults";
import { applyProtection, type ProtectProps } from "../deletion-protection";

/** The audit logs routed to the tenant's bucket. */
export const AUDIT_LOG_FILTER = 'logName:"cloudaudit.googleapis.com"';

/** Props of `AuditLogging`; `protect` covers its log bucket. */
export interface AuditLoggingProps extends ProtectProps {
  /** The folder whose audit logs are kept (with every project below it). */
  readonly folder: IFolderRef;
  /** Project that holds the log bucket. */
  readonly projectId: string;
  readonly region: string;
  /** Operator keys: the `logging` key encrypts the bucket and the folder's log storage. */
  readonly keys: ITenantKeys;
  /** Name of the log bucket and of the sink. @default "tenant-audit" */
  readonly name?: string;
  /** Retention of the bucket, in days. @default 400 */
  readonly retentionDays?: number;
  /** Resources to create first (the Logging API). @default - none */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * A folder's audit trail, in the region and under an operator key: a CMEK
 * log bucket, a folder sink routing the audit logs of every project below
 * the folder to it, and folder logging settings. Each Logging service
 * account is granted on the key before the resource that needs it. Used for
 * the landing-zone root folder and for each tenant folder.
 */
export class AuditLogging extends Construct {
  readonly bucket: LoggingProjectBucketConfig;
  readonly sink: LoggingFolderSink;
  readonly settings: LoggingFolderSettings;

  constructor(scope: Construct, id: string, props: AuditLoggingProps) {
    super(scope, id);
    const { keys, projectId, region } = props;
    const name = props.name ?? "tenant-audit";
    const kmsKeyName = keys.keyId("logging");

    const projectCmek = new DataGoogleLoggingProjectCmekSettings(this, "project-cmek", {
      project: projectId,
      dependsOn: props.dependsOn,
    });
    const bucketGrant = keys.grantEncryptDecrypt(this, "bucket-key-grant", "logging", `serviceAccount:${projectCmek.serviceAccountId}`);
    this.bucket = new LoggingProjectBucketConfig(this, "bucket", {
      project: projectId,
      location: region,
      bucketId: name,
      retentionDays: props.retentionDays ?? DEFAULT_LOG_RETENTION_DAYS,
      cmekSettings: { kmsKeyName },
      dependsOn: [bucketGrant],
    });
    applyProtection(this.bucket, props.protect);

    this.sink = new LoggingFolderSink(this, "sink", {
      name,
      folder: props.folder.folderId,
      includeChildren: true,
      filter: AUDIT_LOG_FILTER,
      destination: `logging.googleapis.com/projects/${projectId}/locations/${region}/buckets/${name}`,
      dependsOn: [this.bucket],
    });
    new ProjectIamMember(this, "sink-writer", {
      project: projectId,
      role: "roles/logging.bucketWriter",
      member: this.sink.writerIdentity,
    });

    const folderLogging = new DataGoogleLoggingFolderSettings(this, "folder-settings", { folder: props.folder.folderId });
    const settingsGrant = keys.grantEncryptDecrypt(this, "folder-key-grant", "logging", `serviceAccount:${folderLogging.kmsServiceAccountId}`);
    this.settings = new LoggingFolderSettings(this, "settings", {
      folder: props.folder.folderId,
      storageLocation: region,
      kmsKeyName,
      dependsOn: [settingsGrant],
    });
  }
}
