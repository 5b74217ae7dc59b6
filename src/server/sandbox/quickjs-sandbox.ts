import type { QuickJSContext, QuickJSHandle } from "quickjs-emscripten";
import type { EngineError, EngineErrorType, Json } from "@/engine/execution-types";
import {
  MAX_LOG_LINE_CHARS,
  MAX_LOG_LINES,
  SandboxUnavailableError,
  type LogLevel,
  type LogLine,
  type Sandbox,
  type SandboxLimits,
  type SandboxResult,
} from "@/engine/ports";
import { GUEST_BOOTSTRAP, GUEST_BOOTSTRAP_CODE, GUEST_DESCRIBE } from "./guest-bootstrap";
import { InstanceSupply, type WasmInstance } from "./wasm-instance";

/**
 * The engine's Sandbox port on QuickJS compiled to WebAssembly
 * (quickjs-emscripten 0.32, release-sync variant). Not node:vm / vm2: the guest
 * lives in wasm linear memory and gets no host object or function at all.
 *
 * Isolation design: a FRESH QuickJS runtime AND context for every evaluation,
 * both freed afterwards. Measured here (Node 20, 2 busy cores, warm, best of 5
 * runs of 2000; the machine is noisy, ±30 %):
 *   new runtime + new context + dispose ......... ≈ 140-200 µs
 *   new context in a shared runtime + dispose .... ≈ 160-180 µs (raw JS_NewContext ≈ 165 µs: intrinsics)
 *   bare runtime (QTS_NewRuntime/FreeRuntime) .... ≈ 15 µs
 *   evaluation in a reused context ............... ≈ 3-13 µs (STACK.md: 0.03 ms)
 *   compiling the guest bootstrap ................ ≈ 90 µs (QuickJS compiles ≈ 2-4 µs per statement)
 *   whole evaluateExpression("input.a + 1") ...... ≈ 330 µs; a 3-line runCode ≈ 340 µs; a throw ≈ 400 µs
 * So a fresh runtime costs nothing measurable over a fresh context (STACK.md's
 * 0.8 ms was a cold figure). A reused context is ~20× cheaper but cannot be
 * made leak-proof without freezing every intrinsic (SES-style), which breaks
 * ordinary code (the "override mistake": `err.name = "X"` silently fails) and
 * still needs a global reset. A fresh runtime also gives exact per-evaluation
 * limits and frees every leftover (pending jobs, cycles, the Symbol.for
 * registry). Isolation is by construction: nothing outlives one evaluation
 * except the wasm heap, which QuickJS never exposes uninitialised. If the
 * ≈ 0.3 ms ever dominates, the next step is a pool of pre-built contexts
 * (each still used once), not reuse.
 *
 * Limits per evaluation: wall-clock deadline via the interrupt handler (checked
 * by QuickJS every ~10k bytecode ops; a single long native call such as a huge
 * sort can overshoot); heap via the fixed-size wasm memory plus a per-call
 * ballast (see wasm-instance.ts; the scope's parsed copy is not counted);
 * recursion via QuickJS's stack limit, with V8's own stack overflow inside wasm
 * caught as a host fault (the instance is then swapped for a spare).
 *
 * Clock: Date.now() / new Date() / Date() return execution.startedAt
 * (deterministic on replay) and throw a TypeError when the scope has no valid
 * execution.startedAt. `Math.random` is left as is.
 *
 * Logs: in `runCode`, console.log/info/warn/error/debug fill a buffer inside the
 * guest (guest-bootstrap.ts); the host reads it after the evaluation — whether
 * it returned, threw, timed out or ran out of memory — under a short deadline
 * of its own, validates and caps it again (MAX_LOG_LINES, MAX_LOG_LINE_CHARS),
 * and returns it as `SandboxResult.logs` (absent when nothing was logged).
 * Expressions get a console that does nothing.
 */
export type QuickJsSandboxOptions = {
  /** Replaces the port's defaults (100 ms for an expression, 1000 ms for code) for both kinds. */
  defaultTimeoutMs?: number;
  /** Heap for one evaluation when the call gives none (default 32 MiB). */
  defaultMemoryBytes?: number;
  /**
   * Largest heap a call may ask for; sizes each wasm instance (default 2 × defaultMemoryBytes). A call
   * asking for more fails with a SandboxLimit error that says so: never a silent clamp. The instances'
   * memory is reserved, not touched, so a large maximum costs no RSS until an evaluation uses it
   * (measured: 1 GiB instances load in ≈ 40 ms and add nothing to RSS). What an evaluation touched
   * stays resident in that instance afterwards (wasm memory cannot shrink).
   */
  maxMemoryBytes?: number;
  /** QuickJS stack limit (default 256 KiB ≈ 1,500 frames of simple recursion). */
  maxStackBytes?: number;
};

export type QuickJsSandbox = Sandbox & { dispose(): void };

const MiB = 1024 * 1024;
/** Results larger than this many characters of JSON are a SandboxLimit error. */
export const MAX_RESULT_CHARS = 8 * MiB;
const DEFAULT_TIMEOUT = { expression: 100, code: 1000 } as const;
const FILE = { expression: "expression.js", code: "code.js" } as const;
/** Reading the log buffer back runs guest code too (our own, but under a deadline all the same). */
const LOG_READ_TIMEOUT_MS = 100;
const LOG_LEVELS: ReadonlySet<string> = new Set<LogLevel>(["log", "info", "warn", "error", "debug"]);

type Kind = "expression" | "code";
type Described = { name: string; line: string; message: string };

export async function createQuickJsSandbox(options: QuickJsSandboxOptions = {}): Promise<QuickJsSandbox> {
  const defaultMemoryBytes = positive(options.defaultMemoryBytes) ?? 32 * MiB;
  const maxMemoryBytes = Math.max(positive(options.maxMemoryBytes) ?? 2 * defaultMemoryBytes, defaultMemoryBytes);
  const maxStackBytes = positive(options.maxStackBytes) ?? 256 * 1024;
  const timeouts = {
    expression: positive(options.defaultTimeoutMs) ?? DEFAULT_TIMEOUT.expression,
    code: positive(options.defaultTimeoutMs) ?? DEFAULT_TIMEOUT.code,
  };
  const supply = await InstanceSupply.create(maxMemoryBytes);
  let disposed = false;

  const evaluate = (kind: Kind, source: string, scope: Record<string, Json>, limits?: SandboxLimits): SandboxResult => {
    if (disposed) return fail("NodeError", "the sandbox has been disposed");
    const memoryBytes = positive(limits?.memoryBytes) ?? defaultMemoryBytes;
    // Only a workflow's settings.sandbox.memoryMb sets a memory limit (engine/interpreter/step.ts).
    if (memoryBytes > maxMemoryBytes) {
      return fail(
        "SandboxLimit",
        `${kind} asks for ${bytes(memoryBytes)} of memory (the workflow's settings.sandbox.memoryMb) but this worker's sandbox allows at most ${bytes(maxMemoryBytes)}`,
      );
    }
    let job: Job;
    try {
      job = {
        kind,
        source: kind === "expression" ? `(${source}\n)` : `(function () {${source}\n})()`,
        scopeJson: JSON.stringify(scope) ?? "{}",
        startedAtMs: startedAtOf(scope),
        timeoutMs: positive(limits?.timeoutMs) ?? timeouts[kind],
        memoryBytes,
        maxStackBytes,
      };
    } catch (error) {
      return fail("NodeError", `the scope is not JSON: ${messageOf(error)}`);
    }
    const instance = supply.current();
    // Not this code's fault: abort the step (its job is retried) rather than fail the node.
    if (instance === null) throw new SandboxUnavailableError("the sandbox is restarting after a fault; try again");
    try {
      return runJob(instance, job, () => supply.retire(instance));
    } catch (error) {
      supply.retire(instance); // half-unwound wasm state: never reuse this instance
      return hostFault(error);
    }
  };

  return {
    evaluateExpression: (source, scope, limits) => evaluate("expression", source, scope, limits),
    runCode: (body, scope, limits) => evaluate("code", body, scope, limits),
    dispose() {
      disposed = true;
      supply.dispose();
    },
  };
}

type Job = {
  kind: Kind;
  source: string;
  scopeJson: string;
  startedAtMs: number;
  timeoutMs: number;
  memoryBytes: number;
  maxStackBytes: number;
};

/** One evaluation on a fresh runtime + context. Host exceptions propagate (the caller retires the instance). */
function runJob(instance: WasmInstance, job: Job, retire: () => void): SandboxResult {
  let deadline = Number.POSITIVE_INFINITY; // setup (our bootstrap, host data) runs without a deadline
  let interrupted = false;
  const runtime = instance.qjs.newRuntime({
    maxStackSizeBytes: job.maxStackBytes,
    interruptHandler: () => {
      if (performance.now() <= deadline) return false;
      interrupted = true;
      return true;
    },
  });
  const ctx = runtime.newContext();
  const handles: QuickJSHandle[] = [];
  const keep = (handle: QuickJSHandle) => (handles.push(handle), handle);
  let ballast = 0;
  const releaseBallast = () => {
    instance.release(ballast);
    ballast = 0;
  };

  let finishHandle: QuickJSHandle | undefined;
  const evaluated = ((): SandboxResult => {
    const boot = ctx.evalCode(job.kind === "code" ? GUEST_BOOTSTRAP_CODE : GUEST_BOOTSTRAP, "sandbox-bootstrap.js");
    if (boot.error) return setupFailure(ctx, keep(boot.error));
    const args = [ctx.newString(job.scopeJson), ctx.newNumber(job.startedAtMs), ctx.newNumber(MAX_RESULT_CHARS)];
    args.forEach(keep);
    const ready = ctx.callFunction(keep(boot.value), ctx.undefined, ...args);
    if (ready.error) return setupFailure(ctx, keep(ready.error));
    const finish = keep(ready.value);
    finishHandle = finish;

    const thrown = (error: QuickJSHandle, phase: "run" | "result"): SandboxResult => {
      releaseBallast(); // gives the description room when the heap is full
      if (interrupted) return classify(job, null, true, phase);
      // QuickJS may fail to even build its "out of memory" error (it then throws null): ask the heap.
      if (instance.heapFullCount() !== heapFullBefore) return outOfMemory(job);
      const compiled = ctx.evalCode(GUEST_DESCRIBE, "sandbox-describe.js");
      const described = compiled.error ? compiled : ctx.callFunction(keep(compiled.value), ctx.undefined, error);
      if (described.error) {
        keep(described.error);
        return classify(job, null, interrupted, phase);
      }
      return classify(job, parseDescription(ctx.getString(keep(described.value)), job.kind), interrupted, phase);
    };

    ballast = instance.reserve(job.memoryBytes);
    const heapFullBefore = instance.heapFullCount();
    deadline = performance.now() + job.timeoutMs;
    const run = ctx.evalCode(job.source, FILE[job.kind]);
    if (run.error) return thrown(keep(run.error), "run");
    const done = ctx.callFunction(finish, ctx.undefined, keep(run.value));
    if (done.error) return thrown(keep(done.error), "result");
    deadline = Number.POSITIVE_INFINITY;
    const tagged = ctx.typeof(keep(done.value)) === "string" ? ctx.getString(done.value) : "";
    return fromTagged(job, tagged);
  })();

  let result = evaluated;
  if (job.kind === "code" && finishHandle !== undefined) {
    try {
      releaseBallast(); // room to build the buffer's JSON even when the code filled the heap
      deadline = performance.now() + LOG_READ_TIMEOUT_MS;
      const read = ctx.callFunction(finishHandle, ctx.undefined, ctx.undefined, ctx.true);
      deadline = Number.POSITIVE_INFINITY;
      if (read.error) keep(read.error);
      else {
        const text = ctx.typeof(keep(read.value)) === "string" ? ctx.getString(read.value) : "";
        const logs = parseLogs(text);
        if (logs.length > 0) result = { ...evaluated, logs };
      }
    } catch {
      retire(); // the logs are lost; the result stands
    }
  }

  try {
    releaseBallast();
    for (const handle of handles.reverse()) if (handle.alive) handle.dispose();
    ctx.dispose();
    runtime.dispose();
  } catch {
    retire(); // the result stands, but this instance's heap is no longer trustworthy
  }
  return result;
}

/**
 * The guest's `[dropped, level, message, …]` as log lines, trusting nothing: unknown levels and
 * non-strings are skipped, lines are cut again, and a last line says how many were not kept.
 */
export function parseLogs(text: string): LogLine[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(raw) || raw.length === 0) return [];
  const lines: LogLine[] = [];
  let dropped = typeof raw[0] === "number" && Number.isSafeInteger(raw[0]) && raw[0] > 0 ? raw[0] : 0;
  for (let i = 1; i + 1 < raw.length; i += 2) {
    const level: unknown = raw[i];
    const message: unknown = raw[i + 1];
    if (typeof level !== "string" || !LOG_LEVELS.has(level) || typeof message !== "string") continue;
    if (lines.length >= MAX_LOG_LINES) {
      dropped++;
      continue;
    }
    const cut = message.length > MAX_LOG_LINE_CHARS ? `${message.slice(0, MAX_LOG_LINE_CHARS - 1)}\u2026` : message;
    lines.push({ level: level as LogLevel, message: cut });
  }
  if (dropped > 0) lines.push({ level: "warn", message: `\u2026 ${dropped} more line${dropped === 1 ? "" : "s"} not kept` });
  return lines;
}

function fromTagged(job: Job, tagged: string): SandboxResult {
  const noun = job.kind;
  switch (tagged[0]) {
    case "J":
      try {
        return { ok: true, value: JSON.parse(tagged.slice(1)) as Json };
      } catch (error) {
        return fail("NodeError", `sandbox internal error: unreadable result (${messageOf(error)})`, true);
      }
    case "P":
      return fail("NodeError", `${noun} must return a value synchronously (it returned a Promise; async code is not supported)`);
    case "L":
      return fail("SandboxLimit", `result is larger than ${bytes(MAX_RESULT_CHARS)} of JSON (${tagged.slice(1)} characters)`);
    default:
      return fail("NodeError", "sandbox internal error: unexpected result", true);
  }
}

function classify(job: Job, info: Described | null, interrupted: boolean, phase: "run" | "result"): SandboxResult {
  const noun = job.kind;
  if (interrupted) return fail("Timeout", `${noun} ran longer than ${job.timeoutMs} ms`);
  if (info === null) return fail("NodeError", `${noun} threw a value that could not be described`);
  const { name, line, message } = info;
  if (name === "InternalError" && message.startsWith("out of memory")) return outOfMemory(job);
  // Doubling a string builds a rope (shared halves), so it hits QuickJS's length cap before the memory cap.
  if (name === "InternalError" && message === "string too long") return fail("SandboxLimit", `${noun} built a string longer than the sandbox allows`);
  if (message === "stack overflow" || /^maximum call stack size exceeded$/i.test(message)) {
    return fail("SandboxLimit", "maximum call stack size exceeded");
  }
  const text = (name === "" ? `Uncaught ${message}` : `${name}: ${message}`) + (line === "" ? "" : ` (line ${line})`);
  return fail("NodeError", phase === "result" ? `result is not JSON-serialisable: ${text}` : text);
}

function outOfMemory(job: Job): SandboxResult {
  return fail("SandboxLimit", `${job.kind} used more than ${bytes(job.memoryBytes)} of memory`);
}

function setupFailure(ctx: QuickJSContext, error: QuickJSHandle): SandboxResult {
  let detail = "unknown error";
  try {
    detail = JSON.stringify(ctx.dump(error)).slice(0, 500);
  } catch {
    // keep the generic detail
  }
  if (detail.includes("out of memory")) return fail("SandboxLimit", "the scope does not fit in the sandbox memory");
  if (detail.includes("stack overflow")) return fail("SandboxLimit", "the scope is nested too deeply for the sandbox");
  return fail("NodeError", `sandbox setup failed: ${detail}`, true);
}

function hostFault(error: unknown): SandboxResult {
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    return fail("SandboxLimit", "maximum call stack size exceeded");
  }
  return fail("NodeError", `sandbox internal error: ${messageOf(error)}`, true);
}

/** Parses GUEST_DESCRIBE's "name␁message␁lineNumber@fileName␁stack"; the line only for `code`. */
function parseDescription(text: string, kind: Kind): Described {
  const [name = "", message = "", lineAt = "", stack = ""] = text.split("\u0001");
  let line = "";
  if (kind === "code") {
    const [lineNumber = "", fileName = ""] = lineAt.split("@");
    const inStack = /code\.js:(\d+)/.exec(stack);
    line = fileName === FILE.code ? lineNumber : (inStack?.[1] ?? "");
  }
  return { name: name.slice(0, 200), line, message: message.slice(0, 2000) };
}

function startedAtOf(scope: Record<string, Json>): number {
  const execution = scope.execution;
  if (execution === null || typeof execution !== "object" || Array.isArray(execution)) return Number.NaN;
  const startedAt = execution.startedAt;
  return typeof startedAt === "string" ? Date.parse(startedAt) : Number.NaN;
}

function fail(type: EngineErrorType, message: string, retryable?: boolean): SandboxResult {
  const error: EngineError = retryable ? { type, message, retryable } : { type, message };
  return { ok: false, error };
}

function positive(value: number | undefined): number | undefined {
  return typeof value === "number" && Number.isFinite(value) && value > 0 ? value : undefined;
}

function bytes(n: number): string {
  if (n % MiB === 0) return `${n / MiB} MiB`;
  if (n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} bytes`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
