import type { EngineError, Json } from "./execution-types";

/**
 * Side effects reach the engine only through these narrow ports; tests pass
 * fakes. The sandbox is synchronous: implementations (QuickJS compiled to
 * WebAssembly) are loaded once, asynchronously, before any step runs.
 */
export type SandboxResult = ({ ok: true; value: Json } | { ok: false; error: EngineError }) & {
  /** What `console.*` printed during a `runCode` (never for expressions); absent when nothing was logged. */
  logs?: LogLine[];
};

export type LogLevel = "log" | "info" | "warn" | "error" | "debug";

/**
 * One `console.*` call of a `code` node: the arguments as Node prints JSON-ish values (strings as
 * is, anything else JSON.stringify'd, joined by spaces), at most MAX_LOG_LINE_CHARS characters; at
 * most MAX_LOG_LINES lines per run, then one `log` line "… N more lines not kept".
 */
export type LogLine = { level: LogLevel; message: string };

export const MAX_LOG_LINES = 100;
export const MAX_LOG_LINE_CHARS = 2000;

export type SandboxLimits = {
  /** Wall-clock budget for one evaluation (default 1000 ms for code, 100 ms for an expression). */
  timeoutMs?: number;
  /** Heap cap for one evaluation (default 32 MiB). */
  memoryBytes?: number;
};

/**
 * Thrown (not returned) by a Sandbox that cannot evaluate anything right now
 * through no fault of the code it was given (e.g. restarting after a host
 * fault). It aborts the whole engine step: the driver rolls the transition
 * back and the job is retried later, instead of failing a node that did
 * nothing wrong.
 */
export class SandboxUnavailableError extends Error {
  override name = "SandboxUnavailableError";
}

export interface Sandbox {
  /** Evaluate one JavaScript expression (the inside of `{{ … }}`) with `scope`'s keys as globals. */
  evaluateExpression(source: string, scope: Record<string, Json>, limits?: SandboxLimits): SandboxResult;
  /** Run a function body (`code` node); its `return` value is the result. */
  runCode(body: string, scope: Record<string, Json>, limits?: SandboxLimits): SandboxResult;
}
