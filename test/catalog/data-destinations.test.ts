import { existsSync } from "node:fs";
import { join } from "node:path";
import { DATA_DESTINATIONS } from "../../lib/catalog/data-destinations";
import { typeFacts } from "../../lib/catalog/google-types";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { interfacesOf, leavesOf } = require("../../tools/catalog.js");

const LIB = join(__dirname, "..", "..", "node_modules/@cdktf/provider-google/lib");
/** Destinations of types only the google-beta provider has (their attributes cited from its documentation). */
const BETA_ONLY = new Set(["google_dataflow_flex_template_job"]);

describe("data destinations the catalog lists (SOV-DATA-001)", () => {
  const listed = Object.entries(DATA_DESTINATIONS);

  it.each(listed.filter(([type]) => !BETA_ONLY.has(type)))(
    "%s: every destination is a string attribute of the provider's schema, so a misspelt path cannot silently judge nothing",
    (type, destinations) => {
      const dir = join(LIB, type.replace(/^google_/, "").replace(/_/g, "-"));
      expect(existsSync(dir)).toBe(true);
      const leaves: { path: string; type: string }[] = leavesOf(interfacesOf(dir));
      for (const d of destinations) {
        const leaf = leaves.find((l) => l.path === d.path);
        expect([d.path, leaf && /\bstring\b/.test(leaf.type)]).toEqual([d.path, true]);
      }
    },
  );

  it("finds no attribute the schema lacks: a flex template's temp_location is not a classic Dataflow job's", () => {
    const leaves: { path: string }[] = leavesOf(interfacesOf(join(LIB, "dataflow-job")));
    expect(leaves.map((l) => l.path)).toContain("temp_gcs_location");
    expect(leaves.map((l) => l.path)).not.toContain("temp_location");
  });

  it("lists a type outside the GA provider only as google-beta-only, and cites a source for every destination", () => {
    for (const type of BETA_ONLY) {
      expect(typeFacts(type)).toBeUndefined();
      expect(DATA_DESTINATIONS[type]).toBeDefined();
    }
    for (const [type, destinations] of listed) {
      for (const d of destinations) expect([type, d.path, /https:\/\/\S+/.test(d.reason)]).toEqual([type, d.path, true]);
    }
  });
});
