/**
 * The address manifest: stack -> sorted Terraform resource addresses of the
 * default config. `npm run addresses:update` rewrites it on purpose.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { LandingZoneConfig } from "../../lib/config/schema";
import { addressesOf, synthAll } from "../helpers";

export type AddressManifest = Record<string, string[]>;

export const MANIFEST_PATH = join(__dirname, "..", "addresses.json");

/** The addresses of every stack the config synthesizes, stacks sorted by name. */
export function addressManifest(config: LandingZoneConfig): AddressManifest {
  const stacks = synthAll(config);
  return Object.fromEntries(
    Object.keys(stacks)
      .sort()
      .map((stack) => [stack, addressesOf(stacks[stack])]),
  );
}

export function readManifest(): AddressManifest {
  return JSON.parse(readFileSync(MANIFEST_PATH, "utf8"));
}

export function writeManifest(manifest: AddressManifest): void {
  writeFileSync(MANIFEST_PATH, `${JSON.stringify(manifest, null, 2)}\n`);
}

/** Addresses that left or joined each stack, as readable lines (empty when they match). */
export function manifestChanges(committed: AddressManifest, current: AddressManifest): string[] {
  const stacks = [...new Set([...Object.keys(committed), ...Object.keys(current)])].sort();
  return stacks.flatMap((stack) => {
    const before = new Set(committed[stack] ?? []);
    const after = new Set(current[stack] ?? []);
    return [
      ...[...before].filter((a) => !after.has(a)).map((a) => `- ${stack}: ${a} (removed or renamed: Terraform would DESTROY it)`),
      ...[...after].filter((a) => !before.has(a)).map((a) => `+ ${stack}: ${a} (new)`),
    ];
  });
}
