/**
 * Interpolation safety: every string field of the config, filled in a config
 * that uses every optional field, is fuzzed with `${...}` and `%{...}` at a
 * random place; each must be rejected at its own path, so no user string can
 * reach Terraform JSON as an expression.
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { parse } from "yaml";
import { ConfigError } from "../../lib/config/errors";
import { formatPath } from "../../lib/field-path";
import { validateConfig } from "../../lib/config/load";
import { landingZoneSchema } from "../../lib/config/schema";
import { certificateToRawDer } from "../../lib/key-custody/certificate";
import { DEFAULT_CONFIG_PATH } from "../../stacks/default-config";
import { fcOptions, get, pathsOf } from "./arbitraries";
import { patternOf, stringFieldsOf } from "./schema-strings";

/** The default config with every optional string field set to a valid value. */
function everyFieldConfig(): any {
  // Read directly, not through test/helpers: this file stays fast without loading cdktf.
  const raw = parse(readFileSync(DEFAULT_CONFIG_PATH, "utf8"));
  raw.landingZone.parentFolderId = "987654321";
  raw.organization.customerId = "C01abc2de"; // deprecated and ignored, still accepted: still fuzzed
  const exempted = ["group:auditors@example.fr"];
  raw.landingZone.dataAccessLogs = { exemptedMembers: { ADMIN_READ: exempted, DATA_READ: exempted, DATA_WRITE: exempted } };
  raw.state = {
    backend: "gcs",
    bucket: "op-tfstate",
    prefix: "lz",
    kmsKey: "projects/op-key-custody/locations/europe-west9/keyRings/platform/cryptoKeys/storage",
  };
  raw.operator.parentFolderId = "987654321";
  raw.operator.externalKeyUriTemplate = "https://ekm.example.fr/v0/keys/{tenant}-{service}";
  raw.operator.ekm.cryptoSpacePath = "v0/cryptospaces/space-1";
  raw.guardrails = {
    dryRun: false,
    waivers: [{ group: "baseline", reason: "migration window agreed with the RSSI", expires: "2099-12-31" }],
    importExisting: [],
  };
  raw.pipeline = {
    workloadIdentityProvider: "projects/123456789012/locations/global/workloadIdentityPools/sovereign-lz/providers/ci-oidc",
    operatorServiceAccount: "ci-operator@op-key-custody.iam.gserviceaccount.com",
    operatorPlanServiceAccount: "ci-operator-plan@op-key-custody.iam.gserviceaccount.com",
    platformServiceAccount: "ci-platform@slz-ci.iam.gserviceaccount.com",
    platformPlanServiceAccount: "ci-platform-plan@slz-ci.iam.gserviceaccount.com",
    maxParallel: 10,
    branch: "main",
  };
  raw.adopt = {
    operatorProject: true,
    ekmConnection: true,
    keyRings: ["platform"],
    keys: ["platform/storage"],
    keyVersions: ["platform/storage/1"],
    policies: ["gcp.resourceLocations"],
  };
  raw.tenants[1].workloads.environment = "prod";
  raw.tenants[1].workloads.secrets = [{ id: "api-token" }];
  const tenant = raw.tenants[0];
  tenant.groups.viewers = "ministere-a-viewers@example.fr";
  tenant.iam = [{ role: "roles/storage.objectViewer", member: "group:auditors@example.fr" }];
  tenant.labels = { team: "dsi" };
  tenant.deployer = "deployer@slz-ministere-a-prod.iam.gserviceaccount.com";
  tenant.planner = "planner@slz-ministere-a-prod.iam.gserviceaccount.com";
  tenant.guardrails = {
    resourceLocations: ["in:europe-west9-locations"],
    enforce: ["compute.requireShieldedVm"],
    requireCmekFor: ["run.googleapis.com"],
    allowNonCmekServices: ["run.googleapis.com"],
    cmekKeyProjects: ["other-keys"],
    waivers: [
      { constraint: "gcp.restrictNonCmekServices", reason: "Cloud Run jobs without CMEK for the pilot", expires: "2099-12-31" },
      { constraint: "gcp.restrictCmekCryptoKeyProjects", reason: "keys of the pilot held by the other operator" },
    ],
  };
  return raw;
}

const base = everyFieldConfig();
/** Fields valid only on the s3ns profile, fuzzed on their own below. */
const S3NS_ONLY = ["guardrails.importExisting[]"];
/** Certificates never reach Terraform JSON as written: they are re-encoded as base64 DER (tested below). */
const isCertificate = (p: (string | number)[]) => p.includes("serverCertificates");
const stringPaths = pathsOf(base).filter((p) => typeof get(base, p) === "string" && !isCertificate(p));

/** A Terraform expression or directive. */
const interpolation = fc.constantFrom("${var.x}", "%{if true}x%{endif}", "${", "%{", "$${x}", '${file("/etc/passwd")}');

function setAt(raw: any, path: (string | number)[], value: unknown): void {
  get(raw, path.slice(0, -1))[path[path.length - 1]] = value;
}

describe("interpolation safety", () => {
  it("the config that uses every optional field is valid", () => {
    expect(() => validateConfig(structuredClone(base))).not.toThrow();
    expect(stringPaths.length).toBeGreaterThan(40);
  });

  it("fills every string field the schema declares, so that none escapes the fuzzing below", () => {
    const declared = stringFieldsOf(landingZoneSchema);
    const records = declared.filter((f) => f.endsWith(".*")).map((f) => f.slice(0, -2));
    const filled = new Set(
      pathsOf(base)
        .filter((p) => typeof get(base, p) === "string")
        .map((p) => patternOf(p, records)),
    );
    // A new string field fails here: give it a valid value in everyFieldConfig() above.
    expect(declared.filter((f) => !filled.has(f) && !S3NS_ONLY.includes(f))).toEqual([]);
  });

  it("sees a declared string field that the config leaves out", () => {
    const partial = structuredClone(base);
    delete partial.operator.ekm.cryptoSpacePath;
    const filled = new Set(
      pathsOf(partial)
        .filter((p) => typeof get(partial, p) === "string")
        .map((p) => patternOf(p, [])),
    );
    expect(stringFieldsOf(landingZoneSchema).filter((f) => !filled.has(f))).toContain("operator.ekm.cryptoSpacePath");
  });

  it.each(stringPaths.map((p) => [formatPath(p), p] as const))("%s rejects ${ and %%{", (at, path) => {
    const valid: string = get(base, path);
    const rejectedAt = (position: number, expr: string) => {
      const raw = structuredClone(base);
      setAt(raw, path, valid.slice(0, position) + expr + valid.slice(position));
      try {
        validateConfig(raw);
      } catch (e) {
        if (!(e instanceof ConfigError)) throw e;
        return e.problems.some((p) => p.startsWith(`${at}: `));
      }
      return false;
    };
    // At the start, the middle and the end of the valid value, then anywhere.
    for (const position of [0, valid.length >> 1, valid.length]) {
      for (const expr of ["${", "%{"]) expect([expr, position, rejectedAt(position, expr)]).toEqual([expr, position, true]);
    }
    fc.assert(
      fc.property(interpolation, fc.nat({ max: valid.length }), (expr, position) => rejectedAt(position, expr)),
      fcOptions(4),
    );
  });

  it("certificates reach Terraform only as base64 DER, whatever text surrounds them", () => {
    const pem: string = base.operator.ekm.serviceResolvers[0].serverCertificates[0];
    expect(certificateToRawDer(pem)).toMatch(/^[A-Za-z0-9+/]+=*$/);
    for (const text of [`\${var.x}${pem}`, `${pem}%{if x}`, "${var.x}"]) {
      const der = certificateToRawDer(text);
      if (der !== undefined) expect(der).toMatch(/^[A-Za-z0-9+/]+=*$/);
    }
    expect(certificateToRawDer("${var.x}")).toBeUndefined();
  });

  it.each(["gcp.${x}", "gcp.resourceLocations%{", "${var.x}"])("guardrails.importExisting[] (s3ns only) rejects %s", (value) => {
    const raw = structuredClone(base);
    raw.guardrails.importExisting = [value];
    expect(() => validateConfig(raw)).toThrow(/\n\s+guardrails\.importExisting\[0\]: /);
  });

  it("label keys reject ${ too", () => {
    const raw = structuredClone(base);
    raw.landingZone.labels["${var.x}"] = "v";
    expect(() => validateConfig(raw)).toThrow(/landingZone\.labels\["\$\{var\.x\}"\]: /);
  });
});
