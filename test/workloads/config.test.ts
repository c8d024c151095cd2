import { configWith, problemsOf } from "../helpers";

describe("tenants[].workloads config", () => {
  it("accepts the default config's workloads and applies defaults", () => {
    const config = configWith();
    expect(config.tenants[0].workloads.buckets).toEqual([{ name: "documents", retentionDays: 30 }]);
    expect(config.tenants[1].workloads.topics).toEqual([]);
  });

  it("refuses an environment the tenant does not have", () => {
    expect(problemsOf((c) => (c.tenants[0].workloads.environment = "staging"))).toEqual([
      'tenants[0].workloads.environment: "staging" is not an environment of the tenant (allowed: prod, nonprod)',
    ]);
  });

  it("refuses a workload whose service the tenant does not list", () => {
    expect(problemsOf((c) => (c.tenants[1].workloads.topics = [{ name: "events" }]))).toEqual([
      'tenants[1].workloads.topics: needs service "pubsub" in tenants[1].services (allowed: storage, secretmanager, logging)',
    ]);
  });

  it("refuses a bucket whose derived name exceeds 63 characters", () => {
    const name = "a".repeat(40); // slz-ministere-a-prod- (21) + 40 = 61: fits
    expect(problemsOf((c) => (c.tenants[0].workloads.buckets = [{ name }]))).toEqual([]);
    const problems = problemsOf((c) => {
      c.landingZone.prefix = "abcdef";
      c.tenants[0].id = "ministere-abc"; // abcdef-ministere-abc-prod- (26) + 40 = 66
      c.tenants[0].deployer = "deployer@abcdef-ministere-abc-prod.iam.gserviceaccount.com";
      c.tenants[1].deployer = "deployer@abcdef-agence-b-prod.iam.gserviceaccount.com";
      c.tenants[0].workloads.buckets = [{ name }];
    });
    expect(problems).toEqual([
      `tenants[0].workloads.buckets[0].name: bucket name "abcdef-ministere-abc-prod-${name}" would be 66 characters (allowed: at most 63; shorten the name)`,
    ]);
  });

  it("refuses duplicate names, bad characters and unknown keys", () => {
    const problems = problemsOf((c) => {
      c.tenants[0].workloads.buckets.push({ name: "documents" });
      c.tenants[0].workloads.datasets = [{ id: "Has-Hyphen" }];
      c.tenants[0].workloads.queues = [];
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'tenants[0].workloads.buckets[1].name: "documents" is already used (allowed: unique names)',
        expect.stringMatching(/^tenants\[0\]\.workloads\.datasets\[0\]\.id: "Has-Hyphen" must be 1 to 64 lower-case/),
        expect.stringMatching(/^tenants\[0\]\.workloads\.queues: unknown key \(allowed: environment, buckets, datasets, topics, secrets\)/),
      ]),
    );
  });
});

describe("tenants[].workloads config next to other errors", () => {
  it("does not pile a service problem on an invalid service list", () => {
    const problems = problemsOf((c) => (c.tenants[1].services = ["storage", "dynamodb"]));
    expect(problems.filter((p) => p.startsWith("tenants[1].workloads"))).toEqual([]);
    expect(problems).toContainEqual(expect.stringMatching(/^tenants\[1\]\.services\[1\]/));
  });
});
