import { KMS_SERVICES } from "../../lib/key-custody/config";
import { TenantKeyRefs } from "../../lib/key-custody/key-refs";
import { PROFILES, type ProfileName } from "../../lib/profiles/profile";
import { SovereignStack } from "../../lib/stack";
import { App } from "../../lib/core";
import { resourcesOfType, synthStack } from "../helpers";

/** Each service agent granted on its own key, in a stack of the profile. */
function grantsOn(profileName: ProfileName) {
  const profile = PROFILES[profileName];
  const stack = new SovereignStack(new App(), "t", { profile });
  const keys = new TenantKeyRefs({ profile, operatorProjectId: "op-keys", tenantId: "a", services: KMS_SERVICES });
  for (const service of KMS_SERVICES) keys.grantServiceAgent(stack, service, "123");
  return resourcesOfType(synthStack(stack), "google_kms_crypto_key_iam_member");
}

describe("tenant key references", () => {
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
    const grants = grantsOn(profileName);
    expect(grants).toHaveLength(KMS_SERVICES.length);
    const expected: Record<string, string> = {
      storage: `service-123@gs-project-accounts.${domain}`,
      bigquery: `bq-123@bigquery-encryption.${domain}`,
      compute: `service-123@compute-system.${domain}`,
      container: `service-123@container-engine-robot.${domain}`,
      sql: `service-123@gcp-sa-cloud-sql.${domain}`,
      pubsub: `service-123@gcp-sa-pubsub.${domain}`,
      secretmanager: `service-123@gcp-sa-secretmanager.${domain}`,
      artifactregistry: `service-123@gcp-sa-artifactregistry.${domain}`,
      logging: `service-123@gcp-sa-logging.${domain}`,
    };
    for (const grant of grants) {
      const service = grant.crypto_key_id.split("/").pop();
      expect(grant.member).toBe(`serviceAccount:${expected[service]}`);
      expect(grant.role).toBe("roles/cloudkms.cryptoKeyEncrypterDecrypter");
    }
  });
});
