import { KMS_SERVICES } from "../../lib/catalog/kms-services";
import { TenantKeyRefs } from "../../lib/key-custody/key-refs";
import { PROFILES, type ProfileName } from "../../lib/profiles/profile";
import { SovereignStack } from "../../lib/stack";
import { App } from "../../lib/core";
import { ProjectService } from "../../lib/google";
import { SERVICE_APIS, serviceAgent } from "../../lib/key-custody/service-agents";
import { resourcesOfType, synthStack } from "../helpers";

/** Each service agent (all but Logging's, which comes from the Logging settings) created and granted on its own key. */
function agentGrantsOn(profileName: ProfileName) {
  const profile = PROFILES[profileName];
  const stack = new SovereignStack(new App(), "t", { profile });
  const keys = new TenantKeyRefs({ profile, operatorProjectId: "op-keys", tenantId: "a", services: KMS_SERVICES });
  const apis = KMS_SERVICES.map((s) => new ProjectService(stack, `api-${s}`, { project: "p", service: SERVICE_APIS[s] }));
  for (const service of KMS_SERVICES.filter((s) => s !== "logging")) {
    const agent = serviceAgent(stack, `agent-${service}`, { profile, service, project: "p", projectNumber: "123", dependsOn: apis });
    keys.grantServiceAgent(stack, service, agent);
  }
  return synthStack(stack);
}

describe("tenant key references", () => {
  it("refuse a service that is not a KMS service when built, naming the index and the services (JavaScript callers have no type check)", () => {
    const build = (services: string[]) => () =>
      new TenantKeyRefs({ profile: PROFILES.paris, operatorProjectId: "op-keys", tenantId: "a", services: services as never });
    expect(build(["storage", "storge"])).toThrow(`TenantKeyRefs("a"): services[1]: "storge" is not a service (allowed: ${KMS_SERVICES.join(", ")})`);
    expect(build(["storage", "bigquery"])).not.toThrow();
  });

  it("are deterministic ids in the operator project", () => {
    const keys = new TenantKeyRefs({ profile: PROFILES.paris, operatorProjectId: "op-keys", tenantId: "a", services: ["storage"] });
    expect(keys.keyId("storage")).toBe("projects/op-keys/locations/europe-west9/keyRings/tenant-a/cryptoKeys/storage");
    const s3ns = new TenantKeyRefs({ profile: PROFILES.s3ns, operatorProjectId: "op-keys", tenantId: "a", services: ["storage"] });
    expect(s3ns.keyId("storage")).toBe("projects/s3ns:op-keys/locations/u-france-east1/keyRings/tenant-a/cryptoKeys/storage");
  });

  it("refuse a service the tenant has no key for", () => {
    const keys = new TenantKeyRefs({ profile: PROFILES.paris, operatorProjectId: "op-keys", tenantId: "a", services: ["storage"] });
    expect(() => keys.keyId("bigquery")).toThrow(/tenant "a" has no operator key for service "bigquery" \(allowed: storage\)/);
  });

  it.each(["paris", "s3ns"] as const)("grant each service agent on its own key only (%s)", (profileName) => {
    const domain = profileName === "paris" ? "iam.gserviceaccount.com" : "s3ns-system.iam.gserviceaccount.com";
    const grants = resourcesOfType(agentGrantsOn(profileName), "google_kms_crypto_key_iam_member");
    expect(grants).toHaveLength(KMS_SERVICES.length - 1);
    const expected: Record<string, string> = {
      storage: `service-123@gs-project-accounts.${domain}`,
      bigquery: `bq-123@bigquery-encryption.${domain}`,
      compute: `service-123@compute-system.${domain}`,
      container: `service-123@container-engine-robot.${domain}`,
      sql: `service-123@gcp-sa-cloud-sql.${domain}`,
      pubsub: `service-123@gcp-sa-pubsub.${domain}`,
      secretmanager: `service-123@gcp-sa-secretmanager.${domain}`,
      artifactregistry: `service-123@gcp-sa-artifactregistry.${domain}`,
    };
    // Cloud Storage and BigQuery grants take the member the creating data source reports.
    expected.storage = "${data.google_storage_project_service_account.agent-storage.member}";
    expected.bigquery = "${data.google_bigquery_default_service_account.agent-bigquery.member}";
    for (const grant of grants) {
      const service = grant.crypto_key_id.split("/").pop();
      expect(grant.member).toBe(expected[service].startsWith("$") ? expected[service] : `serviceAccount:${expected[service]}`);
      expect(grant.role).toBe("roles/cloudkms.cryptoKeyEncrypterDecrypter");
    }
  });
});
