/**
 * Attributes that make a service write a copy of a resource's data somewhere else: backups, snapshots, replicas,
 * execution outputs, rows sent to a remote function. The copy leaves with the data whatever the resource's own
 * location and key, so SOV-DATA-001 requires the destination to be a compliant resource of the checked stacks (or,
 * for an endpoint, a Cloud Run or Cloud Functions URL in the region).
 *
 * - `bucket`: a bucket name or a `gs://bucket/path` URI;
 * - `resource`: the id of a resource of one of `targets` (matched by reference, or by its last path segment against
 *   the target's `name` attribute);
 * - `endpoint`: an HTTPS URL;
 * - `dataset`: a BigQuery dataset or table id (`projects/P/datasets/D`, `bq://P.D[.T]`);
 * - `topic`: a Pub/Sub topic id (`projects/P/topics/T`).
 */
export interface DataDestination {
  readonly path: string;
  readonly kind: "bucket" | "resource" | "endpoint" | "dataset" | "topic";
  /** For `resource`: the types it may name, each with the attribute its id ends with. */
  readonly targets?: Readonly<Record<string, string>>;
  /** What the service writes there, and where Google says so. */
  readonly reason: string;
}

const SCC_EXPORT: readonly DataDestination[] = [
  {
    path: "dataset",
    kind: "dataset",
    reason:
      "Security Command Center findings and their updates, written to the dataset (https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/scc_project_scc_big_query_export#dataset)",
  },
];
const ASSET_FEED: readonly DataDestination[] = [
  {
    path: "feed_output_config.pubsub_destination.topic",
    kind: "topic",
    reason:
      "the inventory of every asset change (names, IAM policies, configurations), published to the topic (https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/cloud_asset_project_feed#topic)",
  },
];

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
  google_colab_notebook_execution: [
    {
      path: "gcs_output_uri",
      kind: "bucket",
      reason:
        "the executed notebook and its outputs (https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/colab_notebook_execution#gcs_output_uri)",
    },
  ],
  google_colab_schedule: [
    {
      path: "create_notebook_execution_job_request.notebook_execution_job.gcs_output_uri",
      kind: "bucket",
      reason:
        "the executed notebook and its outputs, at every run (https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/colab_schedule#gcs_output_uri)",
    },
  ],
  google_dialogflow_cx_security_settings: [
    {
      path: "audio_export_settings.gcs_bucket",
      kind: "bucket",
      reason:
        "recordings of conversations ('Cloud Storage bucket to export audio record to': https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/dialogflow_cx_security_settings#gcs_bucket)",
    },
  ],
  google_project_usage_export_bucket: [
    {
      path: "bucket_name",
      kind: "bucket",
      reason:
        "the project's Compute Engine usage reports (https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/project_usage_export_bucket#bucket_name)",
    },
  ],
  google_storage_insights_report_config: [
    {
      path: "object_metadata_report_options.storage_destination_options.bucket",
      kind: "bucket",
      reason:
        "inventory reports of every object's metadata (https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/storage_insights_report_config#bucket)",
    },
  ],
  google_cloudbuild_trigger: [
    {
      path: "build.logs_bucket",
      kind: "bucket",
      reason: "the build logs (https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/cloudbuild_trigger#logs_bucket)",
    },
  ],
  google_vertex_ai_endpoint: [
    {
      path: "predict_request_response_logging_config.bigquery_destination.output_uri",
      kind: "dataset",
      reason:
        "every prediction request and response, logged to BigQuery (https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/vertex_ai_endpoint#output_uri)",
    },
  ],
  google_scc_folder_scc_big_query_export: SCC_EXPORT,
  google_scc_organization_scc_big_query_export: SCC_EXPORT,
  google_scc_project_scc_big_query_export: SCC_EXPORT,
  google_scc_v2_folder_scc_big_query_export: SCC_EXPORT,
  google_scc_v2_organization_scc_big_query_export: SCC_EXPORT,
  google_scc_v2_organization_scc_big_query_exports: SCC_EXPORT,
  google_scc_v2_project_scc_big_query_export: SCC_EXPORT,
  google_cloud_asset_folder_feed: ASSET_FEED,
  google_cloud_asset_organization_feed: ASSET_FEED,
  google_cloud_asset_project_feed: ASSET_FEED,
  google_bigquery_routine: [
    {
      path: "remote_function_options.endpoint",
      kind: "endpoint",
      reason:
        "BigQuery sends the rows a query passes to a remote function to this endpoint (https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/bigquery_routine#endpoint, a Cloud Functions URL such as https://us-east1-my_gcf_project.cloudfunctions.net/remote_add)",
    },
  ],
};
