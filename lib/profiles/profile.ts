/**
 * Sovereignty profiles: the facts that differ between deployment targets,
 * kept as data in one place. Change a fact here and every construct, the
 * config validation and the rule pack follow.
 */
import { deepFreeze } from "../freeze";

/** Names of the supported deployment targets. */
export const PROFILE_NAMES = deepFreeze(["paris", "s3ns"] as const);
export type ProfileName = (typeof PROFILE_NAMES)[number];

/** Cloud KMS protection levels. */
export const KEY_PROTECTION_LEVELS = deepFreeze(["EXTERNAL_VPC", "EXTERNAL", "HSM", "SOFTWARE"] as const);
export type KeyProtectionLevel = (typeof KEY_PROTECTION_LEVELS)[number];

/** Cloud SQL as a universe offers it (docs/deployment.md, "Cloud SQL"). */
export interface CloudSqlFacts {
  /** Machine tiers offered, the first is the default. @default - any tier, default `db-custom-2-7680` */
  readonly tiers?: readonly string[];
  /** Database engines offered, as `databaseVersion` starts (`POSTGRES`, `MYSQL`, `SQLSERVER`). @default - any */
  readonly engines?: readonly string[];
  /** Whether Private Services Access (a VPC peering through `servicenetworking`) exists; without it, Private Service Connect only. */
  readonly privateServicesAccess: boolean;
  /** Member kinds IAM database authentication accepts (`user`, `group`, `serviceAccount`). @default - any */
  readonly iamLoginMembers?: readonly string[];
}

/** Compute Engine as a universe offers it (docs/deployment.md, "Compute Engine on S3NS"). */
export interface ComputeFacts {
  /** Disk types offered, the first is the default. @default - any type, default `pd-balanced` */
  readonly diskTypes?: readonly string[];
  /** Whether Identity-Aware Proxy TCP forwarding (SSH from 35.235.240.0/20) exists. */
  readonly iapTcpForwarding: boolean;
}

/** Cloud Logging as a universe offers it (docs/deployment.md, "Cloud Logging on S3NS"). */
export interface LoggingFacts {
  /** Services a log sink may send to (`logging.googleapis.com`, `pubsub.googleapis.com`, ...). @default - any */
  readonly sinkDestinations?: readonly string[];
}

export interface SovereigntyProfile {
  /** Profile name, as written in the config. */
  readonly name: ProfileName;
  /** Human description, for reports. */
  readonly description: string;
  /** The only region resources may be created in. */
  readonly region: string;
  /** Zones of the region. */
  readonly zones: readonly string[];
  /**
   * Every location value a resource may carry: the region, its zones and
   * aliases that resolve into the region (for example `global` on `s3ns`).
   */
  readonly allowedLocations: readonly string[];
  /** Value for the `gcp.resourceLocations` allow list. */
  readonly locationPolicyValue: string;
  /** Universe domain for the provider; undefined on public Google Cloud. */
  readonly universeDomain?: string;
  /** Prefix of project ids in API paths (`s3ns:` on the S3NS universe). */
  readonly projectIdPrefix: string;
  /** Domain of user-managed service accounts. */
  readonly serviceAccountDomain: string;
  /** Domain of Google-managed service agents (`service-N@gs-project-accounts.<domain>`). */
  readonly serviceAgentDomain: string;
  /**
   * APIs whose service agent must be created explicitly
   * (`google_project_service_identity`) even where enabling the API usually
   * creates it; Cloud Foundation Fabric forces the compute agent on Google
   * Cloud Dedicated universes. @default - none
   */
  readonly forcedServiceIdentities?: readonly string[];
  /** APIs whose service agent the universe does not provide (Fabric's GCD settings). @default - none */
  readonly unavailableServiceIdentities?: readonly string[];
  /** Key protection levels keys may use; the first is the default. */
  readonly keyProtectionLevels: readonly KeyProtectionLevel[];
  /** Whether a Cloud Identity domain exists (enables `iam.allowedPolicyMemberDomains`). */
  readonly cloudIdentity: boolean;
  /** Whether Assured Workloads (S3NS local controls) can be used. */
  readonly assuredWorkloads: boolean;
  /** Whether Access Approval is available. */
  readonly accessApproval: boolean;
  /** Whether the universe bootstraps organization policies that must be imported, not overwritten. */
  readonly bootstrapsOrgPolicies: boolean;
  /** Whether Cloud KMS Autokey exists in the universe (not on s3ns: "it requires Cloud HSM keys"). */
  readonly autokey: boolean;
  /** What Cloud SQL offers in the universe. */
  readonly cloudSql: CloudSqlFacts;
  /** What Compute Engine offers in the universe. */
  readonly compute: ComputeFacts;
  /** What Cloud Logging offers in the universe. */
  readonly logging: LoggingFacts;
}

const PARIS: SovereigntyProfile = {
  name: "paris",
  description: "Public Google Cloud, Paris region (europe-west9)",
  region: "europe-west9",
  zones: ["europe-west9-a", "europe-west9-b", "europe-west9-c"],
  allowedLocations: ["europe-west9", "europe-west9-a", "europe-west9-b", "europe-west9-c"],
  locationPolicyValue: "in:europe-west9-locations",
  projectIdPrefix: "",
  serviceAccountDomain: "iam.gserviceaccount.com",
  serviceAgentDomain: "iam.gserviceaccount.com",
  keyProtectionLevels: ["EXTERNAL_VPC", "EXTERNAL", "HSM"],
  cloudIdentity: true,
  assuredWorkloads: true,
  accessApproval: true,
  bootstrapsOrgPolicies: false,
  autokey: true,
  cloudSql: { privateServicesAccess: true },
  compute: { iapTcpForwarding: true },
  logging: {},
};

const S3NS: SovereigntyProfile = {
  name: "s3ns",
  description: "S3NS trusted cloud (Google Cloud Dedicated operated in France by S3NS)",
  region: "u-france-east1",
  zones: ["u-france-east1-a", "u-france-east1-b", "u-france-east1-c"],
  allowedLocations: ["u-france-east1", "u-france-east1-a", "u-france-east1-b", "u-france-east1-c", "global"],
  locationPolicyValue: "in:u-france-east1-locations",
  universeDomain: "s3nsapis.fr",
  projectIdPrefix: "s3ns:",
  serviceAccountDomain: "s3ns.iam.gserviceaccount.com",
  serviceAgentDomain: "s3ns-system.iam.gserviceaccount.com",
  forcedServiceIdentities: ["compute.googleapis.com"],
  unavailableServiceIdentities: ["dns.googleapis.com", "monitoring.googleapis.com", "networksecurity.googleapis.com"],
  keyProtectionLevels: ["SOFTWARE", "EXTERNAL_VPC"],
  cloudIdentity: false,
  assuredWorkloads: false,
  accessApproval: false,
  bootstrapsOrgPolicies: true,
  autokey: false,
  // documentation.s3ns.fr/sql/docs/tpc-differences: Enterprise Plus on C3 only, no SQL Server, no Private Services
  // Access (Private Service Connect is available), IAM database authentication for service accounts only.
  cloudSql: {
    tiers: [
      "db-perf-optimized-C-4",
      "db-perf-optimized-C-8",
      "db-perf-optimized-C-22",
      "db-perf-optimized-C-44",
      "db-perf-optimized-C-88",
      "db-perf-optimized-C-176",
    ],
    engines: ["POSTGRES", "MYSQL"],
    privateServicesAccess: false,
    iamLoginMembers: ["serviceAccount"],
  },
  // documentation.s3ns.fr/compute/docs/tpc-differences: "Hyperdisk Balanced is the only disk type available";
  // "Identity-Aware Proxy (IAP) TCP forwarding" is among the unavailable VM management options.
  compute: { diskTypes: ["hyperdisk-balanced"], iapTcpForwarding: false },
  // documentation.s3ns.fr/logging/docs/tpc-differences: sinks to a project, a log bucket or a Pub/Sub topic; "BigQuery
  // datasets" and "Cloud Storage buckets" are unavailable destinations.
  logging: { sinkDestinations: ["logging.googleapis.com", "pubsub.googleapis.com"] },
};

/** All profiles, by name (deep-frozen). */
export const PROFILES: Readonly<Record<ProfileName, SovereigntyProfile>> = deepFreeze({ paris: PARIS, s3ns: S3NS });

/** The profile of a name; throws, listing the profiles, on an unknown name (names are case-sensitive). */
export function profileOf(name: ProfileName): SovereigntyProfile {
  if (!Object.hasOwn(PROFILES, name)) {
    throw new Error(`profile: "${String(name)}" is not a sovereignty profile (allowed: ${PROFILE_NAMES.join(", ")})`);
  }
  return PROFILES[name];
}

/**
 * What is wrong with a profile given as the boundary, if anything: the
 * boundary is the library's, never the caller's, so it must be one of
 * `PROFILES` as the library defines it (`{ ...profileOf("paris"),
 * allowedLocations: ["us-east1"] }`, still named paris, is not).
 */
export function libraryProfileProblem(profile: SovereigntyProfile | undefined): string | undefined {
  const name = profile?.name as ProfileName;
  const known = Object.hasOwn(PROFILES, name) ? PROFILES[name] : undefined;
  if (known && (profile === known || JSON.stringify(profile) === JSON.stringify(known))) return undefined;
  return `${JSON.stringify(profile?.name ?? null)} is not one of the library's profiles as defined (allowed: ${PROFILE_NAMES.map((n) => `profileOf("${n}")`).join(", ")}; widen the boundary with a waiver, not a profile)`;
}

/** Throw `<path>: profile: <problem>` unless `profile` is one of the library's as defined (see `libraryProfileProblem`). */
export function assertLibraryProfile(path: string, profile: SovereigntyProfile | undefined, field = "profile"): void {
  const problem = libraryProfileProblem(profile);
  if (problem) throw new Error(`${path}: ${field}: ${problem}`);
}

/** The regions of the library's profiles: where a construct that takes a region alone may put it. */
export const PROFILE_REGIONS: readonly string[] = deepFreeze(PROFILE_NAMES.map((n) => PROFILES[n].region));

/** Whether a location value is inside the profile's boundary (case-insensitive: Cloud Storage accepts `EUROPE-WEST9`). */
export function isLocationAllowed(profile: SovereigntyProfile, location: string): boolean {
  return profile.allowedLocations.includes(location.toLowerCase());
}
