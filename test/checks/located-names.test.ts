import { evaluate } from "../../lib/checks/engine";
import { documentFromConfig, documentFromPlan } from "../../lib/checks/terraform-json";
import { PROFILES } from "../../lib/profiles/profile";

const context = { profile: PROFILES.paris, operatorProjectId: "op-keys" };
const PROVIDER = { google: [{ region: "europe-west9" }] };
const sdService = (location: string) => `projects/op-keys/locations/${location}/namespaces/ekm/services/ekm`;
const ekm = (serviceDirectoryService: string) => ({
  google_kms_ekm_connection: {
    ekm: {
      project: "op-keys",
      name: "ekm",
      location: "europe-west9",
      service_resolvers: [
        { service_directory_service: serviceDirectoryService, hostname: "ekm.example.fr", server_certificates: [{ raw_der: "MIIB" }] },
      ],
      lifecycle: { prevent_destroy: true },
    },
  },
});

/** SOV-LOC-001 findings (attribute and message) of a configuration of these resources, with a Paris provider. */
function locationFindings(resource: Record<string, unknown>, extra: Record<string, unknown> = {}): { attribute?: string; message: string }[] {
  const doc = documentFromConfig({ provider: PROVIDER, resource, ...extra }, "s");
  return evaluate([doc], context)
    .findings.filter((f) => f.ruleId === "SOV-LOC-001")
    .map((f) => ({ attribute: f.attribute, message: f.message }));
}

describe("SOV-LOC-001 reads the location inside a resource name the resource works through", () => {
  it.each(["europe-west1", "us-central1", "eu"])("flags an EKM connection in Paris whose Service Directory service is in %s", (location) => {
    expect(locationFindings(ekm(sdService(location)))).toEqual([
      {
        attribute: "service_resolvers.service_directory_service",
        message: expect.stringContaining(
          `"${sdService(location)}" is in ${location}, outside the sovereign boundary: Cloud KMS reaches the external key manager through it`,
        ),
      },
    ]);
  });

  it("judges an EXTERNAL_VPC key's crypto_key_backend: an EKM connection outside the region, or its own connection's location", () => {
    const key = (crypto_key_backend: string) => ({
      ...ekm(sdService("europe-west9")),
      google_kms_crypto_key: {
        k: {
          name: "k",
          key_ring: "projects/op-keys/locations/europe-west9/keyRings/r",
          crypto_key_backend,
          version_template: { protection_level: "EXTERNAL_VPC", algorithm: "EXTERNAL_SYMMETRIC_ENCRYPTION" },
          lifecycle: { prevent_destroy: true },
        },
      },
    });
    expect(locationFindings(key("projects/op-keys/locations/europe-west9/ekmConnections/ekm"))).toEqual([]);
    expect(locationFindings(key("${google_kms_ekm_connection.ekm.id}"))).toEqual([]);
    expect(locationFindings(key("projects/op-keys/locations/us-central1/ekmConnections/ekm"))).toEqual([
      {
        attribute: "crypto_key_backend",
        message: expect.stringContaining("is in us-central1, outside the sovereign boundary: every operation of its EXTERNAL_VPC versions"),
      },
    ]);
    const elsewhere = key("${google_kms_ekm_connection.ekm.id}");
    elsewhere.google_kms_ekm_connection.ekm.location = "europe-west1";
    expect(locationFindings(elsewhere).map((f) => f.message)).toContainEqual(expect.stringMatching(/europe-west1/));
  });

  it("passes a Service Directory service in the region", () => {
    expect(locationFindings(ekm(sdService("europe-west9")))).toEqual([]);
  });

  it("flags a service it cannot resolve, or a value that names no location (fail closed)", () => {
    expect(locationFindings(ekm("${var.sd}"), { variable: { sd: { type: "string" } } })).toEqual([
      { attribute: "service_resolvers.service_directory_service", message: expect.stringContaining("cannot be resolved before apply") },
    ]);
    // A Service Directory service is a google-beta type the catalog does not know: its location is not judged elsewhere.
    expect(
      locationFindings({ ...ekm("${google_service_directory_service.s.id}"), google_service_directory_service: { s: { service_id: "ekm" } } }),
    ).toEqual([{ attribute: "service_resolvers.service_directory_service", message: expect.stringContaining("cannot be resolved before apply") }]);
    expect(locationFindings(ekm("ekm-service"))).toEqual([
      { attribute: "service_resolvers.service_directory_service", message: expect.stringContaining('"ekm-service" names no location') },
    ]);
  });

  it("resolves a variable's default, and judges every instance of a for_each resource", () => {
    expect(locationFindings(ekm("${var.sd}"), { variable: { sd: { default: sdService("europe-west9") } } })).toEqual([]);
    expect(locationFindings(ekm("${var.sd}"), { variable: { sd: { default: sdService("europe-west1") } } })).toHaveLength(1);
    const each = ekm("projects/op-keys/locations/${each.value}/namespaces/ekm/services/ekm");
    (each.google_kms_ekm_connection.ekm as Record<string, unknown>).for_each = { a: "europe-west9", b: "us-east1" };
    expect(locationFindings(each).map((f) => f.message)).toEqual([expect.stringContaining("is in us-east1")]);
  });

  it("judges the same field in a plan", () => {
    const planOf = (service: string) => {
      const values = ekm(service).google_kms_ekm_connection.ekm;
      const resource = { address: "google_kms_ekm_connection.ekm", mode: "managed", type: "google_kms_ekm_connection", name: "ekm" };
      return {
        format_version: "1.2",
        planned_values: { root_module: { resources: [{ ...resource, values }] } },
        resource_changes: [{ ...resource, change: { actions: ["create"], after: values, after_unknown: {} } }],
        configuration: { provider_config: { google: { name: "google", expressions: { region: { constant_value: "europe-west9" } } } } },
      };
    };
    const ids = (plan: object) =>
      evaluate([documentFromPlan(plan, "plan.json")], context)
        .findings.filter((f) => f.ruleId === "SOV-LOC-001")
        .map((f) => f.attribute);
    expect(ids(planOf(sdService("europe-west1")))).toEqual(["service_resolvers.service_directory_service"]);
    expect(ids(planOf(sdService("europe-west9")))).toEqual([]);
  });

  describe("the other names of the table, each with a negative", () => {
    const cluster = (service: string) => ({
      google_dataproc_cluster: {
        c: {
          name: "c",
          region: "europe-west9",
          cluster_config: {
            staging_bucket: "stage",
            temp_bucket: "temp",
            metastore_config: { dataproc_metastore_service: service },
            encryption_config: { kms_key_name: "projects/op-keys/locations/europe-west9/keyRings/r/cryptoKeys/k" },
          },
        },
      },
    });
    it("a Dataproc cluster's metastore service", () => {
      expect(locationFindings(cluster("projects/p/locations/us-central1/services/hms")).map((f) => f.attribute)).toEqual([
        "cluster_config.metastore_config.dataproc_metastore_service",
      ]);
      expect(locationFindings(cluster("projects/p/locations/europe-west9/services/hms"))).toEqual([]);
    });

    const target = (cluster: string) => ({ google_clouddeploy_target: { t: { name: "t", location: "europe-west9", gke: { cluster } } } });
    it("a Cloud Deploy target's GKE cluster (zonal names included)", () => {
      expect(locationFindings(target("projects/p/locations/us-east1/clusters/apps")).map((f) => f.attribute)).toEqual(["gke.cluster"]);
      expect(locationFindings(target("projects/p/locations/europe-west9-a/clusters/apps"))).toEqual([]);
    });

    const trigger = (workflow: string, extra: Record<string, unknown> = {}) => ({
      google_eventarc_trigger: {
        t: {
          name: "t",
          location: "europe-west9",
          matching_criteria: [{ attribute: "type", value: "google.cloud.pubsub.topic.v1.messagePublished" }],
          destination: { workflow },
        },
      },
      ...extra,
    });
    it("an Eventarc trigger's workflow: a literal is read, a workflow of the checked stacks is judged by its own location", () => {
      expect(locationFindings(trigger("projects/p/locations/europe-west1/workflows/w")).map((f) => f.attribute)).toEqual(["destination.workflow"]);
      expect(locationFindings(trigger("projects/p/locations/europe-west9/workflows/w"))).toEqual([]);
      const workflow = (region: string) => ({
        google_workflows_workflow: { w: { name: "w", region, crypto_key_name: "projects/op-keys/locations/europe-west9/keyRings/r/cryptoKeys/k" } },
      });
      expect(locationFindings(trigger("${google_workflows_workflow.w.id}", workflow("europe-west9")))).toEqual([]);
      // The workflow abroad is its own finding (its region), and the trigger's events follow it.
      expect(locationFindings(trigger("${google_workflows_workflow.w.id}", workflow("us-central1"))).map((f) => f.attribute)).toEqual(["region"]);
    });

    it("a data-holding child created in a parent named by full name: a FHIR store, an AlloyDB instance, a Dialogflow CX page", () => {
      const store = (dataset: string, extra: Record<string, unknown> = {}) => ({
        google_healthcare_fhir_store: { s: { name: "s", version: "R4", dataset } },
        ...extra,
      });
      expect(locationFindings(store("projects/p/locations/us-central1/datasets/d")).map((f) => f.attribute)).toEqual(["dataset"]);
      expect(locationFindings(store("projects/p/locations/europe-west9/datasets/d"))).toEqual([]);
      const dataset = (location: string) => ({
        google_healthcare_dataset: {
          d: { name: "d", location, encryption_spec: { kms_key_name: "projects/op-keys/locations/europe-west9/keyRings/r/cryptoKeys/k" } },
        },
      });
      // A dataset of the checked stacks is judged itself (its own location finding when abroad).
      expect(locationFindings(store("${google_healthcare_dataset.d.id}", dataset("europe-west9")))).toEqual([]);
      expect(locationFindings(store("${google_healthcare_dataset.d.id}", dataset("us-central1"))).map((f) => f.attribute)).toEqual(["location"]);
      const instance = (cluster: string) => ({ google_alloydb_instance: { i: { cluster, instance_id: "i", instance_type: "PRIMARY" } } });
      expect(locationFindings(instance("projects/p/locations/us-east1/clusters/c")).map((f) => f.attribute)).toEqual(["cluster"]);
      expect(locationFindings(instance("projects/p/locations/europe-west9/clusters/c"))).toEqual([]);
      const page = (parent: string, extra: Record<string, unknown> = {}) => ({
        google_dialogflow_cx_page: { p: { display_name: "p", parent } },
        ...extra,
      });
      expect(locationFindings(page("projects/p/locations/us-central1/agents/a/flows/f")).map((f) => f.attribute)).toEqual(["parent"]);
      // A chain of children in the checked stacks: the page's flow is judged by its own parent, the agent.
      const flowIn = (agent: string) => ({ google_dialogflow_cx_flow: { f: { display_name: "f", parent: agent } } });
      expect(locationFindings(page("${google_dialogflow_cx_flow.f.id}", flowIn("projects/p/locations/europe-west9/agents/a")))).toEqual([]);
      expect(
        locationFindings(page("${google_dialogflow_cx_flow.f.id}", flowIn("projects/p/locations/us-central1/agents/a"))).map((f) => f.attribute),
      ).toEqual(["parent"]);
    });

    it("a KMS key created in a key ring abroad, and a ciphertext made by a key abroad", () => {
      const ring = (location: string) => `projects/op-keys/locations/${location}/keyRings/r`;
      const keyIn = (location: string) => ({
        google_kms_crypto_key: { k: { name: "k", key_ring: ring(location), lifecycle: { prevent_destroy: true } } },
      });
      expect(locationFindings(keyIn("us-central1")).map((f) => f.attribute)).toEqual(["key_ring"]);
      expect(locationFindings(keyIn("europe-west9"))).toEqual([]);
      const ciphertext = (location: string) => ({
        google_kms_secret_ciphertext: { c: { crypto_key: `${ring(location)}/cryptoKeys/k`, plaintext: "x" } },
      });
      expect(locationFindings(ciphertext("us-central1")).map((f) => f.message)).toEqual([
        expect.stringContaining("the plaintext is sent there to be encrypted"),
      ]);
      expect(locationFindings(ciphertext("europe-west9"))).toEqual([]);
    });
  });
});
