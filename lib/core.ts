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

const PREPARING = new DefaultTokenResolver(new StringConcat());
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
  for (const element of elementsOf(stack)) prepareValue(stack, element.toTerraform());
}

/** The Terraform elements of `node`'s stack, in cdktf's order (nested stacks excluded). */
function elementsOf(node: IConstruct, into: TerraformElement[] = []): TerraformElement[] {
  if (TerraformElement.isTerraformElement(node)) into.push(node);
  for (const child of node.node.children) if (!Stack.isStack(child)) elementsOf(child, into);
  return into;
}

function prepareValue(scope: Stack, value: unknown): void {
  const prepare = () => Tokenization.resolve(value, { scope, preparing: true, resolver: PREPARING });
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
