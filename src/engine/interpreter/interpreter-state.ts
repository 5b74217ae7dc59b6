import type { EngineError, ExecutionState, Json, TimerPurpose } from "../execution-types";

/**
 * The interpreter's bookkeeping inside `ExecutionState` (under `engine`). Plain
 * JSON only: it is stored as jsonb and MUST survive JSON.stringify/parse between
 * steps, so no `undefined` inside arrays, no Maps/Sets, no class instances.
 *
 * Terminology
 * - frame: where node instances live. The root frame has key "". Each loop
 *   iteration is a frame keyed `${loopRunKey}#${index}`; a node's run key is
 *   `${frameKey}/${nodeId}` (just `nodeId` in the root frame). Try regions do
 *   not open frames: their nodes live in the try node's frame.
 * - instance: one node in one frame. It is created `pending` by its first
 *   arrival, becomes `ready` when its inputs are complete, then runs. A
 *   `cancelled` instance that never started is a tombstone: it makes later
 *   arrivals be ignored (join losers) and never produced a NodeRun row.
 * - arrival: an edge that fired into an instance, live (with the source's
 *   output and node-scoped variables) or dead (the branch was not taken).
 * - seq: a counter bumped on every arrival and completion; orders arrivals
 *   ("arrival order") and completions ("last completed node").
 * - finished frames are deleted (their results live on in the loop instance
 *   and in `latestOutputs`), so state stays bounded by what is in flight.
 */

export type InstanceStatus =
  | "pending"
  | "ready"
  | "running"
  | "waiting"
  /** Failed an attempt; a retry timer will start the next one. */
  | "retrying"
  | "succeeded"
  | "failed"
  | "skipped"
  | "cancelled";

export const TERMINAL_INSTANCE_STATUSES: ReadonlySet<InstanceStatus> = new Set([
  "succeeded",
  "failed",
  "skipped",
  "cancelled",
]);

export type Arrival = {
  from: string;
  live: boolean;
  seq: number;
  output?: Json;
  vars?: Record<string, Json>;
};

/** What an in-flight effect node is waiting for. */
export type EffectWait =
  | { kind: "http" }
  | { kind: "timer"; timerId: string }
  | { kind: "approval"; timerId?: string }
  | { kind: "child"; timerId?: string };

export type LoopBook = {
  mode: "for" | "while" | "repeat";
  /** for: the evaluated items. */
  items?: Json[];
  /** repeat: the evaluated count. */
  times?: number;
  maxIterations: number;
  concurrency: number;
  /** Index of the next iteration to start. */
  next: number;
  /** Iterations in flight. */
  active: number[];
  /** Results of finished iterations (not those ended by break/continue), any order. */
  results: { index: number; value: Json }[];
  /** Set by break (or a false while-condition): no more iterations start. */
  stopped: boolean;
};

export type TryBook = {
  phase: "try" | "catch" | "finally";
  /** The error caught from the try region (what `error` is in the catch region). */
  caught?: ErrorObject;
  /** Raised again at the try node once finally has run (no catch region, or an error in catch). */
  pendingError?: EngineError;
  /** The try (or catch) region's result, the try node's output on `out`. */
  result?: Json;
};

/** `{ message, nodeId, type }`: the `error` of catch regions and of onError "continue" outputs. */
export type ErrorObject = { message: string; nodeId: string | null; type: string };

export type Instance = {
  nodeId: string;
  status: InstanceStatus;
  attempt: number;
  /** Arrivals by edge index; dropped once the instance starts. */
  arrivals?: Record<string, Arrival>;
  input?: Json;
  /** Node-scoped variables flowing in along the branch (and out, plus what a variable.set adds). */
  vars?: Record<string, Json>;
  output?: Json;
  /** Completion order (succeeded instances). */
  doneSeq?: number;
  wait?: EffectWait;
  loop?: LoopBook;
  try?: TryBook;
};

export type Frame = {
  /** Run key of the loop instance owning this iteration; null for the root frame. */
  loopKey: string | null;
  loopNodeId: string | null;
  parent: string | null;
  index: number;
  item: Json;
  /** What the body's entry nodes received; the iteration's result if no body node completes. */
  entry: Json;
  /** Loop-scoped variables of this iteration. */
  vars: Record<string, Json>;
  instances: Record<string, Instance>;
  /** Why the iteration ended early; such an iteration adds no result. */
  ended?: "break" | "continue" | "failed" | "cancelled";
};

export type TimerBook = { runKey: string; attempt: number; purpose: TimerPurpose };

export type EngineBook = {
  frames: Record<string, Frame>;
  workflowVars: Record<string, Json>;
  /** Timers still relevant; a timer-fired for any other id is stale. */
  timers: Record<string, TimerBook>;
  seq: number;
  /** Latest output of every node id, any frame (the `nodes` scope outside the current frames). */
  latestOutputs: Record<string, Json>;
  /** Set by `output` nodes: the execution's result. */
  result?: { value: Json };
  /** The last completed node's output: the result when no output node ran. */
  last?: { value: Json };
};

export type InterpreterState = ExecutionState & { engine: EngineBook };

export const ROOT_FRAME = "";

export function runKeyOf(frameKey: string, nodeId: string): string {
  return frameKey === ROOT_FRAME ? nodeId : `${frameKey}/${nodeId}`;
}

export function splitRunKey(runKey: string): { frameKey: string; nodeId: string } {
  const slash = runKey.lastIndexOf("/");
  return slash === -1
    ? { frameKey: ROOT_FRAME, nodeId: runKey }
    : { frameKey: runKey.slice(0, slash), nodeId: runKey.slice(slash + 1) };
}

export function iterationFrameKey(loopRunKey: string, index: number): string {
  return `${loopRunKey}#${index}`;
}

export function isTerminal(instance: Instance): boolean {
  return TERMINAL_INSTANCE_STATUSES.has(instance.status);
}

export function isInterpreterState(state: ExecutionState): state is InterpreterState {
  const engine = state.engine as Partial<EngineBook> | undefined;
  return typeof engine === "object" && engine !== null && typeof engine.frames === "object";
}
