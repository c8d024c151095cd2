/**
 * A test-side walk of a synthesized stack's dependency graph, written apart
 * from the rules' own: what an address waits for through `depends_on` and
 * the references of its body, data sources included.
 */
import type { TfJson } from "../helpers";

/** Resource and data blocks by address (`type.name`, `data.type.name`). */
export function blocksOf(json: TfJson): Map<string, Record<string, any>> {
  const out = new Map<string, Record<string, any>>();
  for (const [type, byName] of Object.entries(json.resource ?? {}))
    for (const [name, body] of Object.entries(byName)) out.set(`${type}.${name}`, body);
  for (const [type, byName] of Object.entries(json.data ?? {}))
    for (const [name, body] of Object.entries(byName)) out.set(`data.${type}.${name}`, body);
  return out;
}

function direct(body: Record<string, any>, known: Set<string>): string[] {
  const { "//": _metadata, depends_on: dependsOn = [], ...rest } = body;
  void _metadata;
  const text = JSON.stringify(rest);
  const referenced = [...known].filter((a) => text.includes(`{${a}.`) || text.includes(` ${a}.`) || text.includes(`(${a}.`));
  return [...dependsOn, ...referenced];
}

/** Every address `address` waits for, transitively. */
export function waitsFor(json: TfJson, address: string): Set<string> {
  const blocks = blocksOf(json);
  const known = new Set(blocks.keys());
  const seen = new Set<string>();
  const queue = direct(blocks.get(address) ?? {}, known);
  while (queue.length) {
    const next = queue.pop()!;
    if (seen.has(next)) continue;
    seen.add(next);
    queue.push(...direct(blocks.get(next) ?? {}, known));
  }
  return seen;
}

/** Addresses of the blocks of `type` (prefix `data.` for data sources) whose body matches `where`. */
export function addressesWhere(json: TfJson, type: string, where: (body: Record<string, any>) => boolean = () => true): string[] {
  return [...blocksOf(json)].filter(([a, body]) => a.startsWith(`${type}.`) && where(body)).map(([a]) => a);
}
