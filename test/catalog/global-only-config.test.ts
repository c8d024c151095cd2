import { existsSync } from "node:fs";
import { join } from "node:path";
import { GLOBAL_ONLY_CONFIG, isGlobalOnlyConfig } from "../../lib/catalog/global-only-config";
import { typeFacts } from "../../lib/catalog/google-types";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { interfacesOf, leavesOf } = require("../../tools/catalog.js");

const LIB = join(__dirname, "..", "..", "node_modules/@cdktf/provider-google/lib");

describe("configuration accepted at global (lib/catalog/global-only-config.ts)", () => {
  const listed = Object.entries(GLOBAL_ONLY_CONFIG);

  it.each(listed)("%s holds no data (catalog scope meta), its path is a catalogued location, its source is cited", (type, entry) => {
    const facts = typeFacts(type);
    expect([facts?.scope, facts?.location?.includes(entry.path)]).toEqual(["meta", true]);
    expect(entry.reason).toMatch(/https:\/\/cloud\.google\.com\/\S+/);
  });

  it.each(listed.filter(([, entry]) => entry.when))("%s: every variant block is a block of the provider's schema", (type, entry) => {
    const dir = join(LIB, type.replace(/^google_/, "").replace(/_/g, "-"));
    expect(existsSync(dir)).toBe(true);
    const paths: string[] = leavesOf(interfacesOf(dir)).map((l: { path: string }) => l.path);
    for (const block of [...entry.when!, ...(entry.otherVariants ?? [])])
      expect([block, paths.some((p) => p.startsWith(`${block}.`))]).toEqual([block, true]);
  });

  it("a VPC spoke's variants are every linked_* block of its schema, so a hybrid block added later is not missed", () => {
    const entry = GLOBAL_ONLY_CONFIG.google_network_connectivity_spoke;
    const blocks = leavesOf(interfacesOf(join(LIB, "network-connectivity-spoke"))).map((l: { path: string }) => l.path.split(".")[0]);
    const linked = [...new Set<string>(blocks.filter((b: string) => b.startsWith("linked_")))].sort();
    expect([...entry.when!, ...entry.otherVariants!].sort()).toEqual(linked);
  });

  it("accepts only a listed type, at its listed path, in its listed variant", () => {
    const vpc = { linked_vpc_network: { uri: "projects/p/global/networks/n" } };
    expect(isGlobalOnlyConfig("google_network_connectivity_spoke", "location", vpc)).toBe(true);
    expect(isGlobalOnlyConfig("google_network_connectivity_spoke", "location", { linked_vpc_network: null })).toBe(false);
    expect(isGlobalOnlyConfig("google_network_connectivity_spoke", "location", { linked_vpn_tunnels: { uris: [] } })).toBe(false);
    expect(isGlobalOnlyConfig("google_network_connectivity_spoke", "location", { ...vpc, linked_vpn_tunnels: [{ uris: [] }] })).toBe(false);
    expect(isGlobalOnlyConfig("google_network_connectivity_spoke", "location", { ...vpc, linked_vpn_tunnels: [] })).toBe(true);
    expect(isGlobalOnlyConfig("google_network_connectivity_spoke", "region", vpc)).toBe(false);
    expect(isGlobalOnlyConfig("google_gke_hub_membership", "location", {})).toBe(false);
    expect(isGlobalOnlyConfig("constructor", "location", {})).toBe(false);
  });
});
