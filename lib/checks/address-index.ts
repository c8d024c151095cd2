/**
 * The blocks of a list (a document's resources, or its data sources) by
 * address, indexed once per list (documents do not change) and shared by the
 * resolver and the rules. Terraform refuses two blocks at one address, yet a
 * hand-written file may hold them: the rules read the first one (as `find`
 * would), the resolver and the dependency walk the last one (as a `Map` built
 * from the list would).
 */
import type { TfResource } from "./types";

interface Index {
  readonly first: ReadonlyMap<string, TfResource>;
  /** The same map as `first` when no address repeats (the usual case). */
  readonly last: ReadonlyMap<string, TfResource>;
}

const INDEXES = new WeakMap<readonly TfResource[], Index>();

function indexOf(list: readonly TfResource[]): Index {
  let index = INDEXES.get(list);
  if (!index) {
    const first = new Map<string, TfResource>();
    let repeated = false;
    for (const r of list) {
      if (!first.has(r.address)) first.set(r.address, r);
      else repeated = true;
    }
    index = { first, last: repeated ? new Map(list.map((r) => [r.address, r])) : first };
    INDEXES.set(list, index);
  }
  return index;
}

/** The first block at `address` in `list`. */
export function firstAt(list: readonly TfResource[], address: string): TfResource | undefined {
  return indexOf(list).first.get(address);
}

/** The last block at `address` in `list`. */
export function lastAt(list: readonly TfResource[], address: string): TfResource | undefined {
  return indexOf(list).last.get(address);
}
