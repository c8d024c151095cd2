import { Construct } from "constructs";
import type { ITerraformDependable } from "../core";
import {
  DataGoogleLoggingFolderSettings,
  DataGoogleLoggingProjectCmekSettings,
  LoggingFolderSettings,
  LoggingFolderSink,
  LoggingProjectBucketConfig,
  ProjectIamMember,
  type Folder,
} from "../google";
import type { ITenantKeys } from "../key-custody/key-refs";

/** The audit logs routed to the tenant's bucket. */
export const AUDIT_LOG_FILTER = 'logName:"cloudaudit.googleapis.com"';

export interface TenantLoggingProps {
  /** The tenant folder. */
  readonly folder: Folder;
  /** Project that holds the log bucket. */
  readonly projectId: string;
  readonly region: string;
  /** The tenant's keys: the `logging` key encrypts the bucket and the folder's log storage. */
  readonly keys: ITenantKeys;
  /** Retention of the bucket, in days. @default 400 */
  readonly retentionDays?: number;
  /** Resources to create first (the Logging API). @default - none */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * The tenant's audit trail, in the region and under the operator's key: a
 * CMEK log bucket, a folder sink routing audit logs to it, and folder
 * logging settings. Each Logging service account is granted on the key
 * before the resource that needs it.
 */
export class TenantLogging extends Construct {
  readonly bucket: LoggingProjectBucketConfig;
  readonly sink: LoggingFolderSink;
  readonly settings: LoggingFolderSettings;

  constructor(scope: Construct, id: string, props: TenantLoggingProps) {
    super(scope, id);
    const { keys, projectId, region } = props;
    const kmsKeyName = keys.keyId("logging");

    const projectCmek = new DataGoogleLoggingProjectCmekSettings(this, "project-cmek", {
      project: projectId,
      dependsOn: props.dependsOn,
    });
    const bucketGrant = keys.grantEncryptDecrypt(this, "bucket-key-grant", "logging", `serviceAccount:${projectCmek.serviceAccountId}`);
    this.bucket = new LoggingProjectBucketConfig(this, "bucket", {
      project: projectId,
      location: region,
      bucketId: "tenant-audit",
      retentionDays: props.retentionDays ?? 400,
      cmekSettings: { kmsKeyName },
      dependsOn: [bucketGrant],
      lifecycle: { preventDestroy: true },
    });

    this.sink = new LoggingFolderSink(this, "sink", {
      name: "tenant-audit",
      folder: props.folder.folderId,
      includeChildren: true,
      filter: AUDIT_LOG_FILTER,
      destination: `logging.googleapis.com/projects/${projectId}/locations/${region}/buckets/tenant-audit`,
      dependsOn: [this.bucket],
    });
    new ProjectIamMember(this, "sink-writer", {
      project: projectId,
      role: "roles/logging.bucketWriter",
      member: this.sink.writerIdentity,
    });

    const folderLogging = new DataGoogleLoggingFolderSettings(this, "folder-settings", { folder: props.folder.folderId });
    const settingsGrant = keys.grantEncryptDecrypt(
      this,
      "folder-key-grant",
      "logging",
      `serviceAccount:${folderLogging.kmsServiceAccountId}`,
    );
    this.settings = new LoggingFolderSettings(this, "settings", {
      folder: props.folder.folderId,
      storageLocation: region,
      kmsKeyName,
      dependsOn: [settingsGrant],
    });
  }
}
