import { allowedIdentities, identityProblem, isInsideIdentityBoundary } from "../lib/identity";

const LZ = { organizationDomain: "example.fr", prefix: "slz", operatorProjectId: "op-key-custody" };

describe("identity boundary", () => {
  it.each([
    "user:alice@example.fr",
    "group:Admins@Example.fr",
    "domain:example.fr",
    "serviceAccount:deployer@slz-ministere-a-prod.iam.gserviceaccount.com",
    "serviceAccount:ci@op-key-custody.iam.gserviceaccount.com",
    "serviceAccount:deployer@slz-ministere-a-prod.s3ns.iam.gserviceaccount.com",
    "serviceAccount:service-123456789@gcp-sa-pubsub.iam.gserviceaccount.com",
    "serviceAccount:service-123456789@gs-project-accounts.iam.gserviceaccount.com",
    "serviceAccount:bq-123456789@bigquery-encryption.iam.gserviceaccount.com",
    "serviceAccount:service-123456789@gcp-sa-ekms.s3ns-system.iam.gserviceaccount.com",
    "serviceAccount:service-123456789@gs-project-accounts.s3ns-system.iam.gserviceaccount.com",
  ])("lets %s in", (member) => {
    expect(isInsideIdentityBoundary(member, LZ)).toBe(true);
    expect(identityProblem(member, LZ)).toBeUndefined();
  });

  it.each([
    "user:eve@gmail.com",
    "group:admins@sub.example.fr",
    "user:eve@example.fr@evil.com",
    "domain:gmail.com",
    "allUsers",
    "allAuthenticatedUsers",
    "principalSet://iam.googleapis.com/locations/global/workforcePools/p/*",
    "serviceAccount:miner@evil-project.iam.gserviceaccount.com",
    "serviceAccount:deployer@slzother-a-prod.iam.gserviceaccount.com",
    "serviceAccount:service-123@evil.iam.gserviceaccount.com",
    "serviceAccount:alice@example.fr",
  ])("keeps %s out", (member) => {
    expect(isInsideIdentityBoundary(member, LZ)).toBe(false);
    expect(identityProblem(member, LZ)).toBe(
      `"${member}" is outside the organization's identities (allowed: user:/group: @example.fr, domain:example.fr, serviceAccount: service accounts of op-key-custody, slz-*, Google service agents)`,
    );
  });

  it("checks bare emails as the kind they are", () => {
    expect(isInsideIdentityBoundary("admins@example.fr", LZ, "group")).toBe(true);
    expect(identityProblem("admins@gmail.com", LZ, "group")).toBe(
      `"admins@gmail.com" is outside the organization's identities (allowed: @example.fr)`,
    );
    expect(isInsideIdentityBoundary("deployer@slz-a-prod.iam.gserviceaccount.com", LZ, "serviceAccount")).toBe(true);
    expect(identityProblem("deployer@other-prod.iam.gserviceaccount.com", LZ, "serviceAccount")).toContain(
      "(allowed: service accounts of op-key-custody, slz-*, Google service agents)",
    );
  });

  it("without a prefix or operator project, only service agents are the landing zone's service accounts", () => {
    const bare = { organizationDomain: "example.fr" };
    expect(isInsideIdentityBoundary("serviceAccount:deployer@slz-a-prod.iam.gserviceaccount.com", bare)).toBe(false);
    expect(isInsideIdentityBoundary("serviceAccount:service-1@gcp-sa-logging.iam.gserviceaccount.com", bare)).toBe(true);
    expect(allowedIdentities(bare, "serviceAccount")).toBe("Google service agents");
  });

  describe("held to a tenant's own projects", () => {
    const TENANT = { ...LZ, tenantProjects: ["slz-a-prod", "slz-a-dev"] };

    it.each([
      "serviceAccount:ci@slz-a-prod.iam.gserviceaccount.com",
      "serviceAccount:ci@slz-a-dev.s3ns.iam.gserviceaccount.com",
      "serviceAccount:service-slz-a-prod@gcp-sa-pubsub.iam.gserviceaccount.com",
      "domain:example.fr",
      "group:a-admins@example.fr",
    ])("lets %s in", (member) => expect(identityProblem(member, TENANT)).toBeUndefined());

    it.each([
      "serviceAccount:ci@slz-b-prod.iam.gserviceaccount.com",
      "serviceAccount:ci@op-key-custody.iam.gserviceaccount.com",
      "serviceAccount:service-123456789@gcp-sa-pubsub.iam.gserviceaccount.com",
      "serviceAccount:service-slz-b-prod@gcp-sa-pubsub.iam.gserviceaccount.com",
      "domain:x.com",
    ])("keeps %s out, naming the tenant's projects", (member) => {
      expect(identityProblem(member, TENANT)).toBe(
        `"${member}" is outside the organization's identities (allowed: user:/group: @example.fr, domain:example.fr, serviceAccount: service accounts of slz-a-prod, slz-a-dev and their Google service agents (by reference to the project's number, not a literal one))`,
      );
    });
  });
});
