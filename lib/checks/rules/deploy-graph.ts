/**
 * The dependency graph of one Terraform document, for the deploy-readiness
 * rules: what a resource waits for, through `depends_on` and through the
 * references (`${type.name.attr}`, `${data.type.name.attr}`) in its body.
 */
import type { TfDocument, TfResource } from "../types";
import { lastAt } from "../address-index";
import { resourceAt } from "./helpers";

/** `type.name` or `data.type.name` inside an interpolation; resource types always contain an underscore. */
const ADDRESS = /(?:^|[^A-Za-z0-9_.])((?:data\.)?[a-z][a-z0-9]*_[a-z0-9_]*\.[A-Za-z_][A-Za-z0-9_-]*)/g;

function addressesIn(expression: string): string[] {
  return [...expression.matchAll(ADDRESS)].map((m) => m[1]);
}

function collectReferences(value: unknown, out: Set<string>): void {
  if (typeof value === "string") {
    if (!value.includes("${")) return;
    for (const m of value.matchAll(/\$\{([^}]*)\}/g)) for (const a of addressesIn(m[1])) out.add(a);
  } else if (Array.isArray(value)) {
    for (const v of value) collectReferences(v, out);
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) if (k !== "//" && k !== "depends_on") collectReferences(v, out);
  }
}

/** The direct dependencies of each body already read (bodies do not change): the deploy rules walk the same bodies again and again. */
const DIRECT = new WeakMap<object, ReadonlySet<string>>();

function dependenciesOf(body: Record<string, any>): ReadonlySet<string> {
  let deps = DIRECT.get(body);
  if (!deps) DIRECT.set(body, (deps = directDependencies(body)));
  return deps;
}

/** The addresses a resource body names directly: its `depends_on` entries and the references in its attributes. */
export function directDependencies(body: Record<string, any>): Set<string> {
  const out = new Set<string>();
  for (const d of Array.isArray(body.depends_on) ? body.depends_on : []) {
    if (typeof d === "string") for (const a of d.includes("${") ? addressesIn(d.replace(/^\$\{|\}$/g, "")) : [d]) out.add(a);
  }
  collectReferences(body, out);
  return out;
}

/**
 * Every address `start` waits for, directly or through the resources of the
 * same document it waits for (data sources are leaves: their bodies are not
 * part of the document).
 */
export function waitsFor(doc: TfDocument, start: TfResource): Set<string> {
  return walk(doc, start).seen;
}

/**
 * Whether `start` waits for an address that passes `test` (one of
 * `waitsFor(doc, start)`), walking no further than needed: a grant usually
 * names its agent's creator directly, and the walk on to the project and its
 * folders is long.
 */
export function waitsForAny(doc: TfDocument, start: TfResource, test: (address: string) => boolean): boolean {
  return walk(doc, start, test).found;
}

/** The walk of what `start` waits for, up to the first address that passes `stop`, if given. */
function walk(doc: TfDocument, start: TfResource, stop?: (address: string) => boolean): { seen: Set<string>; found: boolean } {
  const seen = new Set<string>();
  const queue = [...dependenciesOf(start.body)];
  while (queue.length) {
    const address = queue.pop()!;
    if (seen.has(address)) continue;
    seen.add(address);
    if (stop?.(address)) return { seen, found: true };
    const next = lastAt(doc.resources, address);
    if (next) queue.push(...dependenciesOf(next.body));
  }
  return { seen, found: false };
}

/** The resource of the document an attribute value refers to, when it is a single reference. */
export function referencedResourceOf(doc: TfDocument, value: unknown): TfResource | undefined {
  if (typeof value !== "string") return undefined;
  const refs = new Set<string>();
  collectReferences(value, refs);
  const [only] = [...refs].filter((a) => !a.startsWith("data."));
  return refs.size === 1 && only ? resourceAt(doc, only) : undefined;
}

/** A nested block as an object: configurations write one block as an object, plans as a one-element list. */
export function block(value: unknown): Record<string, any> | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first && typeof first === "object" ? (first as Record<string, any>) : undefined;
}
