/**
 * Bench configs: N tenants derived from the embedded default config, so that
 * every field other modules add to it (and to its example tenants) is
 * carried over. Tenant i copies example tenant `i mod k`, with a unique id,
 * and every IPv4 range in it replaced by a fresh, non-overlapping one.
 */
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { cidrRange } from "../lib/cidr";
import { CidrAllocator, formatCidr, sizeOf } from "./cidr";

/** A parsed config as written (YAML/JSON value). */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The id of generated tenant `i` (0-based): short, so derived project ids stay within 30 characters. */
export function benchTenantId(i: number): string {
  return `t${String(i + 1).padStart(4, "0")}`;
}

/** Every IPv4 range found in a value, in document order. */
function cidrsIn(value: Json): string[] {
  if (typeof value === "string") return cidrRange(value) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(cidrsIn);
  if (value && typeof value === "object") return Object.values(value).flatMap(cidrsIn);
  return [];
}

/** A deep copy of `value` with each string passed through `map`. */
function mapStrings(value: Json, map: (s: string) => string): Json {
  if (typeof value === "string") return map(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, map));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, map)]));
  }
  return value;
}

/**
 * A config with `count` tenants, derived from `base` (a parsed config with at
 * least one example tenant). Ranges outside the tenants stay as they are and
 * are never handed out to a tenant.
 */
export function generateConfig(base: Record<string, Json>, count: number): Record<string, Json> {
  const templates = base.tenants;
  if (!Array.isArray(templates) || templates.length === 0) throw new Error("bench: the base config has no tenants");
  const allocator = new CidrAllocator();
  const { tenants: _templates, ...rest } = base;
  for (const cidr of cidrsIn(rest)) allocator.reserve(cidrRange(cidr)!);

  const tenants = Array.from({ length: count }, (_, i) => {
    const template = templates[i % templates.length] as Record<string, Json>;
    const oldId = String(template.id);
    const id = benchTenantId(i);
    const tenant = mapStrings(template, (s) => {
      const range = cidrRange(s);
      if (range) return formatCidr(allocator.allocate(sizeOf(range)));
      return s.split(oldId).join(id);
    }) as Record<string, Json>;
    tenant.id = id;
    if ("displayName" in tenant) tenant.displayName = `Tenant ${id}`;
    return tenant;
  });
  return { ...rest, tenants };
}

/** The parsed embedded default config at `path`. */
export function readBaseConfig(path: string): Record<string, Json> {
  return parse(readFileSync(path, "utf8"));
}
