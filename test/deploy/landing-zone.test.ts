/** Deployability decisions on the landing zone: Assured Workloads ordering, Data Access audit logs, least-privilege tenant admins. */
import { evaluate } from "../../lib/checks/engine";
import { documentFromConfig } from "../../lib/checks/terraform-json";
import { profileOf } from "../../lib/profiles/profile";
import { configWith, problemsOf, resourcesOfType, synthAll } from "../helpers";
import { addressesWhere, waitsFor } from "./graph";

describe("Assured Workloads folder", () => {
  const config = configWith((c) => (c.tenants[0].assuredWorkloads = true));
  const json = synthAll(config)["tenant-ministere-a"];

  it("creates the workload (and so its folder) and the projects in it after the tenant folder's Logging settings", () => {
    const [settings] = addressesWhere(json, "google_logging_folder_settings");
    const [workload] = addressesWhere(json, "google_assured_workloads_workload");
    expect(waitsFor(json, workload).has(settings)).toBe(true);
    for (const project of addressesWhere(json, "google_project")) {
      expect(waitsFor(json, project).has(workload)).toBe(true);
      expect(waitsFor(json, project).has(settings)).toBe(true);
    }
    const context = { profile: profileOf(config.profile), operatorProjectId: config.operator.projectId };
    expect(evaluate([documentFromConfig(json, "tenant-ministere-a")], context, { scope: "stack" }).findings).toEqual([]);
  });
});

describe("Data Access audit logs on the root folder", () => {
  it("logs ADMIN_READ, DATA_READ and DATA_WRITE of all services, with no exemption by default", () => {
    const [config] = resourcesOfType(synthAll(configWith()).foundation, "google_folder_iam_audit_config");
    expect(config).toMatchObject({
      folder: "${google_folder.root_folder_1C710331.name}",
      service: "allServices",
      audit_log_config: [{ log_type: "ADMIN_READ" }, { log_type: "DATA_READ" }, { log_type: "DATA_WRITE" }],
    });
    for (const c of config.audit_log_config) expect(c.exempted_members).toBeUndefined();
  });

  it("takes exemptions per log type from the config", () => {
    const json = synthAll(
      configWith(
        (c) => (c.landingZone.dataAccessLogs = { exemptedMembers: { DATA_READ: ["serviceAccount:scanner@slz-audit.iam.gserviceaccount.com"] } }),
      ),
    ).foundation;
    const [config] = resourcesOfType(json, "google_folder_iam_audit_config");
    expect(config.audit_log_config[1]).toEqual({
      log_type: "DATA_READ",
      exempted_members: ["serviceAccount:scanner@slz-audit.iam.gserviceaccount.com"],
    });
  });

  it("refuses an exemption that is not a principal, or of an unknown log type", () => {
    expect(problemsOf((c) => (c.landingZone.dataAccessLogs = { exemptedMembers: { DATA_READ: ["scanner@example.fr"] } }))).toEqual([
      'landingZone.dataAccessLogs.exemptedMembers.DATA_READ[0]: "scanner@example.fr" must be a principal such as group:auditors@example.fr (allowed prefixes: user:, group:, serviceAccount:, domain:)',
    ]);
    expect(problemsOf((c) => (c.landingZone.dataAccessLogs = { exemptedMembers: { DATA_DELETE: [] } }))).toHaveLength(1);
  });
});

describe("tenant admins", () => {
  it("may create and delete service accounts, never set their IAM policy or act as them", () => {
    const json = synthAll(configWith())["tenant-ministere-a"];
    const adminRoles = resourcesOfType(json, "google_folder_iam_member")
      .filter((b) => b.member === "group:ministere-a-admins@example.fr")
      .map((b) => b.role);
    expect(adminRoles).toEqual(expect.arrayContaining(["roles/iam.serviceAccountCreator", "roles/iam.serviceAccountDeleter"]));
    for (const role of [
      "roles/iam.serviceAccountAdmin",
      "roles/iam.serviceAccountUser",
      "roles/iam.serviceAccountTokenCreator",
      "roles/iam.workloadIdentityUser",
    ]) {
      expect(adminRoles).not.toContain(role);
    }
  });
});
