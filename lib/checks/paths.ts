/** Dot paths into Terraform bodies: `a.b.c` steps into blocks and lists; `a["x.y"]` is a key with dots. */

const cache = new Map<string, string[]>();

/** The steps of a path: `template.metadata.annotations["run.googleapis.com/x"]` → 4 steps. */
export function pathSteps(path: string): string[] {
  let steps = cache.get(path);
  if (!steps) {
    steps = [];
    const re = /([^.[\]]+)|\["([^"]*)"\]/g;
    for (let m = re.exec(path); m; m = re.exec(path)) steps.push(m[1] ?? m[2]);
    cache.set(path, steps);
  }
  return steps;
}

const present = (v: unknown) => v !== undefined && v !== null && v !== "";

/** Push `child`'s value(s) at `step` of an object (or of each object of a list) onto `out`. */
function stepInto(v: unknown, step: string, out: unknown[]): void {
  if (Array.isArray(v)) {
    for (const item of v) stepInto(item, step, out);
  } else if (v && typeof v === "object") {
    const child = (v as Record<string, unknown>)[step];
    if (child !== undefined && child !== null) out.push(child);
  }
}

/** The blocks of a plan's bodies known only after apply, as dot paths (lists stepped into), by body. */
const UNKNOWN_BLOCKS = new WeakMap<object, readonly string[]>();
/** Whether any body has been marked: configurations never are, and their reading skips the look-up. */
let anyUnknownBlocks = false;

/**
 * Record the keys of `body` a plan knows only after apply and shows no value or written form for (`cluster_config.metastore_config`):
 * such a key may be a block (a dynamic block over an unknown value), so what is read inside it is unknown, never absent.
 */
export function markUnknownBlocks(body: object, paths: readonly string[]): void {
  if (!paths.length) return;
  UNKNOWN_BLOCKS.set(body, paths);
  anyUnknownBlocks = true;
}

/** An unknown value (what a resolver cannot resolve): read inside a block known only after apply. */
const UNKNOWN_VALUE = "${unknown}";

/**
 * The values at a path, stepping into lists and single-block lists; nulls, empty strings and absent values are dropped.
 * A path inside a block its body knows only after apply (`markUnknownBlocks`) also has an unknown value.
 */
export function valuesAt(body: unknown, path: string): unknown[] {
  const values = knownValuesAt(body, path);
  if (insideUnknownBlock(body, path)) values.push(UNKNOWN_VALUE);
  return values;
}

/** Whether `path` reads inside a block its body knows only after apply (`markUnknownBlocks`): what is there is unknown. */
export function insideUnknownBlock(body: unknown, path: string): boolean {
  const unknown = anyUnknownBlocks && body && typeof body === "object" ? UNKNOWN_BLOCKS.get(body) : undefined;
  return unknown?.some((block) => path.startsWith(block) && (path[block.length] === "." || path[block.length] === "[")) === true;
}

function knownValuesAt(body: unknown, path: string): unknown[] {
  let current: unknown[] = [body];
  for (const step of pathSteps(path)) {
    const next: unknown[] = [];
    for (const v of current) stepInto(v, step, next);
    if (!next.length) return next;
    current = next;
  }
  const out: unknown[] = [];
  for (const v of current) {
    if (Array.isArray(v)) {
      for (const x of v) if (present(x)) out.push(x);
    } else if (present(v)) out.push(v);
  }
  return out;
}
