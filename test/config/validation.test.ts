import { ConfigError } from "../../lib/config/errors";
import { parseDocument } from "yaml";
import { parseConfigText } from "../../lib/config/load";
import { problemsOf, toS3ns } from "../helpers";

describe("config validation", () => {
  it("accepts the embedded default config", () => {
    expect(problemsOf(() => {})).toEqual([]);
  });

  it("rejects unknown keys, naming the path and the allowed keys", () => {
    const problems = problemsOf((c) => (c.tenants[0].enviroments = []));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^tenants\[0\]\.enviroments: unknown key \(allowed: id, displayName, environments,/);
  });

  it("rejects wrong types", () => {
    expect(problemsOf((c) => (c.organization.id = 123456789012))).toEqual([
      `organization.id: expected string, got 123456789012 (write it in quotes: "123456789012"; unquoted, YAML reads a number)`,
    ]);
  });

  it("rejects sizes out of range with the bound, for lists, texts and numbers", () => {
    expect(problemsOf((c) => (c.tenants = Array.from({ length: 2001 }, () => c.tenants[0])))).toContain(
      "tenants: 2001 items are too many (allowed: at most 2000 items)",
    );
    expect(problemsOf((c) => (c.landingZone.name = "lz"))).toEqual(['landingZone.name: "lz" is too short (allowed: at least 3 characters)']);
    expect(problemsOf((c) => (c.landingZone.logRetentionDays = 5000))).toEqual([
      "landingZone.logRetentionDays: 5000 is too large (allowed: at most 3650)",
    ]);
    expect(problemsOf((c) => (c.landingZone.logRetentionDays = 0))).toEqual(["landingZone.logRetentionDays: 0 is too small (allowed: at least 1)"]);
  });

  it("names lists and mappings as YAML does, not as JavaScript arrays and objects", () => {
    expect(problemsOf((c) => delete c.tenants)).toEqual(["tenants: is required (allowed: a list)"]);
    expect(problemsOf((c) => (c.operator = "op-key-custody"))).toEqual(['operator: expected a mapping, got "op-key-custody"']);
  });

  it("rejects missing required fields", () => {
    expect(problemsOf((c) => delete c.operator.adminGroup)).toEqual(["operator.adminGroup: is required (allowed: string)"]);
  });

  it("rejects an unknown profile with the allowed values", () => {
    expect(problemsOf((c) => (c.profile = "frankfurt"))).toEqual(['profile: "frankfurt" is not allowed (allowed: paris, s3ns)']);
  });

  it("rejects a region outside the profile", () => {
    expect(problemsOf((c) => (c.region = "europe-west1"))).toEqual([
      'region: "europe-west1" is outside the sovereign boundary (allowed: europe-west9)',
    ]);
  });

  it("rejects duplicate tenant ids", () => {
    const problems = problemsOf((c) => c.tenants.push({ ...c.tenants[0] }));
    expect(problems).toContain('tenants[2].id: "ministere-a" is already used by tenants[0] (allowed: unique ids)');
  });

  it("rejects ids that are not valid in project ids", () => {
    const problems = problemsOf((c) => (c.tenants[1].id = "Agence_B"));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^tenants\[1\]\.id: "Agence_B" must be 2 to 16 lower-case letters/);
  });

  it("rejects ids that would make a project id longer than 30 characters", () => {
    const problems = problemsOf((c) => {
      c.landingZone.prefix = "sovlz1";
      c.tenants[1].id = "agence-bbbbbbbbb";
      c.tenants[1].environments[0].name = "nonprod1";
      c.tenants[1].deployer = "deployer@sovlz1-agence-b-prod.iam.gserviceaccount.com";
    });
    expect(problems).toEqual([
      'tenants[1].environments[0].name: project id "sovlz1-agence-bbbbbbbbb-nonprod1" would be 32 characters (allowed: 6 to 30; shorten the prefix, tenant id or environment name)',
    ]);
  });

  it("rejects key protection levels the profile forbids", () => {
    const problems = problemsOf((c) => {
      toS3ns(c);
      c.operator.keyProtection = "HSM";
      c.tenants[0].keyProtection = "EXTERNAL";
    });
    expect(problems).toEqual([
      'operator.keyProtection: "HSM" is not allowed on profile s3ns (allowed: SOFTWARE, EXTERNAL_VPC)',
      'tenants[0].keyProtection: "EXTERNAL" is not allowed on profile s3ns (allowed: SOFTWARE, EXTERNAL_VPC)',
    ]);
  });

  it("reports an unknown key protection level once, with every level", () => {
    expect(problemsOf((c) => (c.operator.keyProtection = "HSM2"))).toEqual([
      'operator.keyProtection: "HSM2" is not allowed (allowed: EXTERNAL_VPC, EXTERNAL, HSM, SOFTWARE)',
    ]);
  });

  it("rejects an organization id that is not 6 to 20 digits, saying what it must be", () => {
    expect(problemsOf((c) => (c.organization.id = "123"))).toEqual([
      'organization.id: "123" must be 6 to 20 digits, in quotes (such as "123456789012")',
    ]);
    expect(problemsOf((c) => (c.organization.id = "123456"))).toEqual([]);
  });

  it("reports every problem at once", () => {
    const problems = problemsOf((c) => {
      c.region = "us-central1";
      c.organization.id = "org";
      c.tenants[0].color = "blue";
      c.tenants[1].services = ["logging", "dynamodb"];
    });
    expect(problems.map((p) => p.split(":")[0]).sort()).toEqual(["organization.id", "region", "tenants[0].color", "tenants[1].services[1]"].sort());
  });

  it("rejects Terraform interpolation in free text", () => {
    expect(problemsOf((c) => (c.tenants[0].displayName = '${file("/etc/passwd")}'))).toHaveLength(1);
  });
});

describe("config parsing", () => {
  it("reads JSON as well as YAML", () => {
    expect(parseConfigText('{"profile": "paris"}')).toEqual({ profile: "paris" });
  });

  it("rejects duplicate keys with their line", () => {
    expect(() => parseConfigText("profile: paris\nprofile: s3ns\n", "bad.yaml")).toThrow(/^bad\.yaml: line 2, column 1: Map keys must be unique/);
  });

  it("reads JSON as the YAML parser does, strings with colons, quotes and escapes included", () => {
    const text = JSON.stringify({ a: ["x:y", 'q"u:o', { "k:1": "\\:", n: 1.5e3 }], b: { c: null, d: true } }, null, 1);
    expect(parseConfigText(text)).toEqual(parseDocument(text).toJS());
  });

  it("rejects duplicate keys in JSON too, nested ones included, with their line", () => {
    expect(() => parseConfigText('{"profile": "paris",\n "profile": "s3ns"}', "bad.json")).toThrow(
      /^bad\.json: line 2, column 2: Map keys must be unique/,
    );
    expect(() => parseConfigText('{"a": {"b": 1, "b": 2}}', "bad.json")).toThrow(/Map keys must be unique/);
  });

  it("reports JSON syntax errors with their line", () => {
    expect(() => parseConfigText('{"profile": "paris"\n "tenants": []}', "bad.json")).toThrow(/^bad\.json: line 2, column 2: /);
  });

  it("rejects alias bombs", () => {
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 8; i++)
      bomb.push(
        `${"b".repeat(i)}: &${"b".repeat(i)} [${Array(10)
          .fill(i === 1 ? "*a" : `*${"b".repeat(i - 1)}`)
          .join(", ")}]`,
      );
    expect(() => parseConfigText(bomb.join("\n"))).toThrow(ConfigError);
  });

  it("rejects a document nested deeper than any config with one readable error, JSON or YAML (no stack overflow)", () => {
    const deep = (n: number) => `{"profile": ${"[".repeat(n)}${"]".repeat(n)}}`;
    const tooDeep = new ConfigError("deep", ["document: nested more than 64 levels deep (allowed: a landing-zone config, a few levels deep)"]);
    expect(() => parseConfigText(deep(200000), "deep")).toThrow(tooDeep);
    // YAML's block form, which its parser reads, and its flow form, which it refuses with a line and column.
    const block = Array.from({ length: 100 }, (_, i) => `${" ".repeat(i)}k:`).join("\n") + " 1\n";
    expect(() => parseConfigText(block, "deep")).toThrow(tooDeep);
    expect(() => parseConfigText(`profile: ${"[".repeat(100000)}${"]".repeat(100000)}\n`, "deep")).toThrow(/^deep: [^]*line 1, column \d+: /);
    expect(parseConfigText(deep(60))).toEqual({ profile: JSON.parse(deep(60)).profile });
  });
});
