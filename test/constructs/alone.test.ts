/**
 * Each construct built alone, in a bare stack outside the app (no config, no
 * stacks/): what it creates from its props, and what it refuses.
 */
import { Testing, TerraformStack } from "../../lib/core";
import { Folder } from "../../lib/google";
import { SovereignGuardrails } from "../../lib/guardrails/sovereign-guardrails";
import { TenantGuardrails } from "../../lib/guardrails/tenant-guardrails";
import { AuditLogging } from "../../lib/logging/audit-logging";
import { DEFAULT_LOG_RETENTION_DAYS } from "../../lib/logging/defaults";
import { PROFILES } from "../../lib/profiles/profile";
import { FolderAccess, TenantAccess } from "../../lib/access/folder-access";
import { LandingZoneRoot } from "../../lib/foundation/landing-zone-root";
import { CryptoKeyRef } from "../../lib/key-custody/crypto-key-ref";
import { TenantNetwork } from "../../lib/tenant/network";
import { TenantLandingZone } from "../../lib/tenant/tenant-landing-zone";
import { resourcesOfType, type TfJson } from "../helpers";
import { tenantKeys, tenantProps } from "../support/tenant";

const profile = PROFILES.paris;
const KEY_RING = "projects/op-keys/locations/europe-west9/keyRings/tenant-t1/cryptoKeys";
const bareStack = () => new TerraformStack(Testing.app(), "alone");
/** The stack's JSON, without a provider: the construct is judged alone, not the app. */
const synthStack = (stack: TerraformStack): TfJson => JSON.parse(Testing.synth(stack));

describe("AuditLogging alone", () => {
  it("creates a CMEK log bucket in the region, a sink of the folder's audit logs to it, and folder settings under the key", () => {
    const stack = bareStack();
    const folder = new Folder(stack, "folder", { displayName: "f", parent: "organizations/1" });
    new AuditLogging(stack, "logging", { folder, projectId: "p-audit", region: profile.region, keys: tenantKeys() });
    const json = synthStack(stack);
    const [bucket] = resourcesOfType(json, "google_logging_project_bucket_config");
    expect(bucket).toMatchObject({ project: "p-audit", location: "europe-west9", bucket_id: "tenant-audit" });
    expect(bucket.retention_days).toBe(DEFAULT_LOG_RETENTION_DAYS);
    expect(bucket.cmek_settings.kms_key_name).toBe(`${KEY_RING}/logging`);
    const [sink] = resourcesOfType(json, "google_logging_folder_sink");
    expect(sink.destination).toBe("logging.googleapis.com/projects/p-audit/locations/europe-west9/buckets/tenant-audit");
    expect(sink.include_children).toBe(true);
    const [settings] = resourcesOfType(json, "google_logging_folder_settings");
    expect(settings).toMatchObject({ storage_location: "europe-west9", kms_key_name: `${KEY_RING}/logging` });
    expect(resourcesOfType(json, "google_kms_crypto_key_iam_member").map((g) => g.crypto_key_id)).toEqual([
      `${KEY_RING}/logging`,
      `${KEY_RING}/logging`,
    ]);
  });

  it("takes a name and a retention", () => {
    const stack = bareStack();
    const folder = new Folder(stack, "folder", { displayName: "f", parent: "organizations/1" });
    new AuditLogging(stack, "logging", { folder, projectId: "p", region: profile.region, keys: tenantKeys(), name: "root-audit", retentionDays: 30 });
    const [bucket] = resourcesOfType(synthStack(stack), "google_logging_project_bucket_config");
    expect(bucket).toMatchObject({ bucket_id: "root-audit", retention_days: 30 });
  });
});

describe("TenantNetwork alone", () => {
  it("creates a VPC with one subnet in the region and ingress denied, nothing open by default", () => {
    const stack = bareStack();
    new TenantNetwork(stack, "net", { projectId: "p", region: profile.region, subnet: "10.0.0.0/24" });
    const json = synthStack(stack);
    expect(resourcesOfType(json, "google_compute_subnetwork")).toEqual([
      expect.objectContaining({ region: "europe-west9", ip_cidr_range: "10.0.0.0/24", private_ip_google_access: true }),
    ]);
    expect(resourcesOfType(json, "google_compute_firewall").map((f) => f.name)).toEqual(["deny-all-ingress"]);
    expect(resourcesOfType(json, "google_compute_router_nat")).toEqual([]);
  });

  it("opens IAP SSH and Cloud NAT only on request, and drops flow logs when asked", () => {
    const stack = bareStack();
    new TenantNetwork(stack, "net", { projectId: "p", region: profile.region, subnet: "10.0.0.0/24", iapSsh: true, nat: true, flowLogs: false });
    const json = synthStack(stack);
    const ssh = resourcesOfType(json, "google_compute_firewall").find((f) => f.name === "allow-iap-ssh");
    expect(ssh?.source_ranges).toEqual(["35.235.240.0/20"]);
    expect(resourcesOfType(json, "google_compute_router_nat")).toHaveLength(1);
    expect(resourcesOfType(json, "google_compute_subnetwork")[0].log_config).toBeUndefined();
  });
});

describe("FolderAccess alone", () => {
  it("grants each group its predefined roles on the folder, with contacts and Access Approval", () => {
    const stack = bareStack();
    const folder = new Folder(stack, "folder", { displayName: "f", parent: "organizations/1" });
    new FolderAccess(stack, "access", {
      folder,
      groups: { viewers: "viewers@example.fr" },
      iam: [{ role: "roles/storage.objectViewer", member: "user:a@example.fr" }],
      essentialContacts: [{ email: "sec@example.fr", categories: ["SECURITY"] }],
      accessApproval: true,
    });
    const json = synthStack(stack);
    const members = resourcesOfType(json, "google_folder_iam_member").map((m) => `${m.member} ${m.role}`);
    expect(members).toContain("group:viewers@example.fr roles/logging.viewer");
    expect(members).toContain("user:a@example.fr roles/storage.objectViewer");
    expect(resourcesOfType(json, "google_essential_contacts_contact")).toHaveLength(1);
    expect(resourcesOfType(json, "google_folder_access_approval_settings")).toHaveLength(1);
  });

  it("keeps the former name TenantAccess as a deprecated alias of the same class", () => {
    const folder = new Folder(bareStack(), "folder", { displayName: "f", parent: "organizations/1" });
    expect(new TenantAccess(folder, "access", { folder })).toBeInstanceOf(FolderAccess);
  });

  it("refuses a primitive role", () => {
    const stack = bareStack();
    const folder = new Folder(stack, "folder", { displayName: "f", parent: "organizations/1" });
    expect(() => new FolderAccess(stack, "access", { folder, iam: [{ role: "roles/editor", member: "user:a@example.fr" }] })).toThrow(
      "alone/access: roles/editor is a primitive role (allowed: predefined roles)",
    );
  });
});

describe("TenantLandingZone alone", () => {
  const props = tenantProps();

  it("builds the folder, a project per environment, its network, audit logging and key grants, and a context for workloads", () => {
    const stack = bareStack();
    const tenant = new TenantLandingZone(stack, "tenant", { ...props, keys: tenantKeys(["storage", "logging", "pubsub"]) });
    const json = synthStack(stack);
    expect(resourcesOfType(json, "google_project").map((p) => p.project_id)).toEqual(["slz-t1-prod"]);
    expect(resourcesOfType(json, "google_compute_network")).toHaveLength(1);
    expect(resourcesOfType(json, "google_logging_project_bucket_config")).toHaveLength(1);
    const keyIds = resourcesOfType(json, "google_kms_crypto_key_iam_member").map((g) => g.crypto_key_id);
    expect(keyIds).toEqual(expect.arrayContaining([`${KEY_RING}/storage`, `${KEY_RING}/pubsub`, `${KEY_RING}/logging`]));
    const context = tenant.contextFor("prod");
    expect(context).toMatchObject({ projectId: "slz-t1-prod", labels: { tenant: "t1", environment: "prod" } });
    expect(context.dependsOn).toHaveLength(2);
  });

  it("refuses a tenant without a logging key and an unknown environment", () => {
    expect(() => new TenantLandingZone(bareStack(), "tenant", { ...props, keys: tenantKeys(["storage"]) })).toThrow(/needs a "logging" key/);
    const tenant = new TenantLandingZone(bareStack(), "tenant", { ...props, keys: tenantKeys() });
    expect(() => tenant.contextFor("dev")).toThrow('alone/tenant: no environment "dev" (allowed: prod)');
  });
});

describe("guardrails alone", () => {
  const facts = { profile, operatorProjectId: "op-keys", domain: "example.fr", organizationId: "1" };

  it("SovereignGuardrails puts the whole policy set on the folder it is given", () => {
    const stack = bareStack();
    new SovereignGuardrails(stack, "g", { ...facts, parent: "folders/42" });
    const policies = resourcesOfType(synthStack(stack), "google_org_policy_policy");
    expect(policies.length).toBeGreaterThan(10);
    expect(policies.every((p) => p.parent === "folders/42" && p.name.startsWith("folders/42/policies/"))).toBe(true);
    expect(policies.map((p) => p.name)).toContain("folders/42/policies/gcp.resourceLocations");
  });

  it("TenantGuardrails tightens and refuses a loosening", () => {
    const stack = bareStack();
    new TenantGuardrails(stack, "g", { profile, parent: "folders/7", operatorProjectId: "op-keys", enforce: ["compute.requireShieldedVm"] });
    const names = resourcesOfType(synthStack(stack), "google_org_policy_policy").map((p) => p.name);
    expect(names).toContain("folders/7/policies/compute.requireShieldedVm");
    expect(
      () => new TenantGuardrails(bareStack(), "g", { profile, parent: "folders/7", operatorProjectId: "op-keys", resourceLocations: ["EU"] }),
    ).toThrow(/EU/);
  });
});

describe("references to what exists already (from*)", () => {
  it("LandingZoneRoot.fromFolderId: AuditLogging and FolderAccess build in an existing folder", () => {
    const stack = bareStack();
    const root = LandingZoneRoot.fromFolderId("123456789012");
    expect(root).toEqual({ folderId: "123456789012", name: "folders/123456789012" });
    new AuditLogging(stack, "logging", { folder: root, projectId: "p", region: profile.region, keys: tenantKeys() });
    new FolderAccess(stack, "access", { folder: root, groups: { viewers: "v@example.fr" } });
    const json = synthStack(stack);
    expect(resourcesOfType(json, "google_folder")).toEqual([]);
    expect(resourcesOfType(json, "google_logging_folder_sink")[0].folder).toBe("123456789012");
    expect(new Set(resourcesOfType(json, "google_folder_iam_member").map((m) => m.folder))).toEqual(new Set(["folders/123456789012"]));
    expect(() => LandingZoneRoot.fromFolderId("folders/1")).toThrow(
      'folder id "folders/1" is not a folder id (allowed: digits only, such as 123456789012)',
    );
  });

  it("CryptoKeyRef.fromKeyId: parts of the key and the encrypter-decrypter grant, nothing else", () => {
    const stack = bareStack();
    const key = CryptoKeyRef.fromKeyId(stack, "key", `${KEY_RING}/storage`);
    expect([key.projectId, key.location, key.keyRing, key.key]).toEqual(["op-keys", "europe-west9", "tenant-t1", "storage"]);
    key.grantEncryptDecrypt("serviceAccount:app@p.iam.gserviceaccount.com");
    key.grantEncryptDecrypt("group:ops@example.fr");
    expect(resourcesOfType(synthStack(stack), "google_kms_crypto_key_iam_member")).toEqual(
      ["group:ops@example.fr", "serviceAccount:app@p.iam.gserviceaccount.com"].map((member) =>
        expect.objectContaining({ crypto_key_id: `${KEY_RING}/storage`, role: "roles/cloudkms.cryptoKeyEncrypterDecrypter", member }),
      ),
    );
    expect(() => key.grantEncryptDecrypt("allAuthenticatedUsers")).toThrow(
      'alone/key: member "allAuthenticatedUsers" is public (allowed: user:, group:, serviceAccount: or domain: members)',
    );
    expect(() => CryptoKeyRef.fromKeyId(bareStack(), "bad", "projects/p/keyRings/r")).toThrow(
      'alone/bad: "projects/p/keyRings/r" is not a crypto key id (allowed: projects/P/locations/L/keyRings/R/cryptoKeys/K)',
    );
  });
});
