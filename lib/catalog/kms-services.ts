import { deepFreeze } from "../freeze";
/** Cloud KMS-backed services a tenant may use; one crypto key each (the key custody, the workloads and the config read this list). */
export const KMS_SERVICES = deepFreeze([
  "storage",
  "bigquery",
  "compute",
  "pubsub",
  "secretmanager",
  "artifactregistry",
  "logging",
  "sql",
  "container",
] as const);
export type KmsService = (typeof KMS_SERVICES)[number];
