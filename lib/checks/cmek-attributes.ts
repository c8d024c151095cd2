/**
 * The one table of CMEK-capable resource types: where each carries its
 * customer-managed key, and which service's key it must be.
 */
import type { KmsService } from "../key-custody/config";

export interface CmekAttribute {
  /** Dot path of the key attribute in the resource body (`[]` steps into lists). */
  readonly path: string;
  /** Whose key it must be. */
  readonly service: KmsService;
  /** The CMEK attribute as the provider documents it (README table). */
  readonly attribute: string;
}

export const CMEK_ATTRIBUTES: Readonly<Record<string, CmekAttribute>> = {
  google_storage_bucket: { path: "encryption.default_kms_key_name", service: "storage", attribute: "encryption.defaultKmsKeyName" },
  google_bigquery_dataset: {
    path: "default_encryption_configuration.kms_key_name",
    service: "bigquery",
    attribute: "defaultEncryptionConfiguration.kmsKeyName",
  },
  google_bigquery_table: { path: "encryption_configuration.kms_key_name", service: "bigquery", attribute: "encryptionConfiguration.kmsKeyName" },
  google_pubsub_topic: { path: "kms_key_name", service: "pubsub", attribute: "kmsKeyName" },
  google_compute_disk: { path: "disk_encryption_key.kms_key_self_link", service: "compute", attribute: "diskEncryptionKey.kmsKeySelfLink" },
  google_compute_region_disk: { path: "disk_encryption_key.kms_key_name", service: "compute", attribute: "diskEncryptionKey.kmsKeyName" },
  google_compute_image: { path: "image_encryption_key.kms_key_self_link", service: "compute", attribute: "imageEncryptionKey.kmsKeySelfLink" },
  google_sql_database_instance: { path: "encryption_key_name", service: "sql", attribute: "encryptionKeyName" },
  google_secret_manager_regional_secret: {
    path: "customer_managed_encryption.kms_key_name",
    service: "secretmanager",
    attribute: "customerManagedEncryption.kmsKeyName",
  },
  google_artifact_registry_repository: { path: "kms_key_name", service: "artifactregistry", attribute: "kmsKeyName" },
  google_logging_project_bucket_config: { path: "cmek_settings.kms_key_name", service: "logging", attribute: "cmekSettings.kmsKeyName" },
  google_logging_folder_settings: { path: "kms_key_name", service: "logging", attribute: "kmsKeyName" },
  google_container_cluster: {
    path: "database_encryption.key_name",
    service: "container",
    attribute: "databaseEncryption.keyName (and nodeConfig.bootDiskKmsKey)",
  },
};

/** The values at a dot path (`a.b`), stepping into lists and single-block lists. */
export function valuesAt(body: unknown, path: string): unknown[] {
  let current: unknown[] = [body];
  for (const step of path.split(".")) {
    current = current
      .flatMap((v) => (Array.isArray(v) ? v : [v]))
      .map((v) => (v && typeof v === "object" ? (v as Record<string, unknown>)[step] : undefined));
  }
  return current.flatMap((v) => (Array.isArray(v) ? v : [v])).filter((v) => v !== undefined && v !== null);
}
