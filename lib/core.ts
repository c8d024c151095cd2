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
import { dependable as dependableOf, type ITerraformDependable as Dependable, type TerraformResource as Resource } from "cdktf";

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
