import { deepFreeze } from "../freeze";
/**
 * Services that the organization-policy constraint `gcp.restrictNonCmekServices`
 * supports: Google's "CMEK organization policies" page, section "Supported
 * services" (https://cloud.google.com/kms/docs/cmek-org-policy, page updated
 * 2026-04-10), plus `bigquerydatatransfer.googleapis.com`, which the same page's
 * "Enforcement exceptions" table names as the service of BigQuery transfer
 * configs. The guardrail denies every one of them; the detective rule
 * SOV-KEY-001 checks every CMEK-capable type of the catalog, and
 * test/catalog/agreement.test.ts proves the two agree (docs/deployment.md).
 */
export const CMEK_ORG_POLICY_SERVICES = deepFreeze([
  "aiplatform.googleapis.com",
  "alloydb.googleapis.com",
  "apigee.googleapis.com",
  "artifactregistry.googleapis.com",
  "backupdr.googleapis.com",
  "bigquery.googleapis.com",
  "bigquerydatatransfer.googleapis.com",
  "bigtable.googleapis.com",
  "cloudfunctions.googleapis.com",
  "cloudtasks.googleapis.com",
  "composer.googleapis.com",
  "compute.googleapis.com",
  "contactcenterinsights.googleapis.com",
  "container.googleapis.com",
  "dataflow.googleapis.com",
  "dataform.googleapis.com",
  "datafusion.googleapis.com",
  "dataplex.googleapis.com",
  "dataproc.googleapis.com",
  "dialogflow.googleapis.com",
  "discoveryengine.googleapis.com",
  "documentai.googleapis.com",
  "eventarc.googleapis.com",
  "file.googleapis.com",
  "firestore.googleapis.com",
  "gkebackup.googleapis.com",
  "integrations.googleapis.com",
  "logging.googleapis.com",
  "looker.googleapis.com",
  "lustre.googleapis.com",
  "memorystore.googleapis.com",
  "netapp.googleapis.com",
  "notebooks.googleapis.com",
  "pubsub.googleapis.com",
  "redis.googleapis.com",
  "run.googleapis.com",
  "secretmanager.googleapis.com",
  "securesourcemanager.googleapis.com",
  "securitycenter.googleapis.com",
  "spanner.googleapis.com",
  "speech.googleapis.com",
  "sqladmin.googleapis.com",
  "storage.googleapis.com",
  "tpu.googleapis.com",
  "workstations.googleapis.com",
] as const);

const NO_CATALOG_TYPE = "no resource type of provider 6.50 carries its key in the catalog";

/**
 * Services the guardrail denies although no resource type of the catalog carries their key: the
 * detective rule cannot see them, only the organization policy does.
 */
export const CMEK_ORG_POLICY_ONLY: Readonly<Record<string, string>> = deepFreeze({
  "backupdr.googleapis.com": NO_CATALOG_TYPE,
  "cloudtasks.googleapis.com": "Cloud Tasks takes its key per location (CmekConfig), for which the provider has no resource",
  "contactcenterinsights.googleapis.com": NO_CATALOG_TYPE,
  "dataform.googleapis.com": NO_CATALOG_TYPE,
  "lustre.googleapis.com": NO_CATALOG_TYPE,
  "securitycenter.googleapis.com": NO_CATALOG_TYPE,
  "speech.googleapis.com": NO_CATALOG_TYPE,
  "tpu.googleapis.com": NO_CATALOG_TYPE,
  "workstations.googleapis.com": NO_CATALOG_TYPE,
});

const NOT_SUPPORTED = "not in the constraint's supported services (https://cloud.google.com/kms/docs/cmek-org-policy)";

/**
 * CMEK-capable services of the catalog that the guardrail does not deny, because the constraint does
 * not support them: only the detective rule SOV-KEY-001 covers them. Re-check the supported list at
 * https://cloud.google.com/kms/docs/cmek-org-policy on every upgrade.
 */
export const CMEK_DETECTIVE_ONLY: Readonly<Record<string, string>> = deepFreeze({
  "apihub.googleapis.com": NOT_SUPPORTED,
  "bigqueryconnection.googleapis.com": `a connection's key protects its credentials; ${NOT_SUPPORTED}`,
  "datamigration.googleapis.com": NOT_SUPPORTED,
  "datapipelines.googleapis.com": NOT_SUPPORTED,
  "datastream.googleapis.com": NOT_SUPPORTED,
  "developerconnect.googleapis.com": `a connection's key protects its credentials and repository data; ${NOT_SUPPORTED}`,
  "edgecontainer.googleapis.com": `Distributed Cloud runs outside Google's regions; ${NOT_SUPPORTED}`,
  "gemini.googleapis.com": NOT_SUPPORTED,
  "healthcare.googleapis.com": NOT_SUPPORTED,
  "managedkafka.googleapis.com": NOT_SUPPORTED,
  "metastore.googleapis.com": NOT_SUPPORTED,
  "parametermanager.googleapis.com": NOT_SUPPORTED,
  "privateca.googleapis.com": `a CA's key is its signing key (key_spec.cloud_kms_key_version), not a CMEK; ${NOT_SUPPORTED}`,
  "workflows.googleapis.com": NOT_SUPPORTED,
});
