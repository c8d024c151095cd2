import { evaluate } from "../../lib/checks/engine";
import { documentFromConfig, documentFromPlan } from "../../lib/checks/terraform-json";
import { PROFILES } from "../../lib/profiles/profile";

/**
 * A plan checked without its configuration: a block known only after apply (a dynamic block over an unknown value:
 * the plan's expressions leave dynamic blocks out, and `after_unknown` marks the block `true`) is unresolved where a
 * rule reads inside it, never absent; an attribute known only after apply that the configuration does not set stays
 * the provider's (absent).
 */
const context = { profile: PROFILES.paris, operatorProjectId: "op-keys" };
const KEY = "projects/op-keys/locations/europe-west9/keyRings/tenant-a/cryptoKeys/storage";
const PROVIDER = { google: [{ region: "europe-west9" }] };

function planOf(type: string, values: Record<string, unknown>, afterUnknown: Record<string, unknown>, options: { configuration?: boolean } = {}) {
  const resource = { address: `${type}.r`, mode: "managed", type, name: "r" };
  return {
    format_version: "1.2",
    terraform_version: "1.9.0",
    planned_values: { root_module: { resources: [{ ...resource, values }] } },
    resource_changes: [{ ...resource, change: { actions: ["create"], after: values, after_unknown: afterUnknown } }],
    ...(options.configuration === false
      ? {}
      : {
          configuration: {
            provider_config: { google: { name: "google", expressions: { region: { constant_value: "europe-west9" } } } },
            root_module: { resources: [{ ...resource, expressions: { name: { constant_value: "r" } } }] },
          },
        }),
  };
}

const findings = (plan: object, written?: ReturnType<typeof documentFromConfig>) =>
  evaluate([documentFromPlan(plan, "plan.json", written)], context).findings.map((f) => `${f.ruleId} ${f.attribute ?? ""}`.trim());

const bucket = { name: "r", location: "EUROPE-WEST9", encryption: [{ default_kms_key_name: KEY }] };

describe("a plan's blocks known only after apply, checked without the configuration", () => {
  it("reads a bucket's unknown logging block as an unresolved destination (SOV-DATA-001), not as no logging", () => {
    expect(findings(planOf("google_storage_bucket", bucket, { logging: true }))).toEqual(["SOV-DATA-001"]);
    // Unknown as an element of the block list too.
    expect(findings(planOf("google_storage_bucket", bucket, { logging: [true] }))).toEqual(["SOV-DATA-001"]);
    // Negative: nothing unknown, or an attribute the provider computes, is no finding.
    expect(findings(planOf("google_storage_bucket", bucket, {}))).toEqual([]);
    expect(findings(planOf("google_storage_bucket", bucket, { id: true, self_link: true, url: true }))).toEqual([]);
  });

  it("reads an attribute known only after apply inside a block the configuration's expressions do not show (a dynamic block) as unresolved", () => {
    const withLogging = { ...bucket, logging: [{}] };
    expect(findings(planOf("google_storage_bucket", withLogging, { logging: [{ log_bucket: true }] }))).toEqual(["SOV-DATA-001"]);
    // A block the expressions show, whose attribute the configuration does not set: the provider's (absent).
    const plan = planOf("google_storage_bucket", withLogging, { logging: [{ log_bucket: true }] });
    plan.configuration!.root_module.resources[0].expressions = { name: { constant_value: "r" }, logging: [{}] } as never;
    expect(findings(plan)).toEqual([]);
  });

  it("reads an unknown placement block as unresolved locations (SOV-LOC-001)", () => {
    expect(findings(planOf("google_storage_bucket", bucket, { custom_placement_config: true }))).toEqual([
      "SOV-LOC-001 custom_placement_config.data_locations",
    ]);
  });

  it("reads an unknown nested block inside a known one (a Dataproc cluster's metastore)", () => {
    const cluster = {
      name: "r",
      region: "europe-west9",
      cluster_config: [{ staging_bucket: "stage", temp_bucket: "temp", encryption_config: [{ kms_key_name: KEY }] }],
    };
    const ruleIds = findings(planOf("google_dataproc_cluster", cluster, { cluster_config: [{ metastore_config: true }] }));
    expect(ruleIds).toContain("SOV-LOC-001 cluster_config.metastore_config.dataproc_metastore_service");
    expect(findings(planOf("google_dataproc_cluster", cluster, { cluster_config: [{}] }))).not.toContain(
      "SOV-LOC-001 cluster_config.metastore_config.dataproc_metastore_service",
    );
  });

  it("does the same for a plan with no configuration section, and for a change planned_values leave out", () => {
    expect(findings(planOf("google_storage_bucket", bucket, { logging: true }, { configuration: false }))).toContain("SOV-DATA-001");
    const plan = planOf("google_storage_bucket", bucket, { logging: true });
    plan.planned_values.root_module.resources = [];
    expect(findings(plan)).toContain("SOV-DATA-001");
  });

  it("with the configuration, a block it does not write is absent (the provider's), and a dynamic one is read as written", () => {
    const written = (extra: object) =>
      documentFromConfig(
        {
          provider: PROVIDER,
          variable: { v: { type: "list(string)" } },
          resource: { google_storage_bucket: { r: { name: "r", location: "europe-west9", encryption: { default_kms_key_name: KEY }, ...extra } } },
        },
        "s",
      );
    const plan = planOf("google_storage_bucket", bucket, { logging: true });
    expect(findings(plan, written({}))).toEqual([]);
    expect(findings(plan, written({ dynamic: { logging: { for_each: "${var.v}", content: { log_bucket: "foreign-logs" } } } }))).toEqual([
      "SOV-DATA-001",
    ]);
  });
});

describe("blocks known only after apply that rules read directly", () => {
  it("a dataset's access blocks: who they grant is unresolved (SOV-IAM-001), not no one", () => {
    const dataset = {
      dataset_id: "r",
      location: "europe-west9",
      default_encryption_configuration: [{ kms_key_name: "projects/op-keys/locations/europe-west9/keyRings/tenant-a/cryptoKeys/bigquery" }],
    };
    expect(findings(planOf("google_bigquery_dataset", dataset, { access: true }))).toEqual(["SOV-IAM-001"]);
    expect(findings(planOf("google_bigquery_dataset", dataset, {}))).toEqual([]);
    const written = documentFromConfig({ provider: PROVIDER, resource: { google_bigquery_dataset: { r: dataset } } }, "s");
    expect(findings(planOf("google_bigquery_dataset", dataset, { access: true }), written)).toEqual([]);
  });

  it("a key's version template: its protection level is unresolved (SOV-KEY-003), not SOFTWARE", () => {
    const onS3ns = (plan: object) =>
      evaluate([documentFromPlan(plan, "plan.json")], { profile: PROFILES.s3ns, operatorProjectId: "op-keys" }).findings.map((f) => f.ruleId);
    const key = { name: "r", key_ring: "projects/s3ns:op-keys/locations/u-france-east1/keyRings/a", lifecycle: { prevent_destroy: true } };
    const plan = (afterUnknown: Record<string, unknown>) => {
      const p = planOf("google_kms_crypto_key", key, afterUnknown);
      p.configuration!.provider_config.google.expressions.region.constant_value = "u-france-east1";
      return p;
    };
    expect(onS3ns(plan({ version_template: true }))).toContain("SOV-KEY-003");
    expect(onS3ns(plan({}))).not.toContain("SOV-KEY-003");
  });
});
