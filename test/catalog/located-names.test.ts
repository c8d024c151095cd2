import { readdirSync } from "node:fs";
import { join } from "node:path";
import { LOCATED_NAMES, type LocatedName } from "../../lib/catalog/located-names";
import { typeFacts } from "../../lib/catalog/google-types";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { interfacesOf, leavesOf } = require("../../tools/catalog.js");

const LIB = join(__dirname, "..", "..", "node_modules/@cdktf/provider-google/lib");
const leavesOfType = (type: string): { path: string; type: string }[] =>
  leavesOf(interfacesOf(join(LIB, type.replace(/^google_/, "").replace(/_/g, "-"))));

describe("names that carry a location (SOV-LOC-001)", () => {
  const listed = Object.entries(LOCATED_NAMES);

  it.each(listed)("%s: every path is a string attribute of the provider's schema, and cites its source", (type, names) => {
    expect(typeFacts(type)).toBeDefined();
    const leaves = leavesOfType(type);
    for (const n of names) {
      const leaf = leaves.find((l) => l.path === n.path);
      expect([n.path, leaf && /\bstring\b/.test(leaf.type), /https:\/\/\S+/.test(n.reason)]).toEqual([n.path, true, true]);
    }
  });

  it("is frozen: no app can drop a name from the check", () => {
    expect(() => (LOCATED_NAMES.google_kms_ekm_connection as LocatedName[]).pop()).toThrow(TypeError);
    expect(LOCATED_NAMES.google_kms_ekm_connection).toHaveLength(1);
  });

  it("lists every Cloud KMS resource created inside a key ring or a key it names (key_ring, crypto_key)", () => {
    const kmsTypes = readdirSync(LIB)
      .filter((d) => d.startsWith("kms-"))
      .map((d) => `google_${d.replace(/-/g, "_")}`)
      .filter((type) => typeFacts(type) && leavesOfType(type).some((l) => l.path === "key_ring" || l.path === "crypto_key"));
    expect(kmsTypes.length).toBeGreaterThan(0);
    for (const type of kmsTypes) {
      const parents = (LOCATED_NAMES[type] ?? []).filter((n) => n.path === "key_ring" || n.path === "crypto_key");
      expect([type, parents.length]).toEqual([type, 1]);
    }
  });
});
