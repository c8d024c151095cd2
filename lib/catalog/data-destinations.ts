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
        "rendered manifests, logs and outputs of every render and deploy ('Cloud Storage location in which to store execution outputs': https://cloud.google.com/ruby/docs/reference/google-cloud-deploy-v1/latest/Google-Cloud-Deploy-V1-ExecutionConfig)",
    },
  ],
  google_composer_environment: [
    {
      path: "config.recovery_config.scheduled_snapshots_config.snapshot_location",
      kind: "bucket",
      reason:
        "environment snapshots: the Airflow database, DAGs and data of the environment bucket ('the URI of a bucket folder where to save the snapshot': https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/composer_environment#snapshot_location)",
    },
  ],
  google_dataproc_metastore_service: [
    {
      path: "scheduled_backup.backup_location",
      kind: "bucket",
      reason:
        "metadata backups of the service ('a sub-folder containing backup files will be stored below it': https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/dataproc_metastore_service#backup_location)",
    },
  ],
  google_netapp_volume: [
    {
      path: "backup_config.backup_vault",
      kind: "resource",
      targets: { google_netapp_backup_vault: "name" },
      reason:
        "scheduled backups of the volume, kept in the vault (and its backup_region) (https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/netapp_volume#backup_vault; a vault's backup_region is 'Region in which backup is stored': https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/netapp_backup_vault#backup_region)",
    },
  ],
  google_netapp_volume_replication: [
    {
      path: "destination_volume_parameters.storage_pool",
      kind: "resource",
      targets: { google_netapp_storage_pool: "name" },
      reason:
        "a replica of the volume in the destination pool ('storage pool for the destination volume': https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/netapp_volume_replication#storage_pool)",
    },
  ],
  google_backup_dr_backup_plan: [
    {
      path: "backup_vault",
      kind: "resource",
      targets: { google_backup_dr_backup_vault: "backup_vault_id" },
      reason:
        "backups of every resource the plan protects, kept in the vault ('Backup vault where the backups gets stored': https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/backup_dr_backup_plan#backup_vault)",
    },
  ],
  google_bigquery_routine: [
    {
      path: "remote_function_options.endpoint",
      kind: "endpoint",
      reason:
        "BigQuery sends the rows a query passes to a remote function to this endpoint (https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/bigquery_routine#endpoint, a Cloud Functions URL such as https://us-east1-my_gcf_project.cloudfunctions.net/remote_add)",
    },
  ],
};
