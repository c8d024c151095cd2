/** Deploy-readiness rules on hand-written Terraform JSON: each compliant and non-compliant case. */
import { evaluate } from "../../lib/checks/engine";
import { deployBucketRetentionRule } from "../../lib/checks/rules/deploy-bucket-retention";
import { deployDryRunRule } from "../../lib/checks/rules/deploy-dry-run";
import { deployLoggingSettingsRule } from "../../lib/checks/rules/deploy-logging-settings";
import { deployProjectIdsRule } from "../../lib/checks/rules/deploy-project-ids";
import { deploySqlEditionRule } from "../../lib/checks/rules/deploy-sql-edition";
import { deployServiceAgentRule } from "../../lib/checks/rules/deploy-service-agents";
import { deploySqlPrivateIpRule } from "../../lib/checks/rules/deploy-sql-private-ip";
import { deployUniverseOffersRule } from "../../lib/checks/rules/deploy-universe-offers";
import { documentFromConfig } from "../../lib/checks/terraform-json";
import type { Rule } from "../../lib/checks/types";
import { PROFILES } from "../../lib/profiles/profile";

/** Messages of one rule on a configuration's resources. */
function messages(rule: Rule, resource: Record<string, any>, profile = PROFILES.paris): string[] {
  const doc = documentFromConfig({ resource }, "s");
  return evaluate([doc], { profile }, { rules: [rule] }).findings.map((f) => `${f.address}: ${f.message}`);
}

const PROJECT = { google_project: { p: { project_id: "slz-a-prod", folder_id: "folders/1" } } };
const API = (service: string) => ({ google_project_service: { api: { project: "slz-a-prod", service } } });
const grant = (member: string, dependsOn?: string[]) => ({
  google_kms_crypto_key_iam_member: {
    g: { crypto_key_id: "projects/op/locations/europe-west9/keyRings/r/cryptoKeys/k", role: "roles/x", member, depends_on: dependsOn },
  },
});
const PUBSUB_AGENT = "serviceAccount:service-${google_project.p.number}@gcp-sa-pubsub.iam.gserviceaccount.com";

describe("SOV-DEP-001: grants to service agents wait for the agent", () => {
  const rule = deployServiceAgentRule;

  it("flags a grant that only waits for the API", () => {
    expect(messages(rule, { ...PROJECT, ...API("pubsub.googleapis.com"), ...grant(PUBSUB_AGENT, ["google_project_service.api"]) })).toEqual([
      expect.stringMatching(
        /^google_kms_crypto_key_iam_member\.g: grants .*gcp-sa-pubsub.* before anything creates that service agent.*google_project_service_identity for pubsub\.googleapis\.com/,
      ),
    ]);
  });

  it("passes a grant that waits for the service identity, directly or through another resource", () => {
    const identity = { google_project_service_identity: { pubsub: { project: "slz-a-prod", service: "pubsub.googleapis.com" } } };
    expect(messages(rule, { ...PROJECT, ...identity, ...grant(PUBSUB_AGENT, ["google_project_service_identity.pubsub"]) })).toEqual([]);
    const between = {
      google_project_iam_member: {
        other: { project: "x", role: "roles/y", member: "group:a@example.fr", depends_on: ["google_project_service_identity.pubsub"] },
      },
    };
    expect(messages(rule, { ...PROJECT, ...identity, ...between, ...grant(PUBSUB_AGENT, ["google_project_iam_member.other"]) })).toEqual([]);
  });

  it("flags an identity of another service", () => {
    const identity = { google_project_service_identity: { sql: { project: "slz-a-prod", service: "sqladmin.googleapis.com" } } };
    expect(messages(rule, { ...PROJECT, ...identity, ...grant(PUBSUB_AGENT, ["google_project_service_identity.sql"]) })).toHaveLength(1);
  });

  it("accepts the data sources that create the Cloud Storage and BigQuery agents, and nothing else for them", () => {
    const gcs = "serviceAccount:service-123@gs-project-accounts.iam.gserviceaccount.com";
    expect(messages(rule, grant(gcs, ["data.google_storage_project_service_account.gcs"]))).toEqual([]);
    expect(messages(rule, grant(gcs, ["google_project_service_identity.x"]))).toHaveLength(1);
    const bq = "serviceAccount:bq-123@bigquery-encryption.s3ns-system.iam.gserviceaccount.com";
    expect(messages(rule, grant(bq, ["data.google_bigquery_default_service_account.bq"]), PROFILES.s3ns)).toEqual([]);
    expect(messages(rule, grant(bq), PROFILES.s3ns)).toHaveLength(1);
  });

  it("accepts the API for agents created with it, and a service identity for unknown agents only", () => {
    const compute = "serviceAccount:service-123@compute-system.iam.gserviceaccount.com";
    expect(messages(rule, { ...API("compute.googleapis.com"), ...grant(compute, ["google_project_service.api"]) })).toEqual([]);
    const unknown = "serviceAccount:service-123@gcp-sa-something.iam.gserviceaccount.com";
    expect(messages(rule, { ...API("something.googleapis.com"), ...grant(unknown, ["google_project_service.api"]) })).toHaveLength(1);
  });

  it("ignores user-managed service accounts and members read from a data source", () => {
    expect(messages(rule, grant("serviceAccount:deployer@slz-a-prod.iam.gserviceaccount.com"))).toEqual([]);
    expect(messages(rule, grant("serviceAccount:${data.google_storage_project_service_account.gcs.email_address}"))).toEqual([]);
  });
});

describe("SOV-DEP-002: projects wait for their folder's Logging settings", () => {
  const rule = deployLoggingSettingsRule;
  const folder = { google_folder: { t: { display_name: "t", parent: "folders/9" } } };
  const settings = { google_logging_folder_settings: { s: { folder: "${google_folder.t.folder_id}", storage_location: "europe-west9" } } };
  const project = (body: Record<string, any>) => ({ google_project: { p: { project_id: "slz-a-prod", ...body } } });

  it("flags a project in a folder whose settings it does not wait for", () => {
    expect(messages(rule, { ...folder, ...settings, ...project({ folder_id: "${google_folder.t.name}" }) })).toEqual([
      expect.stringMatching(/^google_project\.p: is created without waiting for google_logging_folder_settings\.s/),
    ]);
  });

  it("passes a project that waits for them", () => {
    const waits = project({ folder_id: "${google_folder.t.name}", depends_on: ["google_logging_folder_settings.s"] });
    expect(messages(rule, { ...folder, ...settings, ...waits })).toEqual([]);
  });

  it("follows an Assured Workloads folder to its parent's settings", () => {
    const workload = { google_assured_workloads_workload: { w: { provisioned_resources_parent: "${google_folder.t.name}" } } };
    const inWorkload = (deps?: string[]) =>
      project({ folder_id: "folders/${google_assured_workloads_workload.w.resources[0].resource_id}", depends_on: deps });
    expect(messages(rule, { ...folder, ...settings, ...workload, ...inWorkload() })).toHaveLength(1);
    expect(messages(rule, { ...folder, ...settings, ...workload, ...inWorkload(["google_logging_folder_settings.s"]) })).toEqual([]);
  });

  it("compares literal folder ids and settings on an outer folder", () => {
    const literal = { google_logging_folder_settings: { root: { folder: "9" } } };
    expect(messages(rule, { ...folder, ...literal, ...project({ folder_id: "${google_folder.t.name}" }) })).toHaveLength(1);
    expect(messages(rule, { ...literal, ...project({ folder_id: "folders/9" }) })).toHaveLength(1);
    expect(messages(rule, { ...literal, ...project({ folder_id: "folders/8" }) })).toEqual([]);
  });
});

describe("SOV-DEP-003: Cloud SQL private IP waits for Private Services Access", () => {
  const rule = deploySqlPrivateIpRule;
  const instance = (ip: Record<string, any>, dependsOn?: string[]) => ({
    google_sql_database_instance: {
      db: { region: "europe-west9", settings: { tier: "db-custom-2-7680", ip_configuration: ip }, depends_on: dependsOn },
    },
  });
  const connection = {
    google_service_networking_connection: { psa: { network: "projects/p/global/networks/vpc", service: "servicenetworking.googleapis.com" } },
  };

  it("flags a private IP without a service networking connection", () => {
    expect(messages(rule, instance({ ipv4_enabled: false, private_network: "projects/p/global/networks/vpc" }))).toEqual([
      expect.stringMatching(
        /^google_sql_database_instance\.db: has a private IP on projects\/p\/global\/networks\/vpc but waits for no google_service_networking_connection/,
      ),
    ]);
  });

  it("passes a private IP that waits for the connection, and an instance without a private IP", () => {
    const ip = { ipv4_enabled: false, private_network: "projects/p/global/networks/vpc" };
    expect(messages(rule, { ...connection, ...instance(ip, ["google_service_networking_connection.psa"]) })).toEqual([]);
    expect(messages(rule, instance({ ipv4_enabled: true }))).toEqual([]);
  });

  it("reads plan-shaped blocks (one-element lists)", () => {
    const plan = {
      google_sql_database_instance: { db: { settings: [{ ip_configuration: [{ private_network: "projects/p/global/networks/vpc" }] }] } },
    };
    expect(messages(rule, plan)).toHaveLength(1);
  });
});

describe("SOV-DEP-004: dry_run_spec only where dry run is supported", () => {
  const policy = (constraint: string, spec: "spec" | "dry_run_spec") => ({
    google_org_policy_policy: { p: { name: `folders/1/policies/${constraint}`, parent: "folders/1", [spec]: { rules: [{ enforce: "TRUE" }] } } },
  });

  it("flags a legacy constraint in dry run, and a name it cannot read", () => {
    expect(messages(deployDryRunRule, policy("gcp.resourceLocations", "dry_run_spec"))).toEqual([
      "google_org_policy_policy.p: has a dry_run_spec on gcp.resourceLocations, which does not support dry run (allowed: managed constraints *.managed.* or custom constraints)",
    ]);
    const unreadable = { google_org_policy_policy: { p: { name: "${var.policy}", dry_run_spec: { rules: [] } } } };
    expect(messages(deployDryRunRule, unreadable)).toHaveLength(1);
  });

  it("passes managed and custom constraints in dry run, and any enforced constraint", () => {
    expect(messages(deployDryRunRule, policy("iam.managed.allowedPolicyMembers", "dry_run_spec"))).toEqual([]);
    expect(messages(deployDryRunRule, policy("custom.noPublicBuckets", "dry_run_spec"))).toEqual([]);
    expect(messages(deployDryRunRule, policy("gcp.resourceLocations", "spec"))).toEqual([]);
  });
});

describe("SOV-DEP-005: versioning or retention, not both", () => {
  const bucket = (body: Record<string, any>) => ({ google_storage_bucket: { b: { name: "b", location: "europe-west9", ...body } } });

  it("flags a versioned bucket with a retention policy, in config and plan shapes", () => {
    expect(
      messages(deployBucketRetentionRule, bucket({ versioning: { enabled: true }, retention_policy: { retention_period: 86400 } })),
    ).toHaveLength(1);
    expect(
      messages(deployBucketRetentionRule, bucket({ versioning: [{ enabled: true }], retention_policy: [{ retention_period: 86400 }] })),
    ).toHaveLength(1);
  });

  it("passes either one alone", () => {
    expect(messages(deployBucketRetentionRule, bucket({ versioning: { enabled: true } }))).toEqual([]);
    expect(messages(deployBucketRetentionRule, bucket({ versioning: { enabled: false }, retention_policy: { retention_period: 86400 } }))).toEqual(
      [],
    );
  });
});

describe("SOV-DEP-006: universe prefix on project ids", () => {
  const resources = (project: string) => ({
    google_project: { p: { project_id: project, name: "slz-a-prod" } },
    google_project_service: { api: { project, service: "logging.googleapis.com" } },
  });

  it("flags bare ids on s3ns", () => {
    expect(messages(deployProjectIdsRule, resources("slz-a-prod"), PROFILES.s3ns)).toEqual([
      'google_project.p: refers to project "slz-a-prod" without the universe prefix (allowed: "s3ns:slz-a-prod")',
      'google_project_service.api: refers to project "slz-a-prod" without the universe prefix (allowed: "s3ns:slz-a-prod")',
    ]);
  });

  it("passes prefixed ids on s3ns, references, and any id on paris", () => {
    expect(messages(deployProjectIdsRule, resources("s3ns:slz-a-prod"), PROFILES.s3ns)).toEqual([]);
    expect(messages(deployProjectIdsRule, resources("${google_project.p.project_id}"), PROFILES.s3ns)).toEqual([]);
    expect(messages(deployProjectIdsRule, resources("slz-a-prod"))).toEqual([]);
  });
});

describe("SOV-DEP-007: Cloud SQL edition matches the tier", () => {
  const instance = (version: string, settings: Record<string, any>) => ({
    google_sql_database_instance: { db: { region: "europe-west9", database_version: version, settings } },
  });

  it("flags an Enterprise tier left to a version that defaults to Enterprise Plus, and mismatched editions", () => {
    expect(messages(deploySqlEditionRule, instance("POSTGRES_16", { tier: "db-custom-2-7680" }))).toEqual([
      "google_sql_database_instance.db: uses tier db-custom-2-7680 without an edition; POSTGRES_16 defaults to ENTERPRISE_PLUS, which refuses it (allowed: edition ENTERPRISE)",
    ]);
    expect(messages(deploySqlEditionRule, instance("MYSQL_8_4", { tier: "db-custom-2-7680" }))).toHaveLength(1);
    expect(messages(deploySqlEditionRule, instance("POSTGRES_15", { tier: "db-custom-2-7680", edition: "ENTERPRISE_PLUS" }))).toHaveLength(1);
    expect(messages(deploySqlEditionRule, instance("POSTGRES_16", { tier: "db-perf-optimized-N-8", edition: "ENTERPRISE" }))).toHaveLength(1);
  });

  it("passes matching editions and older versions without one", () => {
    expect(messages(deploySqlEditionRule, instance("POSTGRES_16", { tier: "db-custom-2-7680", edition: "ENTERPRISE" }))).toEqual([]);
    expect(messages(deploySqlEditionRule, instance("POSTGRES_16", { tier: "db-perf-optimized-N-8" }))).toEqual([]);
    expect(messages(deploySqlEditionRule, instance("POSTGRES_15", { tier: "db-custom-2-7680" }))).toEqual([]);
  });
});

describe("SOV-DEP-008: Cloud SQL, Compute Engine and log sinks ask only for what the universe offers", () => {
  const instance = (version: string, settings: Record<string, any>) => ({
    google_sql_database_instance: { db: { region: "u-france-east1", database_version: version, settings } },
  });
  const PSC = { ipv4_enabled: false, psc_config: [{ psc_enabled: true, allowed_consumer_projects: ["s3ns:slz-a-prod"] }] };
  const PSA = { ipv4_enabled: false, private_network: "projects/s3ns:slz-a-prod/global/networks/vpc" };

  it("flags on s3ns a tier off the C3 list, SQL Server, a private IP through Private Services Access and the peering itself", () => {
    expect(messages(deployUniverseOffersRule, instance("POSTGRES_16", { tier: "db-custom-2-7680", ip_configuration: PSC }), PROFILES.s3ns)).toEqual([
      "google_sql_database_instance.db: uses tier db-custom-2-7680, which Cloud SQL on profile s3ns does not offer (allowed: db-perf-optimized-C-4, db-perf-optimized-C-8, db-perf-optimized-C-22, db-perf-optimized-C-44, db-perf-optimized-C-88, db-perf-optimized-C-176)",
    ]);
    expect(
      messages(
        deployUniverseOffersRule,
        instance("SQLSERVER_2022_STANDARD", { tier: "db-perf-optimized-C-4", ip_configuration: PSC }),
        PROFILES.s3ns,
      ),
    ).toEqual([
      "google_sql_database_instance.db: runs SQLSERVER_2022_STANDARD, which Cloud SQL on profile s3ns does not offer (allowed: POSTGRES_*, MYSQL_*)",
    ]);
    expect(
      messages(deployUniverseOffersRule, instance("MYSQL_8_0", { tier: "db-perf-optimized-C-8", ip_configuration: PSA }), PROFILES.s3ns),
    ).toEqual([
      "google_sql_database_instance.db: has a private IP on projects/s3ns:slz-a-prod/global/networks/vpc through Private Services Access, which Cloud SQL on profile s3ns does not offer (allowed: psc_config with psc_enabled)",
    ]);
    const peering = {
      google_service_networking_connection: { psa: { network: "n", service: "servicenetworking.googleapis.com", reserved_peering_ranges: ["r"] } },
    };
    expect(messages(deployUniverseOffersRule, peering, PROFILES.s3ns)).toEqual([
      "google_service_networking_connection.psa: creates a Private Services Access peering, which Cloud SQL on profile s3ns does not offer (allowed: Private Service Connect, settings.ip_configuration.psc_config)",
    ]);
  });

  it("passes a C3 tier with Private Service Connect on s3ns, an unresolved tier, and everything on paris", () => {
    expect(
      messages(deployUniverseOffersRule, instance("POSTGRES_16", { tier: "db-perf-optimized-C-4", ip_configuration: PSC }), PROFILES.s3ns),
    ).toEqual([]);
    expect(messages(deployUniverseOffersRule, instance("POSTGRES_16", { tier: "${var.tier}", ip_configuration: PSC }), PROFILES.s3ns)).toEqual([]);
    expect(messages(deployUniverseOffersRule, instance("SQLSERVER_2022_STANDARD", { tier: "db-custom-2-7680", ip_configuration: PSA }))).toEqual([]);
    expect(messages(deployUniverseOffersRule, { google_service_networking_connection: { psa: { network: "n", service: "s" } } })).toEqual([]);
  });

  it("flags on s3ns a disk or a boot disk of another type than Hyperdisk Balanced, and passes it on paris", () => {
    const disk = (type: string) => ({ google_compute_disk: { d: { name: "d", zone: "u-france-east1-a", type } } });
    const vm = (type: string) => ({
      google_compute_instance: { vm: { name: "vm", zone: "u-france-east1-a", boot_disk: [{ initialize_params: [{ type }] }] } },
    });
    expect(messages(deployUniverseOffersRule, disk("pd-balanced"), PROFILES.s3ns)).toEqual([
      "google_compute_disk.d: uses disk type pd-balanced, which Compute Engine on profile s3ns does not offer (allowed: hyperdisk-balanced)",
    ]);
    expect(messages(deployUniverseOffersRule, vm("pd-ssd"), PROFILES.s3ns)).toEqual([
      "google_compute_instance.vm: uses disk type pd-ssd, which Compute Engine on profile s3ns does not offer (allowed: hyperdisk-balanced)",
    ]);
    expect(messages(deployUniverseOffersRule, { ...disk("hyperdisk-balanced"), ...vm("hyperdisk-balanced") }, PROFILES.s3ns)).toEqual([]);
    expect(messages(deployUniverseOffersRule, { ...disk("pd-balanced"), ...vm("pd-ssd") })).toEqual([]);
  });

  it("flags on s3ns a log sink to Cloud Storage or BigQuery, passes log buckets and Pub/Sub, and anything on paris", () => {
    const sink = (destination: string) => ({ google_logging_folder_sink: { s: { name: "s", folder: "folders/1", destination } } });
    expect(messages(deployUniverseOffersRule, sink("storage.googleapis.com/audit-archive"), PROFILES.s3ns)).toEqual([
      "google_logging_folder_sink.s: sends logs to storage.googleapis.com, which Cloud Logging on profile s3ns does not offer as a sink destination (allowed: logging.googleapis.com, pubsub.googleapis.com)",
    ]);
    expect(messages(deployUniverseOffersRule, sink("bigquery.googleapis.com/projects/s3ns:p/datasets/d"), PROFILES.s3ns)).toHaveLength(1);
    expect(
      messages(deployUniverseOffersRule, sink("logging.googleapis.com/projects/s3ns:p/locations/u-france-east1/buckets/b"), PROFILES.s3ns),
    ).toEqual([]);
    expect(messages(deployUniverseOffersRule, sink("pubsub.googleapis.com/projects/s3ns:p/topics/t"), PROFILES.s3ns)).toEqual([]);
    expect(messages(deployUniverseOffersRule, sink("storage.googleapis.com/audit-archive"))).toEqual([]);
  });
});
