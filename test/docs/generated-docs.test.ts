/**
 * The generated docs are current: each is generated again and compared with
 * the committed file. `npm run docs` (UPDATE_DOCS=1) writes them instead.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { cliReference } from "../../tools/docs/cli-reference";
import { configJsonSchema, configReference } from "../../tools/docs/config-reference";
import { ruleCatalogue } from "../../tools/docs/rule-catalogue";

const ROOT = join(__dirname, "..", "..");

const GENERATED: Record<string, () => string> = {
  "docs/configuration.md": configReference,
  "docs/schemas/landing-zone-config.schema.json": () => `${JSON.stringify(configJsonSchema(), null, 2)}\n`,
  "docs/rules.md": ruleCatalogue,
  "docs/cli.md": cliReference,
};

/** Fail with what to do, not with a diff of a generated file; `update` writes it instead. */
export function expectCurrent(file: string, expected: string, { root = ROOT, update = !!process.env.UPDATE_DOCS } = {}): void {
  const path = join(root, file);
  if (update) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, expected);
    return;
  }
  let actual: string | undefined;
  try {
    actual = readFileSync(path, "utf8");
  } catch {
    actual = undefined;
  }
  if (actual !== expected) {
    throw new Error(
      `${file} is ${actual === undefined ? "missing" : "stale"}: its source changed (config schema, rule pack, commands or examples). ` +
        "Run `npm run docs` and commit the regenerated files with your change.",
    );
  }
}

describe("generated docs", () => {
  it.each(Object.keys(GENERATED))("%s is current (npm run docs regenerates it)", (file) => {
    expectCurrent(file, GENERATED[file]());
  });

  it("the config reference names every top-level field and the fields' doc comments", () => {
    const doc = configReference();
    for (const field of [
      "profile",
      "organization.id",
      "tenants[].environments[].subnet",
      "state.bucket",
      "operator.ekm.serviceResolvers[].hostname",
    ]) {
      expect(doc).toContain(`| \`${field}\` |`);
    }
    expect(doc).toMatch(/\| `organization\.id` \| yes \| string, matching `\^\[0-9\]\{6,20\}\$` \| {2}\| Numeric organization id\. \|/);
  });

  it("the staleness check fails with the command to run", () => {
    const root = mkdtempSync(join(tmpdir(), "lz-docs-"));
    expect(() => expectCurrent("rules.md", "the catalogue", { root, update: false })).toThrow(/rules\.md is missing: .*Run `npm run docs`/);
    writeFileSync(join(root, "rules.md"), "an old catalogue");
    expect(() => expectCurrent("rules.md", "the catalogue", { root, update: false })).toThrow(/rules\.md is stale: .*Run `npm run docs`/);
    expect(() => expectCurrent("rules.md", "an old catalogue", { root, update: false })).not.toThrow();
  });
});
