import { Construct } from "constructs";
import { Folder, Project } from "../google";
import { tenantProjectId } from "../naming";
import type { SovereigntyProfile } from "../profiles/profile";

/** An environment of a tenant: one project. */
export interface TenantEnvironment {
  /** Environment name, part of the project id. */
  readonly name: string;
  /** Primary subnet range. */
  readonly subnet: string;
}

export interface TenantLandingZoneProps {
  readonly profile: SovereigntyProfile;
  /** Tenant id. */
  readonly tenantId: string;
  /** Folder display name. @default - the tenant id */
  readonly displayName?: string;
  /** Parent of the tenant folder: `folders/<id>` of the landing-zone root. */
  readonly parentFolder: string;
  /** Project id prefix. */
  readonly prefix: string;
  /** Billing account of the projects. */
  readonly billingAccount: string;
  /** Environments, one project each. */
  readonly environments: readonly TenantEnvironment[];
  /** Labels on the projects. @default - none */
  readonly labels?: Record<string, string>;
}

/** Everything a tenant gets on day one. */
export class TenantLandingZone extends Construct {
  /** The tenant folder. */
  readonly folder: Folder;
  /** Projects by environment name. */
  readonly projects: ReadonlyMap<string, Project>;

  constructor(scope: Construct, id: string, props: TenantLandingZoneProps) {
    super(scope, id);
    this.folder = new Folder(this, "folder", {
      displayName: props.displayName ?? props.tenantId,
      parent: props.parentFolder,
      deletionProtection: true,
    });
    const projects = new Map<string, Project>();
    for (const env of props.environments) {
      const projectId = tenantProjectId(props.prefix, props.tenantId, env.name);
      projects.set(
        env.name,
        new Project(this, `project-${env.name}`, {
          projectId,
          name: projectId,
          folderId: this.folder.name,
          billingAccount: props.billingAccount,
          autoCreateNetwork: false,
          deletionPolicy: "PREVENT",
          labels: { ...props.labels, tenant: props.tenantId, environment: env.name },
          lifecycle: { preventDestroy: true },
        }),
      );
    }
    this.projects = projects;
  }
}
