/**
 * The deployer roles of docs/deployment.md section 2, encoded: every resource type a stack synthesizes either lives in
 * a project that stack creates (its creator owns it: Resource Manager `projects.create`) or needs a role, and that
 * role is named in the stack's row of the table. Role contents: Google's role definitions as mirrored by
 * iann0036/iam-dataset `gcp/roles/` (the permission each create call asks for is noted next to each type).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { KMS_SERVICES } from "../../lib/catalog/kms-services";
import { configWith, synthAll, toS3ns, type TfJson } from "../helpers";

type StackKind = "key-custody" | "foundation" | "tenant";

/** Inside a project the stack creates: no role beyond `projectCreator`. */
const CREATOR = "creator";

/** Per stack kind: resource or data type (`data.` prefix) -> the roles its creation needs, or CREATOR. */
const NEEDS: Record<StackKind, Record<string, readonly string[] | typeof CREATOR>> = {
  "key-custody": {
    google_project: ["roles/resourcemanager.projectCreator", "roles/billing.user"], // projects.create, resourceAssociations.create
    "data.google_project": ["roles/resourcemanager.projectIamAdmin"], // resourcemanager.projects.get (existing operator project)
    google_project_service: ["roles/serviceusage.serviceUsageAdmin"], // serviceusage.services.enable
    google_project_service_identity: ["roles/serviceusage.serviceUsageAdmin"], // serviceusage.services.use
    google_kms_key_ring: ["roles/cloudkms.admin"], // cloudkms.keyRings.create
    google_kms_crypto_key: ["roles/cloudkms.admin"], // cloudkms.cryptoKeys.create
    google_kms_crypto_key_version: ["roles/cloudkms.admin"], // cloudkms.cryptoKeyVersions.create
    google_kms_ekm_connection: ["roles/cloudkms.admin"], // cloudkms.ekmConnections.create
    google_kms_key_ring_iam_member: ["roles/cloudkms.admin"], // cloudkms.keyRings.setIamPolicy
    google_project_iam_custom_role: ["roles/iam.roleAdmin"], // iam.roles.create
    google_project_iam_member: ["roles/resourcemanager.projectIamAdmin"], // resourcemanager.projects.setIamPolicy (operator and Service Directory projects)
  },
  foundation: {
    google_folder: ["roles/resourcemanager.folderCreator"], // resourcemanager.folders.create
    google_org_policy_policy: ["roles/orgpolicy.policyAdmin"], // orgpolicy.policies.create
    google_logging_folder_settings: ["roles/logging.configWriter"], // logging.settings.update
    "data.google_logging_folder_settings": ["roles/logging.configWriter"], // logging.settings.get
    google_logging_folder_sink: ["roles/logging.configWriter"], // logging.sinks.create
    google_project: ["roles/resourcemanager.projectCreator", "roles/billing.user"],
    google_essential_contacts_contact: ["roles/essentialcontacts.admin"], // essentialcontacts.contacts.create
    google_folder_access_approval_settings: ["roles/accessapproval.configEditor"], // accessapproval.settings.update
    google_folder_iam_audit_config: ["roles/iam.securityAdmin"], // resourcemanager.folders.setIamPolicy
    google_kms_crypto_key_iam_member: ["roles/cloudkms.admin"], // cloudkms.cryptoKeys.setIamPolicy, on the operator's platform keys
    google_project_service: CREATOR,
    google_project_iam_member: CREATOR,
    google_logging_project_bucket_config: CREATOR,
    "data.google_logging_project_cmek_settings": CREATOR,
  },
  tenant: {
    google_folder: ["roles/resourcemanager.folderAdmin"], // resourcemanager.folders.create
    google_folder_iam_member: ["roles/resourcemanager.folderAdmin"], // resourcemanager.folders.setIamPolicy
    google_essential_contacts_contact: ["roles/resourcemanager.folderAdmin"], // essentialcontacts.contacts.create is in folderAdmin
    google_folder_access_approval_settings: ["roles/accessapproval.configEditor"], // not in folderAdmin
    google_logging_folder_settings: ["roles/logging.configWriter"],
    "data.google_logging_folder_settings": ["roles/logging.configWriter"],
    google_logging_folder_sink: ["roles/logging.configWriter"],
    google_org_policy_policy: ["roles/orgpolicy.policyAdmin"],
    google_assured_workloads_workload: ["roles/assuredworkloads.editor"], // assuredworkloads.workload.create
    google_project: ["roles/resourcemanager.projectCreator", "roles/billing.user"], // folderAdmin has no projects.create
    google_kms_crypto_key_iam_member: ["sovereignTenantKeyGrantor"], // cloudkms.cryptoKeys.setIamPolicy on its own key ring
    ...Object.fromEntries(
      [
        "google_project_service",
        "google_project_service_identity",
        "google_project_iam_member",
        "google_logging_project_bucket_config",
        "google_compute_network",
        "google_compute_subnetwork",
        "google_compute_firewall",
        "google_compute_router",
        "google_compute_router_nat",
        "google_storage_bucket",
        "google_bigquery_dataset",
        "google_pubsub_topic",
        "data.google_storage_project_service_account",
        "data.google_bigquery_default_service_account",
        "data.google_logging_project_cmek_settings",
      ].map((type) => [type, CREATOR]),
    ),
  },
};

/**
 * What a plan identity reads beyond `roles/viewer` (docs/pipelines.md, "What a plan identity needs"): the refresh of
 * each type calls its get (and getIamPolicy for IAM members); `roles/viewer` holds every such read the stacks need but
 * these (iam-dataset `viewer.json`).
 */
const PLAN_READS: Record<string, string> = {
  google_folder: "roles/resourcemanager.folderViewer", // resourcemanager.folders.get
  google_folder_iam_member: "roles/iam.securityReviewer", // resourcemanager.folders.getIamPolicy
  google_folder_iam_audit_config: "roles/iam.securityReviewer", // resourcemanager.folders.getIamPolicy
  google_storage_bucket: "roles/storage.legacyBucketReader", // storage.buckets.get
};

function kindOf(stack: string): StackKind {
  return stack.startsWith("tenant-") ? "tenant" : (stack as StackKind);
}

/** The stack's row of the roles table in docs/deployment.md section 2. */
function rowOf(markdown: string, kind: StackKind): string {
  const label = kind === "tenant" ? "`tenant-<id>`" : `\`${kind}\``;
  const section = markdown.slice(markdown.indexOf("## 2. Who deploys what"), markdown.indexOf("## 3. "));
  const row = section.split("\n").find((line) => line.startsWith(`| ${label} `));
  if (!row) throw new Error(`docs/deployment.md section 2: no row for ${label}`);
  return row;
}

/** What is wrong with the table for these stacks: types nobody placed, roles the row does not name. */
function problems(stacks: Record<string, TfJson>, markdown: string): string[] {
  const out = new Set<string>();
  for (const [stack, json] of Object.entries(stacks)) {
    const kind = kindOf(stack);
    const types = [...Object.keys(json.resource ?? {}), ...Object.keys(json.data ?? {}).map((t) => `data.${t}`)];
    for (const type of types) {
      const needs = NEEDS[kind][type];
      if (!needs) out.add(`${kind}: ${type} is not placed (a role, or ${CREATOR})`);
      else if (needs !== CREATOR) {
        for (const role of needs) if (!rowOf(markdown, kind).includes(role)) out.add(`${kind}: ${type} needs ${role}, absent from the row`);
      }
    }
  }
  return [...out].sort();
}

/** The paragraph of docs/pipelines.md on what a plan identity reads. */
function planReads(markdown: string): string {
  const start = markdown.indexOf("### What a plan identity needs");
  if (start < 0) throw new Error('docs/pipelines.md: no section "What a plan identity needs"');
  return markdown.slice(start, markdown.indexOf("- **read the state**", start));
}

/** Read roles of the plan identity that the paragraph does not name, for the types these stacks synthesize. */
function unnamedPlanRoles(stacks: Record<string, TfJson>, markdown: string): string[] {
  const text = planReads(markdown);
  const types = Object.values(stacks).flatMap((json) => Object.keys(json.resource ?? {}));
  const roles = new Set(types.map((type) => PLAN_READS[type] ?? "roles/viewer"));
  return [...roles].filter((role) => !text.includes(`\`${role}\``)).sort();
}

describe("deployer roles (docs/deployment.md section 2)", () => {
  const markdown = readFileSync(join(__dirname, "../../docs/deployment.md"), "utf8");
  const every = (c: any) => {
    for (const tenant of c.tenants) tenant.services = [...KMS_SERVICES];
  };

  it.each([
    ["paris, every service, Assured Workloads", configWith((c) => (every(c), (c.tenants[0].assuredWorkloads = true)))],
    ["s3ns, every service", configWith((c) => (toS3ns(c), every(c)))],
    ["s3ns, EXTERNAL_VPC keys", configWith((c) => (toS3ns(c), (c.operator.keyProtection = "EXTERNAL_VPC")))],
    ["paris, an existing operator project", configWith((c) => (c.operator.createProject = false))],
  ])("name a role for every resource type the stacks create: %s", (_, config) => {
    expect(problems(synthAll(config), markdown)).toEqual([]);
  });

  it("reports a type nobody placed and a role the row forgets", () => {
    const stacks: Record<string, TfJson> = {
      "tenant-x": { resource: { google_spanner_instance: {}, google_folder: {} } },
      "key-custody": { resource: { google_project_iam_custom_role: {} } },
    };
    const withoutRoleAdmin = markdown.replace(/`roles\/iam\.roleAdmin`/g, "`roles/iam.something`");
    expect(problems(stacks, withoutRoleAdmin)).toEqual([
      "key-custody: google_project_iam_custom_role needs roles/iam.roleAdmin, absent from the row",
      "tenant: google_spanner_instance is not placed (a role, or creator)",
    ]);
  });

  it("name, for the plan identity, the read role of every resource type, and report a missing one", () => {
    const pipelines = readFileSync(join(__dirname, "../../docs/pipelines.md"), "utf8");
    const stacks = synthAll(configWith((c) => (every(c), (c.tenants[0].assuredWorkloads = true))));
    expect(unnamedPlanRoles(stacks, pipelines)).toEqual([]);
    const withoutFolderViewer = pipelines.replace(/`roles\/resourcemanager\.folderViewer`/g, "`roles/browser`");
    expect(unnamedPlanRoles(stacks, withoutFolderViewer)).toEqual(["roles/resourcemanager.folderViewer"]);
    expect(() => planReads("# nothing")).toThrow(/no section/);
  });
});
