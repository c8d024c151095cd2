import { App } from "../../lib/core";
import { KeyCustody, type KeyCustodyProps } from "../../lib/key-custody/key-custody";
import { PROFILES } from "../../lib/profiles/profile";
import { SovereignStack } from "../../lib/stack";
import { configWith, resourcesOf, resourcesOfType, synthAll, synthStack, type TfJson, problemsOf, toS3ns } from "../helpers";
import { ProjectService } from "../../lib/google";
import { serviceAgent } from "../../lib/key-custody/service-agents";

const ADMIN_ROLES = /^roles\/(cloudkms\.admin|owner|editor|cloudkms\.importer)$/;

function custodyOf(change: (raw: any) => void = () => {}): TfJson {
  return synthAll(configWith(change))["key-custody"];
}

describe("key custody, default (EXTERNAL_VPC, MANUAL)", () => {
  let json: TfJson;
  beforeAll(() => {
    json = custodyOf();
  });

  it("puts every key ring in the operator project, in the region, protected from destroy", () => {
    const rings = resourcesOfType(json, "google_kms_key_ring");
    expect(rings.map((r) => r.name).sort()).toEqual(["platform", "tenant-agence-b", "tenant-ministere-a"]);
    for (const ring of rings) {
      expect(ring).toMatchObject({ project: "op-key-custody", location: "europe-west9", lifecycle: { prevent_destroy: true } });
    }
  });

  it("backs every key by the EKM connection, with its first version pointing at the EKM key path", () => {
    const [ekmName, ekm] = Object.entries(json.resource!.google_kms_ekm_connection)[0];
    expect(ekm).toMatchObject({ location: "europe-west9", key_management_mode: "MANUAL", lifecycle: { prevent_destroy: true } });
    expect(ekm.service_resolvers[0].server_certificates[0].raw_der).toMatch(/^MII[A-Za-z0-9+/=]+$/);
    const keys = resourcesOfType(json, "google_kms_crypto_key");
    expect(keys).toHaveLength(4 + 3 + 2);
    for (const key of keys) {
      expect(key).toMatchObject({
        version_template: { algorithm: "EXTERNAL_SYMMETRIC_ENCRYPTION", protection_level: "EXTERNAL_VPC" },
        crypto_key_backend: `\${google_kms_ekm_connection.${ekmName}.id}`,
        skip_initial_version_creation: true,
        lifecycle: { prevent_destroy: true },
      });
      expect(key.rotation_period).toBeUndefined();
    }
    const paths = resourcesOfType(json, "google_kms_crypto_key_version").map((v) => v.external_protection_level_options.ekm_connection_key_path);
    expect(paths).toContain("v0/keys/ministere-a-bigquery");
    expect(paths).toHaveLength(keys.length);
  });

  it("gives key administration to the operator group only", () => {
    const bindings = resourcesOf(json)
      .filter(([type]) => type.endsWith("_iam_member") || type.endsWith("_iam_binding"))
      .map(([, , body]) => body);
    const admins = bindings.filter((b) => ADMIN_ROLES.test(b.role));
    expect(admins).toEqual([expect.objectContaining({ role: "roles/cloudkms.admin", member: "group:kms-admins@example.fr" })]);
  });

  it("lets a tenant deployer only read and set the IAM policy of its own keys", () => {
    const [role] = resourcesOfType(json, "google_project_iam_custom_role");
    expect([...role.permissions].sort()).toEqual(["cloudkms.cryptoKeys.get", "cloudkms.cryptoKeys.getIamPolicy", "cloudkms.cryptoKeys.setIamPolicy"]);
    const grants = resourcesOfType(json, "google_kms_key_ring_iam_member");
    expect(grants).toHaveLength(1);
    expect(grants[0].member).toBe("serviceAccount:deployer@slz-agence-b-prod.iam.gserviceaccount.com");
    expect(grants[0].key_ring_id).toMatch(/google_kms_key_ring\.custody_agence-b_key-ring/);
  });

  it("grants the EKM service agent access to the Service Directory service", () => {
    const roles = resourcesOfType(json, "google_project_iam_member")
      .filter((m) => /gcp-sa-ekms/.test(m.member))
      .map((m) => m.role)
      .sort();
    expect(roles).toEqual(["roles/servicedirectory.pscAuthorizedService", "roles/servicedirectory.viewer"]);
  });
});

describe("key custody, other protection levels", () => {
  it("gives EXTERNAL keys their external key URI", () => {
    const json = custodyOf((c) => {
      c.operator.keyProtection = "EXTERNAL";
      c.operator.externalKeyUriTemplate = "https://ekm.example.fr/v0/keys/{tenant}-{service}";
    });
    expect(resourcesOfType(json, "google_kms_ekm_connection")).toEqual([]);
    for (const key of resourcesOfType(json, "google_kms_crypto_key")) {
      expect(key.version_template.protection_level).toBe("EXTERNAL");
      expect(key.crypto_key_backend).toBeUndefined();
    }
    const uris = resourcesOfType(json, "google_kms_crypto_key_version").map((v) => v.external_protection_level_options.external_key_uri);
    expect(uris).toContain("https://ekm.example.fr/v0/keys/agence-b-secretmanager");
  });

  it("rotates HSM keys", () => {
    const json = custodyOf((c) => {
      c.operator.keyProtection = "HSM";
      c.operator.rotationDays = 30;
    });
    for (const key of resourcesOfType(json, "google_kms_crypto_key")) {
      expect(key).toMatchObject({
        rotation_period: "2592000s",
        version_template: { protection_level: "HSM", algorithm: "GOOGLE_SYMMETRIC_ENCRYPTION" },
      });
    }
    expect(resourcesOfType(json, "google_kms_crypto_key_version")).toEqual([]);
  });

  it("mixes levels per tenant", () => {
    const json = custodyOf((c) => (c.tenants[1].keyProtection = "HSM"));
    const levels = new Set(
      resourcesOf(json)
        .filter(([type, name]) => type === "google_kms_crypto_key" && name.includes("agence-b"))
        .map(([, , key]) => key.version_template.protection_level),
    );
    expect([...levels]).toEqual(["HSM"]);
  });
});

describe("key custody config errors", () => {
  it("requires EKM settings for EXTERNAL_VPC keys", () => {
    expect(problemsOf((c) => delete c.operator.ekm)).toEqual([
      "operator.ekm: is required for EXTERNAL_VPC keys (allowed: an EKM connection with serviceResolvers)",
    ]);
  });

  it("requires a crypto space with CLOUD_KMS key management", () => {
    expect(problemsOf((c) => (c.operator.ekm.keyManagementMode = "CLOUD_KMS"))).toEqual([
      "operator.ekm.cryptoSpacePath: is required with keyManagementMode CLOUD_KMS (allowed: the EKM crypto space path)",
    ]);
  });

  it("requires a key URI template for EXTERNAL keys", () => {
    expect(problemsOf((c) => (c.tenants[0].keyProtection = "EXTERNAL"))).toEqual([
      "operator.externalKeyUriTemplate: is required for EXTERNAL keys (allowed: an https URI with {tenant} and {service} placeholders)",
    ]);
  });

  it("rejects a protection level the profile forbids", () => {
    expect(problemsOf((c) => (c.operator.keyProtection = "SOFTWARE"))).toEqual([
      'operator.keyProtection: "SOFTWARE" is not allowed on profile paris (allowed: EXTERNAL_VPC, EXTERNAL, HSM)',
    ]);
  });

  it("rejects an EKM Service Directory service outside the profile's region, and accepts one inside it", () => {
    const onS3ns = (location: string) => (c: any) => {
      toS3ns(c);
      c.operator.keyProtection = "EXTERNAL_VPC";
      c.operator.ekm.serviceResolvers[0].serviceDirectoryService = `projects/op-key-custody/locations/${location}/namespaces/ekm/services/ekm`;
    };
    expect(problemsOf(onS3ns("europe-west9"))).toEqual([
      'operator.ekm.serviceResolvers[0].serviceDirectoryService: location "europe-west9" is outside the sovereign boundary (allowed: u-france-east1)',
    ]);
    expect(problemsOf(onS3ns("u-france-east1"))).toEqual([]);
    // The Service Directory project, given bare as in the starter config, is granted with its universe prefix.
    const grants = resourcesOfType(custodyOf(onS3ns("u-france-east1")), "google_project_iam_member").filter((m) => /servicedirectory/.test(m.role));
    expect(grants.map((m) => m.project)).toEqual(["s3ns:op-key-custody", "s3ns:op-key-custody"]);
  });

  it("rejects a server certificate that is not PEM or DER", () => {
    expect(problemsOf((c) => (c.operator.ekm.serviceResolvers[0].serverCertificates = ["bm90IGEgY2VydA=="]))).toEqual([
      'operator.ekm.serviceResolvers[0].serverCertificates[0]: "bm90IGEgY2VydA==" is not a valid X.509 certificate (allowed: PEM text or base64 DER)',
    ]);
  });

  it("accepts the same certificate as base64 DER", () => {
    const config = configWith();
    const pem = config.operator.ekm!.serviceResolvers[0].serverCertificates[0];
    const der = pem.replace(/-----[A-Z ]+-----/g, "").replace(/\s+/g, "");
    expect(problemsOf((c) => (c.operator.ekm.serviceResolvers[0].serverCertificates = [der]))).toEqual([]);
  });
});

/** KeyCustody used directly: HSM keys of tenant `a` for storage and Cloud SQL, in project `op-keys`. */
const props: KeyCustodyProps = {
  profile: PROFILES.paris,
  projectId: "op-keys",
  organizationId: "123456789012",
  billingAccount: "01AB23-45CD67-89EF01",
  adminMember: "group:kms@example.fr",
  keyProtection: "HSM",
  tenants: [{ id: "a", services: ["storage", "sql"] }],
};

describe("KeyCustody construct", () => {
  it("refuses an external protection level without its settings when used directly", () => {
    const stack = () => new SovereignStack(new App(), "s", { profile: PROFILES.paris });
    expect(() => new KeyCustody(stack(), "custody", { ...props, keyProtection: undefined })).toThrow(
      /^s\/custody: ekm: is required for EXTERNAL_VPC keys/,
    );
    expect(() => new KeyCustody(stack(), "custody", props)).not.toThrow();
  });

  describe("EKM Service Directory services, used directly (without a config)", () => {
    const stack = (profile = PROFILES.paris) => new SovereignStack(new App(), "s", { profile });
    const pem = configWith().operator.ekm!.serviceResolvers[0].serverCertificates[0];
    const ekmAt = (serviceDirectoryService: string): KeyCustodyProps => ({
      ...props,
      keyProtection: "EXTERNAL_VPC",
      ekm: {
        serviceResolvers: [
          {
            serviceDirectoryService: "projects/op-keys/locations/europe-west9/namespaces/ekm/services/ekm",
            hostname: "ekm.example.fr",
            serverCertificates: [pem],
          },
          { serviceDirectoryService, hostname: "ekm2.example.fr", serverCertificates: [pem] },
        ],
      },
    });

    it.each(["europe-west1", "us-central1", "eu"])("refuses a service in %s, naming the prop and the allowed region", (location) => {
      expect(() => new KeyCustody(stack(), "custody", ekmAt(`projects/op-keys/locations/${location}/namespaces/ekm/services/ekm`))).toThrow(
        `s/custody: ekm.serviceResolvers[1].serviceDirectoryService: location "${location}" is outside the sovereign boundary (allowed: europe-west9)`,
      );
    });

    it("refuses a name that is not a Service Directory service (no location to verify)", () => {
      expect(() => new KeyCustody(stack(), "custody", ekmAt("ekm-service"))).toThrow(
        's/custody: ekm.serviceResolvers[1].serviceDirectoryService: "ekm-service" is not a Service Directory service name (allowed: a Service Directory service projects/P/locations/europe-west9/namespaces/N/services/S)',
      );
    });

    it("accepts services in the profile's region, on paris and on s3ns", () => {
      expect(() => new KeyCustody(stack(), "custody", ekmAt("projects/op-keys/locations/europe-west9/namespaces/ekm/services/ekm2"))).not.toThrow();
      const onS3ns = ekmAt("projects/op-keys/locations/u-france-east1/namespaces/ekm/services/ekm");
      const s3nsResolvers = onS3ns.ekm!.serviceResolvers.map((r) => ({
        ...r,
        serviceDirectoryService: r.serviceDirectoryService.replace("europe-west9", "u-france-east1"),
      }));
      expect(
        () => new KeyCustody(stack(PROFILES.s3ns), "custody", { ...onS3ns, profile: PROFILES.s3ns, ekm: { serviceResolvers: s3nsResolvers } }),
      ).not.toThrow();
      // A europe-west9 service is outside the s3ns boundary.
      expect(() => new KeyCustody(stack(PROFILES.s3ns), "custody", { ...onS3ns, profile: PROFILES.s3ns })).toThrow(
        's/custody: ekm.serviceResolvers[0].serviceDirectoryService: location "europe-west9" is outside the sovereign boundary (allowed: u-france-east1)',
      );
    });

    it("does not judge the EKM settings of a custody with no EXTERNAL_VPC key (no connection is made)", () => {
      const json = synthStack(
        (() => {
          const s = stack();
          new KeyCustody(s, "custody", { ...ekmAt("projects/op-keys/locations/us-central1/namespaces/ekm/services/ekm"), keyProtection: "HSM" });
          return s;
        })(),
      );
      expect(json.resource!.google_kms_ekm_connection).toBeUndefined();
    });
  });
});

describe("KeyCustody exposes its keys", () => {
  const custodyIn = () => {
    const stack = new SovereignStack(new App(), "s", { profile: PROFILES.paris });
    return { stack, custody: new KeyCustody(stack, "custody", props) };
  };

  it("keyFor: a tenant's key to grant on, the grants made after the key, in the custody's stack", () => {
    const { stack, custody } = custodyIn();
    const key = custody.keyFor("a", "storage");
    expect(key.keyId).toBe("projects/op-keys/locations/europe-west9/keyRings/tenant-a/cryptoKeys/storage");
    expect(custody.keyFor("a", "storage")).toBe(key);
    key.grantEncryptDecrypt("serviceAccount:app@slz-a-prod.iam.gserviceaccount.com");
    const api = new ProjectService(stack, "sql-api", { project: "slz-a-prod", service: "sqladmin.googleapis.com" });
    const agent = serviceAgent(stack, "sql-agent", {
      profile: PROFILES.paris,
      service: "sql",
      project: "slz-a-prod",
      projectNumber: "42",
      dependsOn: [api],
    });
    custody.keyFor("a", "sql").grantServiceAgent(agent);
    custody.keyFor("platform", "logging").grantEncryptDecrypt("group:auditors@example.fr");
    const json = synthStack(stack);
    const grants = resourcesOfType(json, "google_kms_crypto_key_iam_member");
    const byKey = Object.fromEntries(grants.map((g) => [g.crypto_key_id.split("/").slice(-3).join("/"), g]));
    expect(Object.keys(byKey).sort()).toEqual(["platform/cryptoKeys/logging", "tenant-a/cryptoKeys/sql", "tenant-a/cryptoKeys/storage"]);
    expect(grants.every((g) => g.role === "roles/cloudkms.cryptoKeyEncrypterDecrypter")).toBe(true);
    expect(byKey["tenant-a/cryptoKeys/storage"]).toMatchObject({
      member: "serviceAccount:app@slz-a-prod.iam.gserviceaccount.com",
      depends_on: [expect.stringMatching(/^google_kms_crypto_key\.custody_a_storage_/)],
    });
    expect(byKey["tenant-a/cryptoKeys/sql"]).toMatchObject({
      member: "serviceAccount:service-42@gcp-sa-cloud-sql.iam.gserviceaccount.com",
      depends_on: [expect.stringMatching(/^google_kms_crypto_key\.custody_a_sql_/), expect.stringMatching(/^google_project_service_identity\./)],
    });
    expect(byKey["platform/cryptoKeys/logging"].member).toBe("group:auditors@example.fr");
  });

  it("keyRing: the tenant's key references, the platform's too", () => {
    const { custody } = custodyIn();
    expect(custody.keyRing("a").keyId("sql")).toBe("projects/op-keys/locations/europe-west9/keyRings/tenant-a/cryptoKeys/sql");
    expect(custody.keyRing("platform")).toBe(custody.platformKeys);
  });

  it("refuses a tenant named after the platform's keys, in the config and in the construct", () => {
    expect(problemsOf((c) => (c.tenants[1].id = "platform"))).toEqual([
      'tenants[1].id: "platform" is reserved for the platform\'s own keys (allowed: any other id)',
    ]);
    const stack = new SovereignStack(new App(), "s", { profile: PROFILES.paris });
    expect(() => new KeyCustody(stack, "custody", { ...props, tenants: [...props.tenants, { id: "platform", services: ["storage"] }] })).toThrow(
      's/custody: tenants[1].id: "platform" is reserved for the platform\'s own keys (allowed: any other id)',
    );
  });

  it("refuses an unknown tenant or service, naming the allowed values, and a public member", () => {
    const { custody } = custodyIn();
    expect(() => custody.keyFor("b", "storage")).toThrow('s/custody: no keys for tenant "b" (allowed: a, platform)');
    expect(() => custody.keyRing("b")).toThrow('s/custody: no keys for tenant "b" (allowed: a, platform)');
    expect(() => custody.keyFor("a", "pubsub")).toThrow('s/custody: "a" has no key for service "pubsub" (allowed: storage, sql)');
    expect(() => custody.keyFor("a", "storage").grantEncryptDecrypt("allUsers")).toThrow(/member "allUsers" is public/);
  });
});
