import { Construct } from "constructs";
import { PROJECT_ID_RULE } from "../patterns";
import { addDependsOn } from "../core";
import { Folder, Project, ProjectService, type KmsCryptoKeyIamMember } from "../google";
import type { ITenantKeys } from "../key-custody/key-refs";
import { SERVICE_APIS, serviceAgent } from "../key-custody/service-agents";
import { overlappingRanges } from "../cidr";
import { assertPlainText, fieldProblem, identifierRule, IPV4_CIDR } from "../field-rules";
import { apiProjectId, tenantProjectId } from "../naming";
import { assertLibraryProfile, type SovereigntyProfile } from "../profiles/profile";
import { FolderAccess, type FolderAccessProps } from "../access/folder-access";
import { TenantAssuredWorkload } from "./assured-workload";
import type { TenantContext } from "../workloads/context";
import { AuditLogging } from "../logging/audit-logging";
import { TenantNetwork } from "./network";
import { applyProtection, type ProtectProps } from "../deletion-protection";
import { holdToBoundary } from "../stack";

/** An environment of a tenant: one project. */
export interface TenantEnvironment {
  /** Environment name, part of the project id. */
  readonly name: string;
  /** Primary subnet range. */
  readonly subnet: string;
}

/** Props of `TenantLandingZone`; `protect` covers its folder, projects, log bucket and Assured Workloads workload. */
export interface TenantLandingZoneProps extends ProtectProps {
  readonly profile: SovereigntyProfile;
  /** Tenant id. */
  readonly tenantId: string;
  /** Folder display name. @default - the tenant id */
  readonly displayName?: string;
  /** Parent of the tenant folder: `folders/<id>` of the landing-zone root. */
  readonly parentFolder: string;
  /** Organization id (for Assured Workloads). */
  readonly organizationId: string;
  /** Project id prefix. */
  readonly prefix: string;
  /** Billing account of the projects. */
  readonly billingAccount: string;
  /** Environments, one project each; the first holds the tenant's log bucket. */
  readonly environments: readonly TenantEnvironment[];
  /** The tenant's operator-held keys; must include a `logging` key. */
  readonly keys: ITenantKeys;
  /** Labels on the projects. @default - none */
  readonly labels?: Record<string, string>;
  /** Groups, extra IAM, essential contacts and Access Approval. @default - none; Access Approval where the profile has it */
  readonly access?: Omit<FolderAccessProps, "folder">;
  /** Network options of every environment. @default - no NAT, no IAP SSH, flow logs */
  readonly network?: { readonly nat?: boolean; readonly iapSsh?: boolean; readonly flowLogs?: boolean };
  /** Retention of the audit log bucket, in days. @default 400 */
  readonly logRetentionDays?: number;
  /** Put the projects in an Assured Workloads folder with S3NS local controls (`paris` only). @default false */
  readonly assuredWorkloads?: boolean;
  /** The organization's DNS domain: groups, IAM members and contacts outside its identities are refused, and IAM members name service accounts of the tenant's own projects only (lib/identity.ts). @default - not checked */
  readonly organizationDomain?: string;
}

/** APIs every tenant project needs, whatever its services. */
const BASE_APIS = ["compute.googleapis.com", "logging.googleapis.com"];

/**
 * Everything a tenant gets on day one: a folder, one project per
 * environment with its APIs, service-agent grants on the tenant's
 * operator-held keys, a Paris-only network, a CMEK audit trail, access
 * control, and optionally Assured Workloads.
 */
export class TenantLandingZone extends Construct {
  /** The tenant folder. */
  readonly folder: Folder;
  /** Projects by environment name. */
  readonly projects: ReadonlyMap<string, Project>;
  /** Networks by environment name. */
  readonly networks: ReadonlyMap<string, TenantNetwork>;
  readonly logging: AuditLogging;
  readonly assuredWorkload?: TenantAssuredWorkload;
  private readonly props: TenantLandingZoneProps;
  private readonly grants = new Map<string, KmsCryptoKeyIamMember[]>();

  constructor(scope: Construct, id: string, props: TenantLandingZoneProps) {
    super(scope, id);
    assertLibraryProfile(this.node.path, props.profile);
    holdToBoundary(this, { profile: props.profile, operatorProjectId: props.keys.operatorProjectId });
    this.props = props;
    const { profile, keys } = props;
    if (!keys.services.includes("logging")) {
      throw new Error(`${this.node.path}: the tenant needs a "logging" key for its audit logs (allowed: services including logging)`);
    }
    this.checkEnvironments(props);
    assertPlainText(this.node.path, { displayName: props.displayName, labels: props.labels });
    this.folder = new Folder(this, "folder", {
      displayName: props.displayName ?? props.tenantId,
      parent: props.parentFolder,
    });
    applyProtection(this.folder, props.protect);
    if (props.assuredWorkloads) {
      this.assuredWorkload = new TenantAssuredWorkload(this, "assured-workload", {
        profile,
        organizationId: props.organizationId,
        billingAccount: props.billingAccount,
        displayName: `${props.tenantId}-aw`,
        parentFolder: this.folder.name,
        protect: props.protect,
      });
    }
    const projectFolder = this.assuredWorkload?.folder ?? this.folder.name;

    const projects = new Map<string, Project>();
    const networks = new Map<string, TenantNetwork>();
    const apisOf = new Map<string, ProjectService[]>();
    for (const env of props.environments) {
      const projectId = tenantProjectId(props.prefix, props.tenantId, env.name);
      // The id as API paths spell it (`s3ns:` prefix on S3NS), for the project itself and everything in it.
      const apiProject = apiProjectId(profile, projectId);
      const project = new Project(this, `project-${env.name}`, {
        projectId: apiProject,
        name: projectId,
        folderId: projectFolder,
        billingAccount: props.billingAccount,
        autoCreateNetwork: false,
        labels: { ...props.labels, tenant: props.tenantId, environment: env.name },
      });
      applyProtection(project, props.protect);
      projects.set(env.name, project);
      const apis = [...new Set([...BASE_APIS, ...keys.services.map((s) => SERVICE_APIS[s])])].map(
        (api) =>
          new ProjectService(this, `${env.name}-api-${api.split(".")[0]}`, {
            project: apiProject,
            service: api,
            disableOnDestroy: false,
            dependsOn: [project],
          }),
      );
      apisOf.set(env.name, apis);
      // Google creates most service agents lazily: create (or read) each agent after its API, then grant it
      // on its own service's key only. Logging is granted by AuditLogging, from the account its settings report.
      this.grants.set(
        env.name,
        keys.services
          .filter((s) => s !== "logging")
          .map((service) => {
            const agent = serviceAgent(this, `${env.name}-agent-${service}`, {
              profile,
              service,
              project: apiProject,
              projectNumber: project.number,
              dependsOn: apis,
            });
            return keys.grantServiceAgent(this, service, agent, { id: `${env.name}-kms-${service}`, dependsOn: apis });
          }),
      );
      networks.set(
        env.name,
        new TenantNetwork(this, `network-${env.name}`, {
          projectId: apiProject,
          region: profile.region,
          subnet: env.subnet,
          ...props.network,
          dependsOn: apis,
        }),
      );
    }
    this.projects = projects;
    this.networks = networks;

    const logEnv = props.environments[0].name;
    this.logging = new AuditLogging(this, "logging", {
      folder: this.folder,
      projectId: apiProjectId(profile, tenantProjectId(props.prefix, props.tenantId, logEnv)),
      region: profile.region,
      keys,
      retentionDays: props.logRetentionDays,
      dependsOn: apisOf.get(logEnv),
      protect: props.protect,
    });
    // Only resources created after a folder's default Logging settings inherit them: the projects (and an
    // Assured Workloads folder) wait for the tenant folder's settings, or their _Default and _Required log
    // buckets would be created outside the region, under Google keys, for good.
    for (const project of projects.values()) addDependsOn(project, this.logging.settings);
    if (this.assuredWorkload) addDependsOn(this.assuredWorkload.workload, this.logging.settings);
    new FolderAccess(this, "access", {
      folder: this.folder,
      ...props.access,
      identity: props.organizationDomain
        ? {
            organizationDomain: props.organizationDomain,
            prefix: props.prefix,
            operatorProjectId: keys.operatorProjectId,
            tenantProjects: props.environments.map((env) => tenantProjectId(props.prefix, props.tenantId, env.name)),
          }
        : props.access?.identity,
      accessApproval: (props.access?.accessApproval ?? true) && profile.accessApproval,
    });
  }

  /** Environment names fit project ids, and subnets are CIDR ranges that do not overlap, as the config demands (lib/field-rules.ts, lib/cidr.ts). */
  private checkEnvironments(props: TenantLandingZoneProps): void {
    const ENV_NAME = identifierRule(8);
    props.environments.forEach((env, i) => {
      const problem = fieldProblem(ENV_NAME, `environments[${i}].name`, env.name) ?? fieldProblem(IPV4_CIDR, `environments[${i}].subnet`, env.subnet);
      if (problem) throw new Error(`${this.node.path}: ${problem}`);
      const projectId = tenantProjectId(props.prefix, props.tenantId, env.name);
      if (!PROJECT_ID_RULE.test(projectId)) {
        throw new Error(
          `${this.node.path}: environments[${i}].name: project id "${projectId}" breaks project id rules (allowed: 6 to 30 lower-case letters, digits or hyphens, starting with a letter)`,
        );
      }
    });
    const [overlap] = overlappingRanges(props.environments.map((env, i) => ({ cidr: env.subnet, where: `environments[${i}].subnet` })));
    if (overlap) throw new Error(`${this.node.path}: ${overlap.range.where}: ${overlap.problem}`);
  }

  /** What workload constructs need to deploy into an environment's project. */
  contextFor(environment: string): TenantContext {
    const project = this.projects.get(environment);
    if (!project) {
      throw new Error(`${this.node.path}: no environment "${environment}" (allowed: ${[...this.projects.keys()].join(", ")})`);
    }
    return {
      profile: this.props.profile,
      projectId: tenantProjectId(this.props.prefix, this.props.tenantId, environment),
      keys: this.props.keys,
      labels: { tenant: this.props.tenantId, environment },
      dependsOn: this.grants.get(environment),
    };
  }
}
