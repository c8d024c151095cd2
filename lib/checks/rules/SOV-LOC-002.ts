import type { Rule, TfDocument } from "../types";
import { UNRESOLVED, resolve } from "../values";
import { GOOGLE_PROVIDER_SOURCES, allowedText, endpointLocation, inBoundary, providerAddress, providerSourceOfName, urlHost } from "./helpers";

/** Local names of the Google providers of a document, whatever they are called (`google`, `google-beta`, `gcp`...); sources are normalized by the reader. */
export function googleProviderNames(doc: TfDocument): string[] {
  const isGoogle = (name: string) => GOOGLE_PROVIDER_SOURCES.has(providerSourceOfName(doc, name));
  return [...new Set(["google", "google-beta", ...Object.keys(doc.providerSources ?? {})])].filter(isGoogle);
}

/** SOV-LOC-002: every Google provider (any local name) is pinned to the region, the universe and endpoints inside it. */
export const providerRegionRule: Rule<"SOV-LOC-002"> = {
  id: "SOV-LOC-002",
  severity: "error",
  title: "Every Google provider's region, zone, universe and custom endpoints are inside the profile's boundary",
  why: "Resources without an explicit location land in the provider's region; a custom endpoint outside the universe sends every call (and key material) elsewhere",
  fix: "Configure the provider with the profile's region (SovereignStack does), universe_domain on s3ns, and no *_custom_endpoint outside the universe",
  scope: "stack",
  check: (docs, { profile }) =>
    docs.flatMap((doc) =>
      googleProviderNames(doc).flatMap((name) =>
        (doc.providers[name] ?? []).flatMap((p, i) => {
          const address = providerAddress(name, p, i);
          const problems: string[] = [];
          for (const key of ["region", "zone"]) {
            if (key === "region" && p[key] === undefined) {
              problems.push(`has no region (allowed: ${profile.region})`);
              continue;
            }
            if (p[key] === undefined) continue;
            const value = resolve(doc, p[key]);
            if (value === UNRESOLVED || typeof value !== "string") problems.push(`${key} cannot be resolved (allowed: ${allowedText(profile)})`);
            else if (!inBoundary(profile, value))
              problems.push(`${key} "${value}" is outside the sovereign boundary (allowed: ${allowedText(profile)})`);
          }
          const universe = p.universe_domain === undefined ? undefined : resolve(doc, p.universe_domain);
          const expectedUniverse = profile.universeDomain ?? "googleapis.com";
          if ((universe ?? "googleapis.com") !== expectedUniverse) {
            problems.push(
              `universe_domain is ${universe === UNRESOLVED ? "unresolved" : JSON.stringify(universe ?? null)} (allowed: ${expectedUniverse})`,
            );
          }
          for (const [key, raw] of Object.entries(p)) {
            if (!key.endsWith("_custom_endpoint")) continue;
            const endpoint = resolve(doc, raw);
            const host = urlHost(endpoint);
            if (!host || !(host === expectedUniverse || host.endsWith(`.${expectedUniverse}`))) {
              problems.push(
                `${key} ${typeof endpoint === "string" ? `"${endpoint}"` : "(unresolved)"} is outside the universe (allowed: https://*.${expectedUniverse}/)`,
              );
            } else {
              const region = endpointLocation(String(endpoint));
              if (region && !inBoundary(profile, region))
                problems.push(`${key} "${endpoint}" is a regional endpoint in ${region} (allowed: ${allowedText(profile)})`);
            }
          }
          return problems.map((message) => ({ stack: doc.stack, address, message }));
        }),
      ),
    ),
};
