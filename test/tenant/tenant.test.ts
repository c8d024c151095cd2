import { PROJECT_ID_PATTERN } from "../../lib/naming";
import { configWith, resourcesOf, resourcesOfType, synthAll, type TfJson, problemsOf, toS3ns } from "../helpers";

const KEY_RING = "projects/op-key-custody/locations/europe-west9/keyRings/tenant-ministere-a/cryptoKeys";

/** Every value of an attribute named like a location, anywhere in a resource body. */
function locationsIn(body: unknown, key = ""): string[] {
  if (typeof body === "string") return /^(location|region|storage_location|zone)$/.test(key) ? [body] : [];
  if (Array.isArray(body)) return body.flatMap((v) => locationsIn(v, key));
  if (body && typeof body === "object") return Object.entries(body).flatMap(([k, v]) => locationsIn(v, k));
  return [];
}

describe("tenant landing zone (default tenant ministere-a)", () => {
  let stacks: Record<string, TfJson>;
  let json: TfJson;
  beforeAll(() => {
    stacks = synthAll(configWith());
    json = stacks["tenant-ministere-a"];
  });

  it("keeps every located resource in the region", () => {
    const locations = resourcesOf(json).flatMap(([, , body]) => locationsIn(body));
    expect(locations.length).toBeGreaterThan(3);
    expect(new Set(locations)).toEqual(new Set(["europe-west9"]));
  });

  it("creates one project per environment with valid, stable ids, on the billing account, without default network", () => {
    const projects = resourcesOfType(json, "google_project");
    expect(projects.map((p) => p.project_id).sort()).toEqual(["slz-ministere-a-nonprod", "slz-ministere-a-prod"]);
    for (const p of projects) {
      expect(p.project_id).toMatch(PROJECT_ID_PATTERN);
      expect(p).toMatchObject({
        billing_account: "01AB23-45CD67-89EF01",
        auto_create_network: false,
        deletion_policy: "PREVENT",
        lifecycle: { prevent_destroy: true },
      });
    }
    expect(
      Object.keys(json.resource!.google_project)
        .map((a) => a.split("_").slice(0, 2).join("_"))
        .sort(),
    ).toEqual(["tenant_project-nonprod", "tenant_project-prod"]);
  });

  it("enables the APIs of the tenant's services", () => {
    const prodApis = resourcesOfType(json, "google_project_service")
      .filter((s) => s.project === "slz-ministere-a-prod")
      .map((s) => s.service)
      .sort();
    expect(prodApis).toEqual([
      "bigquery.googleapis.com",
      "compute.googleapis.com",
      "logging.googleapis.com",
      "pubsub.googleapis.com",
      "storage.googleapis.com",
    ]);
  });

  it("grants each service agent on its own service's key, after the API is enabled", () => {
    const grants = resourcesOf(json).filter(([type, name]) => type === "google_kms_crypto_key_iam_member" && name.includes("prod-kms"));
    const byService = Object.fromEntries(grants.filter(([, n]) => !n.includes("nonprod")).map(([, , g]) => [g.crypto_key_id.split("/").pop(), g]));
    expect(Object.keys(byService).sort()).toEqual(["bigquery", "pubsub", "storage"]);
    // Cloud Storage and BigQuery: the member the creating data source reports; the others: built from the project number.
    expect(byService.storage.member).toMatch(/^\$\{data\.google_storage_project_service_account\.tenant_prod-agent-storage_[0-9A-F]+\.member\}$/);
    expect(byService.bigquery.member).toMatch(/^\$\{data\.google_bigquery_default_service_account\.tenant_prod-agent-bigquery_[0-9A-F]+\.member\}$/);
    expect(byService.pubsub.member).toMatch(
      /^serviceAccount:service-\$\{google_project\.tenant_project-prod_D028FB5A\.number\}@gcp-sa-pubsub\.iam\.gserviceaccount\.com$/,
    );
    for (const [service, g] of Object.entries<any>(byService)) {
      expect(g.crypto_key_id).toBe(`${KEY_RING}/${service}`);
      expect(g.role).toBe("roles/cloudkms.cryptoKeyEncrypterDecrypter");
      expect(g.depends_on).toContain(
        `google_project_service.${Object.keys(json.resource!.google_project_service).find((a) => a.startsWith(`tenant_prod-api-${service === "storage" ? "storage" : service}_`))}`,
      );
    }
  });

  it("encrypts the audit log bucket and the folder's log storage with the tenant's logging key, after the grants", () => {
    const [bucket] = resourcesOfType(json, "google_logging_project_bucket_config");
    expect(bucket).toMatchObject({
      project: "slz-ministere-a-prod",
      location: "europe-west9",
      retention_days: 400,
      cmek_settings: { kms_key_name: `${KEY_RING}/logging` },
      lifecycle: { prevent_destroy: true },
    });
    const grantAddresses = (depends: string[]) => depends.filter((d) => d.startsWith("google_kms_crypto_key_iam_member."));
    expect(grantAddresses(bucket.depends_on)).toHaveLength(1);
    const [settings] = resourcesOfType(json, "google_logging_folder_settings");
    expect(settings).toMatchObject({ storage_location: "europe-west9", kms_key_name: `${KEY_RING}/logging` });
    expect(grantAddresses(settings.depends_on)).toHaveLength(1);
    const grants = json.resource!.google_kms_crypto_key_iam_member;
    for (const address of [...grantAddresses(bucket.depends_on), ...grantAddresses(settings.depends_on)]) {
      expect(grants[address.split(".")[1]].crypto_key_id).toBe(`${KEY_RING}/logging`);
    }
  });

  it("routes the folder's audit logs to the bucket", () => {
    const [sink] = resourcesOfType(json, "google_logging_folder_sink");
    expect(sink).toMatchObject({
      include_children: true,
      filter: 'logName:"cloudaudit.googleapis.com"',
      destination: "logging.googleapis.com/projects/slz-ministere-a-prod/locations/europe-west9/buckets/tenant-audit",
    });
    expect(resourcesOfType(json, "google_project_iam_member")).toContainEqual(
      expect.objectContaining({ role: "roles/logging.bucketWriter", member: expect.stringContaining("writer_identity") }),
    );
  });

  it("builds a Paris-only network per environment with Private Google Access and ingress denied", () => {
    const subnets = resourcesOfType(json, "google_compute_subnetwork");
    expect(subnets.map((s) => s.ip_cidr_range).sort()).toEqual(["10.10.0.0/20", "10.10.16.0/20"]);
    for (const s of subnets) expect(s).toMatchObject({ region: "europe-west9", private_ip_google_access: true });
    const firewalls = resourcesOfType(json, "google_compute_firewall");
    const deny = firewalls.filter((f) => f.name === "deny-all-ingress");
    expect(deny).toHaveLength(2);
    for (const f of deny) expect(f).toMatchObject({ direction: "INGRESS", deny: [{ protocol: "all" }], source_ranges: ["0.0.0.0/0"] });
    const openings = firewalls.filter((f) => f.allow);
    for (const f of openings) expect(f).toMatchObject({ source_ranges: ["35.235.240.0/20"], allow: [{ protocol: "tcp", ports: ["22"] }] });
    expect(resourcesOfType(json, "google_compute_router_nat")).toHaveLength(2);
    expect(resourcesOfType(stacks["tenant-agence-b"], "google_compute_router_nat")).toHaveLength(0);
    expect(resourcesOfType(stacks["tenant-agence-b"], "google_compute_firewall").filter((f) => f.allow)).toHaveLength(0);
  });

  it("grants groups predefined roles only, and no primitive role anywhere", () => {
    const roles = Object.values(stacks).flatMap((s) =>
      resourcesOf(s)
        .filter(([type]) => type.endsWith("_iam_member"))
        .map(([, , b]) => b.role),
    );
    expect(roles.length).toBeGreaterThan(5);
    for (const role of roles) expect(role).not.toMatch(/^roles\/(owner|editor|viewer)$/);
    const folderRoles = resourcesOfType(json, "google_folder_iam_member").map((b) => `${b.member} ${b.role}`);
    expect(folderRoles).toContain("group:ministere-a-admins@example.fr roles/resourcemanager.folderViewer");
  });

  it("adds essential contacts and Access Approval on the folder", () => {
    expect(resourcesOfType(json, "google_essential_contacts_contact")).toEqual([
      expect.objectContaining({ email: "rssi@example.fr", notification_category_subscriptions: ["SECURITY", "TECHNICAL_INCIDENTS"] }),
    ]);
    expect(resourcesOfType(json, "google_folder_access_approval_settings")).toHaveLength(1);
  });

  it("has no Assured Workloads unless asked", () => {
    expect(resourcesOfType(json, "google_assured_workloads_workload")).toEqual([]);
  });
});

describe("tenant options", () => {
  it("puts the projects in an Assured Workloads folder with S3NS local controls when asked on paris", () => {
    const json = synthAll(configWith((c) => (c.tenants[1].assuredWorkloads = true)))["tenant-agence-b"];
    const [workload] = resourcesOfType(json, "google_assured_workloads_workload");
    expect(workload).toMatchObject({
      compliance_regime: "ASSURED_WORKLOADS_FOR_PARTNERS",
      partner: "LOCAL_CONTROLS_BY_S3NS",
      location: "europe-west9",
      organization: "123456789012",
    });
    // The workload's folder is the provisioned resource of type CONSUMER_FOLDER, wherever the API lists it.
    for (const p of resourcesOfType(json, "google_project")) {
      expect(p.folder_id).toMatch(
        /^folders\/\$\{one\(\[for r in google_assured_workloads_workload\.[^ ]+\.resources : r\.resource_id if r\.resource_type == "CONSUMER_FOLDER"\]\)\}$/,
      );
    }
  });

  it("has no Access Approval and no Assured Workloads on s3ns", () => {
    const json = synthAll(configWith(toS3ns))["tenant-ministere-a"];
    expect(resourcesOfType(json, "google_folder_access_approval_settings")).toEqual([]);
    expect(new Set(resourcesOf(json).flatMap(([, , b]) => locationsIn(b)))).toEqual(new Set(["u-france-east1"]));
  });
});

describe("tenant config errors", () => {
  it("rejects overlapping subnet ranges between tenants", () => {
    expect(problemsOf((c) => (c.tenants[1].environments[0].subnet = "10.10.8.0/24"))).toEqual([
      'tenants[1].environments[0].subnet: "10.10.8.0/24" overlaps tenants[0].environments[0].subnet (allowed: ranges that do not overlap)',
    ]);
  });

  it("rejects overlapping subnet ranges between environments", () => {
    expect(problemsOf((c) => (c.tenants[0].environments[1].subnet = "10.0.0.0/8"))).toEqual([
      'tenants[0].environments[1].subnet: "10.0.0.0/8" overlaps tenants[0].environments[0].subnet (allowed: ranges that do not overlap)',
    ]);
  });

  it("rejects an environment name that breaks project id rules", () => {
    expect(problemsOf((c) => (c.tenants[0].environments[0].name = "Prod_1"))).toEqual([
      'tenants[0].environments[0].name: "Prod_1" must be 2 to 8 lower-case letters, digits or hyphens, starting with a letter and not ending with a hyphen',
    ]);
  });

  it("rejects an essential contact outside the allowed domain", () => {
    expect(problemsOf((c) => (c.tenants[0].essentialContacts = [{ email: "ciso@gmail.com" }]))).toEqual([
      `tenants[0].essentialContacts[0].email: "ciso@gmail.com" is outside the organization's identities (allowed: @example.fr)`,
    ]);
  });

  it("rejects primitive roles and members outside the domain", () => {
    expect(
      problemsOf(
        (c) =>
          (c.tenants[0].iam = [
            { role: "roles/owner", member: "user:alice@example.fr" },
            { role: "roles/storage.admin", member: "user:eve@evil.com" },
          ]),
      ),
    ).toEqual([
      'tenants[0].iam[0].role: "roles/owner" is a primitive role (allowed: predefined roles, not roles/owner, roles/editor, roles/viewer)',
      `tenants[0].iam[1].member: "user:eve@evil.com" is outside the organization's identities (allowed: user:/group: @example.fr, domain:example.fr, serviceAccount: service accounts of slz-ministere-a-prod, slz-ministere-a-nonprod and their Google service agents (by reference to the project's number, not a literal one))`,
    ]);
  });

  it("rejects Assured Workloads on s3ns", () => {
    expect(
      problemsOf((c) => {
        toS3ns(c);
        c.tenants[0].assuredWorkloads = true;
      }),
    ).toEqual(["tenants[0].assuredWorkloads: is not available on profile s3ns (allowed: false)"]);
  });

  it("requires a logging key", () => {
    expect(problemsOf((c) => (c.tenants[1].services = ["storage"]))).toEqual([
      'tenants[1].services: must include "logging": the tenant\'s audit logs are encrypted with it (allowed: add logging)',
    ]);
  });
});
