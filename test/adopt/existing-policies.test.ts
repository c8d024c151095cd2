import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { parseExistingPolicies, PolicyExportError } from "../../lib/adopt/policy-export";
import { reviewExistingPolicies } from "../../lib/adopt/policy-review";
import { loadDocuments } from "../../lib/cli/check";
import { PROFILES } from "../../lib/profiles/profile";
import { configWith, defaultConfigInput, runCli, synthApp, toS3ns } from "../helpers";

const ORG = "organizations/123456789012";
const v2 = (name: string, rule: object, extra: object = {}) => ({ name, spec: { rules: [rule] }, ...extra });

/** A config (changed by `change`) synthesized, written beside its output with the export `policies`. */
function setUp(policies: unknown, change: (raw: any) => void = () => {}) {
  const dir = mkdtempSync(join(tmpdir(), "lz-existing-"));
  const outdir = join(dir, "cdktf.out");
  const raw = defaultConfigInput();
  change(raw);
  synthApp(configWith(change), outdir);
  const config = join(dir, "landing-zone.yaml");
  writeFileSync(config, stringify(raw));
  const exported = join(dir, "policies.json");
  writeFileSync(exported, typeof policies === "string" ? policies : JSON.stringify(policies));
  const adopt = () => runCli("adopt", "--config", config, "--output", outdir, "--existing-policies", exported);
  const stackText = (stack: string) => readFileSync(join(outdir, "stacks", stack, "cdk.tf.json"), "utf8");
  return { outdir, exported, adopt, stackText, report: join(outdir, "existing-policies.md") };
}

/** The line printed for one policy. */
const lineOf = (out: string, name: string) => out.split("\n").find((l) => l.includes(`: ${name}: `)) ?? "";

describe("sovereign-lz adopt --existing-policies on paris", () => {
  it("says an organization-level location policy allowing the US is harmless under the root folder, and writes the report", () => {
    const { adopt, report, stackText } = setUp([
      v2(`${ORG}/policies/gcp.resourceLocations`, { values: { allowedValues: ["in:us-locations", "in:europe-west9-locations"] } }),
      v2(`${ORG}/policies/compute.requireOsLogin`, { enforce: false }),
    ]);
    const before = stackText("foundation");
    const { code, out } = adopt();
    expect(code).toBe(0);
    const locations = lineOf(out, `${ORG}/policies/gcp.resourceLocations`);
    expect(locations).toMatch(/^ok: /);
    expect(locations).toContain(
      "overridden by the root folder's own gcp.resourceLocations (no inheritance), so harmless there; on its own, looser than the boundary",
    );
    expect(locations).toContain("it also allows in:us-locations");
    expect(lineOf(out, `${ORG}/policies/compute.requireOsLogin`)).toMatch(
      /^ok: .*harmless there; on its own, looser than the boundary: it is not enforced/,
    );
    expect(readFileSync(report, "utf8")).toContain("0 findings");
    expect(stackText("foundation")).toBe(before);
  });

  it("finds an organization policy the landing zone needs open and cannot override: the operator's project is outside the root folder", () => {
    const { adopt } = setUp([v2(`${ORG}/policies/iam.allowedPolicyMemberDomains`, { values: { allowedValues: ["is:C01abc2de"] } })]);
    const line = lineOf(adopt().out, `${ORG}/policies/iam.allowedPolicyMemberDomains`);
    expect(line).toMatch(/^finding: /);
    expect(line).toContain("inside the landing zone: overridden by the root folder's own iam.allowedPolicyMemberDomains");
    expect(line).toContain("it also applies to the operator's key project op-key-custody, outside the root folder, where it restricts a constraint");
  });

  it("finds a looser policy in force where the landing zone sets none (waived group)", () => {
    const { adopt } = setUp([v2(`${ORG}/policies/compute.requireOsLogin`, { enforce: false })], (raw) => {
      raw.guardrails = { waivers: [{ group: "baseline", reason: "baseline enforced by the organization during the migration" }] };
    });
    expect(lineOf(adopt().out, `${ORG}/policies/compute.requireOsLogin`)).toMatch(
      /^finding: .*in force inside the landing zone \(the landing zone does not set compute\.requireOsLogin \(its guardrail group is waived\)\): looser than the boundary: it is not enforced/,
    );
  });

  it("finds a live policy in force where the landing zone only dry-runs its own, and leaves what it cannot compare to a person", () => {
    const { adopt } = setUp(
      [v2(`${ORG}/policies/iam.managed.allowedPolicyMembers`, { enforce: true, parameters: { allowedPrincipalSets: ["//other"] } })],
      (raw) => {
        raw.guardrails = { dryRun: true };
      },
    );
    const line = lineOf(adopt().out, `${ORG}/policies/iam.managed.allowedPolicyMembers`);
    expect(line).toMatch(
      /^finding: .*in force inside the landing zone \(the root folder's iam\.managed\.allowedPolicyMembers is dry run only\): for a person to judge: its parameters/,
    );
    expect(line).toContain("it also applies to the operator's key project op-key-custody, outside the root folder, where its parameters");
  });

  it("says what is fine: a tighter policy, a constraint that is not a guardrail, a dry-run-only policy", () => {
    const { adopt } = setUp([
      v2(`${ORG}/policies/compute.restrictVpcPeering`, { denyAll: true }),
      { name: `${ORG}/policies/compute.vmCanIpForward`, dryRunSpec: { rules: [{ enforce: true }] } },
      v2(`${ORG}/policies/gcp.restrictTLSVersion`, { values: { deniedValues: ["TLS_VERSION_1", "TLS_VERSION_1_1"] } }),
    ]);
    const out = adopt().out;
    expect(lineOf(out, `${ORG}/policies/compute.restrictVpcPeering`)).toMatch(
      /^ok: .*: in force inside the landing zone \(compute\.restrictVpcPeering is not one of/,
    );
    expect(lineOf(out, `${ORG}/policies/compute.vmCanIpForward`)).toBe(`ok: ${ORG}/policies/compute.vmCanIpForward: dry run only: it denies nothing`);
    expect(lineOf(out, `${ORG}/policies/gcp.restrictTLSVersion`)).toMatch(/^ok: .*overridden/);
  });

  it("places folders: the landing zone's parent is above, another folder is elsewhere once the export shows the ancestry, unknown otherwise", () => {
    const asset = (folder: string, ancestors: string[], policy: object) => ({
      name: `//cloudresourcemanager.googleapis.com/${folder}`,
      asset_type: "cloudresourcemanager.googleapis.com/Folder",
      org_policy: [policy],
      ancestors,
    });
    const ndjson = [
      asset("folders/111111", ["folders/111111", "folders/100", ORG], {
        constraint: "constraints/compute.requireOsLogin",
        boolean_policy: { enforced: true },
      }),
      asset("folders/100", ["folders/100", ORG], { constraint: "constraints/gcp.resourceLocations", list_policy: { all_values: "ALLOW" } }),
      asset("folders/222", ["folders/222", ORG], {
        constraint: "constraints/gcp.resourceLocations",
        list_policy: { allowed_values: ["in:us-locations"] },
      }),
    ]
      .map((a) => JSON.stringify(a))
      .join("\n");
    const placed = setUp(ndjson, (raw) => (raw.landingZone.parentFolderId = "111111")).adopt().out;
    expect(lineOf(placed, "folders/111111/policies/compute.requireOsLogin")).toMatch(/^ok: .*overridden/);
    expect(lineOf(placed, "folders/100/policies/gcp.resourceLocations")).toMatch(
      /^ok: .*harmless there; on its own, looser than the boundary: it allows every value/,
    );
    expect(placed).toContain("ok: -: 1 policy on other folders or projects, not above the landing zone: not judged");

    const unknown = setUp([v2("folders/222/policies/gcp.resourceLocations", { values: { allowedValues: ["in:us-locations"] } })], (raw) => {
      raw.landingZone.parentFolderId = "111111";
    }).adopt().out;
    expect(lineOf(unknown, "folders/222/policies/gcp.resourceLocations")).toMatch(
      /^ok: folders\/222\/policies\/gcp\.resourceLocations: the export does not say whether folders\/222 is above the landing zone: judged as if it were; inside the landing zone: overridden/,
    );
  });
});

describe("sovereign-lz adopt --existing-policies on s3ns", () => {
  it("imports the organization policies the stacks adopt (guardrails.importExisting) and reviews the others", () => {
    const s3nsOrg = ORG;
    const { adopt, stackText } = setUp(
      [
        v2(`${s3nsOrg}/policies/gcp.resourceLocations`, { values: { allowedValues: ["in:u-france-east1-locations"] } }),
        v2(`${s3nsOrg}/policies/storage.uniformBucketLevelAccess`, { enforce: false }),
      ],
      (raw) => {
        toS3ns(raw);
        raw.guardrails = { importExisting: ["gcp.resourceLocations"] };
      },
    );
    const { code, out } = adopt();
    expect(code).toBe(0);
    expect(lineOf(out, `${s3nsOrg}/policies/gcp.resourceLocations`)).toMatch(/^ok: .*declared by the stack foundation .*imported/);
    expect(out).toMatch(/^foundation: 1 import block \(1 already there\)$/m);
    expect(lineOf(out, `${s3nsOrg}/policies/storage.uniformBucketLevelAccess`)).toMatch(/^ok: .*overridden/);
    const imports = JSON.parse(stackText("foundation")).import;
    expect(imports.filter((b: any) => b.id === `${s3nsOrg}/policies/gcp.resourceLocations`)).toHaveLength(1);
  });
});

describe("hostile or invalid exports: one readable error naming the file, exit 1, nothing written", () => {
  const cases: [string, string, RegExp][] = [
    ["not JSON", "{ nope", /policies\.json: not JSON/],
    ["empty", "  ", /policies\.json: empty/],
    [
      "gcloud org-policies list rows",
      JSON.stringify([{ constraint: "gcp.resourceLocations", listPolicy: "SET", booleanPolicy: "-", etag: "x" }]),
      /policies\.json\[0\]: is a row of `gcloud org-policies list`.*gcloud org-policies describe/,
    ],
    [
      "a path in the name",
      JSON.stringify([v2("../../etc/policies/x.y", { enforce: true })]),
      /policies\.json\[0\]\.name: "\.\.\/\.\.\/etc\/policies\/x\.y" is not a policy name/,
    ],
    [
      "values that are not strings",
      JSON.stringify({ policies: [v2(`${ORG}/policies/gcp.resourceLocations`, { values: { allowedValues: [{ $ref: "x" }] } })] }),
      /policies\.json\.policies\[0\]\.spec\.rules\[0\]\.values\.allowedValues: expected a list of strings/,
    ],
    [
      "enforce as text",
      JSON.stringify(v2(`${ORG}/policies/compute.requireOsLogin`, { enforce: "TRUE" })),
      /policies\.json\.spec\.rules\[0\]\.enforce: expected true or false/,
    ],
    [
      "a bad line of NDJSON",
      `${JSON.stringify({ name: "//cloudresourcemanager.googleapis.com/folders/1", orgPolicy: [] })}\n{ x`,
      /policies\.json:2: not JSON/,
    ],
    ["a prototype key", '{"__proto__": {"name": "organizations/1/policies/a.b"}}', /policies\.json: is not an organization policy/],
    [
      "two versions of one policy",
      JSON.stringify([
        v2(`${ORG}/policies/compute.requireOsLogin`, { enforce: true }),
        v2(`${ORG}/policies/compute.requireOsLogin`, { enforce: false }),
      ]),
      /policies\.json\[1\]: organizations\/123456789012\/policies\/compute\.requireOsLogin differs from the same policy at .*policies\.json\[0\]/,
    ],
  ];
  let landingZone: ReturnType<typeof setUp>;
  beforeAll(() => (landingZone = setUp([])));
  it.each(cases)("%s", (_, text, message) => {
    const { adopt, stackText, report, exported } = landingZone;
    writeFileSync(exported, text);
    const before = stackText("key-custody");
    const { code, err } = adopt();
    expect(code).toBe(1);
    expect(err).toMatch(message);
    expect(err.split("\n")).toHaveLength(1);
    expect(err).not.toMatch(/\n\s+at /);
    expect(stackText("key-custody")).toBe(before);
    expect(existsSync(report)).toBe(false);
  });

  it("a missing export is unreadable input (exit 2)", () => {
    const { outdir } = landingZone;
    const config = join(outdir, "..", "landing-zone.yaml");
    expect(runCli("adopt", "--config", config, "--output", outdir, "--existing-policies", join(outdir, "nope.json"))).toMatchObject({
      code: 2,
      err: expect.stringMatching(/nope\.json: no such file/),
    });
  });
});

describe("reading exports", () => {
  it("reads gcloud describe output, the API's list, and CAI assets in camelCase or snake_case, alike", () => {
    const describe = parseExistingPolicies(
      JSON.stringify(v2("folders/9/policies/gcp.resourceLocations", { values: { allowedValues: ["in:eu-locations"] } })),
      "d.json",
    );
    const cai = parseExistingPolicies(
      JSON.stringify([
        {
          name: "//cloudresourcemanager.googleapis.com/folders/9",
          orgPolicy: [{ constraint: "constraints/gcp.resourceLocations", listPolicy: { allowedValues: ["in:eu-locations"] } }],
        },
      ]),
      "c.json",
    );
    const strip = (ps: any[]) =>
      ps.map(({ at: _at, ancestors: _a, ...p }) => ({ ...p, rules: p.rules.map((r: any) => JSON.parse(JSON.stringify(r))) }));
    expect(strip(cai)).toEqual(strip(describe));
    expect(describe[0]).toMatchObject({ parent: "folders/9", constraint: "gcp.resourceLocations", dryRun: false, at: "d.json" });
  });

  it("reads a CAI list policy that only inherits as a policy without rules, which passes review", () => {
    const [policy] = parseExistingPolicies(
      JSON.stringify({
        name: "//cloudresourcemanager.googleapis.com/organizations/123456789012",
        orgPolicy: [{ constraint: "constraints/gcp.resourceLocations", listPolicy: { inheritFromParent: true } }],
      }),
      "i.json",
    );
    expect(policy).toMatchObject({ rules: [], inheritFromParent: true });
    const outdir = mkdtempSync(join(tmpdir(), "lz-existing-inherit-"));
    synthApp(configWith(), outdir);
    const facts = {
      profile: PROFILES.paris,
      organizationId: "123456789012",
      domain: "example.fr",
      operatorProjectId: "op-key-custody",
      operatorParent: ORG,
    };
    expect(reviewExistingPolicies(loadDocuments(outdir), [policy], facts).lines).toEqual([expect.objectContaining({ finding: false })]);
    const empty = { ...policy, inheritFromParent: false };
    expect(reviewExistingPolicies(loadDocuments(outdir), [empty], facts).lines).toEqual([
      expect.objectContaining({ finding: true, text: expect.stringContaining("it has no unconditional rule") }),
    ]);
  });

  it("refuses a v1 policy that does not say where it is set", () => {
    expect(() => parseExistingPolicies(JSON.stringify({ constraint: "constraints/a.b", booleanPolicy: { enforced: true } }), "v1.json")).toThrow(
      PolicyExportError,
    );
  });

  it("judges against the s3ns boundary on s3ns: an organization policy allowing only Paris conflicts with the universe's region", () => {
    const outdir = mkdtempSync(join(tmpdir(), "lz-existing-s3ns-"));
    synthApp(
      configWith((raw) => {
        toS3ns(raw);
      }),
      outdir,
    );
    const review = reviewExistingPolicies(
      loadDocuments(outdir),
      parseExistingPolicies(
        JSON.stringify(v2(`${ORG}/policies/gcp.resourceLocations`, { values: { allowedValues: ["in:europe-west9-locations"] } })),
        "x.json",
      ),
      { profile: PROFILES.s3ns, organizationId: "123456789012", domain: "example.fr", operatorProjectId: "op-key-custody", operatorParent: ORG },
    );
    expect(review.lines).toEqual([
      expect.objectContaining({
        finding: true,
        text: expect.stringMatching(
          /overridden by the root folder's own gcp\.resourceLocations.*operator's key project op-key-custody, outside the root folder, where it does not allow in:u-france-east1-locations/,
        ),
      }),
    ]);
  });
});
