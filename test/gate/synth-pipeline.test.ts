/**
 * The library's own synth pipeline (issue 17, items 3 and 4): it says what it
 * did, refuses to deploy the placeholder organization, and works the first
 * time under the cdktf CLI after a stack disappeared.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { underCdktfCli } from "../../lib/cli/synth";
import { PLACEHOLDER_ORGANIZATION_ID } from "../../stacks/default-config";
import { PLACEHOLDER_DEPLOY_MESSAGE } from "../../stacks/deploy-refusal";
import { synthLandingZone } from "../../stacks/run";
import { defaultConfigInput } from "../helpers";
import { compiledApp } from "../support/compiled-app";

const ROOT = join(__dirname, "..", "..");

/** Synthesize the config `raw` (written to a file) into `outdir`; returns what synth printed. */
function synth(raw: unknown, outdir: string): string[] {
  const file = join(mkdtempSync(join(tmpdir(), "lz-cfg-")), "config.yaml");
  writeFileSync(file, stringify(raw));
  const lines: string[] = [];
  synthLandingZone({ LANDING_ZONE_CONFIG: file, CDKTF_OUTDIR: outdir }, (line) => lines.push(line));
  return lines;
}

const realOrganization = (raw: any) => ((raw.organization.id = "987654321098"), raw);
const outputsOf = (outdir: string, stack: string) => JSON.parse(readFileSync(join(outdir, "stacks", stack, "cdk.tf.json"), "utf8")).output ?? {};

let realSynth: { outdir: string; lines: string[] } | undefined;
/** The default config with a real organization, synthesized by the first test that asks (the others read it). */
function synthOfReal(): { outdir: string; lines: string[] } {
  if (!realSynth) {
    const outdir = join(mkdtempSync(join(tmpdir(), "lz-real-")), "cdktf.out");
    realSynth = { outdir, lines: synth(realOrganization(defaultConfigInput()), outdir) };
  }
  return realSynth;
}

describe("synth says what it did", () => {
  it("prints one line per stack (resources, findings, waivers) and where the report is", () => {
    const { outdir, lines } = synthOfReal();
    expect(lines).toEqual([
      expect.stringMatching(/^key-custody: \d+ resources, 0 findings, 0 waivers$/),
      expect.stringMatching(/^foundation: \d+ resources, 0 findings, 0 waivers$/),
      expect.stringMatching(/^tenant-ministere-a: \d+ resources, 0 findings, 0 waivers$/),
      expect.stringMatching(/^tenant-agence-b: \d+ resources, 0 findings, 0 waivers$/),
      `sovereignty report: ${join(outdir, "sovereignty-report.md")}`,
    ]);
    expect(existsSync(join(outdir, "sovereignty-report.md"))).toBe(true);
  });

  it("prints a warning line first for a deprecated field, and synthesizes", () => {
    const outdir = join(mkdtempSync(join(tmpdir(), "lz-dep-")), "cdktf.out");
    const raw = realOrganization(defaultConfigInput());
    raw.organization.customerId = "C01abc2de";
    const lines = synth(raw, outdir);
    expect(lines[0]).toMatch(/^warning: organization\.customerId: is ignored: /);
    expect(lines.slice(1, 5)).toEqual(lines.slice(1, 5).map(() => expect.stringMatching(/: \d+ resources, 0 findings, 0 waivers$/)));
  });
});

describe("the placeholder organization", () => {
  it("synthesizes (offline) but every stack refuses to plan, with a message saying how to point to a real config", () => {
    const outdir = join(mkdtempSync(join(tmpdir(), "lz-ph-")), "cdktf.out");
    const lines = synth(defaultConfigInput(), outdir);
    expect(lines.at(-1)).toBe(`note: ${PLACEHOLDER_DEPLOY_MESSAGE}`);
    expect(PLACEHOLDER_DEPLOY_MESSAGE).toMatch(/LANDING_ZONE_CONFIG/);
    for (const stack of readdirSync(join(outdir, "stacks"))) {
      expect(outputsOf(outdir, stack).deploy_refused.precondition).toEqual([
        { condition: `\${(local.organization_id != "${PLACEHOLDER_ORGANIZATION_ID}")}`, error_message: PLACEHOLDER_DEPLOY_MESSAGE },
      ]);
    }
  });

  it("is the embedded default config's organization", () => {
    expect(defaultConfigInput().organization.id).toBe(PLACEHOLDER_ORGANIZATION_ID);
  });

  it("does not touch a real organization's stacks", () => {
    const { outdir, lines } = synthOfReal();
    expect(lines.join("\n")).not.toMatch(/placeholder/);
    for (const stack of readdirSync(join(outdir, "stacks"))) expect(outputsOf(outdir, stack).deploy_refused).toBeUndefined();
  });
});

describe("under the cdktf CLI", () => {
  it("recognizes the CLI from the context it passes to the app", () => {
    expect(underCdktfCli({ CDKTF_CONTEXT_JSON: JSON.stringify({ cdktfRelativeModules: [] }) })).toBe(true);
    expect(underCdktfCli({})).toBe(false);
    expect(underCdktfCli({ CDKTF_CONTEXT_JSON: "{not json" })).toBe(false);
  });

  it("npx cdktf synth works the first time after a tenant is removed from the config", () => {
    const build = compiledApp();
    const dir = mkdtempSync(join(tmpdir(), "lz-cdktf-"));
    const outdir = join(dir, "cdktf.out");
    // What a synthesis of both tenants left there.
    cpSync(synthOfReal().outdir, outdir, { recursive: true });
    expect(readdirSync(join(outdir, "stacks"))).toContain("tenant-agence-b");
    const raw = realOrganization(defaultConfigInput());

    raw.tenants = raw.tenants.filter((t: any) => t.id !== "agence-b");
    const config = join(dir, "one-tenant.yaml");
    writeFileSync(config, stringify(raw));
    writeFileSync(
      join(dir, "cdktf.json"),
      JSON.stringify({ language: "typescript", app: `node ${join(build, "stacks", "main.js")}`, output: "cdktf.out" }),
    );
    const result = spawnSync(join(ROOT, "node_modules", ".bin", "cdktf"), ["synth"], {
      cwd: dir,
      env: { ...process.env, CHECKPOINT_DISABLE: "1", LANDING_ZONE_CONFIG: config, CI: "1" },
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(`${result.stdout}${result.stderr}`).not.toMatch(/ENOENT/);
    expect(result.status).toBe(0);
    expect(readdirSync(join(outdir, "stacks")).sort()).toEqual(["foundation", "key-custody", "tenant-ministere-a"]);
  }, 150_000);
});
