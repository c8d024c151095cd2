/**
 * The one module through which the library imports the CDK for Terraform
 * core. A move to CDK Terrain (`cdktn`) changes this file only.
 */
export {
  Annotations,
  App,
  Aspects,
  GcsBackend,
  LocalBackend,
  Manifest,
  Op,
  TerraformDataSource,
  TerraformLocal,
  TerraformOutput,
  TerraformProvider,
  TerraformResource,
  TerraformStack,
  Testing,
  Token,
  dependable,
} from "cdktf";
export type { IAspect, IStackSynthesizer, ISynthesisSession, ITerraformDependable, TerraformMetaArguments } from "cdktf";
import {
  DefaultTokenResolver,
  StringConcat,
  TerraformElement,
  TerraformOutput,
  TerraformStack as Stack,
  Token as Tokens,
  Tokenization,
  dependable as dependableOf,
  type ITerraformDependable as Dependable,
  type TerraformResource as Resource,
} from "cdktf";
import type { IConstruct } from "constructs";

/**
 * Make `resource` also wait for `dependencies` (appended to its
 * `depends_on`), for an ordering known only once both exist.
 */
export function addDependsOn(resource: Resource, ...dependencies: Dependable[]): void {
  resource.dependsOn = [...(resource.dependsOn ?? []), ...dependencies.map((d) => dependableOf(d))];
}

/**
 * Run `work` (building and synthesizing an app) without the stack trace that
 * cdktf records for every token it creates.
 *
 * cdktf (like `constructs`) captures a *complete* stack trace for each
 * `Lazy`, `Intrinsic` and attribute reference, raising `Error.stackTraceLimit`
 * to `Number.MAX_SAFE_INTEGER` for the capture; the traces only appear in the
 * "object creation stack" of a token resolution error, yet they cost a large
 * share of synth time. `new App({ stackTraces: false })` does not turn them
 * off. While `work` runs, `Error.captureStackTrace` skips exactly those
 * unlimited captures (the token gets an empty creation stack); ordinary
 * errors keep their stack traces. The previous `Error.captureStackTrace` is
 * restored afterwards, even when `work` throws.
 *
 * Uses only the public V8 `Error` API, no cdktf internals: should cdktf stop
 * raising the limit, this becomes a no-op.
 */
export function withoutTokenStackTraces<T>(work: () => T): T {
  const original = Error.captureStackTrace;
  Error.captureStackTrace = function captureUnlessUnlimited(target: object, below?: (...args: never[]) => unknown): void {
    if (Error.stackTraceLimit !== Number.MAX_SAFE_INTEGER) original(target, below ?? captureUnlessUnlimited);
  };
  try {
    return work();
  } finally {
    Error.captureStackTrace = original;
  }
}

/**
 * `attributes` without the keys whose value is `undefined`. For
 * `synthesizeAttributes()` overrides of generated classes with many optional
 * attributes: the Google provider lists about 180 (one per service endpoint),
 * and cdktf snake-cases and resolves every key of every stack's provider
 * twice per synth, which costs about 1 ms per stack. The JSON is the same.
 */
export function definedAttributes(attributes: Record<string, unknown>): Record<string, unknown> {
  const defined: Record<string, unknown> = {};
  for (const key of Object.keys(attributes)) if (attributes[key] !== undefined) defined[key] = attributes[key];
  return defined;
}

/** Whether `fastSynthesis` is running. */
let fast = false;

/**
 * Run `work` (building and synthesizing an app) the fast way, with the same
 * output: without token stack traces (`withoutTokenStackTraces`), and with
 * the lean preparation of every `SovereignStack` (`prepareTokensOf`). Outside
 * it, and under `SOVEREIGN_LZ_DEBUG` in the app, synthesis is plain cdktf.
 */
export function fastSynthesis<T>(work: () => T): T {
  const previous = fast;
  fast = true;
  try {
    return withoutTokenStackTraces(work);
  } finally {
    fast = previous;
  }
}

/** Whether stacks should prepare leanly: inside `fastSynthesis`. */
export function isFastSynthesis(): boolean {
  return fast;
}

const RESOLVER = new DefaultTokenResolver(new StringConcat());
/** What cdktf's resolver treats as a number token inside a string (its `NUMBER_TOKEN_REGEX`), a superset. */
const NUMBER_IN_STRING = /[-|\d|.+]+(e[-|\d|.|e|E|+]+)/;

/** Whether cdktf could find a token in string `s` (a string, list or map token, or a number token inside). */
function mayHoldToken(s: string): boolean {
  return s.includes("TfToken[") || NUMBER_IN_STRING.test(s);
}

/**
 * What `TerraformStack.prepareStack()` does, for less: make sure the stack
 * has a backend, then run cdktf's preparing resolve on every token of every
 * element, which is where cross-stack references register their outputs and
 * remote-state data sources. cdktf resolves each element's whole body to
 * discard it; this walks the body and hands cdktf only the values that hold
 * a token (a string, list or map token, a number token, an `IResolvable`),
 * in the same order, so the same tokens resolve with the same side effects.
 * Plain values have none: the output stays byte for byte the same (a test
 * compares every written file with plain cdktf synthesis).
 */
export function prepareTokensOf(stack: Stack): void {
  stack.ensureBackendExists();
  for (const element of elementsOf(stack)) {
    settleDependsOn(stack, element);
    prepareValue(stack, element.toTerraform());
  }
}

/**
 * An element's `depends_on` entries are tokens (cdktf's `dependable()`, one
 * per dependency) that name another element, `type.name`: they are most of
 * the tokens of a landing zone. Resolved here once, by the preparing resolve
 * (which registers a cross-stack one, as cdktf's preparation would), and
 * kept as the names they resolve to, so that the final resolve has none of
 * them left to resolve. Only when every entry resolves to a plain name.
 */
function settleDependsOn(scope: Stack, element: TerraformElement): void {
  const holder = element as { dependsOn?: unknown };
  const entries = holder.dependsOn;
  if (!Array.isArray(entries) || !entries.length || !entries.every((d) => typeof d === "string")) return;
  if (!entries.some(mayHoldToken)) return;
  const names = entries.map((d: string) => (mayHoldToken(d) ? Tokenization.resolve(d, { scope, preparing: true, resolver: RESOLVER }) : d));
  if (names.every((n) => typeof n === "string" && !mayHoldToken(n))) holder.dependsOn = names;
}

/** The Terraform elements of `node`'s stack, in cdktf's order (nested stacks excluded). */
function elementsOf(node: IConstruct, into: TerraformElement[] = []): TerraformElement[] {
  if (TerraformElement.isTerraformElement(node)) into.push(node);
  for (const child of node.node.children) if (!Stack.isStack(child)) elementsOf(child, into);
  return into;
}

function prepareValue(scope: Stack, value: unknown): void {
  const prepare = () => Tokenization.resolve(value, { scope, preparing: true, resolver: RESOLVER });
  if (typeof value === "string") {
    if (mayHoldToken(value)) prepare();
  } else if (typeof value === "number") {
    if (Tokens.isUnresolved(value)) prepare();
  } else if (typeof value === "function") {
    prepare(); // cdktf refuses it, with its own message
  } else if (Array.isArray(value)) {
    // A list token (string or number) makes cdktf resolve the array as a whole.
    if (value.some((x) => (typeof x === "string" || typeof x === "number") && Tokens.isUnresolved([x]))) prepare();
    else for (const x of value) prepareValue(scope, x);
  } else if (value !== null && typeof value === "object" && !(value instanceof Date)) {
    const keys = Object.keys(value);
    if (Tokenization.isResolvable(value) || keys.some(mayHoldToken) || "node" in value) prepare();
    else for (const key of keys) prepareValue(scope, (value as Record<string, unknown>)[key]);
  }
}

/**
 * What `TerraformStack.toTerraform()` returns, for less: the same document
 * (metadata, outputs, every element's fragment, then the stack's
 * `overrides`, merged as cdktf merges them), resolved by `resolveLean`,
 * which hands cdktf only the values that hold a token. `overrides` are the
 * stack's own `addOverride` values (cdktf keeps them private).
 */
export function terraformOf(stack: Stack, overrides: Record<string, unknown>): Record<string, unknown> {
  const elements = elementsOf(stack);
  const metadata: Record<string, unknown> = {
    version: stack.node.tryGetContext("cdktfVersion"),
    stackName: stack.node.id,
    backend: "local", // backends overwrite it
    cloud: undefined,
    ...(Object.keys(overrides).length > 0 ? { overrides: { stack: Object.keys(overrides) } } : {}),
  };
  for (const meta of elements.map((e) => resolveLean(stack, e.toMetadata()) as Record<string, unknown>)) mergeInto(metadata, meta);
  const outputs: Record<string, unknown> = {};
  for (const output of elements.filter(TerraformOutput.isTerraformOutput)) {
    const nested = output.node.path.split("/").reduceRight<Record<string, unknown>>((inner, part) => {
      return Object.keys(inner).length === 0 ? { [part]: output.friendlyUniqueId } : { [part]: inner };
    }, {});
    mergeInto(outputs, nested);
  }
  const tf: Record<string, unknown> = { "//": { metadata, outputs } };
  for (const fragment of elements.map((e) => resolveLean(stack, e.toTerraform()) as Record<string, unknown>)) mergeInto(tf, fragment);
  mergeInto(tf, overrides);
  return resolveLean(stack, tf) as Record<string, unknown>;
}

/**
 * Set `value` at the dotted `path` of `overrides`, as `addOverride` does:
 * for a stack's own record of its overrides (see `terraformOf`).
 */
export function setOverride(overrides: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split(".");
  let current = overrides;
  for (const key of parts.slice(0, -1)) {
    const next = current[key];
    if (next == null || typeof next !== "object" || Array.isArray(next)) current[key] = {};
    current = current[key] as Record<string, unknown>;
  }
  current[parts[parts.length - 1]] = value;
}

/** cdktf's merge of fragments: objects merge, arrays concatenate, `undefined` deletes, tokens are kept whole. */
function mergeInto(target: Record<string, any>, source: Record<string, any>): void {
  if (Tokenization.isResolvable(target)) throw new Error(`cannot merge into a token: ${String(target)}`);
  if (typeof source !== "object" || typeof target !== "object") throw new Error(`cannot merge a ${typeof source} into a ${typeof target}`);
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (typeof value === "object" && value != null && !Array.isArray(value)) {
      if (typeof target[key] !== "object") target[key] = {};
      if (Tokenization.isResolvable(value)) target[key] = value;
      else mergeInto(target[key], value);
    } else if (Array.isArray(value)) {
      target[key] = Array.isArray(target[key]) ? [...target[key], ...value] : value;
    } else if (value === undefined) delete target[key];
    else target[key] = value;
  }
}

/**
 * `value` resolved as cdktf's resolve does (tokens evaluated, `undefined`
 * dropped from objects and arrays), handing cdktf only the values that hold
 * a token: plain values come back as they are, without cdktf's contexts.
 */
function resolveLean(scope: Stack, value: unknown): unknown {
  const resolve = () => Tokenization.resolve(value, { scope, preparing: false, resolver: RESOLVER });
  if (typeof value === "string") return mayHoldToken(value) ? resolve() : value;
  if (typeof value === "number") return Tokens.isUnresolved(value) ? resolve() : value;
  if (typeof value === "function") return resolve(); // cdktf refuses it, with its own message
  if (value === null || typeof value !== "object" || value instanceof Date) return value;
  if (Array.isArray(value)) {
    if (value.some((x) => (typeof x === "string" || typeof x === "number") && Tokens.isUnresolved([x]))) return resolve();
    return value.map((x) => resolveLean(scope, x)).filter((x) => x !== undefined);
  }
  const keys = Object.keys(value);
  if (Tokenization.isResolvable(value) || keys.some(mayHoldToken) || "node" in value) return resolve();
  const result: Record<string, unknown> = {};
  for (const key of keys) {
    const resolved = resolveLean(scope, (value as Record<string, unknown>)[key]);
    if (resolved !== undefined) result[key] = resolved;
  }
  return result;
}
