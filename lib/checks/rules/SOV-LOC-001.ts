import { isGlobalOnlyConfig } from "../../catalog/global-only-config";
import { scopeOf, typeFacts } from "../../catalog/google-types";
import type { TypeFacts } from "../../catalog/types";
import type { SovereigntyProfile } from "../../profiles/profile";
import type { Rule, TfDocument, TfResource } from "../types";
import { UNRESOLVED, providerReference, resolve } from "../values";
import { locatedNamesOf } from "../../catalog/located-names";
import { locationInName } from "../../naming";
import { valuesAt } from "../paths";
import {
  allowedText,
  eachKnownResource,
  inBoundary,
  normalizeLocation,
  providerLocalName,
  providerOf,
  referencedResource,
  stringsAt,
  stringsOf,
  type Problem,
} from "./helpers";

/**
 * Where a resource without a location lands: its provider's region (or
 * zone); a problem when that is outside the boundary. A provider that sets no
 * zone, or a configuration with no block for the resource's provider, takes
 * it from the deployer's environment (`GOOGLE_ZONE`, `GOOGLE_REGION`...):
 * unknown, so a problem too (plans and states carry the value itself).
 */
function providerDefaultProblem(doc: TfDocument, r: TfResource, path: string, profile: SovereigntyProfile): string | undefined {
  const provider = providerOf(doc, r);
  const fromEnvironment = (why: string) =>
    `sets no ${path}, and ${why}: it comes from the deployer's environment (GOOGLE_${path.toUpperCase()}) (allowed: set ${path}, or configure the provider with one of ${allowedText(profile)})`;
  if (doc.source === "config" && !provider)
    return fromEnvironment(`its provider ${providerReference(r.body) ?? providerLocalName(r)} has no configuration in this file`);
  const raw = path === "zone" ? provider?.zone : provider?.region;
  // A provider without a region is SOV-LOC-002's finding.
  if (raw === undefined) return doc.source === "config" && path === "zone" ? fromEnvironment("its provider sets no zone") : undefined;
  const value = resolve(doc, raw);
  if (value === UNRESOLVED || typeof value !== "string") return undefined;
  return inBoundary(profile, value)
    ? undefined
    : `sets no ${path}: it takes its provider's ${value}, outside the sovereign boundary (allowed: ${allowedText(profile)})`;
}

/**
 * Where a resource works when an attribute names another resource by its full name (lib/catalog/located-names.ts):
 * the `locations/L` segment of that name. A reference to a resource of the document whose type carries a location (or a
 * located name of its own) is judged there; any other value that cannot be resolved, or that names no location, cannot be verified (fail closed).
 */
function locatedNameProblems(doc: TfDocument, r: TfResource, profile: SovereigntyProfile): Problem[] {
  return locatedNamesOf(r.type).flatMap(({ path, effect }) =>
    valuesAt(r.body, path).flatMap((raw) =>
      stringsOf(doc, r.body, [raw]).flatMap((value): Problem[] => {
        if (value === UNRESOLVED) {
          const named = typeof raw === "string" ? referencedResource(doc, raw) : undefined;
          // A resource of the checked stacks is judged itself: by its location, or by the located name of its own parent.
          if (named && (typeFacts(named.type)?.location?.length || locatedNamesOf(named.type).length)) return [];
          return [
            {
              message: `${path} cannot be resolved before apply: where ${effect} cannot be verified (allowed: a name in ${allowedText(profile)}, or a waiver)`,
              attribute: path,
            },
          ];
        }
        const location = locationInName(value);
        if (location === undefined)
          return [
            {
              message: `${path} "${value}" names no location: where ${effect} cannot be verified (allowed: a name in ${allowedText(profile)}, or a waiver)`,
              attribute: path,
            },
          ];
        return inBoundary(profile, location)
          ? []
          : [
              {
                message: `${path} "${value}" is in ${location}, outside the sovereign boundary: ${effect} (allowed: ${allowedText(profile)})`,
                attribute: path,
              },
            ];
      }),
    ),
  );
}

/**
 * `global` on configuration that exists only there and holds no customer data:
 * a type (or variant) the catalog lists as global-only, whose scope is `meta`
 * (lib/catalog/global-only-config.ts). Any other `global` is outside a boundary
 * that does not include it.
 */
function isGlobalOnlyConfiguration(r: TfResource, facts: TypeFacts, path: string, value: string): boolean {
  return normalizeLocation(value) === "global" && scopeOf(facts, r.body) === "meta" && isGlobalOnlyConfig(r.type, path, r.body, r.unknownKeys);
}

/** The location problems of one resource of a known type: every catalogued location, an absent one, a KMS parent's. */
export function locationProblems(doc: TfDocument, r: TfResource, facts: TypeFacts, profile: SovereigntyProfile): Problem[] {
  const problems: Problem[] = locatedNameProblems(doc, r, profile);
  if (!facts.location) return problems;
  // Each path resolved once: the absent paths are usually location paths already read.
  const resolved = new Map<string, (string | typeof UNRESOLVED)[]>();
  const at = (path: string) => {
    let values = resolved.get(path);
    if (!values) resolved.set(path, (values = stringsAt(doc, r.body, path)));
    return values;
  };
  for (const path of facts.location) {
    for (const value of at(path)) {
      if (value === UNRESOLVED)
        problems.push({
          message: `${path} cannot be resolved before apply: its location cannot be verified (allowed: ${allowedText(profile)}, or a waiver)`,
          attribute: path,
        });
      else if (!inBoundary(profile, value) && !isGlobalOnlyConfiguration(r, facts, path, value))
        problems.push({ message: `${path} "${value}" is outside the sovereign boundary (allowed: ${allowedText(profile)})`, attribute: path });
    }
  }
  const primary = facts.absentPaths ?? [];
  if (primary.length && primary.every((path) => !at(path).length)) {
    if (facts.absent === "required" || facts.absent === "api-default") {
      problems.push(`sets no ${primary.join(" or ")}: the API's default applies, outside the boundary (allowed: ${allowedText(profile)})`);
    } else if (facts.absent === "provider") {
      const p = providerDefaultProblem(doc, r, primary[0], profile);
      if (p) problems.push(p);
    }
  }
  return problems;
}

/** SOV-LOC-001: every location of a resource, as the catalog lists them, is inside the boundary; an absent one is the API's default. */
export const resourceLocationRule: Rule<"SOV-LOC-001"> = {
  id: "SOV-LOC-001",
  severity: "error",
  title: "Every location, region and zone of a resource is inside the profile's boundary, and set where the API's default is elsewhere",
  why: "Data must stay in the Paris region (u-france-east1 on s3ns); multi-regions (EU, US), other regions and API defaults (BigQuery US, unpinned Pub/Sub, automatic secret replication) are outside the boundary; `global` only on configuration Google offers nowhere else and that holds no data, as listed with its source in lib/catalog/global-only-config.ts (a VPC spoke, a fleet feature), never on a type that can be regional; a resource named by its full name where the resource works (an EKM connection's Service Directory service, a key's key ring, a cluster's metastore, as listed with sources in lib/catalog/located-names.ts) counts by the location in that name",
  fix: "Set the attribute to the profile's region (or one of its zones); use the Sovereign* constructs, which do it for you",
  scope: "stack",
  check: (docs, { profile }) => eachKnownResource(docs, (r, facts, doc) => locationProblems(doc, r, facts, profile)),
};
