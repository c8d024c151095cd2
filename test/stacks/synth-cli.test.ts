import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../../lib/cli/synth";
import { synthLandingZone } from "../../stacks/run";

/** Run the synth command as `npm run synth` does, capturing stderr and the exit code. */
function run(env: NodeJS.ProcessEnv): { stderr: string; exitCode: number } {
  const errors: string[] = [];
  const spy = jest.spyOn(console, "error").mockImplementation((...args) => void errors.push(args.join(" ")));
  const previous = process.exitCode;
  process.exitCode = 0;
  try {
    runCli(() => synthLandingZone(env, () => {}));
    return { stderr: errors.join("\n"), exitCode: process.exitCode ?? 0 };
  } finally {
    process.exitCode = previous;
    spy.mockRestore();
  }
}

describe("synth command", () => {
  const dir = mkdtempSync(join(tmpdir(), "lz-synth-"));

  it("synthesizes the embedded default config into the output directory", () => {
    const outdir = join(dir, "good.out");
    const { exitCode, stderr } = run({ CDKTF_OUTDIR: outdir });
    expect(stderr).toBe("");
    expect(exitCode).toBe(0);
    expect(readdirSync(join(outdir, "stacks")).sort()).toEqual(["foundation", "key-custody", "tenant-agence-b", "tenant-ministere-a"]);
    expect(readdirSync(dir).filter((f) => f.includes("staging"))).toEqual([]);
    expect(readdirSync(outdir).sort()).toEqual([
      "manifest.json",
      "sovereignty-bom.json",
      "sovereignty-bom.md",
      "sovereignty-report.json",
      "sovereignty-report.md",
      "stacks",
    ]);
  });

  it("declares stack dependencies in the manifest so `cdktf deploy '*'` runs in order", () => {
    const manifest = JSON.parse(readFileSync(join(dir, "good.out", "manifest.json"), "utf8"));
    const deps = (stack: string) => [...manifest.stacks[stack].dependencies].sort();
    expect(deps("key-custody")).toEqual([]);
    expect(deps("foundation")).toEqual(["key-custody"]);
    expect(deps("tenant-agence-b")).toEqual(["foundation", "key-custody"]);
  });

  it("prints every mistake of a bad config with its path, exits 1, and writes nothing", () => {
    const bad = join(dir, "bad.yaml");
    writeFileSync(
      bad,
      [
        "profile: paris",
        "region: europe-west1",
        "organization: { id: '123456789012', billingAccount: 01AB23-45CD67-89EF01, domain: example.fr }",
        "operator: { projectId: op-keys, adminGroup: not-an-email }",
        "tenants:",
        "  - { id: a-b, services: [storage, mail] }",
        "  - { id: a-b, colour: blue }",
      ].join("\n"),
    );
    const outdir = join(dir, "bad.out");
    const { exitCode, stderr } = run({ LANDING_ZONE_CONFIG: bad, CDKTF_OUTDIR: outdir });
    expect(exitCode).toBe(1);
    for (const path of ["region", "operator.adminGroup", "tenants[0].services[1]", "tenants[1].colour", "tenants[1].id"]) {
      expect(stderr).toMatch(new RegExp(`^  ${path.replace(/[[\].]/g, "\\$&")}: `, "m"));
    }
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(outdir)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.includes("staging"))).toEqual([]);
  });

  it("reports an unreadable config file as unreadable input: exit 2", () => {
    const { exitCode, stderr } = run({ LANDING_ZONE_CONFIG: join(dir, "missing.yaml"), CDKTF_OUTDIR: join(dir, "x") });
    expect(exitCode).toBe(2);
    expect(stderr.trim()).toMatch(/^\S+missing\.yaml: no such file \(allowed: a YAML or JSON config; .*\)$/);
  });
});
