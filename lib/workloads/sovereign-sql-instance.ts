import type { Construct } from "constructs";
import { SqlDatabaseInstance } from "../google";
import { SovereignWorkload, type SovereignWorkloadProps } from "./sovereign-workload";

/** Cloud SQL instance names: lower-case letters, digits and hyphens, starting with a letter, at most 98. */
const INSTANCE_NAME = /^[a-z]([a-z0-9-]{0,96}[a-z0-9])?$/;

export interface SovereignSqlInstanceProps extends SovereignWorkloadProps {
  /** Instance name. */
  readonly name: string;
  /** Database version, such as `POSTGRES_16` or `MYSQL_8_0`. */
  readonly databaseVersion: string;
  /** VPC network for the private IP (`projects/<p>/global/networks/<n>`); the instance has no public IP. */
  readonly privateNetwork: string;
  /** Region. @default - the profile's region */
  readonly region?: string;
  /** Machine tier. @default "db-custom-2-7680" */
  readonly tier?: string;
  /** `REGIONAL` (high availability across zones of the region) or `ZONAL`. @default "REGIONAL" */
  readonly availabilityType?: string;
  /** Number of automated daily backups kept (in the region). @default 7 */
  readonly retainedBackups?: number;
}

/**
 * A Cloud SQL instance in the region, encrypted with the tenant's
 * operator-held Cloud SQL key: private IP only, TLS required, backups kept
 * in the region, deletion protection on both Terraform and API sides.
 */
export class SovereignSqlInstance extends SovereignWorkload {
  /** The underlying `google_sql_database_instance`. */
  readonly instance: SqlDatabaseInstance;

  constructor(scope: Construct, id: string, props: SovereignSqlInstanceProps) {
    super(scope, id, props, "sql", { field: "region", value: props.region });
    this.boundary.name("name", props.name, INSTANCE_NAME, "1 to 98 lower-case letters, digits or -, starting with a letter");
    const engine = props.databaseVersion.split("_")[0];
    this.instance = new SqlDatabaseInstance(this, "instance", {
      project: props.context.projectId,
      name: props.name,
      region: this.location,
      databaseVersion: props.databaseVersion,
      encryptionKeyName: this.kmsKeyName,
      deletionProtection: true,
      settings: {
        tier: props.tier ?? "db-custom-2-7680",
        availabilityType: props.availabilityType ?? "REGIONAL",
        deletionProtectionEnabled: true,
        userLabels: props.context.labels,
        ipConfiguration: { ipv4Enabled: false, privateNetwork: props.privateNetwork, sslMode: "ENCRYPTED_ONLY" },
        backupConfiguration: {
          enabled: true,
          location: this.location,
          pointInTimeRecoveryEnabled: engine === "POSTGRES" || engine === "SQLSERVER" ? true : undefined,
          binaryLogEnabled: engine === "MYSQL" ? true : undefined,
          backupRetentionSettings: { retainedBackups: props.retainedBackups ?? 7, retentionUnit: "COUNT" },
        },
      },
      dependsOn: this.dependsOn,
    });
  }

  get name(): string {
    return this.instance.name;
  }
  get id(): string {
    return this.instance.id;
  }
  get selfLink(): string {
    return this.instance.selfLink;
  }
}
