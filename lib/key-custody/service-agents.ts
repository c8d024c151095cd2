/**
 * Google-managed service agents that encrypt data with a tenant's keys
 * (DESIGN.md section 6), per profile.
 */
import type { SovereigntyProfile } from "../profiles/profile";
import type { KmsService } from "./config";

/** Local part and sub-domain of each service agent; `N` is the project number. */
const AGENTS: Record<KmsService, (n: string) => string> = {
  storage: (n) => `service-${n}@gs-project-accounts`,
  bigquery: (n) => `bq-${n}@bigquery-encryption`,
  compute: (n) => `service-${n}@compute-system`,
  container: (n) => `service-${n}@container-engine-robot`,
  sql: (n) => `service-${n}@gcp-sa-cloud-sql`,
  pubsub: (n) => `service-${n}@gcp-sa-pubsub`,
  secretmanager: (n) => `service-${n}@gcp-sa-secretmanager`,
  artifactregistry: (n) => `service-${n}@gcp-sa-artifactregistry`,
  logging: (n) => `service-${n}@gcp-sa-logging`,
};

/** Email of the service agent of `service` in the project numbered `projectNumber`. */
export function serviceAgentEmail(profile: SovereigntyProfile, service: KmsService, projectNumber: string): string {
  return `${AGENTS[service](projectNumber)}.${profile.serviceAgentDomain}`;
}

/** The API each service needs enabled. */
export const SERVICE_APIS: Record<KmsService, string> = {
  storage: "storage.googleapis.com",
  bigquery: "bigquery.googleapis.com",
  compute: "compute.googleapis.com",
  container: "container.googleapis.com",
  sql: "sqladmin.googleapis.com",
  pubsub: "pubsub.googleapis.com",
  secretmanager: "secretmanager.googleapis.com",
  artifactregistry: "artifactregistry.googleapis.com",
  logging: "logging.googleapis.com",
};
