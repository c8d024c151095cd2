/**
 * Terraform JSON as the rules read it: a synthesized `cdk.tf.json`, any
 * `*.tf.json`, or the JSON of a plan (`terraform show -json`).
 */
import type { RecordedWaiver, Suppression, TfDocument, TfResource } from "./types";

type Json = Record<string, any>;

function suppressionsOf(body: Json): Suppression[] {
  const list = body?.["//"]?.sovereignty?.suppressions;
  return Array.isArray(list) ? list.filter((s) => typeof s?.ruleId === "string" && typeof s?.reason === "string") : [];
}

/** A Terraform JSON configuration (`cdk.tf.json`, `*.tf.json`) as a document. */
export function documentFromConfig(json: Json, stack: string): TfDocument {
  const resources: TfResource[] = [];
  for (const [type, byName] of Object.entries<Json>(json.resource ?? {})) {
    for (const [name, body] of Object.entries<Json>(byName ?? {})) {
      resources.push({ address: `${type}.${name}`, type, body, suppressions: suppressionsOf(body) });
    }
  }
  const providers: Record<string, Json[]> = {};
  for (const [name, blocks] of Object.entries<any>(json.provider ?? {})) providers[name] = Array.isArray(blocks) ? blocks : [blocks];
  const waivers: RecordedWaiver[] = Array.isArray(json["//"]?.sovereignty?.waivers) ? json["//"].sovereignty.waivers : [];
  return { stack: json["//"]?.metadata?.stackName ?? stack, source: "config", resources, providers, waivers };
}

/** Values known only after apply, marked as expressions so rules treat them as set but unresolved. */
function withUnknowns(values: unknown, unknown: unknown): unknown {
  if (unknown === true) return "${unknown}";
  if (Array.isArray(unknown)) {
    const list = Array.isArray(values) ? values : [];
    return unknown.map((u, i) => withUnknowns(list[i], u));
  }
  if (unknown && typeof unknown === "object") {
    const out: Json = { ...(values && typeof values === "object" ? (values as Json) : {}) };
    for (const [k, u] of Object.entries(unknown)) out[k] = withUnknowns(out[k], u);
    return out;
  }
  return values;
}

/** The planned resources of a plan (`terraform show -json plan.out`) as a document. */
export function documentFromPlan(plan: Json, stack: string): TfDocument {
  const unknowns = new Map<string, unknown>(
    (plan.resource_changes ?? []).map((c: Json) => [c.address, c.change?.after_unknown] as [string, unknown]),
  );
  const resources: TfResource[] = [];
  const walk = (module: Json | undefined) => {
    for (const r of module?.resources ?? []) {
      if (r.mode !== "managed") continue;
      const body = withUnknowns(r.values ?? {}, unknowns.get(r.address)) as Json;
      resources.push({ address: r.address, type: r.type, body, suppressions: [] });
    }
    for (const child of module?.child_modules ?? []) walk(child);
  };
  walk(plan.planned_values?.root_module);
  const providers: Record<string, Json[]> = {};
  for (const config of Object.values<Json>(plan.configuration?.provider_config ?? {})) {
    const block: Json = {};
    for (const [key, expr] of Object.entries<Json>(config.expressions ?? {})) {
      block[key] = "constant_value" in expr ? expr.constant_value : "${expression}";
    }
    if (config.alias) block.alias = config.alias;
    (providers[config.name] ??= []).push(block);
  }
  return { stack, source: "plan", resources, providers, waivers: [] };
}

/** Whether a parsed JSON is a plan, a configuration, or neither. */
export function kindOf(json: unknown): "plan" | "config" | undefined {
  if (!json || typeof json !== "object" || Array.isArray(json)) return undefined;
  const j = json as Json;
  if (j.planned_values || (j.format_version && j.terraform_version)) return "plan";
  if (j.resource || j.provider || j.terraform || j["//"]) return "config";
  return undefined;
}
