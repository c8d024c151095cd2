import type { Construct } from "constructs";
import { Token, type ITerraformDependable } from "../core";
import {
  ComputeGlobalAddress,
  ProjectIamMember,
  ServiceNetworkingConnection,
  SqlDatabaseInstance,
  type SqlDatabaseInstanceSettingsIpConfiguration,
} from "../google";
import type { CloudSqlFacts } from "../profiles/profile";
import { grantOn } from "../grants";
import { SovereignWorkload, type SovereignWorkloadProps } from "./sovereign-workload";
import { applyProtection, type ProtectProps } from "../deletion-protection";

/** Private Services Access of the instance's VPC: an existing peering, or a range to reserve for one (not on `s3ns`). */
export type PrivateServiceAccess =
  /** The network's existing `google_service_networking_connection` (or whatever creates it). */
  | { readonly connection: ITerraformDependable }
  /** Reserve a range of this prefix length in the network and peer it with Google's services. */
  | { readonly reservePrefixLength: number };

/**
 * The edition a tier belongs to: Enterprise Plus runs only on the
 * performance-optimized tiers (`db-perf-optimized-N-*`); every other tier
 * (`db-custom-*`, shared core) is Enterprise. Set explicitly, because the
 * API defaults PostgreSQL 16+ (and MySQL 8.4) to Enterprise Plus, which
 * rejects an Enterprise tier ("Invalid Tier").
 */
export function sqlEditionOf(tier: string): "ENTERPRISE" | "ENTERPRISE_PLUS" {
  return tier.startsWith("db-perf-optimized-") ? "ENTERPRISE_PLUS" : "ENTERPRISE";
}

/** Cloud SQL instance names: lower-case letters, digits and hyphens, starting with a letter, at most 98. */
const INSTANCE_NAME = /^[a-z]([a-z0-9-]{0,96}[a-z0-9])?$/;

/** Private Service Connect to the instance: the projects whose networks may reach it through an endpoint. */
export interface PrivateServiceConnect {
  /** Consumer projects allowed to connect (ids or numbers). @default - the instance's own project */
  readonly allowedConsumerProjects?: readonly string[];
}

export interface SovereignSqlInstanceProps extends SovereignWorkloadProps, ProtectProps {
  /** Instance name. */
  readonly name: string;
  /** Database version, such as `POSTGRES_16` or `MYSQL_8_0`; the engine must be one the profile offers. */
  readonly databaseVersion: string;
  /**
   * VPC network for the private IP (`projects/<p>/global/networks/<n>`), with `privateServiceAccess`; the
   * instance has no public IP. @default - none: give `privateServiceConnect` instead
   */
  readonly privateNetwork?: string;
  /**
   * Private Services Access of `privateNetwork`, which a private IP needs:
   * the existing service networking connection, or a prefix length to
   * reserve a range and create the connection (the project needs
   * `servicenetworking.googleapis.com` enabled, through `dependsOn`).
   * Not on profiles without Private Services Access (`s3ns`). @default - none: give `privateServiceConnect` instead
   */
  readonly privateServiceAccess?: PrivateServiceAccess;
  /**
   * Reach the instance through Private Service Connect instead of a private IP in a VPC: the only private
   * connectivity on `s3ns`. Create the consumer endpoint (an internal address and a forwarding rule to
   * `pscServiceAttachmentLink`) in an allowed project. @default - none: give `privateNetwork` and `privateServiceAccess`
   */
  readonly privateServiceConnect?: PrivateServiceConnect;
  /** Region. @default - the profile's region */
  readonly region?: string;
  /**
   * Machine tier, one the profile offers; it decides the edition (`sqlEditionOf`).
   * @default - the profile's first tier (`db-perf-optimized-C-4` on `s3ns`), else "db-custom-2-7680" (Enterprise)
   */
  readonly tier?: string;
  /** `REGIONAL` (high availability across zones of the region) or `ZONAL`. @default "REGIONAL" */
  readonly availabilityType?: string;
  /** Number of automated daily backups kept (in the region). @default 7 */
  readonly retainedBackups?: number;
}

/**
 * A Cloud SQL instance in the region, encrypted with the tenant's
 * operator-held Cloud SQL key: private IP or Private Service Connect only, TLS
 * required, backups kept in the region, deletion protection on both Terraform
 * and API sides (`protect`). What the profile's Cloud SQL does not offer
 * (`profile.cloudSql`: tiers, engines, Private Services Access) is refused here.
 */
export class SovereignSqlInstance extends SovereignWorkload {
  /** The underlying `google_sql_database_instance`. */
  readonly instance: SqlDatabaseInstance;
  /** `projects/<project>/instances/<name>`, as IAM conditions name the instance. */
  private readonly instanceResourceName: string;
  /** What Cloud SQL offers on the profile. */
  private readonly cloudSql: CloudSqlFacts;
  private readonly profileName: string;

  constructor(scope: Construct, id: string, props: SovereignSqlInstanceProps) {
    super(scope, id, props, "sql", { field: "region", value: props.region });
    this.boundary.name("name", props.name, INSTANCE_NAME, "1 to 98 lower-case letters, digits or -, starting with a letter");
    this.cloudSql = props.context.profile.cloudSql;
    this.profileName = props.context.profile.name;
    const engine = props.databaseVersion.split("_")[0];
    if (this.cloudSql.engines && !Token.isUnresolved(props.databaseVersion) && !this.cloudSql.engines.includes(engine)) {
      throw this.refusal(
        "databaseVersion",
        props.databaseVersion,
        this.cloudSql.engines.map((e) => `${e}_*`),
      );
    }
    const tier = props.tier ?? this.cloudSql.tiers?.[0] ?? "db-custom-2-7680";
    if (this.cloudSql.tiers && !Token.isUnresolved(tier) && !this.cloudSql.tiers.includes(tier)) {
      throw this.refusal("tier", tier, this.cloudSql.tiers);
    }
    const connectivity = this.connectivity(props);
    this.instance = new SqlDatabaseInstance(this, "instance", {
      project: this.project,
      name: props.name,
      region: this.location,
      databaseVersion: props.databaseVersion,
      encryptionKeyName: this.kmsKeyName,
      settings: {
        tier,
        edition: sqlEditionOf(tier),
        availabilityType: props.availabilityType ?? "REGIONAL",
        userLabels: props.context.labels,
        ipConfiguration: { ipv4Enabled: false, sslMode: "ENCRYPTED_ONLY", ...connectivity.ipConfiguration },
        backupConfiguration: {
          enabled: true,
          location: this.location,
          pointInTimeRecoveryEnabled: engine === "POSTGRES" || engine === "SQLSERVER" ? true : undefined,
          binaryLogEnabled: engine === "MYSQL" ? true : undefined,
          backupRetentionSettings: { retainedBackups: props.retainedBackups ?? 7, retentionUnit: "COUNT" },
        },
      },
      dependsOn: [...(this.dependsOn ?? []), ...connectivity.dependsOn],
    });
    applyProtection(this.instance, props.protect);
    // Waivers of this construct cover this resource (and only it).
    this.node.defaultChild = this.instance;
    this.instanceResourceName = `projects/${this.project}/instances/${props.name}`;
  }

  private refusal(field: string, value: string, allowed: readonly string[]): Error {
    return new Error(
      `${this.node.path}: ${field}: "${value}" is not offered by Cloud SQL on profile ${this.profileName} (allowed: ${allowed.join(", ")})`,
    );
  }

  /** The private connectivity: Private Service Connect, or a private IP in `privateNetwork` with its Private Services Access. */
  private connectivity(props: SovereignSqlInstanceProps): {
    ipConfiguration: Pick<SqlDatabaseInstanceSettingsIpConfiguration, "privateNetwork" | "pscConfig">;
    dependsOn: ITerraformDependable[];
  } {
    const psc = props.privateServiceConnect as PrivateServiceConnect | undefined;
    const psa = props.privateNetwork !== undefined || props.privateServiceAccess !== undefined;
    const allowed = this.cloudSql.privateServicesAccess
      ? "{ privateServiceConnect: {...} } or privateNetwork with privateServiceAccess"
      : `{ privateServiceConnect: {...} }: Cloud SQL on profile ${this.profileName} has no Private Services Access`;
    if (psc && psa)
      throw new Error(`${this.node.path}: privateServiceConnect: comes with privateNetwork or privateServiceAccess (allowed: ${allowed})`);
    if (psc) {
      const projects = psc.allowedConsumerProjects ?? [this.project];
      return { ipConfiguration: { pscConfig: [{ pscEnabled: true, allowedConsumerProjects: [...projects] }] }, dependsOn: [] };
    }
    if (!this.cloudSql.privateServicesAccess) {
      throw new Error(`${this.node.path}: privateServiceAccess: ${JSON.stringify(props.privateServiceAccess)} is not offered (allowed: ${allowed})`);
    }
    if (props.privateNetwork === undefined)
      throw new Error(`${this.node.path}: privateNetwork: is required with privateServiceAccess (allowed: ${allowed})`);
    return { ipConfiguration: { privateNetwork: props.privateNetwork }, dependsOn: [this.privateServiceAccess(props, props.privateNetwork)] };
  }

  /** The peering the private IP needs: the caller's, or a reserved range and a new connection. */
  private privateServiceAccess(props: SovereignSqlInstanceProps, network: string): ITerraformDependable {
    const access = props.privateServiceAccess as PrivateServiceAccess | undefined;
    if (access && "connection" in access) return access.connection;
    const length = access?.reservePrefixLength;
    if (length === undefined || !(Number.isInteger(length) && length >= 8 && length <= 24)) {
      throw new Error(
        `${this.node.path}: privateServiceAccess: ${JSON.stringify(access)} does not give the private IP a Private Services Access ` +
          `(allowed: { connection: <google_service_networking_connection> } or { reservePrefixLength: 8 to 24 })`,
      );
    }
    const range = new ComputeGlobalAddress(this, "psa-range", {
      project: this.project,
      name: `${props.name}-psa`,
      purpose: "VPC_PEERING",
      addressType: "INTERNAL",
      prefixLength: length,
      network,
      dependsOn: this.dependsOn,
    });
    return new ServiceNetworkingConnection(this, "psa", {
      network,
      service: "servicenetworking.googleapis.com",
      reservedPeeringRanges: [range.name],
      dependsOn: this.dependsOn,
    });
  }

  /** The instance's name. */
  get instanceName(): string {
    return this.instance.name;
  }
  /** The service attachment a Private Service Connect endpoint targets (with `privateServiceConnect`). */
  get pscServiceAttachmentLink(): string {
    return this.instance.pscServiceAttachmentLink;
  }
  /** The instance's self link. */
  get instanceSelfLink(): string {
    return this.instance.selfLink;
  }

  /**
   * Lets `member` connect to this instance (Cloud SQL Auth Proxy, connectors: `roles/cloudsql.client`). Cloud SQL
   * has no instance-level IAM: the grant is a project IAM member with a condition naming this instance.
   */
  grantConnect(member: string, id?: string): ProjectIamMember {
    return this.grantRole("roles/cloudsql.client", member, id);
  }
  /**
   * Lets `member` log in to this instance's databases with IAM database authentication
   * (`roles/cloudsql.instanceUser`); the instance also needs the `cloudsql.iam_authentication` flag and a
   * `google_sql_user` of type `CLOUD_IAM_USER` or `CLOUD_IAM_SERVICE_ACCOUNT` for the member.
   */
  grantLogin(member: string, id?: string): ProjectIamMember {
    // Members without a kind (`allUsers`) are left to the public-member check of every grant.
    const kind = member.includes(":") ? member.split(":")[0] : undefined;
    const kinds = this.cloudSql.iamLoginMembers;
    if (kinds && kind !== undefined && !Token.isUnresolved(member) && !kinds.includes(kind)) {
      const allowed = kinds.map((k) => `${k}:`).join(", ");
      throw new Error(
        `${this.node.path}: grant of roles/cloudsql.instanceUser: IAM database authentication on profile ${this.profileName} does not take "${member}" (allowed: ${allowed} members)`,
      );
    }
    return this.grantRole("roles/cloudsql.instanceUser", member, id);
  }

  private grantRole(role: string, member: string, id: string | undefined): ProjectIamMember {
    const condition = {
      title: `${role.replace(/^roles\//, "")} on ${this.instanceResourceName.split("/").pop()}`.slice(0, 100),
      expression: `resource.name == '${this.instanceResourceName}' && resource.type == 'sqladmin.googleapis.com/Instance'`,
    };
    return grantOn(this, ProjectIamMember, { project: this.project, condition }, role, member, id);
  }
}
