import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SovereigntyGate } from "../../lib/checks/gate";
import { buildApp } from "../../stacks/app";
import { App } from "../../lib/core";
import { SovereignGuardrails } from "../../lib/guardrails/sovereign-guardrails";
import { TenantGuardrails } from "../../lib/guardrails/tenant-guardrails";
import { PROFILES } from "../../lib/profiles/profile";
import { SovereignStack } from "../../lib/stack";
import { configWith, resourcesOfType, synthAll, synthStack, type TfJson, problemsOf, toS3ns } from "../helpers";

const S3NS = toS3ns;

/** Policies of a stack, by constraint. */
function policiesOf(json: TfJson): Record<string, any> {
  const out: Record<string, any> = {};
  for (const p of resourcesOfType(json, "google_org_policy_policy")) out[p.name.split("/policies/")[1]] = p;
  return out;
}

const ROOT = "${google_folder.root_folder_1C710331.name}";
const rules = (p: any) => p.spec.rules;

describe("landing-zone guardrails on the root folder (paris)", () => {
  let policies: Record<string, any>;
  beforeAll(() => {
    policies = policiesOf(synthAll(configWith()).foundation);
  });

  it("names each policy folders/<id>/policies/<constraint> with the root folder as parent", () => {
    for (const [constraint, p] of Object.entries(policies)) {
      expect(p.name).toBe(`${ROOT}/policies/${constraint}`);
      expect(p.parent).toBe(ROOT);
      expect(p.dry_run_spec).toBeUndefined();
    }
  });

  it("keeps resources in Paris", () => {
    expect(rules(policies["gcp.resourceLocations"])).toEqual([{ values: { allowed_values: ["in:europe-west9-locations"] } }]);
  });

  it("requires operator keys", () => {
    expect(rules(policies["gcp.restrictCmekCryptoKeyProjects"])).toEqual([{ values: { allowed_values: ["under:projects/op-key-custody"] } }]);
    const denied = rules(policies["gcp.restrictNonCmekServices"])[0].values.denied_values;
    for (const service of [
      "storage",
      "bigquery",
      "compute",
      "sqladmin",
      "pubsub",
      "secretmanager",
      "artifactregistry",
      "logging",
      "container",
      "run",
    ]) {
      expect(denied).toContain(`${service}.googleapis.com`);
    }
    expect(rules(policies["cloudkms.allowedProtectionLevels"])).toEqual([{ values: { allowed_values: ["EXTERNAL_VPC", "EXTERNAL", "HSM"] } }]);
  });

  it("sets the baseline booleans as the string TRUE", () => {
    for (const constraint of [
      "iam.disableServiceAccountKeyCreation",
      "iam.disableServiceAccountKeyUpload",
      "iam.automaticIamGrantsForDefaultServiceAccounts",
      "compute.skipDefaultNetworkCreation",
      "compute.requireOsLogin",
      "compute.disableSerialPortAccess",
      "storage.publicAccessPrevention",
      "storage.uniformBucketLevelAccess",
      "storage.secureHttpTransport",
      "sql.restrictPublicIp",
      "sql.restrictAuthorizedNetworks",
    ]) {
      expect(rules(policies[constraint])).toEqual([{ enforce: "TRUE" }]);
    }
  });

  it("sets the baseline lists", () => {
    expect(rules(policies["compute.vmExternalIpAccess"])).toEqual([{ deny_all: "TRUE" }]);
    // Members: the organization's principal set (its service agents and sink writers included), through the managed
    // constraint; the legacy one, which has no exception for Google's identities, is lifted on the root folder.
    expect(rules(policies["iam.managed.allowedPolicyMembers"])).toEqual([
      { enforce: "TRUE", parameters: JSON.stringify({ allowedPrincipalSets: ["//cloudresourcemanager.googleapis.com/organizations/123456789012"] }) },
    ]);
    expect(rules(policies["iam.allowedPolicyMemberDomains"])).toEqual([{ allow_all: "TRUE" }]);
    expect(rules(policies["essentialcontacts.allowedContactDomains"])).toEqual([{ values: { allowed_values: ["@example.fr"] } }]);
    expect(rules(policies["gcp.restrictTLSVersion"])).toEqual([{ values: { denied_values: ["TLS_VERSION_1", "TLS_VERSION_1_1"] } }]);
    expect(rules(policies["storage.restrictAuthTypes"])).toEqual([{ values: { denied_values: ["in:ALL_HMAC_SIGNED_REQUESTS"] } }]);
  });
});

describe("guardrail variants", () => {
  it("differs on s3ns: no member-domain restriction, the universe's location group and levels", () => {
    const policies = policiesOf(synthAll(configWith(S3NS)).foundation);
    expect(policies["iam.allowedPolicyMemberDomains"]).toBeUndefined();
    expect(policies["iam.managed.allowedPolicyMembers"]).toBeUndefined();
    expect(rules(policies["gcp.resourceLocations"])).toEqual([{ values: { allowed_values: ["in:u-france-east1-locations"] } }]);
    expect(rules(policies["gcp.restrictCmekCryptoKeyProjects"])).toEqual([{ values: { allowed_values: ["under:projects/s3ns:op-key-custody"] } }]);
    expect(rules(policies["cloudkms.allowedProtectionLevels"])).toEqual([{ values: { allowed_values: ["SOFTWARE", "EXTERNAL_VPC"] } }]);
  });

  it("puts the same rules under dry_run_spec in dry-run mode where the constraint supports dry run, and enforces the others", () => {
    const enforced = policiesOf(synthAll(configWith()).foundation);
    const dry = policiesOf(synthAll(configWith((c) => (c.guardrails = { dryRun: true }))).foundation);
    expect(Object.keys(dry).sort()).toEqual(Object.keys(enforced).sort());
    const dryRun = Object.entries(dry).filter(([, p]) => p.dry_run_spec !== undefined);
    expect(dryRun.map(([c]) => c)).toEqual(["iam.managed.allowedPolicyMembers"]);
    for (const [constraint, p] of Object.entries(dry)) {
      const [written, absent] = constraint.includes(".managed.") ? [p.dry_run_spec, p.spec] : [p.spec, p.dry_run_spec];
      expect(absent).toBeUndefined();
      expect(written).toEqual(enforced[constraint].spec);
    }
  });

  it("in dry-run mode, each simulated policy enforces nothing: SOV-GRD-002 finds it, and a waiver naming dry-run mode covers it in the report", () => {
    const { app } = buildApp(
      configWith((c) => (c.guardrails = { dryRun: true })),
      mkdtempSync(join(tmpdir(), "lz-dry-")),
    );
    app.synth();
    const foundation = SovereigntyGate.reportOf(app)!.stacks.find((s) => s.stack === "foundation")!;
    expect(foundation.findings).toEqual([]);
    expect(foundation.waived.map((w) => [w.ruleId, w.message.split(":")[0], w.waiver.reason.split(":")[0]])).toEqual([
      ["SOV-GRD-002", "iam.managed.allowedPolicyMembers on the root", "dry-run mode (dryRun"],
    ]);
    // enforced mode: no such waiver
    const enforced = buildApp(configWith(), mkdtempSync(join(tmpdir(), "lz-enf-"))).app;
    enforced.synth();
    expect(
      SovereigntyGate.reportOf(enforced)!
        .stacks.flatMap((s) => s.waivers)
        .filter((w) => w.ruleId === "SOV-GRD-002"),
    ).toEqual([]);
  });

  it("adopts bootstrapped organization policies on s3ns with import blocks", () => {
    const json = synthAll(
      configWith((c) => {
        S3NS(c);
        c.guardrails = { importExisting: ["gcp.resourceLocations", "iam.disableServiceAccountKeyCreation"] };
      }),
    ).foundation;
    const orgPolicies = resourcesOfType(json, "google_org_policy_policy").filter((p) => p.parent === "organizations/123456789012");
    expect(orgPolicies.map((p) => p.name).sort()).toEqual([
      "organizations/123456789012/policies/gcp.resourceLocations",
      "organizations/123456789012/policies/iam.disableServiceAccountKeyCreation",
    ]);
    const imports = (json.import ?? []).map((i: any) => i.id).sort();
    expect(imports).toEqual(orgPolicies.map((p) => p.name).sort());
  });

  it("refuses to import bootstrapped policies on paris", () => {
    expect(problemsOf((c) => (c.guardrails = { importExisting: ["gcp.resourceLocations"] }))).toEqual([
      "guardrails.importExisting: profile paris bootstraps no organization policies (allowed: leave it empty)",
    ]);
  });

  it("drops a group switched off with a reason, and lists the reason", () => {
    const reason = "pilot tenant migrating from a legacy VPC until 2027-03";
    const config = configWith((c) => (c.guardrails = { waivers: [{ group: "baseline", reason, expires: "2027-03-31" }] }));
    const { foundation } = buildApp(config, tmpdir());
    const policies = policiesOf(synthStack(foundation));
    expect(policies["compute.requireOsLogin"]).toBeUndefined();
    expect(policies["gcp.resourceLocations"]).toBeDefined();
    expect(foundation.guardrails.waivers).toEqual([{ ruleId: "guardrail:baseline", reason, path: "foundation/guardrails", expires: "2027-03-31" }]);
  });

  it("refuses to switch a group off without a reason", () => {
    expect(problemsOf((c) => (c.guardrails = { waivers: [{ group: "location", reason: "" }] }))).toEqual([
      'guardrails.waivers[0].reason: "" is too short: a reason of at least 10 characters is required to waive a rule',
    ]);
    // Characters that show nothing in the report do not count (zero-width spaces, Hangul fillers).
    expect(problemsOf((c) => (c.guardrails = { waivers: [{ group: "location", reason: "\u200b".repeat(6) + "\u3164".repeat(6) + "ok" }] }))).toEqual([
      expect.stringMatching(/^guardrails\.waivers\[0\]\.reason: .* is too short: a reason of at least 10 characters/),
    ]);
    expect(problemsOf((c) => (c.guardrails = { disabled: [{ group: "location", reason: "pilot organization" }] }))).toEqual([
      expect.stringMatching(/^guardrails\.disabled: .*was renamed \(allowed: guardrails\.waivers: \[\{ group, reason, expires \}\]\)/),
    ]);
    expect(problemsOf((c) => (c.guardrails = { waivers: [{ group: "location", reason: "pilot organization", expires: "next year" }] }))).toEqual([
      expect.stringMatching(/^guardrails\.waivers\[0\]\.expires: .*must be a date as YYYY-MM-DD/),
    ]);
    const stack = new SovereignStack(new App(), "s", { profile: PROFILES.paris });
    expect(
      () =>
        new SovereignGuardrails(stack, "g", {
          profile: PROFILES.paris,
          parent: "folders/1",
          operatorProjectId: "op-keys",
          domain: "example.fr",
          waivers: [{ group: "keys", reason: "because" }],
        }),
    ).toThrow(/s\/g: waiver guardrail:keys: reason: "because" is too short/);
  });

  it("no longer needs the Cloud Identity customer id (the organization id names the principal set), and still accepts it", () => {
    expect(problemsOf((c) => delete c.organization.customerId)).toEqual([]);
    expect(problemsOf((c) => (c.organization.customerId = "C01abc2de"))).toEqual([]);
    expect(problemsOf((c) => (toS3ns(c), (c.organization.customerId = "C01abc2de")))).toEqual([]);
    expect(problemsOf((c) => (c.organization.customerId = "01abc"))).toEqual([
      'organization.customerId: "01abc" must be a Cloud Identity customer id such as C01abc2de',
    ]);
  });
});

describe("tenant guardrail overrides", () => {
  it("tighten the tenant folder: narrower locations, extra enforced constraints, extra CMEK services", () => {
    const json = synthAll(
      configWith((c) => {
        c.tenants[0].guardrails = {
          resourceLocations: ["europe-west9-a", "europe-west9-b"],
          enforce: ["compute.requireShieldedVm"],
          requireCmekFor: ["dataflow.googleapis.com"],
        };
      }),
    )["tenant-ministere-a"];
    const policies = policiesOf(json);
    const folder = "${google_folder.tenant_folder_25616A3A.name}";
    expect(policies["gcp.resourceLocations"]).toMatchObject({
      parent: folder,
      name: `${folder}/policies/gcp.resourceLocations`,
      spec: { rules: [{ values: { allowed_values: ["europe-west9-a", "europe-west9-b"] } }] },
    });
    expect(rules(policies["compute.requireShieldedVm"])).toEqual([{ enforce: "TRUE" }]);
    expect(rules(policies["gcp.restrictNonCmekServices"])[0].values.denied_values).toEqual(
      expect.arrayContaining(["storage.googleapis.com", "dataflow.googleapis.com"]),
    );
  });

  it("rejects a wider location list", () => {
    expect(problemsOf((c) => (c.tenants[1].guardrails = { resourceLocations: ["europe-west9", "europe-west1"] }))).toEqual([
      expect.stringMatching(
        /^tenants\[1\]\.guardrails\.resourceLocations\[1\]: "europe-west1" is outside the sovereign boundary \(allowed: in:europe-west9-locations, europe-west9, /,
      ),
    ]);
  });

  it("rejects services allowed without CMEK", () => {
    expect(problemsOf((c) => (c.tenants[1].guardrails = { allowNonCmekServices: ["bigquery.googleapis.com"] }))).toEqual([
      expect.stringMatching(
        /^tenants\[1\]\.guardrails\.allowNonCmekServices: allowing bigquery\.googleapis\.com without a customer-managed key loosens the guardrail/,
      ),
    ]);
  });

  it("rejects keys from outside the operator project", () => {
    expect(problemsOf((c) => (c.tenants[0].guardrails = { cmekKeyProjects: ["tenant-own-keys"] }))).toEqual([
      expect.stringMatching(/^tenants\[0\]\.guardrails\.cmekKeyProjects\[0\]: "tenant-own-keys" is not the operator's key project/),
    ]);
  });

  it("accepts a loosening that comes with a waiver with a reason, and lists it", () => {
    const reason = "legacy analytics until the EKM migration of 2027";
    const config = configWith((c) => {
      c.tenants[0].guardrails = {
        allowNonCmekServices: ["bigquery.googleapis.com"],
        waivers: [{ constraint: "gcp.restrictNonCmekServices", reason }],
      };
    });
    const { tenants } = buildApp(config, tmpdir());
    const denied = rules(policiesOf(synthStack(tenants[0]))["gcp.restrictNonCmekServices"])[0].values.denied_values;
    expect(denied).not.toContain("bigquery.googleapis.com");
    expect(denied).toContain("storage.googleapis.com");
    expect(tenants[0].guardrails.waivers).toEqual([
      { ruleId: "guardrail:gcp.restrictNonCmekServices", reason, path: "tenant-ministere-a/guardrails" },
    ]);
  });

  it("refuses a waiver without a reason, and names the new field for the old one", () => {
    expect(
      problemsOf(
        (c) =>
          (c.tenants[0].guardrails = {
            cmekKeyProjects: ["other-keys"],
            waivers: [{ constraint: "gcp.restrictCmekCryptoKeyProjects", reason: "x" }],
          }),
      ),
    ).toEqual(['tenants[0].guardrails.waivers[0].reason: "x" is too short: a reason of at least 10 characters is required to waive a rule']);
    expect(
      problemsOf(
        (c) => (c.tenants[0].guardrails = { exceptions: [{ constraint: "gcp.restrictCmekCryptoKeyProjects", reason: "migration window" }] }),
      ),
    ).toEqual([expect.stringMatching(/^tenants\[0\]\.guardrails\.exceptions: .*was renamed \(allowed: tenants\[\]\.guardrails\.waivers/)]);
  });

  it("refuses a loosening in TypeScript too", () => {
    const stack = new SovereignStack(new App(), "s", { profile: PROFILES.paris });
    expect(
      () =>
        new TenantGuardrails(stack, "g", { profile: PROFILES.paris, parent: "folders/1", operatorProjectId: "op-keys", resourceLocations: ["EU"] }),
    ).toThrow(/^s\/g: resourceLocations\.0: "EU" is outside the sovereign boundary/);
  });
});
