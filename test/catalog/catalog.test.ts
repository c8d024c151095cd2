import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CATALOG_PROVIDER_VERSION, catalogTypes, typeFacts } from "../../lib/catalog/google-types";
import { GOOGLE_TYPES } from "../../lib/catalog/google-types.generated";

const ROOT = join(__dirname, "..", "..");

describe("catalog of Google resource types", () => {
  it("was generated from the installed provider and the current corrections (else run node tools/catalog.js)", () => {
    const installed = JSON.parse(readFileSync(join(ROOT, "node_modules/@cdktf/provider-google/package.json"), "utf8")).version;
    expect(CATALOG_PROVIDER_VERSION).toBe(installed);
    const hash = createHash("sha256")
      .update(readFileSync(join(ROOT, "lib/catalog/corrections.json")))
      .digest("hex")
      .slice(0, 16);
    expect(GOOGLE_TYPES.corrections).toBe(hash);
  });

  it("gives every hand correction a reason", () => {
    const corrections = JSON.parse(readFileSync(join(ROOT, "lib/catalog/corrections.json"), "utf8"));
    for (const [kind, list] of Object.entries<any[]>(corrections)) {
      if (kind === "services") continue;
      for (const c of list) expect(`${kind}: ${String(c.reason).length > 10}`).toBe(`${kind}: true`);
    }
  });

  it("covers every Google resource type of the provider, and no data source", () => {
    const types = catalogTypes().map(([t]) => t);
    expect(types.length).toBeGreaterThan(1000);
    expect(types.every((t) => t.startsWith("google_"))).toBe(true);
    expect(typeFacts("google_storage_bucket")?.service).toBe("storage.googleapis.com");
    expect(typeFacts("google_not_a_type")).toBeUndefined();
  });

  it.each([
    ["google_compute_instance", "boot_disk.kms_key_self_link"],
    ["google_compute_instance_template", "disk.disk_encryption_key.kms_key_self_link"],
    ["google_compute_snapshot", "snapshot_encryption_key.kms_key_self_link"],
    ["google_container_node_pool", "node_config.boot_disk_kms_key"],
    ["google_container_cluster", "database_encryption.key_name"],
    ["google_spanner_database", "encryption_config.kms_key_name"],
    ["google_bigtable_instance", "cluster.kms_key_name"],
    ["google_dataproc_cluster", "cluster_config.encryption_config.kms_key_name"],
    ["google_dataflow_job", "kms_key_name"],
    ["google_redis_instance", "customer_managed_key"],
    ["google_filestore_instance", "kms_key_name"],
    ["google_composer_environment", "config.encryption_config.kms_key_name"],
    ["google_cloud_run_service", 'template.metadata.annotations["run.googleapis.com/encryption-key"]'],
    ["google_cloud_run_v2_service", "template.encryption_key"],
    ["google_cloud_run_v2_job", "template.template.encryption_key"],
    ["google_cloudfunctions_function", "kms_key_name"],
    ["google_cloudfunctions2_function", "kms_key_name"],
    ["google_secret_manager_secret", "replication.user_managed.replicas.customer_managed_encryption.kms_key_name"],
    ["google_vertex_ai_dataset", "encryption_spec.kms_key_name"],
    ["google_alloydb_cluster", "encryption_config.kms_key_name"],
    ["google_datastream_stream", "customer_managed_encryption_key"],
    ["google_data_fusion_instance", "crypto_key_config.key_reference"],
    ["google_developer_connect_connection", "crypto_key_config.key_reference"],
    ["google_netapp_storage_pool", "kms_config"],
    ["google_integrations_client", "cloud_kms_config.key"],
  ])("knows the CMEK attribute of %s: %s", (type, path) => {
    expect(typeFacts(type)?.cmek).toContain(path);
  });

  it("names Developer Connect's service as its API does", () => {
    expect(typeFacts("google_developer_connect_connection")?.service).toBe("developerconnect.googleapis.com");
  });

  it.each([
    ["google_spanner_instance", "config"],
    ["google_redis_instance", "location_id"],
    ["google_app_engine_application", "location_id"],
    ["google_pubsub_topic", "message_storage_policy.allowed_persistence_regions"],
    ["google_secret_manager_secret", "replication.user_managed.replicas.location"],
    ["google_storage_bucket", "custom_placement_config.data_locations"],
    ["google_compute_region_disk", "replica_zones"],
  ])("knows the location attribute of %s: %s", (type, path) => {
    expect(typeFacts(type)?.location).toContain(path);
  });

  it("does not take gs:// paths or time zones for locations", () => {
    expect(typeFacts("google_dataflow_job")?.location).not.toContain("temp_gcs_location");
    expect(typeFacts("google_cloud_scheduler_job")?.location ?? []).not.toContain("time_zone");
  });

  it("does not take a CEL expression's position (condition.location, documented so) for a location, and keeps the resource's own", () => {
    expect(typeFacts("google_bigquery_dataset")?.location).toEqual(["location"]);
    expect(typeFacts("google_iam_projects_policy_binding")?.location).toEqual(["location"]);
    expect(typeFacts("google_org_policy_policy")?.location).toBeUndefined();
    expect(typeFacts("google_bigquery_dataset_access")?.location).toBeUndefined();
  });

  it("takes only strings for locations, not flags named like them", () => {
    // replicas.default_leader_location is a boolean (which replica leads), replicas.location the place.
    expect(typeFacts("google_spanner_instance_config")?.location).toEqual(["replicas.location"]);
  });

  it("marks API defaults outside the boundary, global-only types and beta-only types the landing zone uses", () => {
    expect(typeFacts("google_bigquery_dataset")?.absent).toBe("api-default");
    expect(typeFacts("google_compute_global_forwarding_rule")?.scope).toBe("global");
    expect(typeFacts("google_compute_security_policy")?.scope).toBe("global");
    expect(typeFacts("google_compute_global_address")?.scopeWhen?.scope).toBe("meta");
    expect(typeFacts("google_project_service_identity")?.scope).toBe("meta");
    expect(typeFacts("google_folder_iam_audit_config")?.scope).toBe("meta");
  });
});
