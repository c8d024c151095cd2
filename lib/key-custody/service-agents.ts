/**
 * Google-managed service agents that encrypt data with a tenant's keys
 * (DESIGN.md section 6), made to exist before they are granted anything.
 */
import type { Construct } from "constructs";
import type { ITerraformDependable } from "../core";
import { DataGoogleBigqueryDefaultServiceAccount, DataGoogleStorageProjectServiceAccount, ProjectService } from "../google";
import { ProjectServiceIdentity, googleBetaProvider } from "../google-beta";
import type { SovereigntyProfile } from "../profiles/profile";
import { SERVICE_AGENTS, agentCreator, serviceAgentEmail, type AgentService } from "../service-agents";
import { KMS_SERVICES, type KmsService } from "../catalog/kms-services";
import { deepFreeze } from "../freeze";

/** The API each service needs enabled. */
export const SERVICE_APIS = deepFreeze(Object.fromEntries(KMS_SERVICES.map((s) => [s, SERVICE_AGENTS[s].api])) as Record<KmsService, string>);

export interface ServiceAgentProps {
  readonly profile: SovereigntyProfile;
  readonly service: AgentService;
  /** Project id as API paths spell it (`apiProjectId`). */
  readonly project: string;
  /** Project number (a token is fine). */
  readonly projectNumber: string;
  /** What the agent's creation waits for: the project and its enabled APIs. */
  readonly dependsOn: ITerraformDependable[];
}

/** A service agent and the Terraform object that makes it exist. */
export interface ServiceAgent {
  /**
   * `serviceAccount:<email>`: as the data source reports it for Cloud Storage and BigQuery, else
   * built from the project number (`google_project_service_identity` may report no email).
   */
  readonly member: string;
  /** Grants to the agent depend on this: it creates (or reads, which creates) the agent. */
  readonly createdBy: ITerraformDependable;
}

/**
 * Make the agent of `service` exist before anything is granted to it:
 * `google_project_service_identity` for agents Google creates on first use,
 * the Cloud Storage / BigQuery data sources (their read creates the agent),
 * or, for agents created with their API, that API. The Logging service
 * account is read from the Logging settings instead (`AuditLogging`).
 */
export function serviceAgent(scope: Construct, id: string, props: ServiceAgentProps): ServiceAgent {
  const { profile, project, dependsOn } = props;
  const member = `serviceAccount:${serviceAgentEmail(profile, props.service, props.projectNumber)}`;
  const api = SERVICE_AGENTS[props.service].api;
  switch (agentCreator(profile, props.service)) {
    case "storage-data": {
      const account = new DataGoogleStorageProjectServiceAccount(scope, id, { project, dependsOn });
      return { member: account.member, createdBy: account };
    }
    case "bigquery-data": {
      const account = new DataGoogleBigqueryDefaultServiceAccount(scope, id, { project, dependsOn });
      return { member: account.member, createdBy: account };
    }
    case "api": {
      const enabled = dependsOn.find((d) => d instanceof ProjectService && d.serviceInput === api);
      if (!enabled)
        throw new Error(
          `${scope.node.path}: ${id}: the ${props.service} agent needs ${api} enabled first (allowed: pass its google_project_service in dependsOn)`,
        );
      return { member, createdBy: enabled };
    }
    case undefined:
      throw new Error(
        `${scope.node.path}: ${id}: the ${props.service} service agent does not exist on profile ${profile.name} (allowed: services whose agent the universe provides)`,
      );
    case "logging-settings":
      throw new Error(`${scope.node.path}: ${id}: the Logging service account comes from the Logging settings (allowed: AuditLogging grants it)`);
    default: {
      const provider = googleBetaProvider(scope, { region: profile.region, universeDomain: profile.universeDomain });
      return { member, createdBy: new ProjectServiceIdentity(scope, id, { provider, project, service: api, dependsOn }) };
    }
  }
}
