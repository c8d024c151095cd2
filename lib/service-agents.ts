/**
 * Google-managed service agents as data: the email of each agent the
 * landing zone grants on an operator key, the API it belongs to, and what
 * makes it exist before a grant (docs/deployment.md, "Service agents").
 * Constructs and the deploy-readiness rules read this one table.
 */

/**
 * What creates an agent before Terraform grants it a role. Google creates
 * most agents lazily, on first use of their API, and a grant to an agent
 * that does not exist yet fails.
 * - `identity`: `google_project_service_identity` (Google-beta provider).
 * - `storage-data` / `bigquery-data`: the data sources
 *   `google_storage_project_service_account` / `google_bigquery_default_service_account`,
 *   whose read creates the agent.
 * - `api`: enabling the API creates it (`google_project_service`).
 * - `logging-settings`: the Logging service account, read from the Logging
 *   settings (`data.google_logging_project_cmek_settings` / `_folder_settings`).
 */
export type AgentCreator = "identity" | "storage-data" | "bigquery-data" | "api" | "logging-settings";

export interface ServiceAgentFact {
  /** Local part before the project number: `service-` or `bq-`. */
  readonly localPrefix: string;
  /** First label of the agent's domain, e.g. `gcp-sa-pubsub`. */
  readonly subdomain: string;
  /** The API the agent belongs to. */
  readonly api: string;
  /** What makes it exist (unless the profile forces `identity`). */
  readonly createdBy: AgentCreator;
}

/** Agents by the landing zone's service name; `ekm` is the Cloud EKM agent of the operator project. */
export const SERVICE_AGENTS = {
  storage: { localPrefix: "service-", subdomain: "gs-project-accounts", api: "storage.googleapis.com", createdBy: "storage-data" },
  bigquery: { localPrefix: "bq-", subdomain: "bigquery-encryption", api: "bigquery.googleapis.com", createdBy: "bigquery-data" },
  compute: { localPrefix: "service-", subdomain: "compute-system", api: "compute.googleapis.com", createdBy: "api" },
  container: { localPrefix: "service-", subdomain: "container-engine-robot", api: "container.googleapis.com", createdBy: "api" },
  sql: { localPrefix: "service-", subdomain: "gcp-sa-cloud-sql", api: "sqladmin.googleapis.com", createdBy: "identity" },
  pubsub: { localPrefix: "service-", subdomain: "gcp-sa-pubsub", api: "pubsub.googleapis.com", createdBy: "identity" },
  secretmanager: { localPrefix: "service-", subdomain: "gcp-sa-secretmanager", api: "secretmanager.googleapis.com", createdBy: "identity" },
  artifactregistry: {
    localPrefix: "service-",
    subdomain: "gcp-sa-artifactregistry",
    api: "artifactregistry.googleapis.com",
    createdBy: "identity",
  },
  logging: { localPrefix: "service-", subdomain: "gcp-sa-logging", api: "logging.googleapis.com", createdBy: "logging-settings" },
  ekm: { localPrefix: "service-", subdomain: "gcp-sa-ekms", api: "cloudkms.googleapis.com", createdBy: "identity" },
} as const satisfies Record<string, ServiceAgentFact>;

export type AgentService = keyof typeof SERVICE_AGENTS;

/** The domain facts an agent's email depends on. */
export interface AgentDomain {
  /** Domain of Google-managed service agents on the profile. */
  readonly serviceAgentDomain: string;
  /** APIs whose agent the profile's universe needs created explicitly. @default - none */
  readonly forcedServiceIdentities?: readonly string[];
  /** APIs whose agent the profile's universe does not provide. @default - none */
  readonly unavailableServiceIdentities?: readonly string[];
}

/** Email of the agent of `service` in the project numbered `projectNumber` (a token is fine). */
export function serviceAgentEmail(domain: AgentDomain, service: AgentService, projectNumber: string): string {
  const fact: ServiceAgentFact = SERVICE_AGENTS[service];
  return `${fact.localPrefix}${projectNumber}@${fact.subdomain}.${domain.serviceAgentDomain}`;
}

/** What creates the agent of `service` on a profile: a forced identity wins over the default; undefined where the universe has no such agent. */
export function agentCreator(domain: AgentDomain, service: AgentService): AgentCreator | undefined {
  const fact: ServiceAgentFact = SERVICE_AGENTS[service];
  if (domain.unavailableServiceIdentities?.includes(fact.api)) return undefined;
  return domain.forcedServiceIdentities?.includes(fact.api) ? "identity" : fact.createdBy;
}

/** The agent whose domain starts with `subdomain`, if the table knows it. */
export function agentOfSubdomain(subdomain: string): ServiceAgentFact | undefined {
  return Object.values<ServiceAgentFact>(SERVICE_AGENTS).find((a) => a.subdomain === subdomain);
}
