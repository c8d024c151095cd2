/**
 * The guard of every synth optimization: the fast path (`npm run synth`,
 * `fastSynthesis`) writes exactly the files plain cdktf synthesis writes
 * (`SOVEREIGN_LZ_DEBUG`: no optimization switch), byte for byte, for the
 * default config on each profile and for a generated 20-tenant config. The
 * tests that synthesize a config's app (`synthApp`, `synthAll` of
 * test/helpers.ts) take the fast path, as `npm run synth` does; construct tests
 * synthesize plainly.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { generateConfig, readBaseConfig } from "../../bench/generate-config";
import { Construct } from "constructs";
import { TerraformOutput, TerraformStack, Testing, fastSynthesis, isFastSynthesis, prepareTokensOf, setOverride, terraformOf } from "../../lib/core";
import { synthLandingZone } from "../../stacks/run";
import { DEFAULT_CONFIG_PATH } from "../../stacks/default-config";
import { Folder } from "../../lib/google";
import { defaultConfigInput, toS3ns } from "../helpers";

/** Every file under `dir`, by relative path, with its content. */
function filesOf(dir: string): Map<string, Buffer> {
  const entries = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  return new Map(entries.map((e) => [relative(dir, join(e.parentPath, e.name)), readFileSync(join(e.parentPath, e.name))]));
}

/** The files of `config`'s synth, plain and fast. */
function synthBoth(dir: string, config?: string): { plain: Map<string, Buffer>; fast: Map<string, Buffer> } {
  mkdirSync(dir, { recursive: true });
  const env = config ? { LANDING_ZONE_CONFIG: config } : {};
  synthLandingZone({ ...env, CDKTF_OUTDIR: join(dir, "plain"), SOVEREIGN_LZ_DEBUG: "1" }, () => {});
  synthLandingZone({ ...env, CDKTF_OUTDIR: join(dir, "fast") }, () => {});
  return { plain: filesOf(join(dir, "plain")), fast: filesOf(join(dir, "fast")) };
}

/** The paths whose content differs (or that only one side has). */
function differences(a: Map<string, Buffer>, b: Map<string, Buffer>): string[] {
  const paths = new Set([...a.keys(), ...b.keys()]);
  return [...paths].filter((p) => !a.has(p) || !b.has(p) || !a.get(p)!.equals(b.get(p)!)).sort();
}

describe("fast synthesis writes what plain cdktf writes", () => {
  const dir = mkdtempSync(join(tmpdir(), "lz-fast-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("the default config: every file byte for byte", () => {
    const { plain, fast } = synthBoth(join(dir, "default"));
    expect(plain.size).toBeGreaterThan(5);
    expect([...plain.keys()].filter((p) => p.endsWith("cdk.tf.json")).length).toBe(4);
    expect(differences(plain, fast)).toEqual([]);
  });

  test("the default config on the s3ns profile: every file byte for byte", () => {
    const raw = defaultConfigInput();
    toS3ns(raw);
    const config = join(dir, "s3ns.json");
    writeFileSync(config, JSON.stringify(raw));
    const { plain, fast } = synthBoth(join(dir, "s3ns"), config);
    expect(JSON.parse(plain.get(join("stacks", "foundation", "cdk.tf.json"))!.toString()).provider.google[0].universe_domain).toBe("s3nsapis.fr");
    expect(differences(plain, fast)).toEqual([]);
  });

  test("a generated config with 20 tenants (cross-stack references in every tenant): every file byte for byte", () => {
    const config = join(dir, "tenants-20.json");
    writeFileSync(config, JSON.stringify(generateConfig(readBaseConfig(DEFAULT_CONFIG_PATH), 20)));
    const { plain, fast } = synthBoth(join(dir, "twenty"), config);
    expect([...plain.keys()].filter((p) => p.endsWith("cdk.tf.json")).length).toBe(22);
    const tenant = JSON.parse(fast.get(join("stacks", "tenant-t0020", "cdk.tf.json"))!.toString());
    expect(Object.keys(tenant.data.terraform_remote_state ?? {}).length).toBeGreaterThan(0);
    expect(differences(plain, fast)).toEqual([]);
  });

  test("the comparison sees a difference: a changed byte is reported", () => {
    const a = new Map([["x", Buffer.from("{}")]]);
    expect(differences(a, new Map([["x", Buffer.from("{ }")]]))).toEqual(["x"]);
    expect(differences(a, new Map())).toEqual(["x"]);
  });
});

describe("prepareTokensOf", () => {
  test("registers a cross-stack reference as cdktf's preparation does", () => {
    const app = Testing.app();
    const origin = new TerraformStack(app, "origin");
    const user = new TerraformStack(app, "user");
    const root = new Folder(origin, "root", { displayName: "root", parent: "organizations/1" });
    new Folder(user, "child", { displayName: "child", parent: root.name });
    const registered = () => ({
      inputs: user.node.children.filter((c) => c.node.id.startsWith("cross-stack-reference-input")).length,
      outputs: origin.node.children.filter((c) => c.node.id.startsWith("cross-stack-output")).length,
    });
    expect(registered()).toEqual({ inputs: 0, outputs: 0 });
    prepareTokensOf(user);
    expect(registered()).toEqual({ inputs: 1, outputs: 1 });
  });

  test("settles depends_on: each entry resolved once, to the name cdktf writes; the document is what cdktf writes", () => {
    const app = Testing.app();
    const origin = new TerraformStack(app, "origin");
    const user = new TerraformStack(app, "user");
    const root = new Folder(origin, "root", { displayName: "root", parent: "organizations/1" });
    const sibling = new Folder(user, "sibling", { displayName: "sibling", parent: "organizations/1" });
    const child = new Folder(user, "child", { displayName: "child", parent: root.name, dependsOn: [sibling] });
    expect(child.dependsOn).toEqual([expect.stringContaining("TfToken[")]);
    const plain = Testing.app();
    const plainOrigin = new TerraformStack(plain, "origin");
    const plainUser = new TerraformStack(plain, "user");
    const plainRoot = new Folder(plainOrigin, "root", { displayName: "root", parent: "organizations/1" });
    const plainSibling = new Folder(plainUser, "sibling", { displayName: "sibling", parent: "organizations/1" });
    new Folder(plainUser, "child", { displayName: "child", parent: plainRoot.name, dependsOn: [plainSibling] });
    prepareTokensOf(user);
    plainUser.prepareStack();
    expect(child.dependsOn).toEqual(["google_folder.sibling"]);
    expect(JSON.stringify(terraformOf(user, {}))).toBe(JSON.stringify(plainUser.toTerraform()));
  });

  test("fastSynthesis switches it on only while it runs, also when the work throws", () => {
    expect(isFastSynthesis()).toBe(false);
    expect(fastSynthesis(() => isFastSynthesis())).toBe(true);
    expect(() =>
      fastSynthesis(() => {
        throw new Error("fails");
      }),
    ).toThrow("fails");
    expect(isFastSynthesis()).toBe(false);
  });
});

describe("terraformOf", () => {
  test("is what cdktf's toTerraform returns: outputs in nested constructs, overrides with tokens and arrays, cross-stack references", () => {
    const app = Testing.app();
    const origin = new TerraformStack(app, "origin");
    const user = new TerraformStack(app, "user");
    const root = new Folder(origin, "root", { displayName: "root", parent: "organizations/1" });
    const child = new Folder(new Construct(user, "nested"), "child", { displayName: "child", parent: root.name, tags: { a: "b" } });
    child.addOverride("lifecycle.ignore_changes", ["tags"]);
    new TerraformOutput(new Construct(user, "outputs"), "name", { value: child.name });
    const overrides: Record<string, unknown> = {};
    for (const [path, value] of [
      ["//.note.folder", child.id],
      ["//.note.list", ["x", undefined, child.displayName]],
      ["terraform.required_version", ">= 1.5"],
    ] as const) {
      user.addOverride(path, value);
      setOverride(overrides, path, value);
    }
    user.prepareStack();
    expect(JSON.stringify(terraformOf(user, overrides))).toBe(JSON.stringify(user.toTerraform()));
    expect(JSON.stringify(terraformOf(user, {}))).not.toBe(JSON.stringify(user.toTerraform()));
  });

  test("setOverride builds the nested path as addOverride does, replacing what is not an object", () => {
    const overrides: Record<string, unknown> = { a: "text", l: [1] };
    setOverride(overrides, "a.b.c", 1);
    setOverride(overrides, "l.x", 2);
    setOverride(overrides, "a.b.d", [3]);
    expect(overrides).toEqual({ a: { b: { c: 1, d: [3] } }, l: { x: 2 } });
  });
});
