/**
 * Terraform JSON as the rules read it: a synthesized `cdk.tf.json`, any
 * `*.tf.json` (object or array form), or the JSON of a plan or a state
 * (`terraform show -json`).
 */
import { markUnknownBlocks } from "./paths";
import type { TfDocument, TfResource, Waiver } from "./types";
import { markExact, resolve } from "./values";
import { convertedVariable } from "./variable-types";

/**
 * Variable values as Terraform takes them: converted to their type constraint (variable-types.ts), exact when there is
 * none or the conversion is understood; a value whose type is not understood stands as given, inexact.
 */
function typedValues(
  types: Readonly<Record<string, string>>,
  given: Readonly<Record<string, unknown>>,
): { variables: Record<string, unknown>; exactVariables: string[] } {
  const variables: Record<string, unknown> = Object.create(null); // no prototype: a variable may be named "__proto__"
  const exactVariables: string[] = [];
  for (const [name, value] of Object.entries(given)) {
    const type = Object.prototype.hasOwnProperty.call(types, name) ? types[name] : undefined;
    // No type: the value as written (a JSON array is a tuple, which can be indexed).
    if (type === undefined) markExact(value);
    const converted = type === undefined ? { value } : convertedVariable(type, value);
    variables[name] = converted ? converted.value : value;
    if (converted) exactVariables.push(name);
  }
  return { variables, exactVariables };
}

/**
 * A configuration's document with variable values given beside it (`terraform.tfvars.json`, `*.auto.tfvars.json`),
 * which replace the defaults, converted to the variables' types as Terraform converts them.
 */
export function withVariableValues(doc: TfDocument, values: Readonly<Record<string, unknown>>): TfDocument {
  const types = doc.variableTypes ?? {};
  const given = typedValues(types, values);
  const kept = (doc.exactVariables ?? []).filter((name) => !Object.prototype.hasOwnProperty.call(values, name));
  return { ...doc, variables: { ...doc.variables, ...given.variables }, exactVariables: [...kept, ...given.exactVariables] };
}

type Json = Record<string, any>;

/**
 * The waivers in a `//.sovereignty` block, as written (the engine validates
 * each before honouring it); `suppressions`, the former name, is read too.
 * A waiver without a path gets `fallbackPath`.
 */
function waiversIn(comment: Json | undefined, fallbackPath: string): Waiver[] {
  if (!comment?.sovereignty) return [];
  const list = [comment?.sovereignty?.waivers, comment?.sovereignty?.suppressions].flatMap((l) => (Array.isArray(l) ? l : []));
  return list.filter((w) => w && typeof w === "object").map((w) => ({ ...w, path: typeof w.path === "string" ? w.path : fallbackPath }));
}

/**
 * Terraform accepts a JSON block as an object or as an array of objects
 * (`"resource": [{"google_x": [{"a": [{...}]}]}]`): merge arrays of objects
 * into one object, level by level.
 */
function merged(value: unknown): Json {
  if (Array.isArray(value)) return Object.assign({}, ...value.filter((v) => v && typeof v === "object").map(merged));
  return value && typeof value === "object" ? (value as Json) : {};
}

/** The `[label, value]` pairs of a section in object or array form (labels may repeat across array items). */
function entries(section: unknown): [string, unknown][] {
  if (Array.isArray(section)) return section.flatMap(entries);
  return section && typeof section === "object" ? Object.entries(section) : [];
}

/** The objects of a block in object or array form, each array item its own block. */
const objectsOf = (value: unknown): Json[] =>
  Array.isArray(value) ? value.flatMap(objectsOf) : value && typeof value === "object" ? [value as Json] : [];

/**
 * A provider source as Terraform reads it: lower case, the default registry
 * host dropped, and a bare name in the `hashicorp` namespace (cdktf writes
 * `"source": "google"`).
 */
export function normalizedProviderSource(source: string): string {
  const s = source
    .trim()
    .toLowerCase()
    .replace(/^registry\.terraform\.io\//, "");
  return s.includes("/") ? s : `hashicorp/${s}`;
}

/** The kinds of a configuration body's provisioners (`provisioner: [{ "local-exec": {...} }]` or an object). */
const provisionerKinds = (body: Json): string[] => entries(body.provisioner).map(([kind]) => kind);

/** A labelled body (`name: {...}` or `name: [{...}]`) as the body. */
const bodyOf = (value: unknown): Json => (Array.isArray(value) ? merged(value) : value && typeof value === "object" ? (value as Json) : {});

/** Whether a body holds a `dynamic` block at any depth. */
function hasDynamic(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasDynamic);
  if (!value || typeof value !== "object") return false;
  return "dynamic" in value || Object.values(value).some(hasDynamic);
}

/** `value` with every reference to a dynamic block's iterator (`${replicas.value}`, cdktf's `${each.value}`) made one to `target` (`target.key`, `target.value`). */
function iteratorAs(value: unknown, iterator: string, target: string): unknown {
  if (typeof value === "string") {
    const name = iterator.replace(/[^A-Za-z0-9_-]/g, "");
    if (!name) return value;
    return value.replace(new RegExp(`(?<![\\w.-])${name}\\.(key|value)\\b`, "g"), `${target}.$1`);
  }
  if (Array.isArray(value)) return value.map((v) => iteratorAs(v, iterator, target));
  if (!value || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, iteratorAs(v, iterator, target)]));
}

/** The most elements a dynamic block is written out for; beyond, its content is judged once with its iterator unknown. */
const MAX_DYNAMIC_ELEMENTS = 1000;

/** What writing out dynamic blocks needs: the document's variables and locals, and where to bind each element. */
interface Expansion {
  /** Whether a body may hold a `dynamic` block (false when the file's text holds no `dynamic` key). */
  readonly dynamicBlocks: boolean;
  readonly doc: TfDocument;
  /** The document's locals, to which each element of a known `for_each` is added as a local of its own. */
  readonly locals: Record<string, unknown>;
  next: number;
}

/** The elements of a dynamic block's `for_each` as Terraform iterates them (`key`: a list's index, a map's key), or undefined when not known. */
function dynamicElements(expansion: Expansion, forEach: unknown): { key: unknown; value: unknown }[] | undefined {
  if (forEach === undefined) return undefined;
  const each = resolve(expansion.doc, forEach);
  const elements = Array.isArray(each)
    ? each.map((value, key) => ({ key, value }))
    : each && typeof each === "object"
      ? Object.entries(each).map(([key, value]) => ({ key, value }))
      : undefined;
  return elements && elements.length <= MAX_DYNAMIC_ELEMENTS ? elements : undefined;
}

/**
 * A body with its `dynamic` blocks written out as the blocks they generate, so
 * the rules judge what Terraform will create. When the `for_each` resolves
 * (literals, variables' defaults, locals, `for` expressions), each element
 * gives one block, its iterator (`${replicas.value.zone}`) bound to that
 * element through a local of its own; an empty collection gives no block.
 * Otherwise the `content` is judged once and references to the iterator stay
 * unresolved, and so are findings.
 */
function withDynamicBlocks(value: unknown, expansion: Expansion): unknown {
  if (Array.isArray(value)) return value.map((v) => withDynamicBlocks(v, expansion));
  if (!value || typeof value !== "object") return value;
  const out: Json = {};
  for (const [key, child] of Object.entries(value)) if (key !== "dynamic") out[key] = withDynamicBlocks(child, expansion);
  for (const [name, spec] of entries((value as Json).dynamic)) {
    for (const block of objectsOf(spec)) {
      const iterator = typeof block.iterator === "string" ? block.iterator : name;
      const elements = dynamicElements(expansion, block.for_each);
      const generated = (elements ?? [undefined]).flatMap((element) => {
        let target = "dynamic_iterator";
        if (element) {
          let local: string;
          do local = `dynamic_iterator_${expansion.next++}`;
          while (local in expansion.locals);
          expansion.locals[local] = element;
          target = `local.${local}`;
        }
        const content = withDynamicBlocks(iteratorAs(block.content ?? {}, iterator, target), expansion);
        return Array.isArray(content) ? content : [content];
      });
      out[name] = [...(out[name] === undefined ? [] : Array.isArray(out[name]) ? out[name] : [out[name]]), ...generated];
    }
  }
  return out;
}

function blocksOf(section: unknown, prefix: string, expansion: Expansion): TfResource[] {
  const out: TfResource[] = [];
  for (const [type, byName] of entries(section)) {
    // A block Terraform would refuse is not skipped silently: the checker reports it cannot read the document.
    if (!byName || typeof byName !== "object")
      throw new Error(`${prefix}${type}: expected named blocks (an object), got ${byName === null ? "null" : typeof byName}`);
    for (const [name, raw] of entries(byName)) {
      const written = bodyOf(raw);
      const body = expansion.dynamicBlocks && hasDynamic(written) ? (withDynamicBlocks(written, expansion) as Json) : written;
      const address = `${prefix}${type}.${name}`;
      const provisioners = provisionerKinds(body);
      out.push({
        address,
        type,
        body,
        waivers: waiversIn(body["//"], typeof body["//"]?.metadata?.path === "string" ? body["//"].metadata.path : address),
        ...(provisioners.length ? { provisioners } : {}),
      });
    }
  }
  return out;
}

/** Whether a file is an override file, which Terraform merges into the blocks of the other files (`override.tf.json`, `*_override.tf.json`). */
export const isOverrideFile = (name: string): boolean => /^(.*_)?override\.tf\.json$/.test(name);

/** A body with an override body merged in: arguments and nested block types replaced, `lifecycle` merged by argument, `dynamic` blocks by type. */
function overridden(body: Json, over: Json): Json {
  const out: Json = { ...body };
  // Dynamic blocks as a list of `{ type: spec }`: two of the same type both stay.
  let dynamic = entries(body.dynamic);
  for (const [key, value] of Object.entries(over)) {
    if (key === "lifecycle") out.lifecycle = { ...bodyOf(body.lifecycle), ...bodyOf(value) };
    else if (key === "dynamic") {
      const types = new Set(entries(value).map(([type]) => type));
      dynamic = [...dynamic.filter(([type]) => !types.has(type)), ...entries(value)];
      for (const type of types) delete out[type];
    } else {
      out[key] = value;
      dynamic = dynamic.filter(([type]) => type !== key);
    }
  }
  if (dynamic.length) out.dynamic = dynamic.map(([type, spec]) => ({ [type]: spec }));
  else delete out.dynamic;
  return out;
}

/** Where the blocks labelled `labels` sit in `section` (object or array form, at any label depth): their holder and key. */
function labelledSlots(section: unknown, labels: readonly string[]): [Json, string][] {
  return objectsOf(section).flatMap((holder): [Json, string][] => {
    if (!(labels[0] in holder)) return [];
    return labels.length === 1 ? [[holder, labels[0]]] : labelledSlots(holder[labels[0]], labels.slice(1));
  });
}

/** Blocks labelled by type and name, and blocks labelled by name only. */
const TYPED_BLOCKS = ["resource", "data", "ephemeral", "action"];
const NAMED_BLOCKS = ["variable", "output", "module", "check"];

/**
 * The configuration files of one directory as Terraform loads them into one
 * module: the files, then each override file merged into the blocks it names
 * ([override files](https://developer.hashicorp.com/terraform/language/files/override)):
 * arguments and nested block types replaced, `lifecycle` merged by argument,
 * locals by name, a provider by name and alias, `required_providers` by
 * provider, a backend replacing the backend. An override of a block that
 * does not exist (Terraform refuses it) is judged as a block of its own.
 */
export function withOverrides(files: readonly Json[], overrides: readonly Json[]): Json[] {
  const parts: Json[] = structuredClone(files.flatMap((f) => (Array.isArray(f) ? f : [f])));
  const merge = (slots: [Json, string][], over: Json) => {
    for (const [holder, key] of slots) holder[key] = overridden(bodyOf(holder[key]), over);
    return slots.length > 0;
  };
  for (const file of overrides.flatMap((f) => (Array.isArray(f) ? f : [f]))) {
    const extra: Json = {};
    const add = (kind: string, value: Json) => ((extra[kind] ??= []) as Json[]).push(value);
    for (const [kind, section] of entries(file)) {
      if (TYPED_BLOCKS.includes(kind)) {
        for (const [type, byName] of entries(section))
          for (const [name, raw] of entries(byName)) {
            const slots = parts.flatMap((p) => labelledSlots(p[kind], [type, name]));
            if (!merge(slots, bodyOf(raw))) add(kind, { [type]: { [name]: raw } });
          }
      } else if (NAMED_BLOCKS.includes(kind)) {
        for (const [name, raw] of entries(section)) {
          if (
            !merge(
              parts.flatMap((p) => labelledSlots(p[kind], [name])),
              bodyOf(raw),
            )
          )
            add(kind, { [name]: raw });
        }
      } else if (kind === "provider") {
        for (const [name, blocks] of entries(section))
          for (const over of objectsOf(blocks)) {
            const originals = parts.flatMap((p) => labelledSlots(p.provider, [name]));
            let found = false;
            for (const [holder, key] of originals) {
              const list = Array.isArray(holder[key]) ? (holder[key] as unknown[]) : [holder[key]];
              const next = list.map((b) => (objectsOf(b)[0]?.alias === over.alias ? ((found = true), overridden(bodyOf(b), over)) : b));
              holder[key] = Array.isArray(holder[key]) ? next : next[0];
            }
            if (!found) add("provider", { [name]: over });
          }
      } else if (kind === "terraform") {
        for (const over of objectsOf(section)) {
          const originals = parts.flatMap((p) => objectsOf(p.terraform));
          for (const t of originals) {
            if (over.backend !== undefined || over.cloud !== undefined) {
              delete t.backend;
              delete t.cloud;
            }
            for (const required of objectsOf(t.required_providers)) for (const [name] of entries(over.required_providers)) delete required[name];
          }
          add("terraform", over);
        }
      } else add(kind, section as Json);
    }
    // Locals and everything added come after the files: a later local of the same name replaces the earlier one.
    parts.push(...Object.entries(extra).flatMap(([kind, values]) => (values as Json[]).map((v) => ({ [kind]: v }))));
  }
  return parts;
}

/** A Terraform JSON configuration (`cdk.tf.json`, `*.tf.json`) as a document. */
export function documentFromConfig(input: Json | Json[], stack: string): TfDocument {
  return configDocument(input, stack, true);
}

/**
 * The text of a Terraform JSON configuration (a written `cdk.tf.json`) as a
 * document, as `documentFromConfig` reads the parsed text, searching the
 * bodies for `dynamic` blocks only when the text may hold one: a `dynamic`
 * key is written as such or with a `\u` escape that `JSON.parse` decodes. A
 * text with neither has none (a synthesized stack, as a rule), and the
 * search walks every value of every body.
 */
export function documentFromConfigText(text: string, stack: string): TfDocument {
  return configDocument(JSON.parse(text), stack, text.includes('"dynamic"') || text.includes("\\u"));
}

/** A configuration as a document; `dynamicBlocks`: whether a body may hold a `dynamic` block. */
function configDocument(input: Json | Json[], stack: string, dynamicBlocks: boolean): TfDocument {
  const parts = Array.isArray(input) ? input : [input];
  const section = (key: string) => parts.map((p) => p?.[key]).filter((v) => v !== undefined);
  const json: Json = parts[0] ?? {};
  const providers: Record<string, Json[]> = Object.create(null); // no prototype: a provider may be named "valueOf"
  for (const [name, blocks] of entries(section("provider"))) {
    (providers[name] ??= []).push(...(Array.isArray(blocks) ? blocks : [blocks]).map(bodyOf));
  }
  const declared: Record<string, unknown> = Object.create(null);
  const variableTypes: Record<string, string> = Object.create(null);
  for (const [name, raw] of entries(section("variable"))) {
    const body = bodyOf(raw);
    if ("default" in body) declared[name] = body.default;
    if (typeof body.type === "string") variableTypes[name] = body.type;
    // A type given otherwise than as a type expression is not understood: no value is exact.
    else if (body.type !== undefined) variableTypes[name] = "";
  }
  const { variables, exactVariables } = typedValues(variableTypes, declared);
  // Every backend and provider requirement of every `terraform` block, unmerged: a second block must not hide the first's.
  const terraformBlocks = objectsOf(section("terraform"));
  const backends = terraformBlocks.flatMap((t) => entries(t.backend));
  const cloud = terraformBlocks.flatMap((t) => objectsOf(t.cloud).map((c): [string, unknown] => ["cloud", c]));
  const providerSources: Record<string, string> = {};
  for (const [name, req] of terraformBlocks.flatMap((t) => entries(t.required_providers))) {
    const source = typeof req === "string" ? undefined : bodyOf(req).source;
    const normalized = normalizedProviderSource(typeof source === "string" ? source : name);
    // A name required twice with two sources (Terraform refuses it) is served by neither as far as the rules know.
    const earlier = providerSources[name];
    providerSources[name] = earlier === undefined || earlier === normalized ? normalized : `${earlier} or ${normalized}`;
  }
  const waivers = waiversIn(json["//"], stack);
  // Locals with no prototype: a local may be named "constructor"; dynamic blocks add the elements they iterate over.
  const locals: Record<string, unknown> = Object.assign(Object.create(null), merged(section("locals")));
  // A local is written as Terraform evaluates it: its objects' keys and its lists' lengths are exact (not the elements dynamic blocks add later).
  markExact(Object.values(locals));
  const expansion: Expansion = {
    dynamicBlocks,
    doc: { stack, source: "config", resources: [], providers, waivers: [], variables, locals, backends: [] },
    locals,
    next: 0,
  };
  const tenantProjects = Array.isArray(json["//"]?.sovereignty?.tenantProjects) ? json["//"].sovereignty.tenantProjects : [];
  return {
    stack: typeof json["//"]?.metadata?.stackName === "string" ? json["//"].metadata.stackName : stack,
    source: "config",
    resources: blocksOf(section("resource"), "", expansion),
    data: [
      ...blocksOf(section("data"), "data.", expansion),
      // What reads or acts through a provider without a managed resource is judged like a data source: ephemeral
      // resources, actions, and the data sources a check block scopes (a `check` with an `http` data source sends at plan).
      ...blocksOf(section("ephemeral"), "ephemeral.", expansion),
      ...blocksOf(section("action"), "action.", expansion),
      ...entries(section("check")).flatMap(([name, raw]) => blocksOf(bodyOf(raw).data, `check.${name}.data.`, expansion)),
    ],
    providers,
    waivers,
    ...(typeof json["//"]?.sovereignty?.operatorProjectId === "string" ? { operatorProjectId: json["//"].sovereignty.operatorProjectId } : {}),
    ...(typeof json["//"]?.sovereignty?.organizationDomain === "string" ? { organizationDomain: json["//"].sovereignty.organizationDomain } : {}),
    ...(typeof json["//"]?.sovereignty?.landingZonePrefix === "string" ? { landingZonePrefix: json["//"].sovereignty.landingZonePrefix } : {}),
    ...(tenantProjects.every((p: unknown) => typeof p === "string") && tenantProjects.length ? { tenantProjects } : {}),
    variables,
    exactVariables,
    variableTypes,
    locals,
    outputs: Object.assign(
      Object.create(null), // no prototype: an output may be named "constructor"
      Object.fromEntries(entries(section("output")).map(([name, raw]) => [name, bodyOf(raw).value])),
    ),
    modules: entries(section("module")).map(([name, raw]) => {
      const body = bodyOf(raw);
      return { name, source: String(body.source ?? ""), body, waivers: waiversIn(body["//"], `module.${name}`) };
    }),
    backends: [...backends, ...cloud].map(([type, body]) => ({ type, body: bodyOf(body) })),
    providerSources,
  };
}

/**
 * Values known only after apply: the configuration's expression for the
 * attribute when it references something (`${var.region}`,
 * `${google_kms_crypto_key.k.id}`), so the resolver can follow it; else a
 * marker the resolver cannot resolve.
 */
function withUnknowns(
  values: unknown,
  unknown: unknown,
  expr: unknown,
  modulePrefix: string,
  configured: boolean,
  written?: unknown,
  blocks?: { readonly path: string; readonly found: string[]; readonly expressed: boolean },
): unknown {
  if (unknown === true) {
    // The Terraform JSON the plan was made from holds the expression as written (`${google_folder.f.name}/policies/x`), where the plan keeps only its references.
    if (typeof written === "string" && written.includes("${")) return written;
    // A block known only after apply (a dynamic block over an unknown value, which the plan's expressions leave out): as the configuration writes it, its dynamic blocks written out.
    if (written && typeof written === "object" && (values === undefined || values === null)) return written;
    // Without the written configuration, the key may be a block known only after apply (a dynamic block over an unknown
    // value, which the plan's expressions leave out): what is read inside it is unknown (fail closed), the key itself as below.
    if (blocks && blocks.path) blocks.found.push(blocks.path);
    // Not in the configuration: the provider computes it (a Google-managed key, the default zone...), the user set nothing.
    // Unless the block holding it has no expressions either (a dynamic block, which the plan's expressions leave out, or
    // a block the provider computes): without the written configuration, what it holds cannot be told apart (fail closed).
    if (expr === undefined && configured) return blocks && !blocks.expressed ? "${unknown}" : undefined;
    const refs = (expr as Json)?.references;
    if (!Array.isArray(refs) || !refs.length) return "${unknown}";
    const ref = String(refs[0]);
    // Inside a module, resource references are relative to it; its variables are not known here.
    return modulePrefix && !/^(var|local|data)\./.test(ref) ? `\${${modulePrefix}${ref}}` : modulePrefix ? "${unknown}" : `\${${ref}}`;
  }
  if (Array.isArray(unknown)) {
    const list = Array.isArray(values) ? values : [];
    const exprs = Array.isArray(expr) ? expr : [];
    // A nested block is a list in a plan and may be one object in the written JSON.
    const writtenList = Array.isArray(written) ? written : written === undefined ? [] : [written];
    return unknown.map((u, i) => withUnknowns(list[i], u, exprs[i] ?? exprs[0], modulePrefix, configured, writtenList[i], blocks));
  }
  if (unknown && typeof unknown === "object") {
    const out: Json = { ...(values && typeof values === "object" ? (values as Json) : {}) };
    const exprs = expr && typeof expr === "object" && !Array.isArray(expr) ? (expr as Json) : {};
    const writtenBody = written && typeof written === "object" && !Array.isArray(written) ? (written as Json) : {};
    for (const [k, u] of Object.entries(unknown)) {
      const inner = blocks && { path: blocks.path ? `${blocks.path}.${k}` : k, found: blocks.found, expressed: expr !== undefined };
      out[k] = withUnknowns(out[k], u, exprs[k], modulePrefix, configured, writtenBody[k], inner);
    }
    return out;
  }
  return values;
}

/** The top-level keys a change's `after_unknown` marks unknown as a whole or in an element (`true`, `[true]`). */
function unknownKeysOf(afterUnknown: unknown): { unknownKeys?: string[] } {
  if (!afterUnknown || typeof afterUnknown !== "object" || Array.isArray(afterUnknown)) return {};
  const keys = Object.entries(afterUnknown)
    .filter(([, u]) => u === true || (Array.isArray(u) && u.includes(true)))
    .map(([k]) => k);
  return keys.length ? { unknownKeys: keys } : {};
}

/** The configuration of every resource of a plan (its expressions and provisioners), by address. */
function configResources(plan: Json): Map<string, Json> {
  const out = new Map<string, Json>();
  const walk = (module: Json | undefined, prefix: string) => {
    for (const r of module?.resources ?? []) out.set(`${prefix}${r.address}`, r);
    for (const [name, call] of Object.entries<Json>(module?.module_calls ?? {})) walk(call.module, `${prefix}module.${name}.`);
  };
  walk(plan.configuration?.root_module, "");
  return out;
}

/** Resources and data sources of a `values` tree (`planned_values` of a plan, `values` of a state). */
function valuesResources(root: Json | undefined, plan: Json, written?: TfDocument): { resources: TfResource[]; data: TfResource[] } {
  const writtenBlocks = new Map<string, TfResource>([...(written?.resources ?? []), ...(written?.data ?? [])].map((r) => [r.address, r]));
  const unknowns = new Map<string, unknown>(
    (plan.resource_changes ?? []).map((c: Json) => [c.address, c.change?.after_unknown] as [string, unknown]),
  );
  const configs = configResources(plan);
  const resources: TfResource[] = [];
  const data: TfResource[] = [];
  const walk = (module: Json | undefined) => {
    for (const r of module?.resources ?? []) {
      const address = String(r.address);
      const configAddress = address.replace(/\[[^\]]*\]/g, "");
      const prefix = configAddress.slice(0, configAddress.length - `${r.type}.${r.name}`.length);
      const config = configs.get(configAddress);
      const expression = config ? (config.expressions ?? {}) : undefined;
      const dataAddress = `data.${r.type}.${r.name}`;
      // Only root-module blocks have a written counterpart (a configuration of modules is not Terraform JSON here).
      const block = prefix ? undefined : writtenBlocks.get(r.mode === "data" ? dataAddress : configAddress);
      // Without the written block, a key known only after apply may be a block the plan leaves out: read as unknown inside.
      const unknownBlocks = block ? undefined : { path: "", found: [] as string[], expressed: true };
      const values = withUnknowns(
        r.values ?? {},
        unknowns.get(address),
        expression,
        prefix,
        expression !== undefined,
        block?.body,
        unknownBlocks,
      ) as Json;
      // What the plan leaves out and its configuration snapshot holds: the lifecycle (none written is none, not unknown) and depends_on.
      const body =
        block && r.mode === "managed"
          ? { ...values, lifecycle: block.body.lifecycle ?? {}, ...(block.body.depends_on ? { depends_on: block.body.depends_on } : {}) }
          : values;
      const waivers = block?.waivers ?? [];
      const provisioners = (Array.isArray(config?.provisioners) ? config.provisioners : []).map((p: Json) => String(p?.type));
      const extra = {
        ...(typeof r.provider_name === "string" ? { providerSource: normalizedProviderSource(r.provider_name) } : {}),
        ...(provisioners.length ? { provisioners } : {}),
        ...unknownKeysOf(unknowns.get(address)),
      };
      if (unknownBlocks) markUnknownBlocks(body, unknownBlocks.found);
      if (r.mode === "data") data.push({ address: dataAddress, type: r.type, body, waivers, ...extra });
      else if (r.mode === "managed") resources.push({ address, type: r.type, body, waivers, ...extra });
    }
    for (const child of module?.child_modules ?? []) walk(child);
  };
  walk(root);
  return { resources, data };
}

/**
 * Resources a plan creates or updates that its `planned_values` leave out
 * (Terraform lists each in both; a plan edited or written by hand need not):
 * judged from the change's `after`, what is not known yet unresolved.
 */
function changedOnly(plan: Json, planned: ReadonlySet<string>): TfResource[] {
  const changes: Json[] = Array.isArray(plan.resource_changes) ? plan.resource_changes : [];
  return changes
    .filter((c) => c?.mode === "managed" && !planned.has(String(c.address)))
    .filter((c) => (Array.isArray(c.change?.actions) ? c.change.actions : []).some((a: unknown) => a === "create" || a === "update"))
    .map((c) => {
      const blocks = { path: "", found: [] as string[], expressed: false };
      const body = withUnknowns(c.change.after ?? {}, c.change.after_unknown, undefined, "", false, undefined, blocks) as Json;
      markUnknownBlocks(body, blocks.found);
      return { c, body };
    })
    .map(({ c, body }) => ({
      address: String(c.address),
      type: String(c.type),
      body,
      waivers: [],
      ...(typeof c.provider_name === "string" ? { providerSource: normalizedProviderSource(c.provider_name) } : {}),
      ...unknownKeysOf(c.change.after_unknown),
    }));
}

/**
 * A plan (`terraform show -json plan.out`) or a state (`terraform show -json`)
 * as a document. With `written`, the Terraform JSON the plan was made from
 * (a synthesized `cdk.tf.json`), the document also gets what a plan leaves
 * out: the expressions of values known only after apply as written, each
 * resource's `lifecycle` and `depends_on`, the waivers and what the gate
 * recorded (`//.sovereignty`), and the locals.
 */
export function documentFromPlan(plan: Json, stack: string, written?: TfDocument): TfDocument {
  const isState = !plan.planned_values && !!plan.values;
  const { resources, data } = valuesResources(isState ? plan.values?.root_module : plan.planned_values?.root_module, plan, written);
  // A plan's prior state holds the data sources it read.
  if (!isState) {
    data.push(...valuesResources(plan.prior_state?.values?.root_module, {}, written).data);
    resources.push(...changedOnly(plan, new Set(resources.map((r) => r.address))));
  }
  const providers: Record<string, Json[]> = Object.create(null); // no prototype: a provider may be named "valueOf"
  const providerSources: Record<string, string> = {};
  for (const config of Object.values<Json>(plan.configuration?.provider_config ?? {})) {
    const block: Json = {};
    for (const [key, expr] of Object.entries<Json>(config.expressions ?? {})) {
      block[key] =
        expr && "constant_value" in expr
          ? expr.constant_value
          : Array.isArray(expr?.references) && expr.references.length
            ? `\${${expr.references[0]}}`
            : "${expression}";
    }
    if (config.alias) block.alias = config.alias;
    (providers[config.name] ??= []).push(block);
    if (typeof config.full_name === "string") providerSources[config.name] = normalizedProviderSource(config.full_name);
  }
  const variables: Record<string, unknown> = Object.create(null); // no prototype: a variable may be named "__proto__"
  for (const [name, v] of Object.entries<Json>(plan.variables ?? {})) variables[name] = v?.value;
  // A plan's variable values are Terraform's after type conversion: exact, but a list may be a set (not indexable).
  markExact(Object.values(variables), { lists: false });
  return {
    stack: written?.stack ?? stack,
    source: isState ? "state" : "plan",
    resources,
    data,
    providers,
    waivers: written?.waivers ?? [],
    ...(written?.operatorProjectId ? { operatorProjectId: written.operatorProjectId } : {}),
    ...(written?.organizationDomain ? { organizationDomain: written.organizationDomain } : {}),
    ...(written?.landingZonePrefix ? { landingZonePrefix: written.landingZonePrefix } : {}),
    ...(written?.tenantProjects ? { tenantProjects: written.tenantProjects } : {}),
    ...(written?.locals ? { locals: written.locals } : {}),
    variables,
    exactVariables: Object.keys(variables),
    // `terraform show -json` has no backend block; the configuration's is checked where it is written.
    backends: [],
    providerSources,
  };
}

/** Every top-level key of a Terraform JSON configuration (a file holding only `check` or `ephemeral` blocks is a configuration too). */
const TOP_LEVEL_BLOCKS = [
  "//",
  "action",
  "check",
  "data",
  "ephemeral",
  "import",
  "locals",
  "module",
  "moved",
  "output",
  "provider",
  "removed",
  "resource",
  "terraform",
  "variable",
];

/** Whether a parsed JSON is a plan or state, a configuration, or neither. */
export function kindOf(json: unknown): "plan" | "config" | undefined {
  // The array form is one level deep: an array of configuration objects.
  if (Array.isArray(json)) return json.some((j) => !Array.isArray(j) && kindOf(j) === "config") ? "config" : undefined;
  if (!json || typeof json !== "object") return undefined;
  const j = json as Json;
  if (j.planned_values || j.values || (j.format_version && j.terraform_version)) return "plan";
  if (j.resource || j.provider || j.terraform || j.data || j.module || j.variable || j["//"]) return "config";
  // A file of other blocks only (a `check`, an `ephemeral` resource) is a configuration too; a tool's JSON with an
  // `output` key among its own (cdktf.json) is not.
  const keys = Object.keys(j);
  return keys.length && keys.every((key) => TOP_LEVEL_BLOCKS.includes(key)) ? "config" : undefined;
}
