/**
 * Services that the organization-policy constraint `gcp.restrictNonCmekServices`
 * supports, per Google's "CMEK organization policies" page, section "Supported
 * services": https://cloud.google.com/kms/docs/cmek-org-policy (see docs/rules.md).
 * The guardrail denies every one of them; the detective rule SOV-KEY-001 checks
 * every CMEK-capable type of the catalog, and a test proves the two agree.
 */
export const CMEK_ORG_POLICY_SERVICES = [
  "aiplatform.googleapis.com",
  "alloydb.googleapis.com",
  "artifactregistry.googleapis.com",
  "bigquery.googleapis.com",
  "bigquerydatatransfer.googleapis.com",
  "bigtable.googleapis.com",
  "cloudfunctions.googleapis.com",
  "cloudtasks.googleapis.com",
  "composer.googleapis.com",
  "compute.googleapis.com",
  "container.googleapis.com",
  "dataflow.googleapis.com",
  "datafusion.googleapis.com",
  "dataproc.googleapis.com",
  "datastream.googleapis.com",
  "dialogflow.googleapis.com",
  "discoveryengine.googleapis.com",
  "documentai.googleapis.com",
  "file.googleapis.com",
  "firestore.googleapis.com",
  "gkebackup.googleapis.com",
  "logging.googleapis.com",
  "looker.googleapis.com",
  "managedkafka.googleapis.com",
  "netapp.googleapis.com",
  "notebooks.googleapis.com",
  "pubsub.googleapis.com",
  "redis.googleapis.com",
  "run.googleapis.com",
  "secretmanager.googleapis.com",
  "securesourcemanager.googleapis.com",
  "spanner.googleapis.com",
  "sqladmin.googleapis.com",
  "storage.googleapis.com",
  "workflows.googleapis.com",
] as const;

/**
 * Services the guardrail denies although provider 6.50 has no resource type carrying their key: the
 * detective rule cannot see them, only the organization policy does.
 */
export const CMEK_ORG_POLICY_ONLY: Readonly<Record<string, string>> = {
  "cloudtasks.googleapis.com": "Cloud Tasks takes its key per location (CmekConfig), for which the provider has no resource",
};

/**
 * CMEK-capable services of the catalog that the guardrail does not deny, because they are not in the
 * constraint's supported list as transcribed above: only the detective rule SOV-KEY-001 covers them.
 * Re-check the list at https://cloud.google.com/kms/docs/cmek-org-policy on every upgrade.
 */
export const CMEK_DETECTIVE_ONLY: Readonly<Record<string, string>> = {
  "apigee.googleapis.com": "not in the transcribed supported list",
  "apihub.googleapis.com": "not in the transcribed supported list",
  "bigqueryconnection.googleapis.com": "a connection's key protects its credentials; not in the transcribed supported list",
  "datapipelines.googleapis.com": "not in the transcribed supported list",
  "datamigration.googleapis.com": "not in the transcribed supported list",
  "dataplex.googleapis.com": "not in the transcribed supported list",
  "metastore.googleapis.com": "not in the transcribed supported list",
  "edgecontainer.googleapis.com": "Distributed Cloud runs outside Google's regions; not in the transcribed supported list",
  "eventarc.googleapis.com": "not in the transcribed supported list",
  "gemini.googleapis.com": "not in the transcribed supported list",
  "healthcare.googleapis.com": "not in the transcribed supported list",
  "memorystore.googleapis.com": "not in the transcribed supported list",
  "parametermanager.googleapis.com": "not in the transcribed supported list",
};
