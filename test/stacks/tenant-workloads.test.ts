import { configWith, resourcesOfType, synthAll, type TfJson } from "../helpers";

describe("tenant workloads in the default app", () => {
  let stacks: Record<string, TfJson>;
  beforeAll(() => {
    // The default config plus a secret for agence-b (which lists secretmanager).
    stacks = synthAll(configWith((c) => (c.tenants[1].workloads.secrets = [{ id: "api-token" }])));
  });

  it("creates the configured workloads in the first environment's project, with the tenant's keys", () => {
    const a = stacks["tenant-ministere-a"];
    expect(resourcesOfType(a, "google_storage_bucket")).toEqual([
      expect.objectContaining({
        project: "slz-ministere-a-prod",
        name: "slz-ministere-a-prod-documents",
        encryption: { default_kms_key_name: "projects/op-key-custody/locations/europe-west9/keyRings/tenant-ministere-a/cryptoKeys/storage" },
        retention_policy: expect.objectContaining({ retention_period: 30 * 86400 }),
      }),
    ]);
    expect(resourcesOfType(a, "google_bigquery_dataset").map((d) => d.dataset_id)).toEqual(["statistiques"]);
    expect(resourcesOfType(a, "google_pubsub_topic").map((t) => t.name)).toEqual(["evenements"]);
    const b = stacks["tenant-agence-b"];
    expect(resourcesOfType(b, "google_secret_manager_regional_secret")).toEqual([
      expect.objectContaining({ project: "slz-agence-b-prod", secret_id: "api-token", location: "europe-west9" }),
    ]);
    expect(resourcesOfType(b, "google_pubsub_topic")).toEqual([]);
  });

  it("makes each workload wait for the service agents' grants on the keys", () => {
    const json = stacks["tenant-ministere-a"];
    const grants = json.resource!.google_kms_crypto_key_iam_member;
    for (const [type, service] of [
      ["google_storage_bucket", "storage"],
      ["google_bigquery_dataset", "bigquery"],
      ["google_pubsub_topic", "pubsub"],
    ]) {
      const [workload] = resourcesOfType(json, type);
      const waitsFor = workload.depends_on.map((a: string) => grants[a.replace("google_kms_crypto_key_iam_member.", "")]?.crypto_key_id);
      expect(waitsFor).toContain(`projects/op-key-custody/locations/europe-west9/keyRings/tenant-ministere-a/cryptoKeys/${service}`);
    }
  });

  it("creates no workload for a tenant without any (negative case)", () => {
    const none = synthAll(configWith((c) => delete c.tenants[1].workloads));
    expect(resourcesOfType(none["tenant-agence-b"], "google_storage_bucket")).toEqual([]);
    expect(resourcesOfType(none["tenant-agence-b"], "google_secret_manager_regional_secret")).toEqual([]);
  });
});
