import { problemsOf, toS3ns } from "../helpers";

const OUTSIDE = "is outside the organization's identities";
const TENANT_A =
  "(allowed: user:/group: @example.fr, domain:example.fr, serviceAccount: service accounts of slz-ministere-a-prod, slz-ministere-a-nonprod and their Google service agents (by reference to the project's number, not a literal one))";

describe("config identities (one rule: lib/identity.ts)", () => {
  it("accepts groups, admin group, deployers and members of the organization and its projects", () => {
    expect(
      problemsOf((c) => {
        c.operator.adminGroup = "kms-admins@example.fr";
        c.tenants[0].groups = { admins: "a-admins@example.fr", viewers: "a-viewers@example.fr" };
        c.tenants[0].deployer = "deployer@op-key-custody.iam.gserviceaccount.com";
        c.tenants[0].iam = [
          { role: "roles/storage.objectViewer", member: "user:alice@example.fr" },
          { role: "roles/storage.objectViewer", member: "serviceAccount:ci@slz-ministere-a-nonprod.iam.gserviceaccount.com" },
          { role: "roles/storage.objectViewer", member: "domain:example.fr" },
        ];
      }),
    ).toEqual([]);
  });

  it("refuses a group, admin group, deployer and member outside, naming the path and what is allowed", () => {
    expect(
      problemsOf((c) => {
        c.operator.adminGroup = "kms-admins@gmail.com";
        c.tenants[0].groups = { admins: "a-admins@example.com" };
        c.tenants[0].deployer = "deployer@someone-else.iam.gserviceaccount.com";
        c.tenants[0].iam = [{ role: "roles/storage.objectViewer", member: "serviceAccount:miner@evil-1.iam.gserviceaccount.com" }];
      }),
    ).toEqual([
      `operator.adminGroup: "kms-admins@gmail.com" ${OUTSIDE} (allowed: @example.fr)`,
      `tenants[0].groups.admins: "a-admins@example.com" ${OUTSIDE} (allowed: @example.fr)`,
      `tenants[0].deployer: "deployer@someone-else.iam.gserviceaccount.com" ${OUTSIDE} (allowed: service accounts of op-key-custody, slz-*, Google service agents)`,
      `tenants[0].iam[0].member: "serviceAccount:miner@evil-1.iam.gserviceaccount.com" ${OUTSIDE} ${TENANT_A}`,
    ]);
  });

  it("on s3ns, takes the landing zone's service accounts in their S3NS form", () => {
    expect(
      problemsOf((c) => {
        toS3ns(c);
        for (const t of c.tenants) t.deployer = t.deployer?.replace(".iam.", ".s3ns.iam.");
      }),
    ).toEqual([]);
    expect(
      problemsOf((c) => {
        toS3ns(c);
        c.tenants[0].deployer = "deployer@other-prod.s3ns.iam.gserviceaccount.com";
      }),
    ).toEqual([
      `tenants[0].deployer: "deployer@other-prod.s3ns.iam.gserviceaccount.com" ${OUTSIDE} (allowed: service accounts of op-key-custody, slz-*, Google service agents)`,
    ]);
  });

  it("holds a tenant's IAM members to its own projects' service accounts: not another tenant's, the operator's or a literal service agent", () => {
    const members = [
      "serviceAccount:ci@slz-agence-b-prod.iam.gserviceaccount.com",
      "serviceAccount:ci@op-key-custody.iam.gserviceaccount.com",
      "serviceAccount:service-42@gcp-sa-pubsub.iam.gserviceaccount.com",
    ];
    expect(problemsOf((c) => (c.tenants[0].iam = members.map((member) => ({ role: "roles/storage.objectViewer", member }))))).toEqual(
      members.map((m, j) => `tenants[0].iam[${j}].member: "${m}" ${OUTSIDE} ${TENANT_A}`),
    );
    // the other tenant's own account is its own
    expect(problemsOf((c) => (c.tenants[1].iam = [{ role: "roles/storage.objectViewer", member: members[0] }]))).toEqual([]);
  });

  it("accepts domain: members of the organization's domain only", () => {
    expect(problemsOf((c) => (c.tenants[0].iam = [{ role: "roles/browser", member: "domain:example.fr" }]))).toEqual([]);
    expect(problemsOf((c) => (c.tenants[0].iam = [{ role: "roles/browser", member: "domain:x.com" }]))).toEqual([
      `tenants[0].iam[0].member: "domain:x.com" ${OUTSIDE} ${TENANT_A}`,
    ]);
    expect(problemsOf((c) => (c.tenants[0].iam = [{ role: "roles/browser", member: "domain:" }]))).toEqual([
      `tenants[0].iam[0].member: "domain:" must be user:, group: or serviceAccount: followed by an email, or domain: followed by the organization's domain`,
      `tenants[0].iam[0].member: "domain:" ${OUTSIDE} ${TENANT_A}`,
    ]);
  });
});
