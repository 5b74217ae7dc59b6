/**
 * The contract between the pure interpreter (src/engine/interpreter) and the
 * durable driver (src/server/execution): what goes in (events), what comes
 * out (commands, node-run updates, a new state). Everything here is plain
 * JSON so the state can be stored as jsonb and events replayed.
 *
 * Terminology
 * - execution: one run of one workflow version, with one input.
 * - node instance / run key: one occurrence of a node in an execution. Outside
 *   loops the run key is the node id; inside a loop body it is prefixed by the
 *   loop's run key and iteration index: `each#2/fetch`, nested
 *   `outer#1/inner#3/x`. Stable: the same path always gives the same key.
 * - attempt: 1-based try of a node instance (retries add attempts). The
 *   NodeRun row key is `${runKey}@${attempt}`; the idempotency key sent to
 *   the outside world is `${executionId}:${runKey}` (the SAME on every retry).
 * - effect node: a node that touches the outside world (http.request,
 *   subworkflow, approval, delay, wait) and so needs its own job. Every other
 *   node (incl. `code`, through the sandbox port) completes inside one step.
 */

import type { LogLine } from "./ports";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export type EngineErrorType = "NodeError" | "Timeout" | "Cancelled" | "ValidationError" | "SandboxLimit";

/** Errors are data with a code; retryability is a field, never inferred from the message. */
export type EngineError = {
  type: EngineErrorType;
  message: string;
  nodeId?: string;
  retryable?: boolean;
  /** A stable machine-readable reason where one exists, e.g. `HTTP_REQUEST_REFUSED` (the SSRF guard). */
  code?: string;
};

export type ExecutionMode = "normal" | "test" | "debug";
export type ExecutionStatus = "queued" | "running" | "waiting" | "succeeded" | "failed" | "cancelled" | "timed_out";
export const TERMINAL_STATUSES = ["succeeded", "failed", "cancelled", "timed_out"] as const;
export type TerminalStatus = (typeof TERMINAL_STATUSES)[number];
export const isTerminalStatus = (status: string): status is TerminalStatus =>
  (TERMINAL_STATUSES as readonly string[]).includes(status);
export type NodeRunStatus = "running" | "waiting" | "succeeded" | "failed" | "skipped" | "cancelled";

export const EFFECT_NODE_TYPES = ["http.request", "subworkflow", "approval", "delay", "wait"] as const;
export type EffectNodeType = (typeof EFFECT_NODE_TYPES)[number];

/** Facts about the step being taken; the engine never reads a clock itself. */
export type StepContext = {
  executionId: string;
  /** ISO time the execution started (the only clock expressions may see). */
  startedAt: string;
  mode: ExecutionMode;
  /** ISO time of this step, used to compute timer deadlines. */
  now: string;
};

export type ApprovalDecision = {
  decision: "approved" | "rejected";
  data?: Json;
  by?: string;
  comment?: string;
  /** ISO time of the decision. */
  at: string;
};

/** What happened, delivered to the interpreter one at a time. */
export type EngineEvent =
  | { type: "started"; input: Json }
  | { type: "effect-succeeded"; runKey: string; attempt: number; output: Json }
  | { type: "effect-failed"; runKey: string; attempt: number; error: EngineError }
  | { type: "timer-fired"; timerId: string }
  | { type: "approval-decided"; runKey: string; decision: ApprovalDecision }
  | { type: "child-finished"; runKey: string; status: TerminalStatus; output: Json; error: EngineError | null }
  | { type: "cancel-requested" }
  | { type: "execution-timed-out" }
  /** The driver stopped the execution for exceeding a resource limit (e.g. node runs per execution). */
  | { type: "limit-exceeded"; error: EngineError };

export type TimerPurpose = "delay" | "retry" | "approval-timeout" | "subworkflow-timeout";

/** What the driver must do after the step's transaction commits (enqueued inside it). */
export type EngineCommand =
  | {
      type: "run-effect";
      runKey: string;
      nodeId: string;
      nodeType: "http.request";
      attempt: number;
      /** The node's config with every expression already evaluated. */
      config: Json;
      input: Json;
      timeoutMs?: number;
      idempotencyKey: string;
    }
  | { type: "schedule-timer"; timerId: string; fireAt: string; purpose: TimerPurpose }
  | {
      type: "create-approval";
      runKey: string;
      nodeId: string;
      title: string;
      description?: string;
      assignees: string[];
      form?: Json;
    }
  /** The approval no longer waits for a decision (its instance was cancelled, or it timed out). */
  | { type: "close-approval"; runKey: string; reason: "cancelled" | "expired" }
  | { type: "start-child"; runKey: string; nodeId: string; workflowId: string; input: Json; waitForCompletion: boolean }
  | { type: "cancel-child"; runKey: string }
  | { type: "abort-effect"; runKey: string };

/** A node run whose status changed in this step; the driver upserts the NodeRun row by (runKey, attempt). */
export type NodeRunUpdate = {
  runKey: string;
  nodeId: string;
  nodeType: string;
  attempt: number;
  status: NodeRunStatus;
  input?: Json;
  output?: Json;
  error?: EngineError;
  /**
   * Succeeded updates only: the output handles whose edges fired live, so a viewer can show the path
   * taken without guessing — the regions the instance opened (a loop's `body` when an iteration ran;
   * a try's `try`, `catch` when it caught, `finally` when it got there), then the handle it completed
   * on (an if's `true`/`false`, a switch's case, an approval's decision, `out`, a loop's `done`).
   * Empty when no edge fired live (a node without outputs, e.g. break).
   */
  handles?: string[];
  /** What a `code` node's `console.*` printed during this attempt (terminal updates only; absent when nothing). */
  logs?: LogLine[];
};

/** The interpreter's whole view of one execution; opaque to everyone else, stored as jsonb. */
export type ExecutionState = {
  status: Exclude<ExecutionStatus, "queued">;
  input: Json;
  /** Set once terminal. */
  output?: Json;
  error?: EngineError;
  /** Interpreter-owned bookkeeping (node instances, frames, variables, timers…). */
  [key: string]: unknown;
};

export type StepResult = {
  state: ExecutionState;
  commands: EngineCommand[];
  runUpdates: NodeRunUpdate[];
};
