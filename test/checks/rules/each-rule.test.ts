/**
 * Each rule of the pack run alone (cdk-nag style): a compliant and a
 * non-compliant case per rule, and a negative test for every bypass listed in
 * issue 14.
 */
import { DATA_DESTINATIONS } from "../../../lib/catalog/data-destinations";
import { evaluate } from "../../../lib/checks/engine";
import { SOVEREIGNTY_RULES, type SovereigntyRuleId } from "../../../lib/checks/pack";
import { documentFromConfig, documentFromPlan } from "../../../lib/checks/terraform-json";
import type { RuleContext, TfDocument } from "../../../lib/checks/types";
import { PROFILES } from "../../../lib/profiles/profile";

const context: RuleContext = { profile: PROFILES.paris, operatorProjectId: "op-keys" };
const KEY = (service = "storage") => `projects/op-keys/locations/europe-west9/keyRings/tenant-a/cryptoKeys/${service}`;

function rule(id: SovereigntyRuleId) {
  const r = SOVEREIGNTY_RULES.find((x) => x.id === id);
  if (!r) throw new Error(`no rule ${id}`);
  return r;
}

/** Messages of one rule alone on a config (a good provider is added unless the config has one). */
function hits(id: SovereigntyRuleId, config: Record<string, any>, ctx: RuleContext = context): string[] {
  const doc = documentFromConfig({ provider: { google: [{ region: "europe-west9" }] }, ...config }, "s");
  return evaluate([doc], ctx, { rules: [rule(id)] }).findings.map((f) => `${f.address}: ${f.message}`);
}
const on = (docs: TfDocument[], id: SovereigntyRuleId, ctx: RuleContext = context) =>
  evaluate(docs, ctx, { rules: [rule(id)] }).findings.map((f) => f.address);

const bucket = (body: Record<string, any> = {}) => ({
  resource: { google_storage_bucket: { b: { name: "b", location: "europe-west9", encryption: { default_kms_key_name: KEY() }, ...body } } },
});

describe("SOV-LOC-001 resource locations", () => {
  it("passes a bucket in the region and flags the EU multi-region", () => {
    expect(hits("SOV-LOC-001", bucket())).toEqual([]);
    expect(hits("SOV-LOC-001", bucket({ location: "EU" }))).toEqual([expect.stringMatching(/location "EU" is outside/)]);
  });

  it("reads nested locations from the catalog: Spanner config, Redis location_id, Pub/Sub persistence, secret replicas", () => {
    const r = (resource: any) => hits("SOV-LOC-001", { resource });
    expect(r({ google_spanner_instance: { s: { name: "s", config: "regional-us-central1", display_name: "s" } } })).toHaveLength(1);
    expect(
      r({ google_spanner_instance: { s: { name: "s", config: "projects/p/instanceConfigs/regional-europe-west9", display_name: "s" } } }),
    ).toEqual([]);
    expect(r({ google_redis_instance: { r: { name: "r", memory_size_gb: 1, location_id: "us-east1-b" } } })).toHaveLength(1);
    expect(r({ google_app_engine_application: { a: { location_id: "us-central" } } })).toHaveLength(1);
    expect(
      r({ google_pubsub_topic: { t: { name: "t", message_storage_policy: { allowed_persistence_regions: ["europe-west9", "europe-west1"] } } } }),
    ).toHaveLength(1);
  });

  it("judges the blocks that dynamic blocks generate, nested ones too, one per element of a known for_each; an unknown iterator is unresolved", () => {
    const key = KEY("secretmanager");
    const replica = (location: string) => ({ location, customer_managed_encryption: { kms_key_name: key } });
    const secret = (dynamic: any) => ({
      google_secret_manager_secret: { s: { secret_id: "s", replication: { user_managed: { replicas: [replica("europe-west9")], dynamic } } } },
    });
    const r = (resource: any) => hits("SOV-LOC-001", { resource });
    expect(r(secret({ replicas: { for_each: ["x"], content: replica("europe-west9") } }))).toEqual([]);
    expect(r(secret({ replicas: { for_each: ["x"], content: replica("us-east1") } }))).toEqual([expect.stringMatching(/"us-east1" is outside/)]);
    // A known for_each: one block per element, the iterator bound to it (a list's key is its index, a map's its key).
    expect(r(secret({ replicas: { for_each: ["europe-west9"], content: replica("${replicas.value}") } }))).toEqual([]);
    expect(r(secret({ replicas: { for_each: ["europe-west9", "us-east1"], content: replica("${replicas.value}") } }))).toEqual([
      expect.stringMatching(/"us-east1" is outside/),
    ]);
    expect(r(secret({ replicas: { for_each: { "europe-west9": 1, "us-east1": 2 }, content: replica("${replicas.key}") } }))).toEqual([
      expect.stringMatching(/"us-east1" is outside/),
    ]);
    expect(r(secret({ replicas: { for_each: [], content: replica("us-east1") } }))).toEqual([]);
    // Through a variable's default and a local, with attribute access, and a named iterator.
    const config = (regions: string[]) => ({
      variable: { replicas: { default: regions.map((location) => ({ location })) } },
      locals: { replicas: "${var.replicas}" },
      resource: secret({ replicas: { for_each: "${local.replicas}", iterator: "r", content: replica("${r.value.location}") } }),
    });
    expect(hits("SOV-LOC-001", config(["europe-west9"]))).toEqual([]);
    expect(hits("SOV-LOC-001", config(["europe-west9", "us-east1"]))).toEqual([expect.stringMatching(/"us-east1" is outside/)]);
    // A for_each that cannot be resolved: the content once, its iterator unresolved.
    expect(r(secret({ replicas: { for_each: "${var.unknown}", content: replica("${replicas.value}") } }))).toEqual([
      expect.stringMatching(/cannot be resolved/),
    ]);
    // cdktf names its iterators `each`: inside the content that is the dynamic block's element, not the resource's for_each.
    const each = secret({ replicas: { for_each: ["us-east1"], iterator: "each", content: replica("${each.value}") } });
    each.google_secret_manager_secret.s = { ...each.google_secret_manager_secret.s, for_each: ["europe-west9"] } as any;
    expect(r(each)).toEqual([expect.stringMatching(/"us-east1" is outside/)]);
    // A local named like the elements' own is the configuration's, not overwritten.
    const named = config(["europe-west9"]) as any;
    named.locals.dynamic_iterator_0 = "us-east1";
    named.resource.google_storage_bucket = { b: { ...bucket().resource.google_storage_bucket.b, location: "${local.dynamic_iterator_0}" } };
    expect(hits("SOV-LOC-001", named)).toEqual([expect.stringMatching(/google_storage_bucket.b: .*"us-east1" is outside/)]);
    const nested = {
      google_storage_bucket: {
        b: {
          ...bucket().resource.google_storage_bucket.b,
          dynamic: {
            lifecycle_rule: { for_each: [1], content: { dynamic: { action: { for_each: [1], content: { type: "Delete" } } } } },
            custom_placement_config: [{ for_each: [1], content: { data_locations: ["US-EAST1"] } }],
          },
        },
      },
    };
    expect(r(nested)).toEqual([expect.stringMatching(/"US-EAST1" is outside/)]);
  });

  it("fails closed on absent locations whose API default is elsewhere", () => {
    const r = (resource: any) => hits("SOV-LOC-001", { resource });
    expect(r({ google_bigquery_dataset: { d: { dataset_id: "d" } } })).toEqual([expect.stringMatching(/sets no location/)]);
    expect(r({ google_pubsub_topic: { t: { name: "t" } } })).toEqual([expect.stringMatching(/allowed_persistence_regions/)]);
    expect(r({ google_secret_manager_secret: { s: { secret_id: "s", replication: { auto: {} } } } })).toHaveLength(1);
    expect(
      r({ google_secret_manager_secret: { s: { secret_id: "s", replication: { user_managed: { replicas: [{ location: "europe-west9" }] } } } } }),
    ).toEqual([]);
  });

  it("resolves for expressions over known collections, and leaves the rest unresolved", () => {
    const r = (config: any) => hits("SOV-LOC-001", config);
    const zones = (expr: string, variable: any = { suffixes: { default: ["a", "b"] } }) => ({
      variable,
      locals: { zones: expr },
      resource: {
        google_compute_disk: {
          d: { count: 2, name: "d-${count.index}", zone: "${local.zones[count.index]}", disk_encryption_key: { kms_key_self_link: KEY() } },
        },
      },
    });
    expect(r(zones('${[for s in var.suffixes : "europe-west9-${s}"]}'))).toEqual([]);
    expect(r(zones('${[for s in var.suffixes : "us-east1-${s}"]}'))).toEqual([
      expect.stringMatching(/"us-east1-a" is outside/),
      expect.stringMatching(/"us-east1-b" is outside/),
    ]);
    // Two names over a list: index and element; a condition filters; an object comprehension keys its values.
    expect(r(zones('${[for i, s in var.suffixes : "europe-west9-${s}" if i < 5]}'))).toHaveLength(2); // `<` is not understood: unresolved
    expect(r(zones('${[for i, s in var.suffixes : "europe-west9-${s}" if i != 7]}'))).toEqual([]);
    expect(
      r({
        locals: { by: "${{for k, v in var.m : v => k}}" },
        variable: { m: { default: { paris: "europe-west9", virginia: "us-east4" } } },
        resource: { google_storage_bucket: { b: { name: "b", location: '${local.by["us-east4"]}', encryption: { default_kms_key_name: KEY() } } } },
      }),
    ).toEqual([expect.stringMatching(/"virginia" is outside/)]);
    // A collection that cannot be known stays unknown.
    expect(r(zones('${[for s in var.suffixes : "europe-west9-${s}"]}', { suffixes: {} }))).toEqual([
      expect.stringMatching(/cannot be resolved/),
      expect.stringMatching(/cannot be resolved/),
    ]);
  });

  it("resolves values: Fn over literals, variables, locals, data sources and same-stack references", () => {
    const r = (config: any) => hits("SOV-LOC-001", config);
    expect(r(bucket({ location: '${lower("US-CENTRAL1")}' }))).toEqual([expect.stringMatching(/"us-central1" is outside/)]);
    expect(r({ ...bucket({ location: "${var.region}" }), variable: { region: { default: "us-east1" } } })).toHaveLength(1);
    expect(r({ ...bucket({ location: "${var.region}" }), variable: { region: { default: "europe-west9" } } })).toEqual([]);
    expect(r({ ...bucket({ location: "${var.region}" }), variable: { region: {} } })).toEqual([expect.stringMatching(/cannot be resolved/)]);
    expect(r({ ...bucket({ location: "${local.where}" }), locals: { where: '${format("%s-%s", "europe", "west9")}' } })).toEqual([]);
    expect(
      r({ ...bucket({ location: "${data.google_storage_bucket.src.location}" }), data: { google_storage_bucket: { src: { name: "src" } } } }),
    ).toEqual([expect.stringMatching(/cannot be resolved/)]);
    const topic = {
      resource: {
        google_storage_bucket: { a: { name: "a", location: "US", encryption: { default_kms_key_name: KEY() } } },
        google_compute_disk: { d: { name: "d", zone: "${google_storage_bucket.a.location}" } },
      },
    };
    expect(r(topic).filter((h) => h.startsWith("google_compute_disk"))).toEqual([expect.stringMatching(/"US" is outside/)]);
  });

  it("reads self links and resource names as locations, and neither gs:// paths nor org-policy conditions", () => {
    const r = (resource: any) => hits("SOV-LOC-001", { resource });
    expect(
      r({
        google_compute_subnetwork: {
          s: {
            name: "s",
            ip_cidr_range: "10.0.0.0/24",
            network: "n",
            region: "https://www.googleapis.com/compute/v1/projects/p/regions/europe-west9",
          },
        },
      }),
    ).toEqual([]);
    expect(
      r({
        google_dataflow_job: {
          j: { name: "j", region: "europe-west9", temp_gcs_location: "gs://tmp/x", template_gcs_path: "gs://t", kms_key_name: KEY("dataflow") },
        },
      }),
    ).toEqual([]);
    expect(
      r({
        google_org_policy_policy: {
          p: {
            name: "folders/1/policies/x",
            parent: "folders/1",
            spec: { rules: [{ enforce: "TRUE", condition: { expression: "resource.location == 'us'" } }] },
          },
        },
      }),
    ).toEqual([]);
  });

  it("flags a resource without a location whose provider's region is outside", () => {
    const config = {
      provider: { google: [{ region: "europe-west9" }, { alias: "us", region: "us-east1" }] },
      resource: { google_compute_subnetwork: { s: { name: "s", ip_cidr_range: "10.0.0.0/24", network: "n", provider: "google.us" } } },
    };
    expect(hits("SOV-LOC-001", config)).toEqual([expect.stringMatching(/takes its provider's us-east1/)]);
  });

  it("flags a resource without a location whose provider takes it from the environment: no provider block, or no zone", () => {
    const subnet = (extra: any = {}) => ({ google_compute_subnetwork: { s: { name: "s", ip_cidr_range: "10.0.0.0/24", network: "n", ...extra } } });
    const doc = (config: any) => documentFromConfig(config, "s");
    const found = (config: any) => evaluate([doc(config)], context, { rules: [rule("SOV-LOC-001")] }).findings.map((f) => f.message);
    const paris = { google: [{ region: "europe-west9" }] };
    expect(found({ provider: paris, resource: subnet() })).toEqual([]);
    expect(found({ provider: paris, resource: subnet({ region: "europe-west9" }) })).toEqual([]);
    // GOOGLE_REGION of whoever runs terraform: no configuration of the resource's provider (google-beta, an alias, none at all).
    expect(found({ provider: paris, resource: subnet({ provider: "google-beta" }) })).toEqual([
      expect.stringMatching(/sets no region, and its provider google-beta has no configuration in this file/),
    ]);
    expect(found({ provider: paris, resource: subnet({ provider: "${google.other}" }) })).toEqual([
      expect.stringMatching(/provider google\.other has no/),
    ]);
    expect(found({ resource: subnet() })).toEqual([expect.stringMatching(/GOOGLE_REGION/)]);
    // A zone is never derived from the provider's region: GOOGLE_ZONE applies.
    const disk = (extra: any = {}) => ({
      google_compute_disk: { d: { name: "d", disk_encryption_key: { kms_key_self_link: KEY("compute") }, ...extra } },
    });
    expect(found({ provider: paris, resource: disk() })).toEqual([
      expect.stringMatching(/sets no zone, and its provider sets no zone: .*GOOGLE_ZONE/),
    ]);
    expect(found({ provider: { google: [{ region: "europe-west9", zone: "europe-west9-b" }] }, resource: disk() })).toEqual([]);
    expect(found({ provider: paris, resource: disk({ zone: "europe-west9-a" }) })).toEqual([]);
    // A plan carries the value the provider computed: nothing to guess.
    const plan = {
      planned_values: {
        root_module: {
          resources: [
            {
              address: "google_compute_disk.d",
              mode: "managed",
              type: "google_compute_disk",
              name: "d",
              values: { name: "d", zone: "europe-west9-a" },
            },
          ],
        },
      },
    };
    expect(evaluate([documentFromPlan(plan, "p")], context, { rules: [rule("SOV-LOC-001")] }).findings).toEqual([]);
  });
});

describe("SOV-LOC-002 providers", () => {
  const r = (provider: any, extra: any = {}, ctx = context) => hits("SOV-LOC-002", { provider, ...extra }, ctx);
  it("passes a provider in the region and flags one elsewhere, unresolved or without a region", () => {
    expect(r({ google: [{ region: "europe-west9" }] })).toEqual([]);
    expect(r({ google: [{ region: "us-central1" }] })).toHaveLength(1);
    expect(r({ google: [{}] })).toHaveLength(1);
    expect(r({ google: [{ region: "${var.region}" }] }, { variable: { region: {} } })).toHaveLength(1);
    expect(r({ google: [{ region: "${var.region}" }] }, { variable: { region: { default: "europe-west9" } } })).toEqual([]);
  });

  it("checks the Google provider under another local name, custom endpoints and the universe", () => {
    const terraform = { required_providers: { gcp: { source: "hashicorp/google" } } };
    expect(r({ gcp: [{ region: "us-east1" }] }, { terraform })).toEqual([expect.stringMatching(/provider\.gcp: region "us-east1"/)]);
    expect(r({ google: [{ region: "europe-west9", kms_custom_endpoint: "https://kms.example.com/v1/" }] })).toEqual([
      expect.stringMatching(/outside the universe/),
    ]);
    expect(r({ google: [{ region: "europe-west9", kms_custom_endpoint: "https://cloudkms.googleapis.com/v1/" }] })).toEqual([]);
    // The host a URL parser (the provider's, Go's net/url) sends requests to, not the text before the first slash.
    for (const endpoint of [
      "https://kms.example.com?.googleapis.com/v1/",
      "https://kms.example.com#.googleapis.com/v1/",
      "https://kms.example.com\\.googleapis.com/v1/",
      "https://cloudkms.googleapis.com@kms.example.com/v1/",
      "ftp://cloudkms.googleapis.com/v1/",
    ]) {
      expect([endpoint, r({ google: [{ region: "europe-west9", kms_custom_endpoint: endpoint }] })]).toEqual([
        endpoint,
        [expect.stringMatching(/outside the universe/)],
      ]);
    }
    expect(
      r({ google: [{ region: "europe-west9", storage_custom_endpoint: "https://storage.europe-west9.rep.googleapis.com/storage/v1/" }] }),
    ).toEqual([]);
    expect(
      r({ google: [{ region: "europe-west9", bigquery_custom_endpoint: "https://bigquery.us-central1.rep.googleapis.com/bigquery/v2/" }] }),
    ).toEqual([expect.stringMatching(/regional endpoint in us-central1/)]);
    expect(r({ google: [{ region: "u-france-east1", universe_domain: "s3nsapis.fr" }] }, {}, { profile: PROFILES.s3ns })).toEqual([]);
    expect(r({ google: [{ region: "u-france-east1" }] }, {}, { profile: PROFILES.s3ns })).toHaveLength(1);
  });

  it("reads cdktf's bare provider source (`google`) as Google's, so a cdktf stack's provider is judged", () => {
    const terraform = (source: string) => ({ required_providers: { google: { source, version: "6.50.0" } } });
    for (const source of ["google", "hashicorp/google", "registry.terraform.io/hashicorp/google", "Registry.Terraform.io/HashiCorp/Google"]) {
      expect(r({ google: [{ region: "us-central1" }] }, { terraform: terraform(source) })).toEqual([expect.stringMatching(/region "us-central1"/)]);
      expect(r({ google: [{ region: "europe-west9" }] }, { terraform: terraform(source) })).toEqual([]);
    }
  });
});

describe("SOV-LOC-003 global-only types", () => {
  it("flags global load balancing and Cloud Armor, and passes regional and internal-address types", () => {
    const r = (resource: any) => hits("SOV-LOC-003", { resource });
    expect(r({ google_compute_global_forwarding_rule: { f: { name: "f", target: "t" } } })).toHaveLength(1);
    expect(r({ google_compute_security_policy: { p: { name: "p" } } })).toHaveLength(1);
    expect(r({ google_compute_global_address: { a: { name: "a", purpose: "VPC_PEERING", address_type: "INTERNAL", prefix_length: 16 } } })).toEqual(
      [],
    );
    expect(r({ google_compute_global_address: { a: { name: "a" } } })).toHaveLength(1);
    expect(r({ google_compute_forwarding_rule: { f: { name: "f", region: "europe-west9" } } })).toEqual([]);
  });
});

describe("SOV-CAT-001 unknown types", () => {
  it("flags a google_* type the catalog does not know, and passes beta-only types it was corrected for", () => {
    expect(hits("SOV-CAT-001", { resource: { google_brand_new_thing: { x: {} } } })).toHaveLength(1);
    expect(hits("SOV-CAT-001", { resource: { google_project_service_identity: { x: { service: "pubsub.googleapis.com" } } } })).toEqual([]);
    expect(hits("SOV-CAT-001", { resource: { random_id: { x: {} } } })).toEqual([]);
  });
});

describe("SOV-CAT-002 what no rule can judge", () => {
  const r = (config: any) => hits("SOV-CAT-002", config);
  it("flags other clouds, HTTP, external and local types, and passes value-only types and Google's", () => {
    expect(r({ resource: { aws_s3_bucket: { b: { bucket: "b" } } } })).toEqual([
      expect.stringMatching(/^aws_s3_bucket\.b: aws_s3_bucket \(provider "hashicorp\/aws"\)/),
    ]);
    expect(r({ data: { http: { x: { url: "https://example.com" } }, external: { y: { program: ["sh"] } } } })).toHaveLength(2);
    expect(r({ resource: { local_file: { f: { filename: "x", content: "y" } } } })).toHaveLength(1);
    expect(r({ resource: { random_id: { x: {} }, time_sleep: { t: {} }, null_resource: { n: {} }, terraform_data: { d: {} } } })).toEqual([]);
    expect(r({ data: { terraform_remote_state: { s: { backend: "gcs" } } } })).toEqual([]);
    expect(r(bucket())).toEqual([]);
  });

  it("flags a type named like another provider's but served by one the rules do not accept", () => {
    const random = { required_providers: { random: { source: "example/random" } } };
    expect(r({ terraform: random, resource: { random_id: { x: {} } } })).toHaveLength(1);
  });

  it("flags google_* types served by a provider that is not Google's, by local name or provider meta-argument", () => {
    const evil = r({ terraform: { required_providers: { google: { source: "evilcorp/google" } } }, ...bucket() });
    expect(evil).toHaveLength(2);
    expect(evil).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/served by provider "evilcorp\/google", not Google's/),
        expect.stringMatching(/^provider\.google: provider "evilcorp\/google" is outside/),
      ]),
    );
    const other = { required_providers: { mirror: { source: "example.com/acme/google" } } };
    expect(r({ terraform: other, ...bucket({ provider: "mirror.eu" }) })).toHaveLength(1);
    expect(r({ terraform: { required_providers: { beta: { source: "hashicorp/google-beta" } } }, ...bucket({ provider: "${beta}" }) })).toEqual([]);
  });

  it("flags provisioners on any resource, in a configuration and in a plan", () => {
    expect(r(bucket({ provisioner: [{ "local-exec": { command: "gsutil cp -r gs://b gs://elsewhere" } }] }))).toEqual([
      expect.stringMatching(/runs local-exec provisioner\(s\) at apply/),
    ]);
    expect(r({ resource: { null_resource: { n: { provisioner: { "remote-exec": { inline: ["x"] } } } } } })).toHaveLength(1);
    const plan = {
      format_version: "1.2",
      planned_values: {
        root_module: {
          resources: [
            {
              address: "null_resource.n",
              mode: "managed",
              type: "null_resource",
              name: "n",
              provider_name: "registry.terraform.io/hashicorp/null",
              values: {},
            },
            {
              address: "aws_s3_bucket.b",
              mode: "managed",
              type: "aws_s3_bucket",
              name: "b",
              provider_name: "registry.terraform.io/hashicorp/aws",
              values: {},
            },
          ],
        },
      },
      configuration: { root_module: { resources: [{ address: "null_resource.n", provisioners: [{ type: "local-exec" }] }] } },
    };
    expect(on([documentFromPlan(plan, "p")], "SOV-CAT-002")).toEqual(["null_resource.n", "aws_s3_bucket.b"]);
  });
});

describe("SOV-KEY-001 keys present", () => {
  const r = (resource: any) => hits("SOV-KEY-001", { resource });
  it("passes a keyed bucket and flags the types the first pack never judged", () => {
    expect(hits("SOV-KEY-001", bucket())).toEqual([]);
    expect(
      r({
        google_compute_instance: {
          vm: { name: "vm", machine_type: "e2", zone: "europe-west9-a", boot_disk: { initialize_params: { image: "debian" } } },
        },
      }),
    ).toHaveLength(1);
    expect(r({ google_spanner_database: { d: { name: "d", instance: "i" } } })).toHaveLength(1);
    expect(r({ google_redis_instance: { x: { name: "x", memory_size_gb: 1 } } })).toHaveLength(1);
    expect(
      r({ google_cloud_run_v2_service: { s: { name: "s", location: "europe-west9", template: { containers: [{ image: "i" }] } } } }),
    ).toHaveLength(1);
    expect(r({ google_secret_manager_secret: { s: { secret_id: "s", replication: { auto: {} } } } })).toHaveLength(1);
  });

  it("requires each required key (every template disk, GKE secrets), and accepts a parent's default key when the parent is checked", () => {
    const disks = (d2: any) => ({
      google_compute_instance_template: { t: { machine_type: "e2", disk: [{ disk_encryption_key: { kms_key_self_link: KEY("compute") } }, d2] } },
    });
    expect(r(disks({ source_image: "x" }))).toHaveLength(1);
    expect(r(disks({ disk_encryption_key: { kms_key_self_link: KEY("compute") } }))).toEqual([]);
    expect(
      r({
        google_container_cluster: {
          c: {
            name: "c",
            location: "europe-west9",
            node_config: { boot_disk_kms_key: KEY("container") },
            database_encryption: { state: "DECRYPTED" },
          },
        },
      }),
    ).toHaveLength(1);
    const table = { google_bigquery_table: { t: { dataset_id: "${google_bigquery_dataset.d.dataset_id}", table_id: "t" } } };
    const dataset = (key: any) => ({ google_bigquery_dataset: { d: { dataset_id: "d", location: "europe-west9", ...key } } });
    expect(r({ ...table, ...dataset({ default_encryption_configuration: { kms_key_name: KEY("bigquery") } }) })).toEqual([]);
    expect(r({ ...table, ...dataset({}) })).toHaveLength(2);
    expect(r({ google_bigquery_table: { t: { dataset_id: "elsewhere", table_id: "t" } } })).toHaveLength(1);
  });
});

describe("SOV-KEY-002 operator keys", () => {
  const r = (config: any) => hits("SOV-KEY-002", config);
  it("passes an operator key in the region and flags other projects, regions and unresolved keys", () => {
    expect(r(bucket())).toEqual([]);
    expect(r(bucket({ encryption: { default_kms_key_name: KEY().replace("op-keys", "tenant") } }))).toHaveLength(1);
    expect(r(bucket({ encryption: { default_kms_key_name: "${var.key}" } }))).toEqual([expect.stringMatching(/cannot be resolved/)]);
    expect(r({ ...bucket({ encryption: { default_kms_key_name: "${var.key}" } }), variable: { key: { default: KEY() } } })).toEqual([]);
  });

  it("follows a key referenced from the same stack to its ring, and flags a ring outside the operator project", () => {
    const config = (project: string) => ({
      resource: {
        ...bucket({ encryption: { default_kms_key_name: "${google_kms_crypto_key.k.id}" } }).resource,
        google_kms_key_ring: { ring: { name: "r", project, location: "europe-west9" } },
        google_kms_crypto_key: { k: { name: "k", key_ring: "${google_kms_key_ring.ring.id}" } },
      },
    });
    expect(r(config("op-keys"))).toEqual([]);
    expect(r(config("tenant-a"))).toHaveLength(2);
  });
});

describe("references to one instance of a count or for_each resource", () => {
  const keys = (project: string, forEach: unknown = { gcs: "storage", bq: "bigquery" }) => ({
    google_kms_key_ring: { lz: { project, name: "lz", location: "europe-west9" } },
    google_kms_crypto_key: { k: { for_each: forEach, name: "${each.value}", key_ring: "${google_kms_key_ring.lz.id}" } },
  });
  const bucket = (key: string) => ({
    google_storage_bucket: { b: { name: "b", location: "europe-west9", encryption: { default_kms_key_name: key } } },
  });

  it("SOV-KEY-002: reads the instance's attributes with each.* bound to it (a map's key, a set's value, a count's index)", () => {
    expect(hits("SOV-KEY-002", { resource: { ...keys("op-keys"), ...bucket('${google_kms_crypto_key.k["gcs"].id}') } })).toEqual([]);
    expect(hits("SOV-KEY-002", { resource: { ...keys("tenant-a"), ...bucket('${google_kms_crypto_key.k["gcs"].id}') } })).toEqual([
      expect.stringMatching(/^google_kms_key_ring\.lz: key ring is in project tenant-a/),
      expect.stringMatching(/"projects\/tenant-a\/locations\/europe-west9\/keyRings\/lz\/cryptoKeys\/storage" is outside the operator's key project/),
    ]);
    const set = { resource: { ...keys("op-keys", '${toset(["storage"])}'), ...bucket('${google_kms_crypto_key.k["storage"].id}') } };
    expect(hits("SOV-KEY-002", set)).toEqual([]);
    const counted = {
      google_kms_key_ring: { lz: { count: 2, project: "op-keys", name: "lz-${count.index}", location: "europe-west9" } },
      ...bucket("${google_kms_key_ring.lz[1].id}/cryptoKeys/storage"),
    };
    expect(hits("SOV-KEY-002", { resource: counted })).toEqual([]);
  });

  it("SOV-KEY-002: an instance the resource does not have, an unknown collection or a resource without instances stays unresolved", () => {
    const unresolved = [expect.stringMatching(/cannot be resolved/)];
    expect(hits("SOV-KEY-002", { resource: { ...keys("op-keys"), ...bucket('${google_kms_crypto_key.k["other"].id}') } })).toEqual(unresolved);
    const unknown = { variable: { keys: {} }, resource: { ...keys("op-keys", "${var.keys}"), ...bucket('${google_kms_crypto_key.k["gcs"].id}') } };
    expect(hits("SOV-KEY-002", unknown)).toEqual(unresolved);
    const plain = { google_kms_crypto_key: { k: { name: "storage", key_ring: "projects/op-keys/locations/europe-west9/keyRings/lz" } } };
    expect(hits("SOV-KEY-002", { resource: { ...plain, ...bucket('${google_kms_crypto_key.k["gcs"].id}') } })).toEqual(unresolved);
    const counted = {
      google_kms_key_ring: { lz: { count: 2, project: "op-keys", name: "lz-${count.index}", location: "europe-west9" } },
      ...bucket("${google_kms_key_ring.lz[2].id}/cryptoKeys/storage"),
    };
    expect(hits("SOV-KEY-002", { resource: counted })).toEqual(unresolved);
    // A for_each that names its own instances is a cycle Terraform refuses: unresolved, not a crash.
    const cycle = { google_storage_bucket: { b: { for_each: '${{a = google_storage_bucket.b["a"].name}}', name: "b", location: "europe-west9" } } };
    expect(() => hits("SOV-KEY-001", { resource: cycle })).not.toThrow();
  });
});

describe("keys held elsewhere or given in parts", () => {
  const kmsConfig = (key: string) => ({ google_netapp_kmsconfig: { cfg: { name: "cfg", location: "europe-west9", crypto_key_name: key } } });
  const pool = (kms_config?: string) => ({
    google_netapp_storage_pool: {
      p: { name: "p", location: "europe-west9", service_level: "PREMIUM", capacity_gib: "2048", network: "n", ...(kms_config ? { kms_config } : {}) },
    },
  });
  const volume = {
    google_netapp_volume: {
      v: { name: "v", location: "europe-west9", capacity_gib: "100", share_name: "v", storage_pool: "${google_netapp_storage_pool.p.name}" },
    },
  };

  it("SOV-KEY-001: a NetApp pool needs a KMS config, and its volumes take the pool's", () => {
    expect(hits("SOV-KEY-001", { resource: { ...kmsConfig(KEY("netapp")), ...pool("${google_netapp_kmsconfig.cfg.id}"), ...volume } })).toEqual([]);
    expect(hits("SOV-KEY-001", { resource: { ...pool(), ...volume } })).toEqual([
      expect.stringMatching(/^google_netapp_storage_pool\.p: has no customer-managed key: set kms_config/),
      expect.stringMatching(
        /^google_netapp_volume\.v: has no customer-managed key, and its google_netapp_storage_pool .* set storage_pool to one with an operator key/,
      ),
    ]);
  });

  it("SOV-KEY-002: a pool's key is its KMS config's, found by reference or id; a config out of sight cannot be verified", () => {
    const keyed = (cfgKey: string, ref: string) => hits("SOV-KEY-002", { resource: { ...kmsConfig(cfgKey), ...pool(ref) } });
    expect(keyed(KEY("netapp"), "${google_netapp_kmsconfig.cfg.id}")).toEqual([]);
    expect(keyed(KEY("netapp"), "projects/p/locations/europe-west9/kmsConfigs/cfg")).toEqual([]);
    // The config's own key and the pool using it are both flagged.
    expect(keyed(KEY("netapp").replace("op-keys", "tenant"), "${google_netapp_kmsconfig.cfg.id}")).toEqual([
      expect.stringMatching(/^google_netapp_kmsconfig\.cfg: crypto_key_name .* outside the operator's key project/),
      expect.stringMatching(/^google_netapp_storage_pool\.p: kms_config .* outside the operator's key project/),
    ]);
    expect(keyed(KEY("netapp"), "projects/p/locations/europe-west9/kmsConfigs/other")).toEqual([
      expect.stringMatching(/^google_netapp_storage_pool\.p: kms_config cannot be resolved/),
    ]);
  });

  it("SOV-KEY-001 and SOV-KEY-002: an Application Integration key is composed from its parts", () => {
    const client = (kms?: Record<string, string>) => ({
      resource: { google_integrations_client: { c: { location: "europe-west9", ...(kms ? { cloud_kms_config: kms } : {}) } } },
    });
    const parts = { kms_project_id: "op-keys", kms_location: "europe-west9", kms_ring: "tenant-a", key: "integrations" };
    expect(hits("SOV-KEY-001", client(parts))).toEqual([]);
    expect(hits("SOV-KEY-001", client())).toHaveLength(1);
    expect(hits("SOV-KEY-002", client(parts))).toEqual([]);
    expect(hits("SOV-KEY-002", client({ ...parts, kms_project_id: "tenant" }))).toEqual([
      expect.stringMatching(
        /"projects\/tenant\/locations\/europe-west9\/keyRings\/tenant-a\/cryptoKeys\/integrations" is outside the operator's key project/,
      ),
    ]);
    expect(hits("SOV-KEY-002", { ...client({ ...parts, kms_ring: "${var.ring}" }), variable: { ring: {} } })).toEqual([
      expect.stringMatching(/cannot be resolved/),
    ]);
  });
});

describe("SOV-KEY-003 protection levels", () => {
  it("passes EXTERNAL_VPC and flags SOFTWARE on paris", () => {
    const key = (level?: string) => ({
      resource: {
        google_kms_crypto_key: {
          k: { name: "k", key_ring: "r", ...(level ? { version_template: { protection_level: level, algorithm: "x" } } : {}) },
        },
      },
    });
    expect(hits("SOV-KEY-003", key("EXTERNAL_VPC"))).toEqual([]);
    expect(hits("SOV-KEY-003", key("SOFTWARE"))).toHaveLength(1);
    expect(hits("SOV-KEY-003", key())).toHaveLength(1);
  });
});

describe("SOV-KEY-004 key protection from destroy", () => {
  it("passes prevent_destroy, flags its absence, and fails closed on plans", () => {
    const ring = (lifecycle?: any) => ({
      resource: { google_kms_key_ring: { r: { name: "r", location: "europe-west9", ...(lifecycle ? { lifecycle } : {}) } } },
    });
    expect(hits("SOV-KEY-004", ring({ prevent_destroy: true }))).toEqual([]);
    expect(hits("SOV-KEY-004", ring())).toHaveLength(1);
    const plan = {
      format_version: "1.2",
      planned_values: {
        root_module: {
          resources: [{ address: "google_kms_key_ring.r", mode: "managed", type: "google_kms_key_ring", name: "r", values: { name: "r" } }],
        },
      },
    };
    expect(on([documentFromPlan(plan, "p")], "SOV-KEY-004")).toEqual(["google_kms_key_ring.r"]);
  });
});

describe("SOV-KEY-005 key IAM", () => {
  it("allows encrypt/decrypt and flags admin roles on keys and on key rings", () => {
    const grant = (type: string, role: string) => ({ resource: { [type]: { g: { role, member: "group:a@example.fr" } } } });
    expect(hits("SOV-KEY-005", grant("google_kms_crypto_key_iam_member", "roles/cloudkms.cryptoKeyEncrypterDecrypter"))).toEqual([]);
    expect(hits("SOV-KEY-005", grant("google_kms_crypto_key_iam_member", "roles/cloudkms.admin"))).toHaveLength(1);
    expect(hits("SOV-KEY-005", grant("google_kms_key_ring_iam_member", "roles/cloudkms.admin"))).toHaveLength(1);
    expect(hits("SOV-KEY-005", grant("google_kms_key_ring_iam_binding", "roles/cloudkms.cryptoKeyEncrypterDecrypter"))).toEqual([]);
  });
});

describe("SOV-IAM-001 public access", () => {
  const r = (resource: any, extra: any = {}) => hits("SOV-IAM-001", { resource, ...extra });
  it("flags public members in every grant form and passes named principals", () => {
    expect(r({ google_storage_bucket_iam_member: { p: { bucket: "b", role: "roles/storage.objectViewer", member: "group:a@example.fr" } } })).toEqual(
      [],
    );
    expect(r({ google_storage_bucket_iam_member: { p: { bucket: "b", role: "roles/storage.objectViewer", member: "allUsers" } } })).toHaveLength(1);
    const policy = JSON.stringify({ bindings: [{ role: "roles/viewer", members: ["allAuthenticatedUsers"] }] });
    expect(r({ google_project_iam_policy: { p: { project: "p", policy_data: policy } } })).toHaveLength(1);
    expect(
      r(
        { google_storage_bucket_iam_policy: { p: { bucket: "b", policy_data: "${data.google_iam_policy.pub.policy_data}" } } },
        { data: { google_iam_policy: { pub: { binding: [{ role: "roles/storage.objectViewer", members: ["allUsers"] }] } } } },
      ),
    ).toHaveLength(1);
    expect(
      r({ google_bigquery_dataset: { d: { dataset_id: "d", access: [{ role: "READER", special_group: "allAuthenticatedUsers" }] } } }),
    ).toHaveLength(1);
    expect(r({ google_storage_bucket_acl: { a: { bucket: "b", predefined_acl: "publicRead" } } })).toHaveLength(1);
    expect(r({ google_storage_bucket_acl: { a: { bucket: "b", role_entity: ["READER:allUsers"] } } })).toHaveLength(1);
    expect(r({ google_storage_bucket_acl: { a: { bucket: "b", role_entity: ["OWNER:group-a@example.fr"] } } })).toEqual([]);
  });

  it("flags spellings of the public it cannot tell from it: invisible characters, both principal identifiers", () => {
    const member = (m: string) => r({ google_storage_bucket_iam_member: { p: { bucket: "b", role: "roles/storage.objectViewer", member: m } } });
    for (const m of [
      "allAuthenticatedUsers\u200b",
      " all\u00adUsers",
      "all\u3164Users",
      "principal://goog/public:all",
      "principalSet://goog/public:all",
    ])
      expect(member(m)).toHaveLength(1);
    for (const m of ["user:allusers@example.fr", "principal://iam.googleapis.com/locations/global/workforcePools/p/subject/public:all"])
      expect(member(m)).toEqual([]);
  });

  it("reads array-form bodies", () => {
    const doc = documentFromConfig(
      [{ resource: [{ google_storage_bucket_iam_member: [{ p: [{ bucket: "b", role: "roles/storage.objectViewer", member: "allUsers" }] }] }] }],
      "s",
    );
    expect(on([doc], "SOV-IAM-001")).toEqual(["google_storage_bucket_iam_member.p"]);
  });

  it("takes an unknown member for a named identity only when a Google resource or data source gives it, and the public in any case", () => {
    const member = (m: string, extra: any = {}) =>
      r({ google_storage_bucket_iam_member: { p: { bucket: "b", role: "roles/storage.objectViewer", member: m } } }, extra);
    expect(member("${google_service_account.sa.email}")).toEqual([]);
    expect(member("${data.google_service_account.sa.email}")).toEqual([]);
    expect(member("${google_logging_project_sink.s.writer_identity}")).toEqual([]);
    // A variable set at apply, or a local the resolver cannot read, may well be allUsers.
    expect(member("${var.pub.email}", { variable: { pub: { type: "any" } } })).toEqual([expect.stringMatching(/cannot be resolved/)]);
    expect(member("${local.pub.member}", { locals: { pub: { member: '${regex("a", "allUsers")}' } } })).toEqual([
      expect.stringMatching(/cannot be resolved/),
    ]);
    for (const pub of ["allusers", "ALLAUTHENTICATEDUSERS", "principalset://goog/public:all"]) expect(member(pub)).toHaveLength(1);
  });
});

describe("SOV-IAM-002 basic roles", () => {
  it("flags owner/editor, also inside policy_data, and passes predefined roles", () => {
    expect(
      hits("SOV-IAM-002", { resource: { google_project_iam_member: { o: { project: "p", role: "roles/owner", member: "user:a@example.fr" } } } }),
    ).toHaveLength(1);
    const policy = JSON.stringify({ bindings: [{ role: "roles/editor", members: ["group:a@example.fr"] }] });
    expect(hits("SOV-IAM-002", { resource: { google_folder_iam_policy: { p: { folder: "folders/1", policy_data: policy } } } })).toHaveLength(1);
    expect(
      hits("SOV-IAM-002", {
        resource: { google_project_iam_member: { o: { project: "p", role: "roles/logging.viewer", member: "user:a@example.fr" } } },
      }),
    ).toEqual([]);
  });
});

describe("SOV-DATA-001 data leaving", () => {
  const sink = (destination: string) => ({
    ...bucket(),
    resource: { ...bucket().resource, google_logging_project_sink: { s: { name: "s", destination } } },
  });
  it("passes exports to the checked landing zone and flags foreign destinations", () => {
    expect(hits("SOV-DATA-001", sink("storage.googleapis.com/b"))).toEqual([]);
    expect(hits("SOV-DATA-001", sink("storage.googleapis.com/${google_storage_bucket.b.name}"))).toEqual([]);
    expect(hits("SOV-DATA-001", sink("storage.googleapis.com/partner-us"))).toHaveLength(1);
    expect(hits("SOV-DATA-001", sink("logging.googleapis.com/projects/p/locations/us-central1/buckets/x"))).toHaveLength(1);
    expect(hits("SOV-DATA-001", sink("logging.googleapis.com/projects/p/locations/europe-west9/buckets/x"))).toEqual([]);
    // An instance of a `for_each` resource of the file, named by reference: the resource is judged (and a global one flagged).
    const logBuckets = (location: string) => ({
      resource: {
        google_logging_project_bucket_config: {
          lb: { for_each: { audit: 400 }, project: "p", location, bucket_id: "${each.key}", retention_days: "${each.value}" },
        },
        google_logging_project_sink: {
          s: { name: "s", destination: 'logging.googleapis.com/${google_logging_project_bucket_config.lb["audit"].id}' },
        },
      },
    });
    expect(hits("SOV-DATA-001", logBuckets("europe-west9"))).toEqual([]);
    expect(hits("SOV-DATA-001", logBuckets("global"))).toEqual([
      expect.stringMatching(/google_logging_project_bucket_config\.lb is not a compliant destination/),
    ]);
    expect(hits("SOV-DATA-001", sink('storage.googleapis.com/${google_storage_bucket.other["x"].name}'))).toEqual([
      expect.stringMatching(/cannot be resolved/),
    ]);
    const job = {
      resource: {
        google_storage_transfer_job: {
          j: { description: "j", transfer_spec: { gcs_data_source: { bucket_name: "b" }, gcs_data_sink: { bucket_name: "partner" } } },
        },
      },
    };
    expect(hits("SOV-DATA-001", job)).toHaveLength(1);
    const push = {
      resource: { google_pubsub_subscription: { s: { name: "s", topic: "t", push_config: { push_endpoint: "https://hooks.example.com/x" } } } },
    };
    expect(hits("SOV-DATA-001", push)).toHaveLength(1);
  });

  it("reads a push endpoint's region where Cloud Run and Cloud Functions put it, and its host as a URL parser does", () => {
    const push = (push_endpoint: string) => ({
      resource: { google_pubsub_subscription: { s: { name: "s", topic: "t", push_config: { push_endpoint } } } },
    });
    expect(hits("SOV-DATA-001", push("https://ingest-123456.europe-west9.run.app/push"))).toEqual([]);
    expect(hits("SOV-DATA-001", push("https://europe-west9-proj.cloudfunctions.net/ingest"))).toEqual([]);
    for (const outside of [
      "https://europe-west9-ingest-123456.us-central1.run.app/push", // the region is the label before run.app, not any part of the name
      "https://us-central1-europe-west9.cloudfunctions.net/ingest",
      "https://hooks.example.com?.europe-west9.run.app/", // a query, a fragment or credentials do not change the host
      "https://hooks.example.com#x-1.europe-west9.run.app/",
      "https://x-1.europe-west9.run.app@hooks.example.com/",
    ]) {
      expect([outside, hits("SOV-DATA-001", push(outside))]).toEqual([outside, [expect.stringMatching(/outside the boundary/)]]);
    }
  });
});

describe("SOV-DATA-001 copies the catalog lists: backups, snapshots, replicas, outputs, remote calls", () => {
  const with_ = (resource: Record<string, any>): { resource: Record<string, any> } => ({ resource: { ...bucket().resource, ...resource } });

  it("passes a gs:// destination in a checked bucket and flags a foreign or non-compliant one", () => {
    const metastore = (backup_location: string) =>
      with_({
        google_dataproc_metastore_service: { m: { service_id: "m", location: "europe-west9", scheduled_backup: { enabled: true, backup_location } } },
      });
    expect(hits("SOV-DATA-001", metastore("gs://b/backups"))).toEqual([]);
    expect(hits("SOV-DATA-001", metastore("gs://${google_storage_bucket.b.name}/backups"))).toEqual([]);
    expect(hits("SOV-DATA-001", metastore("gs://partner-dr/backups"))).toEqual([expect.stringMatching(/bucket partner-dr is outside/)]);
    const eu = metastore("gs://${google_storage_bucket.eu.name}/x");
    const euBucket = { name: "eu", location: "EU", encryption: { default_kms_key_name: KEY() } };
    eu.resource.google_storage_bucket = { ...eu.resource.google_storage_bucket, eu: euBucket };
    expect(hits("SOV-DATA-001", eu)).toEqual([expect.stringMatching(/google_storage_bucket\.eu is not a compliant destination/)]);
    expect(hits("SOV-DATA-001", { ...metastore("${var.where}"), variable: { where: {} } })).toEqual([expect.stringMatching(/cannot be resolved/)]);
  });

  it("follows a vault or pool named by reference or by id, and flags one outside the region or the checked stacks", () => {
    const vault = (location: string) => ({ google_backup_dr_backup_vault: { v: { backup_vault_id: "vms", location } } });
    const plan = (backup_vault: string) => ({ google_backup_dr_backup_plan: { p: { backup_plan_id: "p", location: "europe-west9", backup_vault } } });
    expect(hits("SOV-DATA-001", with_({ ...vault("europe-west9"), ...plan("${google_backup_dr_backup_vault.v.id}") }))).toEqual([]);
    expect(hits("SOV-DATA-001", with_({ ...vault("europe-west9"), ...plan("projects/p/locations/europe-west9/backupVaults/vms") }))).toEqual([]);
    expect(hits("SOV-DATA-001", with_({ ...vault("us-central1"), ...plan("${google_backup_dr_backup_vault.v.id}") }))).toEqual([
      expect.stringMatching(/google_backup_dr_backup_vault\.v is not a compliant destination/),
    ]);
    expect(hits("SOV-DATA-001", with_(plan("projects/p/locations/europe-west9/backupVaults/elsewhere")))).toEqual([
      expect.stringMatching(/outside the checked landing zone/),
    ]);
    const crossRegion = {
      google_netapp_backup_vault: { v: { name: "v", location: "europe-west9", backup_region: "europe-west1" } },
      google_netapp_volume: { vol: { name: "vol", location: "europe-west9", backup_config: { backup_vault: "${google_netapp_backup_vault.v.id}" } } },
    };
    expect(hits("SOV-DATA-001", with_(crossRegion))).toEqual([expect.stringMatching(/backup_region "europe-west1"/)]);
  });

  it("flags Cloud SQL backups turned on without a location (the closest multi-region), not when set or off", () => {
    const sql = (backup_configuration: Record<string, unknown> | undefined) => ({
      resource: {
        google_sql_database_instance: {
          db: { name: "db", region: "europe-west9", database_version: "POSTGRES_16", settings: { tier: "db-custom-1-3840", backup_configuration } },
        },
      },
    });
    expect(hits("SOV-DATA-001", sql({ enabled: true, location: "europe-west9" }))).toEqual([]);
    expect(hits("SOV-DATA-001", sql({ enabled: false }))).toEqual([]);
    expect(hits("SOV-DATA-001", sql(undefined))).toEqual([]);
    expect(hits("SOV-DATA-001", sql({ enabled: true, start_time: "02:00" }))).toEqual([
      expect.stringMatching(/^google_sql_database_instance\.db: settings\.backup_configuration\.location is not set: .*closest multi-region/),
    ]);
    // A switch that cannot be resolved may be on: fail closed.
    expect(hits("SOV-DATA-001", { ...sql({ enabled: "${var.backups}" }), variable: { backups: {} } })).toHaveLength(1);
    // A location that is set is judged as a location (SOV-LOC-001), not here.
    expect(hits("SOV-DATA-001", sql({ enabled: true, location: "eu" }))).toEqual([]);
    expect(hits("SOV-LOC-001", sql({ enabled: true, location: "eu" }))).toEqual([expect.stringMatching(/location "eu" is outside/)]);
  });

  it("follows an asynchronous disk replication to its secondary disk, and flags one outside the region or the checked stacks", () => {
    const disk = (zone: string) => ({ name: "dr", zone, disk_encryption_key: { kms_key_self_link: KEY("compute") } });
    const replication = (secondary: string, zone = "europe-west9-b") => ({
      google_compute_disk: { primary: { name: "primary", zone: "europe-west9-a" }, dr: disk(zone) },
      google_compute_disk_async_replication: { r: { primary_disk: "${google_compute_disk.primary.id}", secondary_disk: { disk: secondary } } },
    });
    expect(hits("SOV-DATA-001", with_(replication("${google_compute_disk.dr.id}")))).toEqual([]);
    expect(hits("SOV-DATA-001", with_(replication("projects/p/zones/europe-west9-b/disks/dr")))).toEqual([]);
    expect(hits("SOV-DATA-001", with_(replication("${google_compute_disk.dr.id}", "europe-west1-b")))).toEqual([
      expect.stringMatching(/^google_compute_disk_async_replication\.r: destination google_compute_disk\.dr is not a compliant destination/),
    ]);
    expect(hits("SOV-DATA-001", with_(replication("projects/p/zones/europe-west1-b/disks/elsewhere")))).toEqual([
      expect.stringMatching(/outside the checked landing zone/),
    ]);
  });

  it.each(
    Object.entries(DATA_DESTINATIONS).flatMap(([type, destinations]) =>
      destinations.filter((d) => d.kind === "resource").map((d) => [type, d.path] as const),
    ),
  )("%s: its %s naming a resource the checked stacks do not declare is a finding", (type, path) => {
    // The attribute alone, its blocks written out along the path: the rule judges what it names.
    const body = path
      .split(".")
      .reverse()
      .reduce<unknown>((inner, step) => ({ [step]: inner }), "projects/p/locations/europe-west9/things/undeclared");
    expect(hits("SOV-DATA-001", { resource: { [type]: { r: body } } })).toContainEqual(
      expect.stringMatching(new RegExp(`^${type}\\.r: ${path.replace(/\./g, "\\.")} "[^"]*undeclared" is outside the checked landing zone`)),
    );
  });

  it("follows a child to the parent that keeps its data, named by short name, and flags a parent outside the checked stacks", () => {
    const parents = {
      google_bigquery_dataset: {
        d: { dataset_id: "sales", location: "europe-west9", default_encryption_configuration: { kms_key_name: KEY("bigquery") } },
      },
      google_sql_database_instance: {
        i: { name: "db", region: "europe-west9", database_version: "POSTGRES_16", encryption_key_name: KEY("sqladmin") },
      },
      google_storage_bucket: { b: { name: "docs", location: "europe-west9", encryption: { default_kms_key_name: KEY() } } },
    };
    const children = (dataset: string, instance: string, bucketName: string) =>
      with_({
        ...parents,
        google_bigquery_table: { t: { dataset_id: dataset, table_id: "t" } },
        google_sql_database: { db: { name: "app", instance } },
        google_storage_bucket_object: { o: { name: "o", bucket: bucketName, content: "x" } },
      });
    expect(hits("SOV-DATA-001", children("sales", "db", "docs"))).toEqual([]);
    expect(
      hits(
        "SOV-DATA-001",
        children("${google_bigquery_dataset.d.dataset_id}", "${google_sql_database_instance.i.name}", "${google_storage_bucket.b.name}"),
      ),
    ).toEqual([]);
    expect(hits("SOV-DATA-001", children("elsewhere", "other-db", "foreign-bucket"))).toEqual([
      expect.stringMatching(/^google_bigquery_table\.t: dataset_id "elsewhere" is outside the checked landing zone/),
      expect.stringMatching(/^google_sql_database\.db: instance "other-db" is outside the checked landing zone/),
      expect.stringMatching(/^google_storage_bucket_object\.o: bucket foreign-bucket is outside the checked landing zone/),
    ]);
    const secret = {
      google_secret_manager_secret: {
        s: {
          secret_id: "token",
          replication: {
            user_managed: { replicas: [{ location: "europe-west9", customer_managed_encryption: { kms_key_name: KEY("secretmanager") } }] },
          },
        },
      },
    };
    const version = (name: string) => with_({ ...secret, google_secret_manager_secret_version: { v: { secret: name, secret_data: "x" } } });
    expect(hits("SOV-DATA-001", version("${google_secret_manager_secret.s.id}"))).toEqual([]);
    expect(hits("SOV-DATA-001", version("projects/p/secrets/token"))).toEqual([]);
    expect(hits("SOV-DATA-001", version("projects/p/secrets/elsewhere"))).toEqual([
      expect.stringMatching(/^google_secret_manager_secret_version\.v: secret "projects\/p\/secrets\/elsewhere" is outside the checked landing zone/),
    ]);
    const template = {
      google_compute_instance_template: {
        t: {
          name: "web",
          machine_type: "e2-small",
          disk: [{ source_image: "debian-12", disk_encryption_key: { kms_key_self_link: KEY("compute") } }],
        },
      },
    };
    const group = (instance_template: string) =>
      with_({
        ...template,
        google_compute_region_instance_group_manager: {
          g: { name: "g", region: "europe-west9", base_instance_name: "web", version: { instance_template } },
        },
      });
    expect(hits("SOV-DATA-001", group("${google_compute_instance_template.t.self_link}"))).toEqual([]);
    expect(hits("SOV-DATA-001", group("projects/p/global/instanceTemplates/web"))).toEqual([]);
    expect(hits("SOV-DATA-001", group("projects/p/global/instanceTemplates/foreign"))).toEqual([
      expect.stringMatching(
        /^google_compute_region_instance_group_manager\.g: version\.instance_template ".*foreign" is outside the checked landing zone/,
      ),
    ]);
    const transfer = (destination_dataset_id: string) =>
      with_({
        ...parents,
        google_bigquery_data_transfer_config: {
          q: {
            display_name: "q",
            location: "europe-west9",
            data_source_id: "scheduled_query",
            destination_dataset_id,
            params: { query: "select 1" },
          },
        },
      });
    expect(hits("SOV-DATA-001", transfer("${google_bigquery_dataset.d.dataset_id}"))).toEqual([]);
    expect(hits("SOV-DATA-001", transfer("elsewhere"))).toEqual([
      expect.stringMatching(/^google_bigquery_data_transfer_config\.q: destination_dataset_id "elsewhere" is outside the checked landing zone/),
    ]);
    // A parent of the checked stacks outside the region: its child's data is there too.
    const usParents = { ...parents, google_bigquery_dataset: { d: { ...parents.google_bigquery_dataset.d, location: "US" } } };
    const table = with_({ ...usParents, google_bigquery_table: { t: { dataset_id: "sales", table_id: "t" } } });
    expect(hits("SOV-DATA-001", table)).toEqual([
      expect.stringMatching(/^google_bigquery_table\.t: destination google_bigquery_dataset\.d is not a compliant destination/),
    ]);
  });

  it("reads a cross-stack reference in the stack whose state it reads (same backend), among the stacks judged before", () => {
    const DATA_STATE = { path: "/app/terraform.data.tfstate" };
    const dataStack = (location: string) =>
      documentFromConfig(
        {
          terraform: { backend: { local: DATA_STATE } },
          provider: { google: [{ region: "europe-west9" }] },
          resource: {
            google_bigquery_dataset: { ds: { dataset_id: "stats", location, default_encryption_configuration: { kms_key_name: KEY("bigquery") } } },
          },
          output: { "cross-stack-output-ds": { value: "${google_bigquery_dataset.ds.dataset_id}", sensitive: true } },
        },
        "data",
      );
    const tables = (config: Record<string, unknown>) =>
      documentFromConfig(
        {
          provider: { google: [{ region: "europe-west9" }] },
          data: { terraform_remote_state: { "cross-stack-reference-input-data": { backend: "local", config, workspace: "${terraform.workspace}" } } },
          resource: {
            google_bigquery_table: {
              t: { dataset_id: "${data.terraform_remote_state.cross-stack-reference-input-data.outputs.cross-stack-output-ds}", table_id: "t" },
            },
          },
        },
        "tables",
      );
    const judge = (doc: TfDocument, siblings: TfDocument[]) =>
      evaluate([doc], { ...context, siblings }, { rules: [rule("SOV-DATA-001")] }).findings.map((f) => f.message);
    expect(judge(tables(DATA_STATE), [dataStack("europe-west9")])).toEqual([]);
    expect(judge(tables(DATA_STATE), [dataStack("US")])).toEqual([
      expect.stringMatching(/^destination google_bigquery_dataset\.ds is not a compliant destination: location "US"/),
    ]);
    // No stack judged before, another stack's state, or two stacks with that state: unresolved.
    const unresolved = [expect.stringMatching(/^dataset_id cannot be resolved/)];
    expect(judge(tables(DATA_STATE), [])).toEqual(unresolved);
    expect(judge(tables({ path: "/elsewhere/terraform.data.tfstate" }), [dataStack("europe-west9")])).toEqual(unresolved);
    expect(judge(tables(DATA_STATE), [dataStack("europe-west9"), dataStack("europe-west9")])).toEqual(unresolved);
  });

  it("follows exports to a dataset or a topic named by id, as sinks are", () => {
    const dataset = {
      google_bigquery_dataset: {
        d: { project: "p", dataset_id: "findings", location: "europe-west9", default_encryption_configuration: { kms_key_name: KEY("bigquery") } },
      },
    };
    const scc = (value: string) =>
      with_({ ...dataset, google_scc_project_scc_big_query_export: { e: { project: "p", big_query_export_id: "e", dataset: value } } });
    expect(hits("SOV-DATA-001", scc("projects/p/datasets/findings"))).toEqual([]);
    expect(hits("SOV-DATA-001", scc("${google_bigquery_dataset.d.id}"))).toEqual([]);
    expect(hits("SOV-DATA-001", scc("projects/other/datasets/findings"))).toEqual([expect.stringMatching(/dataset other\/findings is outside/)]);
    const endpoint = (output_uri: string) =>
      with_({
        ...dataset,
        google_vertex_ai_endpoint: {
          e: {
            name: "e",
            location: "europe-west9",
            predict_request_response_logging_config: { enabled: true, bigquery_destination: { output_uri } },
          },
        },
      });
    expect(hits("SOV-DATA-001", endpoint("bq://p.findings.predictions"))).toEqual([]);
    // Only a project: Vertex AI creates the dataset, where the rules cannot see it.
    expect(hits("SOV-DATA-001", endpoint("bq://p"))).toEqual([expect.stringMatching(/names no dataset the rules can verify/)]);
    const feed = (topic: string) =>
      with_({ google_cloud_asset_project_feed: { f: { feed_id: "f", feed_output_config: { pubsub_destination: { topic } } } } });
    expect(hits("SOV-DATA-001", feed("projects/partner/topics/assets"))).toEqual([expect.stringMatching(/topic partner\/assets is outside/)]);
    const fhir = (dataset_uri: string) =>
      with_({
        ...dataset,
        google_healthcare_fhir_store: { s: { name: "s", dataset: "d", stream_configs: [{ bigquery_destination: { dataset_uri } }] } },
      });
    expect(hits("SOV-DATA-001", fhir("bq://p.findings"))).toEqual([]);
    expect(hits("SOV-DATA-001", fhir("bq://analytics.fhir"))).toEqual([expect.stringMatching(/dataset analytics\/fhir is outside/)]);
    const profile = {
      google_datastream_connection_profile: {
        bq: { connection_profile_id: "bq", display_name: "bq", location: "europe-west9", bigquery_profile: {} },
      },
    };
    const stream = (destination_connection_profile: string, dataset_id: string) => ({
      google_datastream_stream: {
        s: {
          stream_id: "s",
          location: "europe-west9",
          display_name: "s",
          destination_config: { destination_connection_profile, bigquery_destination_config: { single_target_dataset: { dataset_id } } },
        },
      },
    });
    expect(hits("SOV-DATA-001", with_({ ...dataset, ...profile, ...stream("${google_datastream_connection_profile.bq.id}", "p:findings") }))).toEqual(
      [],
    );
    expect(
      hits(
        "SOV-DATA-001",
        with_({ ...dataset, ...profile, ...stream("projects/p/locations/europe-west9/connectionProfiles/bq", "projects/p/datasets/findings") }),
      ),
    ).toEqual([]);
    expect(hits("SOV-DATA-001", with_({ ...dataset, ...stream("projects/p/locations/europe-west9/connectionProfiles/bq", "p:cdc") }))).toEqual([
      expect.stringMatching(/destination_connection_profile ".*" is outside the checked landing zone/),
      expect.stringMatching(/dataset p\/cdc is outside/),
    ]);
    const scan = (results_table: string) =>
      with_({
        ...dataset,
        google_dataplex_datascan: {
          s: { location: "europe-west9", data_scan_id: "s", data_quality_spec: { post_scan_actions: { bigquery_export: { results_table } } } },
        },
      });
    expect(hits("SOV-DATA-001", scan("//bigquery.googleapis.com/projects/p/datasets/findings/tables/quality"))).toEqual([]);
    expect(hits("SOV-DATA-001", scan("//bigquery.googleapis.com/projects/other/datasets/findings/tables/quality"))).toEqual([
      expect.stringMatching(/dataset other\/findings is outside/),
    ]);
    expect(hits("SOV-DATA-001", scan("//bigquery.googleapis.com/projects/p/topics/findings"))).toEqual([
      expect.stringMatching(/names no dataset the rules can verify/),
    ]);
  });

  it("judges working buckets (staging, temporary, environment buckets) as destinations: a bucket of the checked stacks for its own location and key, any other a finding", () => {
    const dataflow = (temp_gcs_location: string) =>
      with_({ google_dataflow_job: { j: { name: "j", region: "europe-west9", template_gcs_path: "gs://t/x", temp_gcs_location } } });
    expect(hits("SOV-DATA-001", dataflow("gs://b/tmp"))).toEqual([]);
    expect(hits("SOV-DATA-001", dataflow("gs://${google_storage_bucket.b.name}/tmp"))).toEqual([]);
    expect(hits("SOV-DATA-001", dataflow("gs://tenant-a-dataflow-tmp/tmp"))).toEqual([
      expect.stringMatching(/bucket tenant-a-dataflow-tmp is outside the checked landing zone/),
    ]);
    expect(hits("SOV-DATA-001", { ...dataflow("${var.tmp}"), variable: { tmp: {} } })).toEqual([
      expect.stringMatching(/temp_gcs_location cannot be resolved/),
    ]);
    const eu = { eu: { name: "eu", location: "EU", encryption: { default_kms_key_name: KEY() } } };
    const cluster = (cluster_config: Record<string, string>) =>
      with_({ google_dataproc_cluster: { c: { name: "c", region: "europe-west9", cluster_config } } });
    const withEu = (doc: { resource: Record<string, any> }) => {
      doc.resource.google_storage_bucket = { ...doc.resource.google_storage_bucket, ...eu };
      return doc;
    };
    expect(hits("SOV-DATA-001", cluster({ staging_bucket: "b", temp_bucket: "${google_storage_bucket.b.name}" }))).toEqual([]);
    expect(hits("SOV-DATA-001", withEu(cluster({ staging_bucket: "b", temp_bucket: "${google_storage_bucket.eu.name}" })))).toEqual([
      expect.stringMatching(/google_storage_bucket\.eu is not a compliant destination/),
    ]);
    const template = (config: Record<string, string>) =>
      with_({
        google_dataproc_workflow_template: {
          t: { name: "t", location: "europe-west9", placement: { managed_cluster: { cluster_name: "m", config } }, jobs: [] },
        },
      });
    expect(hits("SOV-DATA-001", template({ staging_bucket: "b", temp_bucket: "b" }))).toEqual([]);
    expect(hits("SOV-DATA-001", template({ staging_bucket: "b", temp_bucket: "dataproc-temp-europe-west9-123" }))).toEqual([
      expect.stringMatching(/bucket dataproc-temp-europe-west9-123 is outside/),
    ]);
    const batch = (staging_bucket: string) =>
      with_({
        google_dataproc_batch: {
          b: { location: "europe-west9", environment_config: { execution_config: { staging_bucket } }, spark_batch: { main_class: "M" } },
        },
      });
    expect(hits("SOV-DATA-001", batch("b"))).toEqual([]);
    expect(hits("SOV-DATA-001", batch("shared-staging"))).toEqual([expect.stringMatching(/bucket shared-staging is outside/)]);
    const composer = (bucket: string) =>
      with_({ google_composer_environment: { e: { name: "e", region: "europe-west9", storage_config: { bucket } } } });
    expect(hits("SOV-DATA-001", composer("${google_storage_bucket.b.name}"))).toEqual([]);
    expect(hits("SOV-DATA-001", withEu(composer("${google_storage_bucket.eu.name}")))).toEqual([
      expect.stringMatching(/google_storage_bucket\.eu is not a compliant destination/),
    ]);
    // No working bucket named: Composer and Dataproc Serverless then use buckets in the region, nothing to follow.
    expect(hits("SOV-DATA-001", with_({ google_composer_environment: { e: { name: "e", region: "europe-west9" } } }))).toEqual([]);
    expect(hits("SOV-DATA-001", with_({ google_dataproc_batch: { b: { location: "europe-west9", spark_batch: { main_class: "M" } } } }))).toEqual([]);
  });

  it("flags a Dataproc cluster that names no staging or temp bucket: Dataproc's own are in a multi-region", () => {
    const cluster = (body: Record<string, any>) => with_({ google_dataproc_cluster: { c: { name: "c", region: "europe-west9", ...body } } });
    expect(hits("SOV-DATA-001", cluster({}))).toEqual([
      expect.stringMatching(/cluster_config\.staging_bucket is not set: .*US, ASIA or EU multi-region/),
      expect.stringMatching(/cluster_config\.temp_bucket is not set/),
    ]);
    expect(hits("SOV-DATA-001", cluster({ cluster_config: { staging_bucket: "b" } }))).toEqual([
      expect.stringMatching(/cluster_config\.temp_bucket is not set/),
    ]);
    expect(hits("SOV-DATA-001", cluster({ cluster_config: { staging_bucket: "b", temp_bucket: "" } }))).toHaveLength(1);
    // On GKE: only the virtual cluster's staging bucket.
    expect(hits("SOV-DATA-001", cluster({ virtual_cluster_config: { staging_bucket: "b" } }))).toEqual([]);
    expect(hits("SOV-DATA-001", cluster({ virtual_cluster_config: { kubernetes_cluster_config: {} } }))).toEqual([
      expect.stringMatching(/virtual_cluster_config\.staging_bucket is not set/),
    ]);
    const template = (placement: Record<string, any>) =>
      with_({ google_dataproc_workflow_template: { t: { name: "t", location: "europe-west9", placement, jobs: [] } } });
    expect(hits("SOV-DATA-001", template({ managed_cluster: { cluster_name: "m", config: {} } }))).toHaveLength(2);
    // A template run on an existing cluster creates none: that cluster is judged as its own resource.
    expect(hits("SOV-DATA-001", template({ cluster_selector: { cluster_labels: { env: "prod" } } }))).toEqual([]);
  });

  it("passes a remote function in the region and flags one elsewhere", () => {
    const routine = (endpoint: string) =>
      with_({
        google_bigquery_routine: { r: { dataset_id: "d", routine_id: "r", routine_type: "SCALAR_FUNCTION", remote_function_options: { endpoint } } },
      });
    expect(hits("SOV-DATA-001", routine("https://europe-west9-proj.cloudfunctions.net/translate"))).toEqual([]);
    expect(hits("SOV-DATA-001", routine("https://us-central1-proj.cloudfunctions.net/translate"))).toEqual([
      expect.stringMatching(/remote_function_options.endpoint .* sends data outside the boundary/),
    ]);
  });
});

describe("SOV-MOD-001 and SOV-BKD-001: what the rules cannot see", () => {
  it("flags module calls and non-GCS or unkeyed backends, and passes a keyed GCS backend", () => {
    expect(hits("SOV-MOD-001", { module: { vpc: { source: "terraform-google-modules/network/google" } } })).toEqual([
      expect.stringMatching(/^module\.vpc:/),
    ]);
    expect(hits("SOV-MOD-001", bucket())).toEqual([]);
    const waived = {
      source: "./modules/vpc",
      "//": { sovereignty: { waivers: [{ ruleId: "SOV-MOD-001", reason: "reviewed module, its plan is checked in CI" }] } },
    };
    const doc = documentFromConfig({ module: { vpc: waived } }, "s");
    expect(evaluate([doc], context, { rules: [rule("SOV-MOD-001")] })).toMatchObject({ findings: [], waived: [{ address: "module.vpc" }] });
    const backend = (b: any) => hits("SOV-BKD-001", { terraform: { backend: b } });
    expect(backend({ s3: { bucket: "state", region: "us-east-1" } })).toEqual([expect.stringMatching(/^terraform\.backend\.s3:/)]);
    expect(backend({ remote: { organization: "x" } })).toHaveLength(1);
    expect(backend({ gcs: { bucket: "state" } })).toHaveLength(1);
    expect(backend({ gcs: { bucket: "state", kms_encryption_key: KEY() } })).toEqual([]);
    // A second backend beside a good one (as an override adds it) is not hidden behind the first.
    expect(backend({ local: { path: "x" }, s3: { bucket: "state", region: "us-east-1" } })).toEqual([
      expect.stringMatching(/^terraform\.backend: 2 backends \(local, s3\)/),
      expect.stringMatching(/^terraform\.backend\.s3:/),
    ]);
    expect(backend([{ gcs: { bucket: "a", kms_encryption_key: KEY() } }, { gcs: { bucket: "b", kms_encryption_key: KEY() } }])).toHaveLength(1);
    expect(hits("SOV-BKD-001", { terraform: { cloud: { organization: "x" } } })).toEqual([expect.stringMatching(/^terraform\.backend\.cloud:/)]);
    const remote = (b: any) => hits("SOV-BKD-001", { data: { terraform_remote_state: { other: b } } });
    expect(remote({ backend: "s3", config: { bucket: "x", region: "us-east-1" } })).toEqual([
      expect.stringMatching(/^data\.terraform_remote_state\.other: reads a state: backend s3/),
    ]);
    expect(remote({ backend: "gcs", config: { bucket: "x", kms_encryption_key: KEY() } })).toEqual([]);
  });
});

describe("SOV-GRD-001 and SOV-GRD-002: guardrail integrity", () => {
  const root = {
    google_folder: { root: { display_name: "lz", parent: "organizations/1" }, tenant: { display_name: "t", parent: "${google_folder.root.name}" } },
  };
  const policy = (parent: string, spec: any) => ({ name: `${parent}/policies/gcp.resourceLocations`, parent, spec });
  const allowParis = { rules: [{ values: { allowed_values: ["in:europe-west9-locations"] } }] };
  const set = (policies: any) => [documentFromConfig({ resource: { ...root, google_org_policy_policy: policies } }, "s")];

  it("accepts only an unconditional policy on the root folder or the organization", () => {
    expect(on(set({ l: policy("${google_folder.root.name}", allowParis) }), "SOV-GRD-001")).toEqual([]);
    expect(on(set({ l: policy("organizations/1", allowParis) }), "SOV-GRD-001")).toEqual([]);
    expect(on(set({ l: policy("${google_folder.tenant.name}", allowParis) }), "SOV-GRD-001")).toEqual(["(landing zone)"]);
    expect(on(set({ l: policy("projects/unrelated", allowParis) }), "SOV-GRD-001")).toEqual(["(landing zone)"]);
    const conditional = { rules: [{ allow_all: "TRUE", condition: { expression: "resource.matchTag('x', 'y')" } }, ...allowParis.rules] };
    expect(on(set({ l: policy("${google_folder.root.name}", conditional) }), "SOV-GRD-001")).toEqual(["(landing zone)"]);
  });

  it("a dry run enforces nothing: a policy with only dry_run_spec is no guardrail on the root (SOV-GRD-001), and is a loosening there for every guardrail constraint (SOV-GRD-002)", () => {
    const dryOnly = (parent: string, constraint: string) => ({ name: `${parent}/policies/${constraint}`, parent, dry_run_spec: allowParis });
    expect(on(set({ l: dryOnly("${google_folder.root.name}", "gcp.resourceLocations") }), "SOV-GRD-001")).toEqual(["(landing zone)"]);
    for (const parent of ["${google_folder.root.name}", "organizations/1"]) {
      for (const constraint of ["gcp.resourceLocations", "gcp.restrictNonCmekServices", "iam.disableServiceAccountKeyCreation"]) {
        expect(on(set({ p: dryOnly(parent, constraint) }), "SOV-GRD-002")).toEqual(["google_org_policy_policy.p"]);
      }
      expect(on(set({ p: { name: `${parent}/policies/gcp.restrictNonCmekServices`, parent } }), "SOV-GRD-002")).toEqual([
        "google_org_policy_policy.p",
      ]);
    }
    // Enforced with a dry run beside it, or below the root (the node inherits the root's policy): no finding.
    expect(
      on(set({ l: { ...policy("${google_folder.root.name}", allowParis), dry_run_spec: { rules: [{ allow_all: "TRUE" }] } } }), "SOV-GRD-001"),
    ).toEqual([]);
    expect(on(set({ l: { ...policy("${google_folder.root.name}", allowParis), dry_run_spec: allowParis } }), "SOV-GRD-002")).toEqual([]);
    expect(on(set({ p: dryOnly("${google_folder.tenant.name}", "gcp.restrictNonCmekServices") }), "SOV-GRD-002")).toEqual([]);
    // A constraint that is no guardrail is not judged.
    expect(on(set({ p: dryOnly("organizations/1", "compute.disableNestedVirtualization") }), "SOV-GRD-002")).toEqual([]);
  });

  it("does not demand the guardrail of a workload-only module, unless asked to", () => {
    const workload = [documentFromConfig(bucket(), "w")];
    expect(on(workload, "SOV-GRD-001")).toEqual([]);
    expect(on(workload, "SOV-GRD-001", { ...context, requireGuardrails: true })).toEqual(["(landing zone)"]);
  });

  it("flags a tenant policy that loosens a guardrail, and passes one that tightens", () => {
    const tenant = "${google_folder.tenant.name}";
    expect(on(set({ l: policy(tenant, { rules: [{ allow_all: "TRUE" }] }) }), "SOV-GRD-002")).toEqual(["google_org_policy_policy.l"]);
    expect(on(set({ l: policy(tenant, { rules: [{ values: { allowed_values: ["in:us-locations"] } }] }) }), "SOV-GRD-002")).toEqual([
      "google_org_policy_policy.l",
    ]);
    const reset = { c: { name: `${tenant}/policies/gcp.restrictNonCmekServices`, parent: tenant, spec: { reset: true } } };
    expect(on(set(reset), "SOV-GRD-002")).toEqual(["google_org_policy_policy.c"]);
    expect(on(set({ l: policy(tenant, allowParis) }), "SOV-GRD-002")).toEqual([]);
    const legacy = [
      documentFromConfig(
        {
          resource: {
            google_folder_organization_policy: {
              l: { folder: "folders/2", constraint: "constraints/gcp.resourceLocations", list_policy: { allow: { all: true } } },
            },
          },
        },
        "s",
      ),
    ];
    expect(on(legacy, "SOV-GRD-002")).toEqual(["google_folder_organization_policy.l"]);
  });
});

describe("plans and states", () => {
  it("reads a state's values, and a plan's variables and references for values known after apply", () => {
    const state = {
      format_version: "1.0",
      terraform_version: "1.9.0",
      values: {
        root_module: {
          resources: [
            { address: "google_storage_bucket.b", mode: "managed", type: "google_storage_bucket", name: "b", values: { name: "b", location: "US" } },
          ],
        },
      },
    };
    const doc = documentFromPlan(state, "state.json");
    expect(doc.source).toBe("state");
    expect(on([doc], "SOV-LOC-001")).toEqual(["google_storage_bucket.b"]);
    const plan = {
      format_version: "1.2",
      terraform_version: "1.9.0",
      variables: { region: { value: "us-east1" } },
      planned_values: {
        root_module: {
          resources: [{ address: "google_storage_bucket.b", mode: "managed", type: "google_storage_bucket", name: "b", values: { name: "b" } }],
        },
      },
      resource_changes: [{ address: "google_storage_bucket.b", change: { after_unknown: { location: true } } }],
      configuration: {
        root_module: { resources: [{ address: "google_storage_bucket.b", expressions: { location: { references: ["var.region"] } } }] },
      },
    };
    expect(evaluate([documentFromPlan(plan, "plan.json")], context, { rules: [rule("SOV-LOC-001")] }).findings[0].message).toMatch(
      /"us-east1" is outside/,
    );
  });

  it("takes a value known after apply that the configuration does not set for the provider's default, not for an unknown key", () => {
    const plan = {
      format_version: "1.2",
      terraform_version: "1.9.0",
      planned_values: {
        root_module: {
          resources: [
            {
              address: "google_compute_instance.vm",
              mode: "managed",
              type: "google_compute_instance",
              name: "vm",
              values: { name: "vm", zone: "europe-west9-a", boot_disk: [{ initialize_params: [{ image: "debian" }] }] },
            },
          ],
        },
      },
      resource_changes: [{ address: "google_compute_instance.vm", change: { after_unknown: { boot_disk: [{ kms_key_self_link: true }] } } }],
      configuration: {
        root_module: {
          resources: [
            { address: "google_compute_instance.vm", expressions: { name: { constant_value: "vm" }, boot_disk: [{ initialize_params: [{}] }] } },
          ],
        },
      },
    };
    const doc = documentFromPlan(plan, "plan.json");
    expect(on([doc], "SOV-KEY-001")).toEqual(["google_compute_instance.vm"]);
    expect(on([doc], "SOV-KEY-002")).toEqual([]);
  });
});

describe("severity", () => {
  it("reports a warning rule's findings without failing", () => {
    const warn = { ...rule("SOV-LOC-001"), id: "CUSTOM-001", severity: "warning" as const };
    const doc = documentFromConfig(bucket({ location: "EU" }), "s");
    const { findings } = evaluate([doc], context, { rules: [warn] });
    expect(findings.map((f) => [f.ruleId, f.severity])).toEqual([["CUSTOM-001", "warning"]]);
  });
});

describe("generalized on holdout-3: encryption enums, KMS parents, import jobs, Autokey, destinations, providers, root", () => {
  const ring = (location: string, extra: Record<string, any> = {}) => ({ name: "r", location, project: "op-keys", ...extra });

  it("SOV-KEY-001: an encryption enum selecting Google-managed keys is a finding, the customer-managed value is not", () => {
    const r = (resource: any) => hits("SOV-KEY-001", { resource });
    const database = { google_spanner_database: { d: { name: "d", instance: "i", encryption_config: { kms_key_name: KEY("spanner") } } } };
    const schedule = (encryption_type: string) => ({
      ...database,
      google_spanner_backup_schedule: {
        s: { instance: "i", database: "${google_spanner_database.d.name}", retention_duration: "86400s", encryption_config: { encryption_type } },
      },
    });
    expect(r(schedule("GOOGLE_DEFAULT_ENCRYPTION"))).toEqual([
      expect.stringMatching(/encryption_type = GOOGLE_DEFAULT_ENCRYPTION selects Google-managed keys/),
    ]);
    expect(r(schedule("USE_DATABASE_ENCRYPTION"))).toEqual([]);
    expect(r(schedule("${var.unknown}"))).toEqual([expect.stringMatching(/cannot be resolved/)]);
    const workbench = (disk_encryption: string) => ({
      google_workbench_instance: {
        w: { name: "w", location: "europe-west9-a", gce_setup: { boot_disk: { disk_encryption, kms_key: KEY("notebooks") } } },
      },
    });
    expect(r(workbench("GMEK"))).toHaveLength(1);
    expect(r(workbench("CMEK"))).toEqual([]);
  });

  it("SOV-KEY-001: a CA Service CA signs with an operator key version, not a Google-held key_spec.algorithm", () => {
    const ca = (key_spec: any) => ({
      resource: { google_privateca_certificate_authority: { ca: { pool: "p", certificate_authority_id: "ca", location: "europe-west9", key_spec } } },
    });
    expect(hits("SOV-KEY-001", ca({ algorithm: "EC_P256_SHA256" }))).toHaveLength(1);
    expect(hits("SOV-KEY-001", ca({ cloud_kms_key_version: `${KEY("privateca")}/cryptoKeyVersions/1` }))).toEqual([]);
    expect(hits("SOV-KEY-002", ca({ cloud_kms_key_version: `${KEY("privateca").replace("op-keys", "tenant")}/cryptoKeyVersions/1` }))).toHaveLength(
      1,
    );
  });

  it("SOV-LOC-001: keys, key versions and import jobs are where their key ring is", () => {
    const set = (location: string) => ({
      resource: {
        google_kms_key_ring: { r: ring(location) },
        google_kms_crypto_key: { k: { name: "k", key_ring: "${google_kms_key_ring.r.id}" } },
        google_kms_crypto_key_version: { v: { crypto_key: "${google_kms_crypto_key.k.id}" } },
        google_kms_key_ring_import_job: { j: { key_ring: "${google_kms_key_ring.r.id}", import_job_id: "j", protection_level: "HSM" } },
      },
    });
    expect(hits("SOV-LOC-001", set("europe-west9"))).toEqual([]);
    expect(hits("SOV-LOC-001", set("europe-west3")).map((h) => h.split(":")[0])).toEqual([
      "google_kms_key_ring.r",
      "google_kms_crypto_key.k",
      "google_kms_crypto_key_version.v",
      "google_kms_key_ring_import_job.j",
    ]);
    expect(hits("SOV-LOC-001", { resource: { google_kms_crypto_key: { k: { name: "k", key_ring: "${var.ring}" } } } })).toEqual([
      expect.stringMatching(/key_ring cannot be resolved/),
    ]);
  });

  it("SOV-KEY-002: a key ring without a project is in its provider's (alias included) project", () => {
    const config = (project: string) => ({
      provider: { google: [{ region: "europe-west9" }, { alias: "keys", region: "europe-west9", project }] },
      resource: {
        ...bucket({ encryption: { default_kms_key_name: "${google_kms_crypto_key.k.id}" } }).resource,
        google_kms_key_ring: { ring: { provider: "google.keys", name: "r", location: "europe-west9" } },
        google_kms_crypto_key: { k: { provider: "google.keys", name: "k", key_ring: "${google_kms_key_ring.ring.id}" } },
      },
    });
    expect(hits("SOV-KEY-002", config("op-keys"))).toEqual([]);
    expect(hits("SOV-KEY-002", config("tenant-a"))).toHaveLength(2);
  });

  it("SOV-KEY-003: an import job's protection level is its imported keys'", () => {
    const job = (protection_level: string) => ({
      resource: {
        google_kms_key_ring_import_job: { j: { key_ring: "r", import_job_id: "j", import_method: "RSA_OAEP_3072_SHA1_AES_256", protection_level } },
      },
    });
    expect(hits("SOV-KEY-003", job("SOFTWARE"))).toEqual([expect.stringMatching(/protection level SOFTWARE is not allowed on paris/)]);
    expect(hits("SOV-KEY-003", job("HSM"))).toEqual([]);
  });

  it("SOV-KEY-002: Autokey creates keys in the operator's key project, fails closed without a visible config, and does not exist on s3ns", () => {
    const config = (key_project: string) => ({ google_kms_autokey_config: { c: { folder: "folders/1", key_project } } });
    const handle = {
      google_kms_key_handle: { h: { name: "h", location: "europe-west9", resource_type_selector: "bigquery.googleapis.com/Dataset" } },
    };
    const r = (resource: any, ctx?: RuleContext) => hits("SOV-KEY-002", { resource }, ctx).map((h) => h.split(":")[0]);
    expect(r({ ...config("projects/op-keys"), ...handle })).toEqual([]);
    expect(r({ ...config("projects/tenant-keys"), ...handle })).toEqual(["google_kms_autokey_config.c", "google_kms_key_handle.h"]);
    expect(r(handle)).toEqual(["google_kms_key_handle.h"]);
    const s3ns = { ...context, profile: PROFILES.s3ns };
    expect(r({ ...config("projects/s3ns:op-keys"), ...handle }, s3ns)).toEqual(["google_kms_autokey_config.c", "google_kms_key_handle.h"]);
  });

  it("SOV-DATA-001: a destination of the checked stacks must itself be inside the boundary", () => {
    const sink = (location: string, destination: string) => ({
      resource: {
        google_bigquery_dataset: { d: { dataset_id: "logs", project: "p", location } },
        google_logging_project_sink: { s: { name: "s", destination } },
      },
    });
    for (const destination of [
      "bigquery.googleapis.com/projects/p/datasets/${google_bigquery_dataset.d.dataset_id}",
      "bigquery.googleapis.com/projects/p/datasets/logs",
    ]) {
      expect(hits("SOV-DATA-001", sink("europe-west9", destination))).toEqual([]);
      expect(hits("SOV-DATA-001", sink("EU", destination))).toEqual([
        expect.stringMatching(/google_bigquery_dataset\.d is not a compliant destination/),
      ]);
    }
    expect(hits("SOV-DATA-001", sink("EU", "storage.googleapis.com/${google_storage_bucket.b.name}"))).toHaveLength(1);
  });

  it("SOV-DATA-001: a bucket's usage logs go to a bucket of the checked stacks", () => {
    const logged = (log_bucket: string) => ({
      resource: {
        google_storage_bucket: {
          b: { name: "b", location: "europe-west9", encryption: { default_kms_key_name: KEY() }, logging: { log_bucket } },
          logs: { name: "slz-logs", location: "europe-west9", encryption: { default_kms_key_name: KEY() } },
        },
      },
    });
    expect(hits("SOV-DATA-001", logged("slz-logs"))).toEqual([]);
    expect(hits("SOV-DATA-001", logged("${google_storage_bucket.logs.name}"))).toEqual([]);
    expect(hits("SOV-DATA-001", logged("partner-us-access-logs"))).toEqual([
      expect.stringMatching(/^google_storage_bucket\.b: bucket partner-us-access-logs is outside the checked landing zone/),
    ]);
    expect(hits("SOV-DATA-001", logged("${var.logs}"))).toEqual([expect.stringMatching(/logging\.log_bucket cannot be resolved/)]);
  });

  it("SOV-DATA-001: a dataset or topic is held by project and name: the same name in another project is outside", () => {
    const held = {
      google_bigquery_dataset: { d: { dataset_id: "audit", project: "slz-a-prod", location: "europe-west9" } },
      google_pubsub_topic: { t: { name: "t", message_storage_policy: { allowed_persistence_regions: ["europe-west9"] } } },
    };
    const sink = (destination: string) => ({
      provider: { google: [{ region: "europe-west9", project: "slz-a-net" }] },
      resource: { ...held, google_logging_project_sink: { s: { name: "s", destination } } },
    });
    expect(hits("SOV-DATA-001", sink("bigquery.googleapis.com/projects/slz-a-prod/datasets/audit"))).toEqual([]);
    expect(hits("SOV-DATA-001", sink("pubsub.googleapis.com/projects/slz-a-net/topics/t"))).toEqual([]); // the provider's project
    expect(hits("SOV-DATA-001", sink("bigquery.googleapis.com/projects/evil-us/datasets/audit"))).toEqual([
      expect.stringMatching(/dataset evil-us\/audit is outside the checked landing zone/),
    ]);
    expect(hits("SOV-DATA-001", sink("pubsub.googleapis.com/projects/evil-us/topics/t"))).toEqual([
      expect.stringMatching(/topic evil-us\/t is outside/),
    ]);
    const subscription = (table: string) => ({
      resource: { ...held, google_pubsub_subscription: { s: { name: "s", topic: "t", bigquery_config: { table } } } },
    });
    expect(hits("SOV-DATA-001", subscription("slz-a-prod.audit.events"))).toEqual([]);
    expect(hits("SOV-DATA-001", subscription("slz-a-prod:audit.events"))).toEqual([]);
    expect(hits("SOV-DATA-001", subscription("evil-us.audit.events"))).toEqual([expect.stringMatching(/dataset evil-us\/audit is outside/)]);
  });

  it("SOV-CAT-002: a provider block of another cloud is a finding; Google's and value-only providers are not", () => {
    expect(
      hits("SOV-CAT-002", {
        provider: { google: [{ region: "europe-west9" }], aws: [{ region: "eu-west-3" }, { alias: "us", region: "us-east-1" }] },
      }),
    ).toEqual([expect.stringMatching(/^provider\.aws: provider "hashicorp\/aws" is outside/), expect.stringMatching(/^provider\.aws\.us: /)]);
    expect(
      hits("SOV-CAT-002", { provider: { google: [{ region: "europe-west9" }], "google-beta": [{ region: "europe-west9" }], random: [{}] } }),
    ).toEqual([]);
  });

  it("SOV-GRD-001: only a set that defines a root (folders, or policies on the organization) must carry the location guardrail", () => {
    const policies = (parent: string) => [
      documentFromConfig(
        {
          resource: {
            google_org_policy_policy: {
              p: { name: `${parent}/policies/gcp.restrictTLSVersion`, parent, spec: { rules: [{ values: { denied_values: ["TLS_VERSION_1"] } }] } },
            },
          },
        },
        "s",
      ),
    ];
    expect(on(policies("folders/777"), "SOV-GRD-001")).toEqual([]);
    expect(on(policies("projects/p"), "SOV-GRD-001")).toEqual([]);
    expect(on(policies("organizations/1"), "SOV-GRD-001")).toEqual(["(landing zone)"]);
    expect(on(policies("${var.parent}"), "SOV-GRD-001")).toEqual(["(landing zone)"]);
  });

  it("values: jsonencode over HCL object and list literals is evaluated", () => {
    const policy = (member: string) => ({
      resource: {
        google_secret_manager_secret_iam_policy: {
          p: {
            secret_id: "s",
            policy_data: `\${jsonencode({bindings = [{role = "roles/secretmanager.secretAccessor", "members" = ["${member}"]}]})}`,
          },
        },
      },
    });
    expect(hits("SOV-IAM-001", policy("serviceAccount:app@p.iam.gserviceaccount.com"))).toEqual([]);
    expect(hits("SOV-IAM-001", policy("allUsers"))).toHaveLength(1);
    expect(hits("SOV-IAM-002", policy("serviceAccount:app@p.iam.gserviceaccount.com"))).toEqual([]);
    const unknown = { resource: { google_project_iam_policy: { p: { project: "p", policy_data: "${jsonencode({bindings = var.bindings})}" } } } };
    expect(hits("SOV-IAM-001", unknown)).toHaveLength(1);
  });
});
