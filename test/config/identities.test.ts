import { problemsOf, toS3ns } from "../helpers";

const OUTSIDE = "is outside the organization's identities";

describe("config identities (one rule: lib/identity.ts)", () => {
  it("accepts groups, admin group, deployers and members of the organization and its projects", () => {
    expect(
      problemsOf((c) => {
        c.operator.adminGroup = "kms-admins@example.fr";
        c.tenants[0].groups = { admins: "a-admins@example.fr", viewers: "a-viewers@example.fr" };
        c.tenants[0].deployer = "deployer@op-key-custody.iam.gserviceaccount.com";
        c.tenants[0].iam = [
          { role: "roles/storage.objectViewer", member: "user:alice@example.fr" },
          { role: "roles/storage.objectViewer", member: "serviceAccount:service-42@gcp-sa-pubsub.iam.gserviceaccount.com" },
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
      `tenants[0].iam[0].member: "serviceAccount:miner@evil-1.iam.gserviceaccount.com" ${OUTSIDE} (allowed: user:/group: @example.fr, domain:example.fr, serviceAccount: service accounts of op-key-custody, slz-*, Google service agents)`,
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
});
