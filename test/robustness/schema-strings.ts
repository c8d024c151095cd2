/** The string fields a zod schema declares, as path patterns (`tenants[].id`, `landingZone.labels.*`). */
import type { z } from "zod";

type Def = {
  type: string;
  shape?: Record<string, z.core.$ZodType>;
  element?: z.core.$ZodType;
  innerType?: z.core.$ZodType;
  in?: z.core.$ZodType;
  options?: z.core.$ZodType[];
  valueType?: z.core.$ZodType;
};

export function stringFieldsOf(schema: z.core.$ZodType, at = ""): string[] {
  const def = (schema as unknown as { def: Def }).def;
  const join = (key: string) => (at ? `${at}.${key}` : key);
  const fields = (() => {
    if (def.type === "string") return [at];
    if (def.innerType) return stringFieldsOf(def.innerType, at);
    if (def.type === "pipe" && def.in) return stringFieldsOf(def.in, at);
    if (def.type === "array" && def.element) return stringFieldsOf(def.element, `${at}[]`);
    if (def.type === "record" && def.valueType) return stringFieldsOf(def.valueType, join("*"));
    if (def.type === "union" && def.options) return def.options.flatMap((o) => stringFieldsOf(o, at));
    if (def.shape) return Object.entries(def.shape).flatMap(([key, child]) => stringFieldsOf(child, join(key)));
    return [];
  })();
  return [...new Set(fields)].sort();
}

/** `tenants[0].labels.team` as the pattern `tenants[].labels.*` when `records` names `tenants[].labels`. */
export function patternOf(path: readonly (string | number)[], records: readonly string[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += "[]";
    else out = records.includes(out) ? `${out}.*` : out ? `${out}.${key}` : key;
  }
  return out;
}
