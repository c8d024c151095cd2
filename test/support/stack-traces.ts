/**
 * Jest maps every stack trace through source maps, so failures point to `.ts` lines. cdktf (and `constructs`)
 * also capture a full stack trace for every token they create, into a plain object (`{ stack: "" }`, not an Error),
 * to keep as the token's creation stack: mapping those, once per test file through the source maps of every module
 * on the stack, cdktf's inline ones included, was about a third of a synthesizing test file's CPU time. Those traces
 * are formatted as V8 formats them by default, unmapped; errors keep their mapped traces. The synthesized JSON does
 * not depend on them.
 */
import { types } from "node:util";

const mapped = Error.prepareStackTrace;
if (mapped) {
  Error.prepareStackTrace = (target: unknown, frames: NodeJS.CallSite[]) =>
    types.isNativeError(target) ? mapped(target as Error, frames) : `${String(target)}${frames.map((frame) => `\n    at ${frame}`).join("")}`;
}
