/**
 * Attributes that make a service write a copy of a resource's data somewhere else: backups, snapshots, replicas,
 * execution outputs, working buckets (staging, temporary and environment buckets a job or an environment writes its
 * data to), rows sent to a remote function. The copy leaves with the data whatever the resource's own
 * location and key, so SOV-DATA-001 requires the destination to be a compliant resource of the checked stacks (or,
 * for an endpoint, a Cloud Run or Cloud Functions URL in the region).
 *
 * - `bucket`: a bucket name or a `gs://bucket/path` URI;
 * - `resource`: the id of a resource of one of `targets` (matched by reference, or by its last path segment against
 *   the target's `name` attribute);
 * - `endpoint`: an HTTPS URL;
 * - `dataset`: a BigQuery dataset or table id (`projects/P/datasets/D`, `bq://P.D[.T]`,
 *   `//bigquery.googleapis.com/projects/P/datasets/D[/tables/T]`, `P:D`);
 * - `topic`: a Pub/Sub topic id (`projects/P/topics/T`);
 * - `location`: the region or multi-region the service writes the copy to, one of the type's catalogued locations
 *   (SOV-LOC-001 judges it when set): listed for its `ifAbsent` default.
 */
export interface DataDestination {
  readonly path: string;
  readonly kind: "bucket" | "resource" | "endpoint" | "dataset" | "topic" | "location";
  /** For `resource`: the types it may name, each with the attribute its id ends with. */
  readonly targets?: Readonly<Record<string, string>>;
  /** What the service writes there, and where Google says so. */
  readonly reason: string;
  /**
   * When the attribute is absent the service writes the data to a destination of its own choosing, outside the
   * boundary (`default`, cited): a finding, where `within` is present and not `false` (the block the attribute belongs
   * to, or the switch that turns the copy on; the whole resource when not given) and `unless` is not (another form of
   * the resource, with its own destination).
   */
  readonly ifAbsent?: { readonly within?: string; readonly unless?: string; readonly default: string };
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

const REGISTRY = "https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources";
const DATAPROC_BUCKETS = "https://cloud.google.com/dataproc/docs/concepts/configuring-clusters/staging-bucket";
/**
 * The parent that holds a child's data, named by its short name (a table's dataset, a database's instance): the
 * parent's location and keys are the child's, so a parent outside the checked stacks is a destination the rules cannot see.
 */
const parent = (path: string, targets: Readonly<Record<string, string>>, reason: string): DataDestination => ({
  path,
  kind: "resource",
  targets,
  reason,
});
/** The template a managed instance group builds every instance from: their disks, keys and images are the template's. */
const groupTemplate = (doc: string): DataDestination =>
  parent(
    "version.instance_template",
    { google_compute_instance_template: "name", google_compute_region_instance_template: "name" },
    `the disks of every instance the group creates, built as the template says, their keys included ('The full URL to an instance template from which all new instances of this version will be created': ${REGISTRY}/${doc}#instance_template)`,
  );
/** A working bucket: what the service writes there, cited. */
const working = (path: string, reason: string): DataDestination => ({ path, kind: "bucket", reason });
/** What Dataproc does when a cluster names no staging or temp bucket. */
const DATAPROC_DEFAULT = `Dataproc then creates and shares its own staging and temp buckets in the US, ASIA or EU multi-region chosen by the cluster's zone, outside the region (${DATAPROC_BUCKETS})`;
/** Dataproc staging and temp buckets of a cluster configuration (`prefix` is where the configuration sits; `ifAbsent` when the default applies). */
const dataprocClusterBuckets = (prefix: string, doc: string, ifAbsent: { within?: string; unless?: string }): readonly DataDestination[] => [
  {
    ...working(
      `${prefix}.staging_bucket`,
      `job dependencies, job driver output and cluster configuration files (${REGISTRY}/${doc}#staging_bucket; ${DATAPROC_BUCKETS})`,
    ),
    ifAbsent: { ...ifAbsent, default: DATAPROC_DEFAULT },
  },
  {
    ...working(
      `${prefix}.temp_bucket`,
      `ephemeral cluster and job data such as Spark and MapReduce history files (${REGISTRY}/${doc}#temp_bucket; ${DATAPROC_BUCKETS})`,
    ),
    ifAbsent: { ...ifAbsent, default: DATAPROC_DEFAULT },
  },
];
/** The staging bucket of a Dataproc Serverless workload (batch or session). */
const dataprocServerlessBucket = (doc: string): readonly DataDestination[] => [
  working(
    "environment_config.execution_config.staging_bucket",
    `workload dependencies, configuration files, workload output and other ephemeral data such as Spark history files (${REGISTRY}/${doc}#staging_bucket; https://cloud.google.com/dataproc-serverless/docs/concepts/buckets)`,
  ),
];
const dialogflowAudio = (doc: string): readonly DataDestination[] => [
  working("advanced_settings.audio_export_gcs_destination.uri", `recordings of conversations (${REGISTRY}/${doc}#uri)`),
];
const transcoderOutput = (doc: string): readonly DataDestination[] => [
  working("config.output.uri", `the transcoded media ('URI for the output file(s)': ${REGISTRY}/${doc}#uri)`),
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
    working(
      "storage_config.bucket",
      `the environment's bucket: DAGs, plugins, data and task logs ('Name of an existing Cloud Storage bucket to be used by the environment': ${REGISTRY}/composer_environment#bucket; https://cloud.google.com/composer/docs/composer-2/cloud-storage)`,
    ),
    {
      path: "config.recovery_config.scheduled_snapshots_config.snapshot_location",
      kind: "bucket",
      reason:
        "environment snapshots: the Airflow database, DAGs and data of the environment bucket ('the URI of a bucket folder where to save the snapshot': https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/composer_environment#snapshot_location)",
    },
  ],
  google_dataflow_job: [
    working(
      "temp_gcs_location",
      `the job's temporary data ('A writeable location on Google Cloud Storage for the Dataflow job to dump its temporary data': ${REGISTRY}/dataflow_job#temp_gcs_location)`,
    ),
  ],
  // google-beta only.
  google_dataflow_flex_template_job: [
    working(
      "temp_location",
      "the job's temporary files (https://registry.terraform.io/providers/hashicorp/google-beta/6.50.0/docs/resources/dataflow_flex_template_job#temp_location)",
    ),
    working(
      "staging_location",
      "the job's staged files: the pipeline's code and dependencies (https://registry.terraform.io/providers/hashicorp/google-beta/6.50.0/docs/resources/dataflow_flex_template_job#staging_location)",
    ),
  ],
  google_data_pipeline_pipeline: [
    working(
      "workload.dataflow_launch_template_request.launch_parameters.environment.temp_location",
      `temporary files of every job the pipeline launches (${REGISTRY}/data_pipeline_pipeline#temp_location)`,
    ),
    working(
      "workload.dataflow_flex_template_request.launch_parameter.environment.temp_location",
      `temporary files of every job the pipeline launches (${REGISTRY}/data_pipeline_pipeline#temp_location)`,
    ),
  ],
  google_dataproc_cluster: [
    // A cluster on Compute Engine (cluster_config, also when omitted) or on GKE (virtual_cluster_config).
    ...dataprocClusterBuckets("cluster_config", "dataproc_cluster", { unless: "virtual_cluster_config" }),
    {
      ...working(
        "virtual_cluster_config.staging_bucket",
        `job dependencies, configuration files and job driver console output (${REGISTRY}/dataproc_cluster#staging_bucket; ${DATAPROC_BUCKETS})`,
      ),
      ifAbsent: {
        within: "virtual_cluster_config",
        default: `Dataproc then determines a US, ASIA or EU location for the staging bucket (${REGISTRY}/dataproc_cluster#staging_bucket)`,
      },
    },
  ],
  // A managed cluster is created for each run; a cluster_selector runs on an existing cluster, judged as its own resource.
  google_dataproc_workflow_template: dataprocClusterBuckets("placement.managed_cluster.config", "dataproc_workflow_template", {
    within: "placement.managed_cluster",
  }),
  google_dataproc_batch: dataprocServerlessBucket("dataproc_batch"),
  google_dataproc_session_template: dataprocServerlessBucket("dataproc_session_template"),
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
  google_compute_disk_async_replication: [
    {
      path: "secondary_disk.disk",
      kind: "resource",
      targets: { google_compute_disk: "name", google_compute_region_disk: "name" },
      reason:
        "every write to the primary disk, replicated to the secondary disk ('cross-region active-passive disaster recovery': https://cloud.google.com/compute/docs/disks/async-pd/about; https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/compute_disk_async_replication#disk)",
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
  google_sql_database_instance: [
    working(
      "settings.sql_server_audit_config.bucket",
      `SQL Server audit files ('The name of the destination bucket': ${REGISTRY}/sql_database_instance#bucket)`,
    ),
    {
      path: "settings.backup_configuration.location",
      kind: "location",
      reason:
        "automated backups of the instance, stored in that region or multi-region (https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/sql_database_instance#location-1; 'Multi-regional locations are only used for backups': https://cloud.google.com/sql/docs/postgres/locations)",
      ifAbsent: {
        within: "settings.backup_configuration.enabled",
        default:
          "Cloud SQL then stores the backups in the multi-region closest to the instance, outside the region ('Backups are stored in the closest multi-region location to you by default': https://cloud.google.com/sdk/gcloud/reference/sql/backups/create)",
      },
    },
  ],
  google_transcoder_job: transcoderOutput("transcoder_job"),
  google_transcoder_job_template: transcoderOutput("transcoder_job_template"),
  google_data_loss_prevention_job_trigger: [
    working(
      "inspect_job.actions.deidentify.cloud_storage_output",
      `de-identified copies of the inspected files (${REGISTRY}/data_loss_prevention_job_trigger#cloud_storage_output)`,
    ),
  ],
  google_dialogflow_cx_agent: dialogflowAudio("dialogflow_cx_agent"),
  google_dialogflow_cx_flow: dialogflowAudio("dialogflow_cx_flow"),
  google_bigquery_table: [
    working(
      "biglake_configuration.storage_uri",
      `the data of a BigLake managed table ('external folder where table data is stored': ${REGISTRY}/bigquery_table#storage_uri)`,
    ),
    parent(
      "dataset_id",
      { google_bigquery_dataset: "dataset_id" },
      `the table's rows, in its dataset's location ('The dataset ID to create the table in': ${REGISTRY}/bigquery_table#dataset_id; 'Tables are created in the same location as the dataset': https://cloud.google.com/bigquery/docs/locations)`,
    ),
  ],
  google_storage_bucket_object: [
    {
      path: "bucket",
      kind: "bucket",
      reason: `the object's content, stored in the bucket ('The name of the containing bucket': ${REGISTRY}/storage_bucket_object#bucket)`,
    },
  ],
  google_sql_database: [
    parent(
      "instance",
      { google_sql_database_instance: "name" },
      `the database, held by the instance ('The name of the Cloud SQL instance': ${REGISTRY}/sql_database#instance)`,
    ),
  ],
  google_bigtable_table: [
    parent(
      "instance_name",
      { google_bigtable_instance: "name" },
      `the table's rows, in the instance's clusters ('The name of the Bigtable instance': ${REGISTRY}/bigtable_table#instance_name)`,
    ),
  ],
  google_secret_manager_secret_version: [
    parent(
      "secret",
      { google_secret_manager_secret: "secret_id" },
      `the secret's payload, stored where the secret's replication puts it ('Secret Manager secret resource': ${REGISTRY}/secret_manager_secret_version#secret; https://cloud.google.com/secret-manager/docs/choosing-replication)`,
    ),
  ],
  google_parameter_manager_parameter_version: [
    parent(
      "parameter",
      { google_parameter_manager_parameter: "parameter_id" },
      `the version's data, held by its parameter ('Parameter Manager Parameter resource': ${REGISTRY}/parameter_manager_parameter_version#parameter)`,
    ),
  ],
  google_compute_instance_group_manager: [groupTemplate("compute_instance_group_manager")],
  google_compute_region_instance_group_manager: [groupTemplate("compute_region_instance_group_manager")],
  google_bigquery_data_transfer_config: [
    {
      path: "destination_dataset_id",
      kind: "resource",
      targets: { google_bigquery_dataset: "dataset_id" },
      reason: `every transfer run's rows, written into the dataset ('The BigQuery target dataset id': ${REGISTRY}/bigquery_data_transfer_config#destination_dataset_id)`,
    },
  ],
  google_spanner_database: [
    parent(
      "instance",
      { google_spanner_instance: "name" },
      `the database, in the instance's configuration ('The instance to create the database on': ${REGISTRY}/spanner_database#instance)`,
    ),
  ],
  google_datastream_connection_profile: [
    working(
      "gcs_profile.bucket",
      `the change stream a Datastream stream writes to this destination profile (${REGISTRY}/datastream_connection_profile#bucket; Cloud Storage is a destination only: https://cloud.google.com/datastream/docs/destination-gcs)`,
    ),
  ],
  google_cloudbuild_trigger: [
    {
      path: "build.logs_bucket",
      kind: "bucket",
      reason: "the build logs (https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/cloudbuild_trigger#logs_bucket)",
    },
    working("build.artifacts.objects.location", `the build's artifacts, uploaded after the build (${REGISTRY}/cloudbuild_trigger#location)`),
  ],
  google_vertex_ai_endpoint: [
    {
      path: "predict_request_response_logging_config.bigquery_destination.output_uri",
      kind: "dataset",
      reason:
        "every prediction request and response, logged to BigQuery (https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/vertex_ai_endpoint#output_uri)",
    },
  ],
  google_datastream_stream: [
    {
      path: "destination_config.destination_connection_profile",
      kind: "resource",
      targets: { google_datastream_connection_profile: "connection_profile_id" },
      reason: `every change replicated from the source, written where the destination profile points (${REGISTRY}/datastream_stream#destination_connection_profile)`,
    },
    {
      path: "destination_config.bigquery_destination_config.single_target_dataset.dataset_id",
      kind: "dataset",
      reason: `every change replicated from the source, written to the dataset ('in the format projects/{project}/datasets/{dataset_id} or {project}:{dataset_id}': ${REGISTRY}/datastream_stream#dataset_id)`,
    },
  ],
  google_healthcare_fhir_store: [
    {
      path: "stream_configs.bigquery_destination.dataset_uri",
      kind: "dataset",
      reason: `every FHIR resource change of the store, streamed to BigQuery ('in the format bq://projectId.bqDatasetId': ${REGISTRY}/healthcare_fhir_store#dataset_uri)`,
    },
  ],
  google_dataplex_datascan: [
    {
      path: "data_profile_spec.post_scan_actions.bigquery_export.results_table",
      kind: "dataset",
      reason: `profile results of the scanned data (column statistics and sample values) (${REGISTRY}/dataplex_datascan#results_table)`,
    },
    {
      path: "data_quality_spec.post_scan_actions.bigquery_export.results_table",
      kind: "dataset",
      reason: `quality results of the scanned data (${REGISTRY}/dataplex_datascan#results_table)`,
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
