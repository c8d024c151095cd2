/**
 * The catalog of Google resource types, as the rules and the guardrails read
 * it: generated from the provider schema (tools/catalog.js), with the hand
 * corrections of corrections.json already applied.
 */
import { GOOGLE_TYPES } from "./google-types.generated";
import type { TypeFacts, TypeScope } from "./types";
import { deepFreeze } from "../freeze";

// Shared by every rule and stack: nobody may change a type's facts (`typeFacts(t).location.length = 0`).
deepFreeze(GOOGLE_TYPES);

/** Facts of a resource type, or undefined for a type the catalog does not know. */
export function typeFacts(type: string): TypeFacts | undefined {
  return Object.prototype.hasOwnProperty.call(GOOGLE_TYPES.types, type) ? GOOGLE_TYPES.types[type] : undefined;
}

/** The scope of one resource, given its body (a `scopeWhen` correction may apply). */
export function scopeOf(facts: TypeFacts, body: Record<string, unknown>): TypeScope {
  const when = facts.scopeWhen;
  return when && when.values.includes(String(body[when.attribute])) ? when.scope : facts.scope;
}

/** Every type of the catalog with its facts. */
export function catalogTypes(): [string, TypeFacts][] {
  return Object.entries(GOOGLE_TYPES.types);
}

/** Services with at least one CMEK-capable resource type. */
export function cmekCapableServices(): Set<string> {
  return new Set(catalogTypes().flatMap(([, f]) => (f.cmek?.length ? [f.service] : [])));
}

/** The provider package version the catalog was generated from. */
export const CATALOG_PROVIDER_VERSION = GOOGLE_TYPES.provider;
