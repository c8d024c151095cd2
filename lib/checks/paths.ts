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

/** The values at a path, stepping into lists and single-block lists; nulls and absent values are dropped. */
export function valuesAt(body: unknown, path: string): unknown[] {
  let current: unknown[] = [body];
  for (const step of pathSteps(path)) {
    const next: unknown[] = [];
    for (const v of current) {
      for (const item of Array.isArray(v) ? v : [v]) {
        if (item && typeof item === "object") {
          const child = (item as Record<string, unknown>)[step];
          if (child !== undefined && child !== null) next.push(child);
        }
      }
    }
    current = next;
  }
  return current.flatMap((v) => (Array.isArray(v) ? v : [v])).filter((v) => v !== undefined && v !== null && v !== "");
}
