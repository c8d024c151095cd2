import { isLocationAllowed } from "../../profiles/profile";
import type { Rule } from "../types";
import { eachResource, isExpression } from "./helpers";

/** Attribute names that hold a location, region or zone. */
const LOCATION_KEY =
  /^(location|locations|region|regions|zone|zones|storage_location|[a-z_]+_location|[a-z_]+_locations|allowed_persistence_regions|replica_locations?)$/;
/** Maps of user keys: their keys are not attribute names. */
const SKIP_KEYS = new Set(["labels", "default_labels", "resource_labels", "tags", "//", "lifecycle", "depends_on"]);

/** Every `[key, value]` whose key names a location, anywhere in a body. */
export function locationValues(body: unknown, key = ""): [string, string][] {
  if (typeof body === "string") return LOCATION_KEY.test(key) ? [[key, body]] : [];
  if (Array.isArray(body)) return body.flatMap((v) => locationValues(v, key));
  if (body && typeof body === "object") {
    return Object.entries(body).flatMap(([k, v]) => (SKIP_KEYS.has(k) ? [] : locationValues(v, k)));
  }
  return [];
}

export const resourceLocationRule: Rule = {
  id: "SOV-LOC-001",
  severity: "error",
  title: "Every location, region and zone of a resource is inside the profile's boundary",
  why: "Data must stay in the Paris region; multi-regions (EU, europe) and other regions are outside the sovereign boundary",
  fix: "Set the attribute to the profile's region (or one of its zones); use the Sovereign* constructs, which do it for you",
  scope: "stack",
  check: (docs, { profile }) =>
    eachResource(docs, (r) =>
      locationValues(r.body)
        .filter(([, value]) => !isExpression(value) && !isLocationAllowed(profile, value))
        .map(([key, value]) => `${key} "${value}" is outside the sovereign boundary (allowed: ${profile.allowedLocations.join(", ")})`),
    ),
};

export const providerRegionRule: Rule = {
  id: "SOV-LOC-002",
  severity: "error",
  title: "The Google provider's region (and universe on s3ns) is inside the profile's boundary",
  why: "Resources without an explicit location land in the provider's region",
  fix: "Configure the provider with the profile's region (SovereignStack does), and universe_domain on s3ns",
  scope: "stack",
  check: (docs, { profile }) =>
    docs.flatMap((doc) =>
      ["google", "google-beta"].flatMap((name) =>
        (doc.providers[name] ?? []).flatMap((p, i) => {
          const address = `provider.${name}${p.alias ? `.${p.alias}` : i ? `[${i}]` : ""}`;
          const problems: string[] = [];
          for (const key of ["region", "zone"]) {
            const value = p[key];
            if (key === "region" && value === undefined) problems.push(`has no region (allowed: ${profile.region})`);
            else if (typeof value === "string" && !isExpression(value) && !isLocationAllowed(profile, value)) {
              problems.push(`${key} "${value}" is outside the sovereign boundary (allowed: ${profile.allowedLocations.join(", ")})`);
            }
          }
          if (profile.universeDomain && p.universe_domain !== profile.universeDomain) {
            problems.push(`universe_domain is ${JSON.stringify(p.universe_domain ?? null)} (allowed: ${profile.universeDomain})`);
          }
          return problems.map((message) => ({ stack: doc.stack, address, message }));
        }),
      ),
    ),
};
