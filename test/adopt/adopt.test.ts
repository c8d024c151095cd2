import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { adoptionPlan } from "../../lib/adopt/imports";
import { documentFromConfig } from "../../lib/checks/terraform-json";
import { loadDocuments } from "../../lib/cli/check";
import { pipelinePlanOf, renderPipeline } from "../../lib/cli/pipeline";
import { validateConfig } from "../../lib/config/load";
import { configWith, defaultConfigInput, problemsOf, runCli, synthApp } from "../helpers";

const ADOPT = {
  operatorProject: true,
  ekmConnection: true,
  keyRings: ["platform", "tenant-ministere-a"],
  keys: ["tenant-ministere-a/storage"],
};
const RING = "projects/op-key-custody/locations/europe-west9/keyRings";

/** The default landing zone synthesized, and its config with an adopt section written beside it. */
function synthesized(adopt: object = ADOPT) {
  const dir = mkdtempSync(join(tmpdir(), "lz-adopt-"));
  const outdir = join(dir, "cdktf.out");
  synthApp(configWith(), outdir);
  const config = join(dir, "landing-zone.yaml");
  writeFileSync(config, stringify({ ...defaultConfigInput(), adopt }));
  const stackJson = (stack: string) => JSON.parse(readFileSync(join(outdir, "stacks", stack, "cdk.tf.json"), "utf8"));
  return { outdir, config, stackJson };
}

describe("sovereign-lz adopt", () => {
  it("adds an import block for the operator project, the EKM connection, each adopted key ring and key", () => {
    const { outdir, config, stackJson } = synthesized();
    const { code, out } = runCli("adopt", "--config", config, "--output", outdir);
    expect(code).toBe(0);
    expect(out).toMatch(/^key-custody: 5 import blocks$/m);
    expect(out).toContain(
      "note: the stacks declare a key version for tenant-ministere-a/storage: if the adopted key already has one, add adopt.keyVersions",
    );
    const json = stackJson("key-custody");
    expect(json.import.map((b: any) => b.id).sort()).toEqual(
      [
        "projects/op-key-custody",
        "projects/op-key-custody/locations/europe-west9/ekmConnections/ekm",
        `${RING}/platform`,
        `${RING}/tenant-ministere-a`,
        `${RING}/tenant-ministere-a/cryptoKeys/storage`,
      ].sort(),
    );
    // Every block imports into a resource the stack declares.
    for (const block of json.import) {
      const [type, name] = block.to.split(".");
      expect(json.resource[type][name]).toBeDefined();
    }
    expect(stackJson("foundation").import).toBeUndefined();
  });

  it("imports an existing key version into the version the stacks declare for an EKM key", () => {
    const { outdir, config, stackJson } = synthesized({ ...ADOPT, keyVersions: ["tenant-ministere-a/storage/3"] });
    const { code, out } = runCli("adopt", "--config", config, "--output", outdir);
    expect(code).toBe(0);
    expect(out).toMatch(/^key-custody: 6 import blocks$/m);
    expect(out).not.toContain("adopt.keyVersions");
    const json = stackJson("key-custody");
    const block = json.import.find((b: any) => b.id.endsWith("/cryptoKeyVersions/3"));
    expect(block.id).toBe(`${RING}/tenant-ministere-a/cryptoKeys/storage/cryptoKeyVersions/3`);
    const [type, name] = block.to.split(".");
    expect(type).toBe("google_kms_crypto_key_version");
    expect(json.resource[type][name].crypto_key).toMatch(/google_kms_crypto_key\.custody_ministere-a_storage/);
  });

  it("refuses key versions the stacks do not declare, and two versions of one key", () => {
    const { outdir, config, stackJson } = synthesized({ keyVersions: ["tenant-ministere-a/nope/1", "platform/storage/1", "platform/storage/2"] });
    const { code, err } = runCli("adopt", "--config", config, "--output", outdir);
    expect(code).toBe(1);
    expect(err).toMatch(
      /adopt\.keyVersions\[0\]: "tenant-ministere-a\/nope\/1" is not <key>\/<n> of a key whose version the stacks declare \(allowed: .*tenant-ministere-a\/storage\/<n>/,
    );
    expect(err).toContain(
      'adopt.keyVersions[2]: "platform/storage/2": the stacks declare one version of platform/storage, already adopted as platform/storage/1',
    );
    expect(stackJson("key-custody").import).toBeUndefined();
  });

  it("is idempotent, and the checker still reads the stacks", () => {
    const { outdir, config, stackJson } = synthesized();
    runCli("adopt", "--config", config, "--output", outdir);
    expect(runCli("adopt", "--config", config, "--output", outdir).out).toMatch(/^key-custody: 5 import blocks \(5 already there\)$/m);
    expect(stackJson("key-custody").import).toHaveLength(5);
    expect(runCli("check", outdir, "--operator-project", "op-key-custody").code).toBe(0);
  });

  it("writes each stack's imports into the file it read, whatever name the file gives its stack (never a path out of the output)", () => {
    const { outdir, config, stackJson } = synthesized();
    const file = join(outdir, "stacks", "key-custody", "cdk.tf.json");
    const json = stackJson("key-custody");
    json["//"].metadata.stackName = "../../victim";
    writeFileSync(file, JSON.stringify(json));
    mkdirSync(join(outdir, "..", "victim"));
    writeFileSync(join(outdir, "..", "victim", "cdk.tf.json"), "{}");
    expect(runCli("adopt", "--config", config, "--output", outdir)).toMatchObject({
      code: 0,
      out: expect.stringMatching(/^\.\.\/\.\.\/victim: 5 import blocks$/m),
    });
    expect(stackJson("key-custody").import).toHaveLength(5);
    expect(readFileSync(join(outdir, "..", "victim", "cdk.tf.json"), "utf8")).toBe("{}");
  });

  it("refuses selections that match nothing, naming what exists (exit 1, nothing written)", () => {
    const { outdir, config, stackJson } = synthesized({
      keyRings: ["tenant-nobody"],
      keys: ["tenant-ministere-a/compute"],
      policies: ["gcp.resourceLocations"],
    });
    const { code, err } = runCli("adopt", "--config", config, "--output", outdir);
    expect(code).toBe(1);
    expect(err).toContain(
      'adopt.keyRings[0]: "tenant-nobody" is not a key ring of the stacks (allowed: platform, tenant-agence-b, tenant-ministere-a)',
    );
    expect(err).toMatch(/adopt\.keys\[0\]: "tenant-ministere-a\/compute" is not a key of the stacks \(allowed: .*tenant-ministere-a\/storage/);
    expect(err).toMatch(/adopt\.policies\[0\]: no gcp\.resourceLocations policy with a known parent/);
    expect(stackJson("key-custody").import).toBeUndefined();
  });

  it("needs an adopt section", () => {
    const { outdir } = synthesized();
    const bare = join(outdir, "..", "bare.yaml");
    writeFileSync(bare, stringify(defaultConfigInput()));
    expect(runCli("adopt", "--config", bare, "--output", outdir)).toMatchObject({ code: 1, err: expect.stringMatching(/adopt: missing/) });
  });
});

describe("adoption plan", () => {
  it("imports an organization policy where the stacks set it at a known parent, once", () => {
    const doc = documentFromConfig(
      {
        resource: {
          google_org_policy_policy: {
            locations: { name: "organizations/123/policies/gcp.resourceLocations", parent: "organizations/123" },
            folder: { name: "${google_folder.root.name}/policies/compute.requireOsLogin" },
          },
        },
      },
      "foundation",
    );
    const plan = adoptionPlan(
      [doc],
      { operatorProject: false, ekmConnection: false, keyRings: [], keys: [], policies: ["gcp.resourceLocations"] },
      "op",
    );
    expect(plan).toEqual({
      imports: { foundation: [{ to: "google_org_policy_policy.locations", id: "organizations/123/policies/gcp.resourceLocations" }] },
      problems: [],
      notes: [],
    });
  });

  it("reads the synthesized stacks of the default config with nothing selected: no import", () => {
    const outdir = mkdtempSync(join(tmpdir(), "lz-adopt-none-"));
    synthApp(configWith(), outdir);
    expect(
      adoptionPlan(loadDocuments(outdir), { operatorProject: false, ekmConnection: false, keyRings: [], keys: [], policies: [] }, "op-key-custody"),
    ).toEqual({
      imports: {},
      problems: [],
      notes: [],
    });
  });
});

describe("adopt in the config and the pipeline", () => {
  it("validates the adopt section", () => {
    expect(problemsOf((c) => (c.adopt = { keys: ["storage"], keyRings: ["bad ring"], keyVersions: ["platform/storage/0"] }))).toEqual([
      'adopt.keyRings[0]: "bad ring" must be a key ring name such as tenant-ministere-a',
      'adopt.keys[0]: "storage" must be <key ring>/<key> such as tenant-ministere-a/storage',
      'adopt.keyVersions[0]: "platform/storage/0" must be <key ring>/<key>/<version number> such as tenant-ministere-a/storage/1',
    ]);
  });

  it("runs sovereign-lz adopt after synth in the pipeline when the config adopts", () => {
    const raw = defaultConfigInput();
    raw.state = { backend: "gcs", bucket: "slz-tfstate" };
    raw.pipeline = {
      workloadIdentityProvider: "projects/1234567/locations/global/workloadIdentityPools/pool/providers/ci-oidc",
      operatorServiceAccount: "ci-operator@op-key-custody.iam.gserviceaccount.com",
      platformServiceAccount: "ci-platform@slz-ci.iam.gserviceaccount.com",
    };
    raw.tenants[0].deployer = "deployer@slz-ministere-a-prod.iam.gserviceaccount.com";
    raw.adopt = ADOPT;
    const plan = pipelinePlanOf(validateConfig(raw), "lz.yaml");
    const steps = parse(renderPipeline("github", plan)).jobs.synth.steps.map((s: any) => s.run ?? s.uses);
    expect(steps.indexOf("npx sovereign-lz adopt --config lz.yaml")).toBe(steps.indexOf("npx sovereign-lz synth --config lz.yaml") + 1);
    expect(parse(renderPipeline("gitlab", plan)).synth.script).toContain("npx sovereign-lz adopt --config lz.yaml");
  });
});
