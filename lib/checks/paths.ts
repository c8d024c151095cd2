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

/** The values at a path, stepping into lists and single-block lists; nulls, empty strings and absent values are dropped. */
export function valuesAt(body: unknown, path: string): unknown[] {
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
