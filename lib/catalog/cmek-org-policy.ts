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
