import { evaluate } from "../../lib/checks/engine";
import { identityBoundaryRule } from "../../lib/checks/rules/SOV-IAM-003";
import { documentFromConfig } from "../../lib/checks/terraform-json";
import { PROFILES } from "../../lib/profiles/profile";

const LZ = { profile: PROFILES.paris, operatorProjectId: "op-keys", organizationDomain: "example.fr", landingZonePrefix: "slz" };

/** SOV-IAM-003 messages for grants of `members` (plus `extra` resources). */
function messages(members: string[], context: Parameters<typeof evaluate>[1] = LZ, extra: Record<string, any> = {}): string[] {
  const grants = Object.fromEntries(members.map((member, i) => [`g${i}`, { folder: "folders/1", role: "roles/logging.viewer", member }]));
  const doc = documentFromConfig({ resource: { google_folder_iam_member: grants, ...extra.resource }, data: extra.data }, "s");
  return evaluate([doc], context, { rules: [identityBoundaryRule] }).findings.map((f) => `${f.address}: ${f.message}`);
}

describe("SOV-IAM-003: IAM members inside the organization's identities", () => {
  it("lets the organization's users, groups, domain, own service accounts and Google service agents in", () => {
    expect(
      messages(
        [
          "group:admins@example.fr",
          "user:alice@example.fr",
          "domain:example.fr",
          "serviceAccount:deployer@slz-a-prod.iam.gserviceaccount.com",
          "serviceAccount:ci@op-keys.iam.gserviceaccount.com",
          "serviceAccount:service-${google_project.p.number}@gcp-sa-pubsub.iam.gserviceaccount.com",
          "${google_logging_folder_sink.sink.writer_identity}",
          "serviceAccount:${data.google_logging_folder_settings.s.kms_service_account_id}",
        ],
        LZ,
        {
          resource: { google_logging_folder_sink: { sink: { folder: "folders/1", name: "s", destination: "d" } } },
          data: { google_logging_folder_settings: { s: { folder: "1" } } },
        },
      ).concat(messages(["serviceAccount:${data.google_logging_folder_settings.s.kms_service_account_id}"], LZ, {})),
    ).toEqual([
      'google_folder_iam_member.g0: grants roles/logging.viewer to "serviceAccount:${data.google_logging_folder_settings.s.kms_service_account_id}" is outside the organization\'s identities (allowed: user:/group: @example.fr, domain:example.fr, serviceAccount: service accounts of op-keys, slz-*, Google service agents)',
    ]);
  });

  it("flags other domains, foreign service accounts, other principals and references to what the stack does not declare", () => {
    expect(
      messages([
        "user:eve@gmail.com",
        "domain:gmail.com",
        "serviceAccount:miner@evil-project.iam.gserviceaccount.com",
        "principalSet://iam.googleapis.com/locations/global/workforcePools/p/*",
        "${google_service_account.undeclared.email}",
      ]).map((m) => m.replace(/ \(allowed: .*\)$/, "")),
    ).toEqual([
      `google_folder_iam_member.g0: grants roles/logging.viewer to "user:eve@gmail.com" is outside the organization's identities`,
      `google_folder_iam_member.g1: grants roles/logging.viewer to "domain:gmail.com" is outside the organization's identities`,
      `google_folder_iam_member.g2: grants roles/logging.viewer to "serviceAccount:miner@evil-project.iam.gserviceaccount.com" is outside the organization's identities`,
      `google_folder_iam_member.g3: grants roles/logging.viewer to "principalSet://iam.googleapis.com/locations/global/workforcePools/p/*" is outside the organization's identities`,
      `google_folder_iam_member.g4: grants roles/logging.viewer to "\${google_service_account.undeclared.email}" is outside the organization's identities`,
    ]);
    // A variable is no identity at all: SOV-IAM-001 flags it as a member that cannot be resolved.
    expect(messages(["${var.member}"])).toEqual([]);
  });

  it("in a tenant's stack, holds service accounts and service agents to the tenant's own projects", () => {
    const projects = {
      p: { project_id: "slz-a-prod", name: "p" },
      q: { project_id: "slz-b-prod", name: "q" },
      r: { project_id: "${var.id}", name: "r" },
    };
    const members = [
      "serviceAccount:service-${google_project.p.number}@gcp-sa-pubsub.iam.gserviceaccount.com",
      "serviceAccount:service-${data.google_project.d.number}@gcp-sa-pubsub.s3ns-system.iam.gserviceaccount.com",
      "serviceAccount:ci@slz-a-prod.iam.gserviceaccount.com",
      "serviceAccount:service-${google_project.q.number}@gcp-sa-pubsub.iam.gserviceaccount.com",
      "serviceAccount:service-${google_project.r.number}@gcp-sa-pubsub.iam.gserviceaccount.com",
      "serviceAccount:service-123456@gcp-sa-pubsub.iam.gserviceaccount.com",
      "serviceAccount:ci@slz-b-prod.iam.gserviceaccount.com",
      "serviceAccount:ci@op-keys.iam.gserviceaccount.com",
    ];
    const grants = Object.fromEntries(members.map((member, i) => [`g${i}`, { folder: "folders/1", role: "roles/logging.viewer", member }]));
    const tenantDoc = (tenantProjects?: string[]) =>
      documentFromConfig(
        {
          "//": tenantProjects ? { sovereignty: { tenantProjects } } : {},
          resource: { google_project: projects, google_folder_iam_member: grants },
          data: { google_project: { d: { project_id: "s3ns:slz-a-prod" } } },
        },
        "tenant-a",
      );
    const flagged = (tenantProjects?: string[]) =>
      evaluate([tenantDoc(tenantProjects)], LZ, { rules: [identityBoundaryRule] }).findings.map((f) => f.address);
    expect(flagged(["slz-a-prod"])).toEqual([3, 4, 5, 6, 7].map((i) => `google_folder_iam_member.g${i}`));
    // the same grants in a stack of the whole landing zone: any landing-zone project and any service agent
    expect(flagged()).toEqual([]);
  });

  it("in a tenant's stack, an identity the stack declares counts as its own only when it is not in another project", () => {
    const accounts = {
      own: { account_id: "own", project: "slz-a-prod" },
      ref: { account_id: "ref", project: "${google_project.p.project_id}" },
      other: { account_id: "other", project: "s3ns:slz-b-prod" },
    };
    const members = [
      "${google_service_account.own.email}",
      "serviceAccount:${google_service_account.ref.email}",
      "${google_service_account.other.email}",
    ];
    const grants = Object.fromEntries(members.map((member, i) => [`g${i}`, { folder: "folders/1", role: "roles/logging.viewer", member }]));
    const flagged = (tenantProjects?: string[]) =>
      evaluate(
        [
          documentFromConfig(
            {
              "//": tenantProjects ? { sovereignty: { tenantProjects } } : {},
              resource: {
                google_project: { p: { project_id: "slz-a-prod", name: "p" } },
                google_service_account: accounts,
                google_folder_iam_member: grants,
              },
            },
            "tenant-a",
          ),
        ],
        LZ,
        { rules: [identityBoundaryRule] },
      ).findings.map((f) => f.message);
    expect(flagged(["slz-a-prod"])).toEqual([
      expect.stringMatching(
        /^grants roles\/logging\.viewer to "\$\{google_service_account\.other\.email\}" is outside the organization's identities/,
      ),
    ]);
    expect(flagged()).toEqual([]);
  });

  it("does nothing when the context does not know the organization's domain", () => {
    expect(messages(["user:eve@gmail.com"], { profile: PROFILES.paris })).toEqual([]);
  });
});
