import { expect } from "vitest";
import type {
  ApprovalDecision,
  EngineCommand,
  EngineError,
  EngineEvent,
  ExecutionState,
  Json,
  NodeRunUpdate,
  StepContext,
  StepResult,
  TerminalStatus,
} from "../execution-types";
import { node, workflowOf, type NodeSpec } from "../fixtures/test-documents";
import type { Sandbox, SandboxResult } from "../ports";
import { formatProblem, validateWorkflow } from "../validate-workflow";
import type { WorkflowDocument } from "../workflow-schema";
import { applyEvent, startExecution } from "./index";

/**
 * Test harness for the interpreter (tests only).
 *
 * - `buildWorkflow` builds a document from `node(...)` specs and `"a.handle -> b"`
 *   edges and runs it through the REAL validator, so every test graph is a valid
 *   document. The document is deep-frozen.
 * - `fakeSandbox` evaluates JavaScript with `new Function` in this process: NO
 *   isolation, NO limits. It is a FAKE for tests only and must never be used
 *   outside them.
 * - `Simulation` is a fake durable driver: it answers commands (http through a
 *   scripted function, timers in fireAt order by advancing a fake clock,
 *   approvals and children through scripted functions), and between EVERY step
 *   it JSON-round-trips the state and deep-freezes it (a mutation of the input
 *   state throws), and applies each event twice to check determinism.
 */

export { node };
export const T0 = "2025-01-01T00:00:00.000Z";
export const EXECUTION_ID = "exec-1";

export function buildWorkflow(
  nodes: readonly NodeSpec[],
  edges: readonly string[],
  extra: { settings?: Record<string, unknown> } = {},
): WorkflowDocument {
  const result = validateWorkflow({ ...workflowOf(nodes, edges), ...extra });
  if (!result.ok) throw new Error(`invalid test workflow:\n${result.problems.map(formatProblem).join("\n")}`);
  return deepFreeze(result.workflow);
}

export function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

function runInProcess(body: string, scope: Record<string, Json>): SandboxResult {
  try {
    const keys = Object.keys(scope);
    const fn = new Function(...keys, `"use strict";\n${body}`) as (...args: unknown[]) => unknown;
    const value = fn(...keys.map((key) => structuredClone(scope[key])));
    return { ok: true, value: value === undefined ? null : (JSON.parse(JSON.stringify(value) ?? "null") as Json) };
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { ok: false, error: { type: "NodeError", message, retryable: false } };
  }
}

/** FAKE sandbox (tests only): `new Function` in-process, no isolation, no limits. */
export const fakeSandbox: Sandbox = {
  evaluateExpression: (source, scope) => runInProcess(`return (${source});`, scope),
  runCode: (body, scope) => runInProcess(body, scope),
};

type RunEffect = Extract<EngineCommand, { type: "run-effect" }>;
type CreateApproval = Extract<EngineCommand, { type: "create-approval" }>;
type StartChild = Extract<EngineCommand, { type: "start-child" }>;

export type HttpReply = { output: Json; afterMs?: number } | { error: EngineError; afterMs?: number } | "hang";
export type ApprovalReply = { decision: ApprovalDecision; afterMs?: number } | "never";
export type ChildReply =
  | { status: TerminalStatus; output?: Json; error?: EngineError | null; afterMs?: number }
  | "never";

export type Script = {
  /** Default: 200 with the request's body echoed, answered at once. `call` counts from 0 over the run. */
  http?: (command: RunEffect, call: number) => HttpReply;
  /** Default: never decided. */
  approval?: (command: CreateApproval) => ApprovalReply;
  /** Default: the child succeeds at once with `{ child: workflowId, input }`. */
  child?: (command: StartChild) => ChildReply;
  /** Events injected at a time (ms after T0), e.g. cancel-requested. */
  events?: { atMs: number; event: EngineEvent }[];
  sandbox?: Sandbox;
  mode?: StepContext["mode"];
};

export type StepRecord = { event: EngineEvent | { type: "start" }; atMs: number } & StepResult;

export class Simulation {
  clockMs = 0;
  state: ExecutionState | undefined;
  readonly steps: StepRecord[] = [];
  readonly updates: NodeRunUpdate[] = [];
  readonly commands: EngineCommand[] = [];
  private readonly queue: { atMs: number; seq: number; event: EngineEvent }[] = [];
  private seq = 0;
  private httpCalls = 0;

  constructor(
    readonly workflow: WorkflowDocument,
    readonly script: Script = {},
  ) {
    for (const { atMs, event } of script.events ?? []) this.push(atMs, event);
  }

  ctx(): StepContext {
    return { executionId: EXECUTION_ID, startedAt: T0, mode: this.script.mode ?? "normal", now: this.nowIso() };
  }

  nowIso(): string {
    return new Date(Date.parse(T0) + this.clockMs).toISOString();
  }

  private ports() {
    return { sandbox: this.script.sandbox ?? fakeSandbox };
  }

  start(input: Json = {}): StepResult {
    const result = startExecution(this.workflow, deepFreeze(structuredClone(input)), this.ctx(), this.ports());
    const again = startExecution(this.workflow, structuredClone(input), this.ctx(), this.ports());
    expect(JSON.stringify(again)).toBe(JSON.stringify(result));
    return this.record({ type: "start" }, result);
  }

  /** Applies one event to the JSON round-tripped, frozen state (checking purity and determinism). */
  apply(event: EngineEvent): StepResult {
    if (this.state === undefined) throw new Error("start the simulation first");
    const stored = deepFreeze(JSON.parse(JSON.stringify(this.state)) as ExecutionState);
    const result = applyEvent(this.workflow, stored, event, this.ctx(), this.ports());
    const again = applyEvent(this.workflow, stored, event, this.ctx(), this.ports());
    expect(JSON.stringify(again)).toBe(JSON.stringify(result));
    // A state handed over (a fresh parse, as the durable driver passes it) gives the same step, uncloned.
    const handedOver = applyEvent(this.workflow, JSON.parse(JSON.stringify(this.state)) as ExecutionState, event, this.ctx(), this.ports(), { handedOver: true });
    if (result.state !== stored) expect(JSON.stringify(handedOver)).toBe(JSON.stringify(result));
    if (result.state === stored) {
      expect(result.commands).toEqual([]);
      expect(result.runUpdates).toEqual([]);
    }
    return this.record(event, result);
  }

  private record(event: StepRecord["event"], result: StepResult): StepResult {
    this.state = result.state;
    this.steps.push({ event, atMs: this.clockMs, ...result });
    this.updates.push(...result.runUpdates);
    this.commands.push(...result.commands);
    for (const command of result.commands) this.answer(command);
    return result;
  }

  private push(atMs: number, event: EngineEvent): void {
    this.queue.push({ atMs, seq: this.seq++, event });
  }

  private answer(command: EngineCommand): void {
    const now = this.clockMs;
    switch (command.type) {
      case "run-effect": {
        const reply = (this.script.http ?? defaultHttp)(command, this.httpCalls++);
        if (reply === "hang") return;
        const { runKey, attempt } = command;
        const at = now + (reply.afterMs ?? 0);
        if ("error" in reply) this.push(at, { type: "effect-failed", runKey, attempt, error: reply.error });
        else this.push(at, { type: "effect-succeeded", runKey, attempt, output: reply.output });
        return;
      }
      case "schedule-timer":
        this.push(Date.parse(command.fireAt) - Date.parse(T0), { type: "timer-fired", timerId: command.timerId });
        return;
      case "create-approval": {
        const reply = (this.script.approval ?? (() => "never" as const))(command);
        if (reply !== "never") {
          this.push(now + (reply.afterMs ?? 0), { type: "approval-decided", runKey: command.runKey, decision: reply.decision });
        }
        return;
      }
      case "start-child": {
        const reply = (this.script.child ?? defaultChild)(command);
        if (reply === "never") return;
        const event: EngineEvent = {
          type: "child-finished",
          runKey: command.runKey,
          status: reply.status,
          output: reply.output ?? null,
          error: reply.error ?? null,
        };
        this.push(now + (reply.afterMs ?? 0), event);
        return;
      }
      case "abort-effect":
      case "cancel-child":
        return;
    }
  }

  /** Delivers the earliest pending event (advancing the clock); false when none is left. */
  deliverNext(): boolean {
    if (this.queue.length === 0) return false;
    this.queue.sort((a, b) => a.atMs - b.atMs || a.seq - b.seq);
    const next = this.queue.shift()!;
    this.clockMs = Math.max(this.clockMs, next.atMs);
    this.apply(next.event);
    return true;
  }

  /** Delivers events until none is left (terminal states ignore the rest), at most `maxSteps`. */
  runToEnd(maxSteps = 20_000): this {
    for (let i = 0; i < maxSteps; i++) if (!this.deliverNext()) return this;
    throw new Error(`simulation did not settle within ${maxSteps} events`);
  }

  get status() {
    return this.state?.status;
  }

  /** `runKey status`, with `@attempt` when attempt > 1, in emission order. */
  get timeline(): string[] {
    return this.updates.map((u) => `${u.runKey}${u.attempt > 1 ? `@${u.attempt}` : ""} ${u.status}`);
  }

  /** Final status of each NodeRun row (`runKey@attempt`). */
  get runs(): Record<string, string> {
    const runs: Record<string, string> = {};
    for (const u of this.updates) runs[`${u.runKey}@${u.attempt}`] = u.status;
    return runs;
  }

  /** The last update of a run key (any attempt). */
  lastUpdate(runKey: string): NodeRunUpdate | undefined {
    return this.updates.filter((u) => u.runKey === runKey).at(-1);
  }

  commandsOf<Type extends EngineCommand["type"]>(type: Type): Extract<EngineCommand, { type: Type }>[] {
    return this.commands.filter((c): c is Extract<EngineCommand, { type: Type }> => c.type === type);
  }
}

function defaultHttp(command: RunEffect): HttpReply {
  const config = command.config as { body?: Json };
  return { output: { status: 200, headers: {}, body: config.body ?? null } };
}

function defaultChild(command: StartChild): ChildReply {
  return { status: "succeeded", output: { child: command.workflowId, input: command.input } };
}

/** Builds, starts and drives a workflow to its end. */
export function runWorkflow(
  nodes: readonly NodeSpec[],
  edges: readonly string[],
  options: Script & { input?: Json; settings?: Record<string, unknown> } = {},
): Simulation {
  const workflow = buildWorkflow(nodes, edges, options.settings === undefined ? {} : { settings: options.settings });
  const simulation = new Simulation(workflow, options);
  simulation.start(options.input ?? {});
  return simulation.runToEnd();
}

/** Shorthands for nodes used in many tests. */
export const trigger = (id = "start") => node(id, "trigger.manual", {});
export const setNode = (id: string, values: Record<string, Json>, keepInput?: boolean) =>
  node(id, "set", keepInput === undefined ? { values } : { values, keepInput });
export const http = (id: string, extra: Record<string, unknown> = {}, fields: Record<string, unknown> = {}) =>
  node(id, "http.request", { method: "POST", url: `https://api.example.com/${id}`, body: { from: id }, ...extra }, fields);
export const delay = (id: string, seconds: number | string) => node(id, "delay", { seconds });
export const code = (id: string, body: string, fields: Record<string, unknown> = {}) => node(id, "code", { code: body }, fields);
export const output = (id: string, value: Json) => node(id, "output", { value });
export const fail = (id: string, message: string, fields: Record<string, unknown> = {}) => node(id, "fail", { message }, fields);
