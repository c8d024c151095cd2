/**
 * The deployment orderings Google's APIs need (docs/deployment.md), proven
 * on the synthesized JSON of the default landing zone and of its s3ns twin
 * by walking `depends_on` and references.
 */
import { evaluate } from "../../lib/checks/engine";
import { documentFromConfig } from "../../lib/checks/terraform-json";
import { profileOf } from "../../lib/profiles/profile";
import { configWith, toS3ns, type TfJson, synthAll } from "../helpers";
import { addressesWhere, blocksOf, waitsFor } from "./graph";

/** An agent member: built from a project number, or read from the data source that creates it. */
const AGENT =
  /^serviceAccount:(?:service|bq)-\$\{google_project\.[^}]+\.number\}@([a-z0-9-]+)\.|^\$\{data\.(google_storage_project_service_account|google_bigquery_default_service_account)\./;
const DATA_AGENT: Record<string, string> = {
  google_storage_project_service_account: "gs-project-accounts",
  google_bigquery_default_service_account: "bigquery-encryption",
};

/** What must create each agent the landing zone grants, by its domain's first label. */
const CREATOR: Record<string, (json: TfJson, api: string) => string[]> = {
  "gs-project-accounts": (json) => addressesWhere(json, "data.google_storage_project_service_account"),
  "bigquery-encryption": (json) => addressesWhere(json, "data.google_bigquery_default_service_account"),
  "gcp-sa-pubsub": (json) => addressesWhere(json, "google_project_service_identity", (b) => b.service === "pubsub.googleapis.com"),
  "gcp-sa-secretmanager": (json) => addressesWhere(json, "google_project_service_identity", (b) => b.service === "secretmanager.googleapis.com"),
  "gcp-sa-ekms": (json) => addressesWhere(json, "google_project_service_identity", (b) => b.service === "cloudkms.googleapis.com"),
};

describe.each([
  ["paris", configWith()],
  ["s3ns", configWith(toS3ns)],
])("deployment order of the default landing zone (%s)", (profileName, config) => {
  let stacks: Record<string, TfJson>;
  beforeAll(() => {
    stacks = synthAll(config);
  });

  it("creates every service agent before granting it, and after its project's APIs", () => {
    let checked = 0;
    for (const [stack, json] of Object.entries(stacks)) {
      for (const [address, body] of blocksOf(json)) {
        const match = typeof body.member === "string" ? AGENT.exec(body.member) : null;
        const ekm = typeof body.member === "string" && body.member.includes("@gcp-sa-ekms.");
        if (!match && !ekm) continue;
        const subdomain = match ? (match[1] ?? DATA_AGENT[match[2]]) : "gcp-sa-ekms";
        const creators = CREATOR[subdomain](json, subdomain);
        const waited = waitsFor(json, address);
        expect({ stack, address, creator: creators.filter((c) => waited.has(c)).length > 0 }).toEqual({ stack, address, creator: true });
        for (const creator of creators.filter((c) => waited.has(c))) {
          const apis = addressesWhere(json, "google_project_service").filter((a) => waitsFor(json, creator).has(a));
          expect({ creator, waitsForApis: apis.length > 0 }).toEqual({ creator, waitsForApis: true });
        }
        checked++;
      }
    }
    // ministere-a: storage, bigquery, pubsub in two environments; agence-b: storage, secretmanager; the EKM agent (paris).
    expect(checked).toBe(profileName === "paris" ? 6 + 2 + 2 : 6 + 2);
  });

  it("grants the EKM agent on Service Directory only after creating it", () => {
    const json = stacks["key-custody"];
    const grants = addressesWhere(json, "google_project_iam_member", (b) => String(b.member).includes("@gcp-sa-ekms."));
    expect(grants).toHaveLength(profileName === "paris" ? 2 : 0);
    const [identity] = addressesWhere(json, "google_project_service_identity", (b) => b.service === "cloudkms.googleapis.com");
    for (const grant of grants) expect(waitsFor(json, grant).has(identity)).toBe(true);
  });

  it("creates every tenant project after its tenant folder's Logging settings", () => {
    for (const [stack, json] of Object.entries(stacks).filter(([s]) => s.startsWith("tenant-"))) {
      const [settings] = addressesWhere(json, "google_logging_folder_settings");
      const [folder] = addressesWhere(json, "google_folder");
      expect(blocksOf(json).get(settings)!.folder).toBe(`\${${folder}.folder_id}`);
      const projects = addressesWhere(json, "google_project");
      expect(projects.length).toBeGreaterThan(0);
      for (const project of projects)
        expect({ stack, project, waits: waitsFor(json, project).has(settings) }).toEqual({ stack, project, waits: true });
    }
  });

  it("creates the audit project after the root folder's Logging settings", () => {
    const json = stacks.foundation;
    const [settings] = addressesWhere(json, "google_logging_folder_settings");
    const [root] = addressesWhere(json, "google_folder");
    expect(blocksOf(json).get(settings)!.folder).toBe(`\${${root}.folder_id}`);
    const [project] = addressesWhere(json, "google_project");
    expect(blocksOf(json).get(project)!.folder_id).toBe(`\${${root}.name}`);
    expect(waitsFor(json, project).has(settings)).toBe(true);
  });

  it("declares the Google-beta provider of the service identities on the profile's region and universe", () => {
    const profile = profileOf(config.profile);
    const json = stacks["tenant-ministere-a"];
    expect(json.terraform?.required_providers?.["google-beta"]).toEqual({ source: "google-beta", version: "6.50.0" });
    const expected = profile.universeDomain ? { region: profile.region, universe_domain: profile.universeDomain } : { region: profile.region };
    expect(json.provider?.["google-beta"]).toEqual([expected]);
    for (const address of addressesWhere(json, "google_project_service_identity")) expect(blocksOf(json).get(address)!.provider).toBe("google-beta");
  });

  it("has no finding of any rule, deploy-readiness rules included", () => {
    const docs = Object.entries(stacks).map(([name, json]) => documentFromConfig(json, name));
    const context = { profile: profileOf(config.profile), operatorProjectId: config.operator.projectId };
    expect(evaluate(docs, context).findings).toEqual([]);
  });
});
