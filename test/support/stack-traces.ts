/**
 * cdktf (and `constructs`) capture a complete stack trace for every token they create, into a plain object
 * (`{ stack: "" }`, not an Error), raising `Error.stackTraceLimit` to `Number.MAX_SAFE_INTEGER` for it, to keep as
 * the token's creation stack (shown in token resolution errors). Under jest, such a stack is deep (jest's own frames
 * below the test's), and jest maps every trace through source maps: once per test file through the source map of
 * every module on the stack, cdktf's inline ones included. That was about a third of the CPU time of a test file that
 * synthesizes, and a tenth after mapping stopped. In tests those captures keep the 10 nearest frames (Node's default
 * depth), formatted as V8 formats them by default, unmapped. Errors keep their mapped traces. The synthesized JSON
 * does not depend on creation stacks (`withoutTokenStackTraces`, which the app uses, drops them).
 */
import { types } from "node:util";

/** Frames kept of a token's creation stack: Node's default `Error.stackTraceLimit`. */
const TOKEN_STACK_DEPTH = 10;

const capture = Error.captureStackTrace;
Error.captureStackTrace = function captureNearest(target: object, below?: (...args: never[]) => unknown): void {
  if (Error.stackTraceLimit !== Number.MAX_SAFE_INTEGER) return capture(target, below ?? captureNearest);
  Error.stackTraceLimit = TOKEN_STACK_DEPTH;
  try {
    capture(target, below ?? captureNearest);
  } finally {
    Error.stackTraceLimit = Number.MAX_SAFE_INTEGER;
  }
};

const mapped = Error.prepareStackTrace;
if (mapped) {
  Error.prepareStackTrace = (target: unknown, frames: NodeJS.CallSite[]) =>
    types.isNativeError(target) ? mapped(target as Error, frames) : `${String(target)}${frames.map((frame) => `\n    at ${frame}`).join("")}`;
}
