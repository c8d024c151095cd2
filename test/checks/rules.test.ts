import { evaluate } from "../../lib/checks/engine";
import { SOVEREIGNTY_RULES } from "../../lib/checks/pack";
import { documentFromConfig, documentFromPlan } from "../../lib/checks/terraform-json";
import { PROFILES } from "../../lib/profiles/profile";

const context = { profile: PROFILES.paris, operatorProjectId: "op-keys" };
const KEY = "projects/op-keys/locations/europe-west9/keyRings/tenant-a/cryptoKeys/storage";
const PROVIDER = { google: [{ region: "europe-west9" }] };
const GUARDRAIL = {
  google_org_policy_policy: {
    loc: {
      name: "folders/1/policies/gcp.resourceLocations",
      parent: "folders/1",
      spec: { rules: [{ values: { allowed_values: ["in:europe-west9-locations"] } }] },
    },
  },
};

/** Rule ids flagged on a minimal Terraform JSON (resources + a good provider + the guardrail). */
function ruleIdsFor(resource: Record<string, any>, extra: Record<string, any> = {}, ctx = context): string[] {
  const doc = documentFromConfig({ provider: PROVIDER, resource: { ...GUARDRAIL, ...resource }, ...extra }, "s");
  return evaluate([doc], ctx).findings.map((f) => f.ruleId);
}

const bucket = (body: Record<string, any>) => ({
  google_storage_bucket: { b: { name: "b", location: "europe-west9", encryption: { default_kms_key_name: KEY }, ...body } },
});
const key = (body: Record<string, any>) => ({
  google_kms_crypto_key: {
    k: {
      name: "k",
      key_ring: "projects/op-keys/locations/europe-west9/keyRings/r",
      version_template: { protection_level: "EXTERNAL_VPC", algorithm: "EXTERNAL_SYMMETRIC_ENCRYPTION" },
      lifecycle: { prevent_destroy: true },
      ...body,
    },
  },
});

describe("sovereignty rules on Terraform JSON", () => {
  it("pass a sovereign configuration", () => {
    expect(ruleIdsFor({ ...bucket({}), ...key({}) })).toEqual([]);
  });

  it.each([
    ["EU", "SOV-LOC-001"],
    ["europe", "SOV-LOC-001"],
    ["europe-west1", "SOV-LOC-001"],
    ["EUROPE-WEST9", null],
  ])("SOV-LOC-001 flags location %s outside the boundary", (location, expected) => {
    expect(ruleIdsFor(bucket({ location }))).toEqual(expected ? [expected] : []);
  });

  it("SOV-LOC-001 finds zones and regions in nested blocks, and ignores labels", () => {
    const instance = {
      google_compute_instance: {
        vm: { zone: "europe-west9-a", boot_disk: { kms_key_self_link: KEY }, scheduling: [{ node_affinities: [] }], labels: { location: "us" } },
      },
    };
    expect(ruleIdsFor(instance)).toEqual([]);
    const sql = {
      google_sql_database_instance: {
        db: { region: "europe-west9", encryption_key_name: KEY, settings: { location_preference: { zone: "us-central1-a" } } },
      },
    };
    expect(ruleIdsFor(sql)).toEqual(["SOV-LOC-001"]);
  });

  it("SOV-LOC-001 judges a Spanner configuration by its replicas' locations, not by the flag naming the leader", () => {
    const config = (second: string) => ({
      google_spanner_instance_config: {
        c: {
          name: "custom-europe-west9",
          base_config: "regional-europe-west9",
          replicas: [
            { location: "europe-west9", type: "READ_WRITE", default_leader_location: true },
            { location: second, type: "READ_ONLY", default_leader_location: false },
          ],
        },
      },
    });
    expect(ruleIdsFor(config("europe-west9"))).toEqual([]);
    expect(ruleIdsFor(config("europe-west8"))).toEqual(["SOV-LOC-001"]);
  });

  describe("SOV-LOC-001 and global: only configuration that exists nowhere else and holds no data (lib/catalog/global-only-config.ts)", () => {
    const VPC = "projects/tenant-a/global/networks/vpc";
    const spoke = (body: Record<string, any>) => ({
      google_network_connectivity_spoke: { s: { name: "s", hub: "projects/tenant-a/locations/global/hubs/h", ...body } },
    });

    it("accepts a VPC spoke at global, in object or plan (list) form, and a fleet feature at global", () => {
      expect(ruleIdsFor(spoke({ location: "global", linked_vpc_network: { uri: VPC } }))).toEqual([]);
      expect(ruleIdsFor(spoke({ location: "GLOBAL", linked_vpc_network: [{ uri: VPC }] }))).toEqual([]);
      expect(ruleIdsFor({ google_gke_hub_feature: { f: { name: "multiclusteringress", location: "global" } } })).toEqual([]);
    });

    it("flags a listed type in its regional variant, without the variant's block, or in a foreign region", () => {
      const tunnels = { linked_vpn_tunnels: { uris: ["projects/tenant-a/regions/europe-west9/vpnTunnels/t"], site_to_site_data_transfer: false } };
      expect(ruleIdsFor(spoke({ location: "global", ...tunnels }))).toEqual(["SOV-LOC-001"]);
      expect(ruleIdsFor(spoke({ location: "global", linked_vpc_network: [] }))).toEqual(["SOV-LOC-001"]);
      expect(ruleIdsFor(spoke({ location: "europe-west1", linked_vpc_network: { uri: VPC } }))).toEqual(["SOV-LOC-001"]);
      expect(ruleIdsFor(spoke({ location: "europe-west9", ...tunnels }))).toEqual([]);
      expect(ruleIdsFor({ google_gke_hub_feature: { f: { name: "multiclusteringress", location: "us-central1" } } })).toEqual(["SOV-LOC-001"]);
    });

    it("flags global on a type not listed: a fleet membership (which may be regional), a log bucket", () => {
      const membership = (location: string) => ({ google_gke_hub_membership: { m: { membership_id: "m", location } } });
      expect(ruleIdsFor(membership("global"))).toEqual(["SOV-LOC-001"]);
      expect(ruleIdsFor(membership("europe-west9"))).toEqual([]);
      expect(ruleIdsFor({ google_logging_project_bucket_config: { b: { project: "p", bucket_id: "b", location: "global" } } })).toContain(
        "SOV-LOC-001",
      );
    });

    it("flags a listed type whose location cannot be resolved (fail closed)", () => {
      const doc = documentFromConfig(
        {
          provider: PROVIDER,
          variable: { where: { type: "string" } },
          resource: { ...GUARDRAIL, ...spoke({ location: "${var.where}", linked_vpc_network: { uri: VPC } }) },
        },
        "s",
      );
      expect(evaluate([doc], context).findings.map((f) => f.ruleId)).toEqual(["SOV-LOC-001"]);
    });
  });

  it("SOV-LOC-002 flags a provider outside the boundary or without a region", () => {
    const flagged = (provider: any, profile = PROFILES.paris) =>
      evaluate([documentFromConfig({ provider, resource: GUARDRAIL }, "s")], { profile }).findings.map((f) => f.ruleId);
    expect(flagged({ google: [{ region: "us-central1" }] })).toEqual(["SOV-LOC-002"]);
    expect(flagged({ google: [{}] })).toEqual(["SOV-LOC-002"]);
    expect(flagged({ google: [{ region: "europe-west9" }] })).toEqual([]);
    const s3nsGuard = {
      google_org_policy_policy: {
        l: {
          name: "folders/1/policies/gcp.resourceLocations",
          parent: "folders/1",
          spec: { rules: [{ values: { allowed_values: ["in:u-france-east1-locations"] } }] },
        },
      },
    };
    const s3ns = (provider: any) =>
      evaluate([documentFromConfig({ provider, resource: s3nsGuard }, "s")], { profile: PROFILES.s3ns }).findings.map((f) => f.ruleId);
    expect(s3ns({ google: [{ region: "u-france-east1" }] })).toEqual(["SOV-LOC-002"]);
    expect(s3ns({ google: [{ region: "u-france-east1", universe_domain: "s3nsapis.fr" }] })).toEqual([]);
  });

  it("SOV-KEY-001 flags a CMEK-capable resource without a key", () => {
    expect(ruleIdsFor(bucket({ encryption: undefined }))).toEqual(["SOV-KEY-001"]);
    const pinned = { message_storage_policy: { allowed_persistence_regions: ["europe-west9"] } };
    expect(ruleIdsFor({ google_pubsub_topic: { t: { name: "t", ...pinned } } })).toEqual(["SOV-KEY-001"]);
    expect(ruleIdsFor({ google_pubsub_topic: { t: { name: "t", ...pinned, kms_key_name: KEY.replace("storage", "pubsub") } } })).toEqual([]);
  });

  it("SOV-KEY-002 flags a key outside the operator project or the region, and resolves references", () => {
    expect(ruleIdsFor(bucket({ encryption: { default_kms_key_name: KEY.replace("op-keys", "tenant-own") } }))).toEqual(["SOV-KEY-002"]);
    expect(ruleIdsFor(bucket({ encryption: { default_kms_key_name: KEY.replace("europe-west9", "europe-west1") } }))).toEqual(["SOV-KEY-002"]);
    const ring = (project: string) => ({
      google_kms_key_ring: { r: { name: "r", project, location: "europe-west9", lifecycle: { prevent_destroy: true } } },
    });
    const referenced = bucket({ encryption: { default_kms_key_name: "${google_kms_crypto_key.k.id}" } });
    const localKey = key({ key_ring: "${google_kms_key_ring.r.id}" });
    expect(ruleIdsFor({ ...referenced, ...localKey, ...ring("op-keys") })).toEqual([]);
    // Both the key ring (outside the operator project) and the bucket's key are flagged.
    expect(ruleIdsFor({ ...referenced, ...localKey, ...ring("elsewhere") })).toEqual(["SOV-KEY-002", "SOV-KEY-002"]);
  });

  it("SOV-KEY-002 takes the operator project on s3ns with or without its universe prefix, never doubling it", () => {
    const s3nsKey = "projects/s3ns:op-keys/locations/u-france-east1/keyRings/r/cryptoKeys/k";
    const s3nsBucket = (kmsKey: string) => ({
      provider: { google: [{ region: "u-france-east1", universe_domain: "s3nsapis.fr" }] },
      resource: { google_storage_bucket: { b: { name: "b", location: "u-france-east1", encryption: { default_kms_key_name: kmsKey } } } },
    });
    const keyFindings = (kmsKey: string, operatorProjectId: string) =>
      evaluate([documentFromConfig(s3nsBucket(kmsKey), "s")], { profile: PROFILES.s3ns, operatorProjectId })
        .findings.filter((f) => f.ruleId === "SOV-KEY-002")
        .map((f) => f.message);
    expect(keyFindings(s3nsKey, "op-keys")).toEqual([]);
    expect(keyFindings(s3nsKey, "s3ns:op-keys")).toEqual([]);
    expect(keyFindings(s3nsKey.replace("s3ns:op-keys", "s3ns:tenant-own"), "s3ns:op-keys")).toEqual([
      expect.stringContaining("outside the operator's key project (allowed: projects/s3ns:op-keys)"),
    ]);
  });

  it("SOV-KEY-003 flags SOFTWARE keys on paris, explicit or by default, and allows them on s3ns", () => {
    expect(ruleIdsFor(key({ version_template: { protection_level: "SOFTWARE" } }))).toEqual(["SOV-KEY-003"]);
    expect(ruleIdsFor(key({ version_template: undefined }))).toEqual(["SOV-KEY-003"]);
    const s3ns = evaluate(
      [
        documentFromConfig(
          {
            resource: key({
              key_ring: "projects/s3ns:op-keys/locations/u-france-east1/keyRings/r",
              version_template: { protection_level: "SOFTWARE" },
            }),
          },
          "s",
        ),
      ],
      { profile: PROFILES.s3ns },
    );
    expect(s3ns.findings.map((f) => f.ruleId).filter((id) => id === "SOV-KEY-003")).toEqual([]);
  });

  it("SOV-KEY-004 flags keys and key rings without prevent_destroy", () => {
    expect(ruleIdsFor(key({ lifecycle: undefined }))).toEqual(["SOV-KEY-004"]);
    expect(ruleIdsFor({ google_kms_key_ring: { r: { name: "r", project: "op-keys", location: "europe-west9" } } })).toEqual(["SOV-KEY-004"]);
  });

  it("SOV-KEY-005 flags key grants beyond encrypt/decrypt", () => {
    const grant = (role: string) => ({
      google_kms_crypto_key_iam_member: { g: { crypto_key_id: KEY, role, member: "serviceAccount:x@p.iam.gserviceaccount.com" } },
    });
    expect(ruleIdsFor(grant("roles/cloudkms.admin"))).toEqual(["SOV-KEY-005"]);
    expect(ruleIdsFor(grant("roles/cloudkms.cryptoKeyEncrypterDecrypter"))).toEqual([]);
  });

  it("SOV-IAM-001 flags public members", () => {
    expect(ruleIdsFor({ google_storage_bucket_iam_member: { p: { bucket: "b", role: "roles/storage.objectViewer", member: "allUsers" } } })).toEqual([
      "SOV-IAM-001",
    ]);
    expect(
      ruleIdsFor({
        google_project_iam_binding: { p: { project: "p", role: "roles/logging.viewer", members: ["group:a@example.fr", "allAuthenticatedUsers"] } },
      }),
    ).toEqual(["SOV-IAM-001"]);
    expect(
      ruleIdsFor({ google_storage_bucket_iam_member: { p: { bucket: "b", role: "roles/storage.objectViewer", member: "group:a@example.fr" } } }),
    ).toEqual([]);
  });

  it("SOV-IAM-002 flags basic roles", () => {
    expect(ruleIdsFor({ google_project_iam_member: { o: { project: "p", role: "roles/owner", member: "user:a@example.fr" } } })).toEqual([
      "SOV-IAM-002",
    ]);
    expect(ruleIdsFor({ google_folder_iam_member: { e: { folder: "folders/1", role: "roles/editor", member: "group:a@example.fr" } } })).toEqual([
      "SOV-IAM-002",
    ]);
    expect(
      ruleIdsFor({ google_folder_iam_member: { e: { folder: "folders/1", role: "roles/logging.viewer", member: "group:a@example.fr" } } }),
    ).toEqual([]);
  });

  it("SOV-GRD-001 flags a set of stacks without the location guardrail, or with a wider one", () => {
    const docWith = (resource: any) => documentFromConfig({ provider: PROVIDER, resource }, "s");
    const ids = (resource: any) => evaluate([docWith(resource)], { ...context, requireGuardrails: true }).findings.map((f) => f.ruleId);
    expect(ids({})).toEqual(["SOV-GRD-001"]);
    const wide = {
      google_org_policy_policy: {
        l: {
          name: "folders/1/policies/gcp.resourceLocations",
          parent: "folders/1",
          spec: { rules: [{ values: { allowed_values: ["in:eu-locations"] } }] },
        },
      },
    };
    expect(ids(wide)).toEqual(["SOV-GRD-002", "SOV-GRD-001"]);
    expect(ids(GUARDRAIL)).toEqual([]);
  });

  it("honours waivers carried in the JSON (also under the former name suppressions) and reports them with their reason", () => {
    const suppressed = bucket({
      location: "EU",
      "//": { sovereignty: { suppressions: [{ ruleId: "SOV-LOC-001", reason: "replica for the archive, approved by RSSI" }] } },
    });
    const doc = documentFromConfig({ provider: PROVIDER, resource: { ...GUARDRAIL, ...suppressed } }, "s");
    const result = evaluate([doc], context);
    expect(result.findings).toEqual([]);
    expect(result.waived).toEqual([
      expect.objectContaining({
        ruleId: "SOV-LOC-001",
        address: "google_storage_bucket.b",
        waiver: expect.objectContaining({ reason: "replica for the archive, approved by RSSI" }),
      }),
    ]);
  });

  it("reads plans: nested blocks as lists, unknown values as set", () => {
    const plan = {
      format_version: "1.2",
      terraform_version: "1.9.0",
      planned_values: {
        root_module: {
          resources: [
            { address: "google_storage_bucket.b", mode: "managed", type: "google_storage_bucket", values: { location: "EU", encryption: [] } },
            { address: "google_pubsub_topic.t", mode: "managed", type: "google_pubsub_topic", values: { name: "t" } },
          ],
          child_modules: [
            {
              resources: [
                {
                  address: "module.m.google_org_policy_policy.l",
                  mode: "managed",
                  type: "google_org_policy_policy",
                  values: GUARDRAIL.google_org_policy_policy.loc,
                },
              ],
            },
          ],
        },
      },
      resource_changes: [{ address: "google_pubsub_topic.t", change: { after_unknown: { kms_key_name: true } } }],
      configuration: { provider_config: { google: { name: "google", expressions: { region: { constant_value: "europe-west9" } } } } },
    };
    const result = evaluate([documentFromPlan(plan, "plan.json")], context);
    expect(result.findings.map((f) => `${f.ruleId} ${f.address}`).sort()).toEqual([
      "SOV-KEY-001 google_storage_bucket.b",
      "SOV-KEY-002 google_pubsub_topic.t",
      "SOV-LOC-001 google_pubsub_topic.t",
      "SOV-LOC-001 google_storage_bucket.b",
    ]);
    expect(result.findings.find((f) => f.ruleId === "SOV-KEY-002")?.message).toMatch(/kms_key_name cannot be resolved/);
  });

  it("gives every rule an id, a message source, a why and a fix", () => {
    const ids = SOVEREIGNTY_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of SOVEREIGNTY_RULES) {
      expect(r.id).toMatch(/^SOV-[A-Z]{3,4}-\d{3}$/);
      expect([r.title, r.why, r.fix].every((t) => t.length > 10)).toBe(true);
    }
  });
});
