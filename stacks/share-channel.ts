/**
 * The channel between a parallel synthesis and its threads (`synth-threads.ts`
 * starts them, `synth-share.ts` is what they run): a thread gets its share as
 * `workerData` and answers once, on a message port; a shared flag tells the
 * main thread, which waits without an event loop (`Atomics.wait`), that the
 * answer is there, or that the thread stopped without one. Node built-ins
 * only: a thread loads this module before anything that could fail to load.
 */
import { isMainThread, MessageChannel, receiveMessageOnPort, Worker, workerData, type MessagePort } from "node:worker_threads";

/** What a thread is given. */
export interface ShareTask<Input> {
  readonly input: Input;
  readonly port: MessagePort;
  /** `[0]`: 0 while the thread works, 1 answered, 2 stopped; `[1]`: 1 when the main thread asks it to stop early. */
  readonly flags: Int32Array;
}

/** A thread's answer: its result, or the message of what went wrong. */
type Answer<Output> = { readonly output: Output } | { readonly error: string };

const WORKING = 0;
const ANSWERED = 1;
const STOPPED = 2;

/** A thread working on a share. */
export interface Share<Output> {
  /** Wait for the thread's answer; throws its error (one line) if it failed. */
  result(): Output;
  /** Ask the thread to stop early, and wait until it has. */
  stop(): void;
}

/** Start a thread running `entry` on `input` (plain data: it is copied). */
export function startShare<Input, Output>(entry: string, input: Input): Share<Output> {
  const { port1, port2 } = new MessageChannel();
  const flags = new Int32Array(new SharedArrayBuffer(8));
  const task: ShareTask<Input> = { input, port: port2, flags };
  const worker = new Worker(entry, { workerData: task, transferList: [port2] });
  worker.on("error", () => {}); // the thread's own handler answers with the error
  let answer: Answer<Output> | undefined;
  const wait = (): Answer<Output> => {
    if (answer) return answer;
    while (Atomics.load(flags, 0) === WORKING) Atomics.wait(flags, 0, WORKING);
    answer = receiveMessageOnPort(port1)?.message ?? { error: "a synthesis thread stopped without answering" };
    port1.close();
    worker.unref();
    return answer!;
  };
  return {
    result: () => {
      const a = wait();
      if ("error" in a) throw new Error(a.error);
      return a.output;
    },
    stop: () => {
      Atomics.store(flags, 1, 1);
      wait();
    },
  };
}

/** In a thread: whether the main thread asked it to stop early. */
export function stopRequested(task: ShareTask<unknown>): boolean {
  return Atomics.load(task.flags, 1) === 1;
}

/** In a thread: answer `work()`'s result, or its error. */
export function answerShare<Input, Output>(work: (task: ShareTask<Input>) => Output): void {
  const task = workerData as ShareTask<Input>;
  try {
    send(task, { output: work(task) });
  } catch (e) {
    send(task, { error: e instanceof Error ? e.message : String(e) });
  }
}

function send(task: ShareTask<unknown>, answer: Answer<unknown>): void {
  if (Atomics.load(task.flags, 0) !== WORKING) return;
  task.port.postMessage(answer);
  task.port.close();
  Atomics.store(task.flags, 0, ANSWERED);
  Atomics.notify(task.flags, 0);
}

// A thread that fails to load its modules, or dies, still tells the main thread, which would otherwise wait forever.
if (!isMainThread && (workerData as ShareTask<unknown> | undefined)?.flags instanceof Int32Array) {
  const task = workerData as ShareTask<unknown>;
  process.on("uncaughtException", (e) => {
    send(task, { error: e instanceof Error ? e.message : String(e) });
    process.exit(1);
  });
  process.on("exit", () => {
    if (Atomics.compareExchange(task.flags, 0, WORKING, STOPPED) === WORKING) Atomics.notify(task.flags, 0);
  });
}
