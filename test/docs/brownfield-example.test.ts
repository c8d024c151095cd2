/**
 * The first example of docs/brownfield.md does what the page says: its
 * `adopt` section, added to the default config, gives the import blocks its
 * `adopt` command line announces.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { configWith, defaultConfigInput, runCli, synthApp } from "../helpers";

const PAGE = readFileSync(join(__dirname, "..", "..", "docs", "brownfield.md"), "utf8");

describe("docs/brownfield.md, first example", () => {
  it("adopts with the section shown and prints what the page says", () => {
    const yaml = /^```yaml\n(adopt:\n[\s\S]*?)^```$/m.exec(PAGE)?.[1];
    const announced = /^npx sovereign-lz adopt --config landing-zone\.yaml +# (.+)$/m.exec(PAGE)?.[1];
    expect(yaml).toBeDefined();
    expect(announced).toMatch(/import block/);

    const dir = mkdtempSync(join(tmpdir(), "lz-brownfield-"));
    const outdir = join(dir, "cdktf.out");
    synthApp(configWith(), outdir);
    const config = join(dir, "landing-zone.yaml");
    writeFileSync(config, stringify({ ...defaultConfigInput(), ...parse(yaml!) }));
    const { code, out, err } = runCli("adopt", "--config", config, "--output", outdir);
    expect({ code, err }).toEqual({ code: 0, err: "" });
    expect(out.split("\n")).toContain(announced);
  });
});
