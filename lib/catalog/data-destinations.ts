/**
 * Attributes that make a service write a copy of a resource's data somewhere else: backups, snapshots, replicas,
 * execution outputs, rows sent to a remote function. The copy leaves with the data whatever the resource's own
 * location and key, so SOV-DATA-001 requires the destination to be a compliant resource of the checked stacks (or,
 * for an endpoint, a Cloud Run or Cloud Functions URL in the region).
 *
 * - `bucket`: a bucket name or a `gs://bucket/path` URI;
 * - `resource`: the id of a resource of one of `targets` (matched by reference, or by its last path segment against
 *   the target's `name` attribute);
 * - `endpoint`: an HTTPS URL.
 */
export interface DataDestination {
  readonly path: string;
  readonly kind: "bucket" | "resource" | "endpoint";
  /** For `resource`: the types it may name, each with the attribute its id ends with. */
  readonly targets?: Readonly<Record<string, string>>;
  /** What the service writes there, and where Google says so. */
  readonly reason: string;
}

export const DATA_DESTINATIONS: Readonly<Record<string, readonly DataDestination[]>> = {
  google_clouddeploy_target: [
    {
      path: "execution_configs.artifact_storage",
      kind: "bucket",
      reason:
        "rendered manifests, logs and outputs of every render and deploy (https://cloud.google.com/deploy/docs/api/reference/rest/v1/projects.locations.targets#executionconfig)",
    },
  ],
  google_composer_environment: [
    {
      path: "config.recovery_config.scheduled_snapshots_config.snapshot_location",
      kind: "bucket",
      reason:
        "environment snapshots: the Airflow database, DAGs and data of the environment bucket (https://cloud.google.com/composer/docs/composer-2/save-load-snapshots)",
    },
  ],
  google_dataproc_metastore_service: [
    {
      path: "scheduled_backup.backup_location",
      kind: "bucket",
      reason:
        "metadata backups of the service (https://cloud.google.com/dataproc-metastore/docs/reference/rest/v1/projects.locations.services#scheduledbackup)",
    },
  ],
  google_netapp_volume: [
    {
      path: "backup_config.backup_vault",
      kind: "resource",
      targets: { google_netapp_backup_vault: "name" },
      reason:
        "scheduled backups of the volume, kept in the vault (and its backup_region) (https://cloud.google.com/netapp/volumes/docs/protect-data/about-backups)",
    },
  ],
  google_netapp_volume_replication: [
    {
      path: "destination_volume_parameters.storage_pool",
      kind: "resource",
      targets: { google_netapp_storage_pool: "name" },
      reason: "a replica of the volume in the destination pool (https://cloud.google.com/netapp/volumes/docs/protect-data/about-volume-replication)",
    },
  ],
  google_backup_dr_backup_plan: [
    {
      path: "backup_vault",
      kind: "resource",
      targets: { google_backup_dr_backup_vault: "backup_vault_id" },
      reason:
        "backups of every resource the plan protects, kept in the vault (https://cloud.google.com/backup-disaster-recovery/docs/concepts/backup-vault)",
    },
  ],
  google_bigquery_routine: [
    {
      path: "remote_function_options.endpoint",
      kind: "endpoint",
      reason:
        "BigQuery sends the rows a query passes to a remote function to this endpoint (https://cloud.google.com/bigquery/docs/remote-functions)",
    },
  ],
};
