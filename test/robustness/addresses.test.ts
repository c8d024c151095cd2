/**
 * Stable addresses: a changed construct id renames a Terraform address, and
 * Terraform then destroys the old resource and creates a new one. This test
 * fails on any change until the manifest is updated on purpose.
 */
import { configWith } from "../helpers";
import { addressManifest, manifestChanges, readManifest, writeManifest, type AddressManifest } from "./address-manifest";

const HOW_TO_UPDATE = `Terraform resource addresses changed for the default config.
If a resource was added on purpose, or renamed AND you wrote a moved block for it
(resource.moveFromId("<old address>") in cdktf, or "terraform state mv <old> <new>"),
update the manifest with:  npm run addresses:update
See README "Robustness and upgrading safely".`;

describe("address manifest", () => {
  let current: AddressManifest;
  beforeAll(() => {
    current = addressManifest(configWith());
    if (process.env.UPDATE_ADDRESSES) writeManifest(current);
  });

  it("matches the committed test/addresses.json", () => {
    const changes = manifestChanges(readManifest(), current);
    if (changes.length) throw new Error(`${HOW_TO_UPDATE}\n\n${changes.join("\n")}`);
  });

  it("lists every stack with sorted, unique addresses", () => {
    const committed = readManifest();
    expect(Object.keys(committed)).toEqual(["foundation", "key-custody", "tenant-agence-b", "tenant-ministere-a"]);
    for (const addresses of Object.values(committed)) {
      expect(addresses.length).toBeGreaterThan(0);
      expect([...addresses].sort()).toEqual(addresses);
      expect(new Set(addresses).size).toBe(addresses.length);
    }
  });

  it("reports a renamed address as a removal and an addition", () => {
    const before = { foundation: ["google_folder.root_folder_1A2B"] };
    const after = { foundation: ["google_folder.landing-zone_folder_3C4D"] };
    expect(manifestChanges(before, after)).toEqual([
      "- foundation: google_folder.root_folder_1A2B (removed or renamed: Terraform would DESTROY it)",
      "+ foundation: google_folder.landing-zone_folder_3C4D (new)",
    ]);
    expect(manifestChanges(before, before)).toEqual([]);
  });

  it("catches a stack that disappears", () => {
    expect(manifestChanges({ a: ["x.y"], b: ["x.z"] }, { a: ["x.y"] })).toEqual(["- b: x.z (removed or renamed: Terraform would DESTROY it)"]);
  });
});
