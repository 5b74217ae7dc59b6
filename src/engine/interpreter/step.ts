import type { EngineCommand, Json, NodeRunStatus, NodeRunUpdate, StepContext, TimerPurpose } from "../execution-types";
import type { Sandbox, SandboxLimits } from "../ports";
import { withFastPath } from "../fast-eval";
import type { WorkflowDocument } from "../workflow-schema";
import { compileWorkflow, type CompiledWorkflow } from "./compile-workflow";
import { splitRunKey, type Frame, type Instance, type InterpreterState } from "./interpreter-state";
import { addMilliseconds } from "./json-values";

/**
 * One step in progress: a private draft of the state (cloned from the caller's,
 * so the caller's object is never touched), the commands and node-run updates
 * produced so far, and the worklist of instances that are ready to run.
 * Everything that mutates lives behind this object and dies with the step.
 */
export type Step = {
  readonly wf: CompiledWorkflow;
  readonly state: InterpreterState;
  readonly ctx: StepContext;
  readonly sandbox: Sandbox;
  readonly commands: EngineCommand[];
  readonly updates: NodeRunUpdate[];
  /** Run keys of `ready` instances, first in first out. */
  readonly queue: string[];
};

export function createStep(
  workflow: WorkflowDocument,
  draft: InterpreterState,
  ctx: StepContext,
  ports: { sandbox: Sandbox },
): Step {
  // Simple expressions and `return <expression>;` bodies are answered without the sandbox (fast-eval/).
  const sandbox = withFastPath(withWorkflowLimits(ports.sandbox, workflow.settings?.sandbox));
  return { wf: compileWorkflow(workflow), state: draft, ctx, sandbox, commands: [], updates: [], queue: [] };
}

/** The workflow's `settings.sandbox` limits apply to every evaluation that does not set its own. */
function withWorkflowLimits(sandbox: Sandbox, settings: { timeoutMs?: number; memoryMb?: number } | undefined): Sandbox {
  if (!settings) return sandbox;
  const defaults: SandboxLimits = {
    ...(settings.timeoutMs === undefined ? {} : { timeoutMs: settings.timeoutMs }),
    ...(settings.memoryMb === undefined ? {} : { memoryBytes: settings.memoryMb * 1024 * 1024 }),
  };
  return {
    evaluateExpression: (source, scope, limits) => sandbox.evaluateExpression(source, scope, { ...defaults, ...limits }),
    runCode: (body, scope, limits) => sandbox.runCode(body, scope, { ...defaults, ...limits }),
  };
}

export function nextSeq(step: Step): number {
  step.state.engine.seq += 1;
  return step.state.engine.seq;
}

export function frameAt(step: Step, frameKey: string): Frame | undefined {
  return step.state.engine.frames[frameKey];
}

export function instanceAt(step: Step, runKey: string): { frame: Frame; frameKey: string; instance: Instance } | undefined {
  const { frameKey, nodeId } = splitRunKey(runKey);
  const frame = step.state.engine.frames[frameKey];
  const instance = frame?.instances[nodeId];
  return frame === undefined || instance === undefined ? undefined : { frame, frameKey, instance };
}

/** Like `instanceAt`, for callers that just created or verified the instance. */
export function requireInstance(step: Step, runKey: string): { frame: Frame; frameKey: string; instance: Instance } {
  const found = instanceAt(step, runKey);
  if (found === undefined) throw new Error(`interpreter: no instance ${runKey}`);
  return found;
}

export function isExecutionOver(step: Step): boolean {
  const status = step.state.status;
  return status === "succeeded" || status === "failed" || status === "cancelled" || status === "timed_out";
}

/** Emit a NodeRunUpdate for the instance's current attempt (the driver upserts by runKey@attempt). */
export function recordRun(
  step: Step,
  runKey: string,
  instance: Instance,
  status: NodeRunStatus,
  fields: { input?: Json; output?: Json; error?: NodeRunUpdate["error"]; handles?: string[] } = {},
): void {
  const update: NodeRunUpdate = {
    runKey,
    nodeId: instance.nodeId,
    nodeType: step.wf.node(instance.nodeId).type,
    attempt: instance.attempt,
    status,
  };
  if (fields.input !== undefined) update.input = fields.input;
  if (fields.output !== undefined) update.output = fields.output;
  if (fields.error !== undefined) update.error = fields.error;
  if (fields.handles !== undefined) update.handles = fields.handles;
  step.updates.push(update);
}

/** Timers of this instance stop being relevant (a later timer-fired for them is stale). */
export function dropTimersOf(step: Step, runKey: string): void {
  const timers = step.state.engine.timers;
  for (const [timerId, timer] of Object.entries(timers)) if (timer.runKey === runKey) delete timers[timerId];
}

/**
 * Schedules a timer for an instance's attempt. The id is derived from run key,
 * attempt and purpose (`each#2/pause@1:delay`), so a redelivered step schedules
 * the same id and the driver can dedupe it.
 */
export function scheduleTimer(step: Step, runKey: string, attempt: number, purpose: TimerPurpose, delayMs: number): string {
  const timerId = `${runKey}@${attempt}:${purpose}`;
  step.state.engine.timers[timerId] = { runKey, attempt, purpose };
  step.commands.push({ type: "schedule-timer", timerId, fireAt: addMilliseconds(step.ctx.now, delayMs), purpose });
  return timerId;
}
