import { isTerminalStatus, type EngineEvent, type ExecutionState, type StepContext, type StepResult } from "../execution-types";
import type { Sandbox } from "../ports";
import type { WorkflowDocument } from "../workflow-schema";
import { cancelEverything } from "./cancel-instances";
import { onApprovalDecided, onChildFinished, onEffectResult, onTimerFired } from "./effect-events";
import { isInterpreterState } from "./interpreter-state";
import { settleStep } from "./settle-step";
import { createStep, isExecutionOver, type Step } from "./step";

/**
 * Applies one event to an execution's state and returns the new state, the
 * commands for the driver and the NodeRunUpdates.
 *
 * 1. A terminal state, or an event that does not apply to the current state
 *    (stale, duplicate, superseded: see effect-events.ts; a second `started`)
 *    → the SAME state object, no commands, no updates. The durable driver
 *    relies on this for idempotent redelivery.
 * 2. Otherwise the state is deep-cloned (the caller's object is never
 *    mutated), the event is applied, and the step runs to quiescence.
 * 3. cancel-requested → `cancelled` (error type Cancelled); execution-timed-out
 *    → `timed_out` (error type Timeout, "execution exceeded its timeout of N s").
 *    limit-exceeded → `failed` with the driver's error. All three abort running
 *    effects, cancel waiting children and end every in-flight instance `cancelled`.
 * Deterministic: the same workflow, state, event and context give the same result.
 *
 * `handedOver`: the caller gives the state away — a fresh parse of the stored
 * JSON that it will not read again — so it becomes the step's draft instead of
 * being cloned (a durable step parses the state it reads: cloning it as well
 * doubled that cost). The caller must then use only the result; when nothing
 * changed (no updates, no commands, the same status) it must not read the
 * state it handed over either.
 */
export function applyEvent(
  workflow: WorkflowDocument,
  state: ExecutionState,
  event: EngineEvent,
  ctx: StepContext,
  ports: { sandbox: Sandbox },
  options: { handedOver?: boolean } = {},
): StepResult {
  const unchanged: StepResult = { state, commands: [], runUpdates: [] };
  if (!isInterpreterState(state)) throw new Error("applyEvent: the state was not produced by startExecution");
  if (isTerminalStatus(state.status)) return unchanged;
  const step = createStep(workflow, options.handedOver ? state : structuredClone(state), ctx, ports);
  if (!dispatchEvent(step, event)) return unchanged;
  if (!isExecutionOver(step)) settleStep(step);
  return { state: step.state, commands: step.commands, runUpdates: step.updates };
}

function dispatchEvent(step: Step, event: EngineEvent): boolean {
  switch (event.type) {
    case "started":
      return false;
    case "effect-succeeded":
    case "effect-failed":
      return onEffectResult(step, event);
    case "timer-fired":
      return onTimerFired(step, event);
    case "approval-decided":
      return onApprovalDecided(step, event);
    case "child-finished":
      return onChildFinished(step, event);
    case "cancel-requested":
      step.state.status = "cancelled";
      step.state.error = { type: "Cancelled", message: "execution was cancelled" };
      cancelEverything(step, "execution was cancelled");
      return true;
    case "execution-timed-out": {
      const seconds = step.wf.document.settings?.timeoutSeconds;
      const message = seconds === undefined ? "execution exceeded its timeout" : `execution exceeded its timeout of ${seconds} s`;
      step.state.status = "timed_out";
      step.state.error = { type: "Timeout", message };
      cancelEverything(step, message);
      return true;
    }
    case "limit-exceeded":
      step.state.status = "failed";
      step.state.error = event.error;
      cancelEverything(step, event.error.message);
      return true;
  }
}
