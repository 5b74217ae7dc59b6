import type { EngineError, EngineEvent, Json } from "../execution-types";
import type { WorkflowNodeOf } from "../workflow-schema";
import { succeedInstance } from "./complete-instance";
import { failInstance } from "./fail-instance";
import { instanceAt, type Step } from "./step";

type EventOf<Type extends EngineEvent["type"]> = Extract<EngineEvent, { type: Type }>;

/**
 * Events that answer an effect. Each returns false — and the caller then
 * returns the state unchanged with no commands — unless the event is for the
 * instance's CURRENT wait: right run key, right attempt, still waiting for
 * exactly this. Redelivered, late and superseded events are therefore no-ops.
 *
 * - effect-succeeded / effect-failed: a `running` http.request attempt. The
 *   driver's error is kept (type, retryable) and named after the node.
 * - timer-fired: looked up in the state's timer book (ids of finished or
 *   superseded waits are removed from it). delay/wait → succeed with the input;
 *   retry → the next attempt starts; approval-timeout → onTimeout (reject /
 *   approve: that handle with `{ decision, data: null, by: null, at: now,
 *   comment: "timed out" }`; fail: a Timeout error); subworkflow-timeout →
 *   `cancel-child` and a Timeout error.
 * - approval-decided → `{ decision, data, by, at, comment }` (missing → null)
 *   on the `approved` or `rejected` handle (rejected is not an error).
 * - child-finished → succeeded: the child's output; otherwise a NodeError
 *   carrying the child's message. Neither timeouts nor child failures are
 *   retried (a retry would need a new child, which `start-child` cannot key).
 */
export function onEffectResult(step: Step, event: EventOf<"effect-succeeded"> | EventOf<"effect-failed">): boolean {
  const found = instanceAt(step, event.runKey);
  const instance = found?.instance;
  if (instance?.status !== "running" || instance.wait?.kind !== "http" || instance.attempt !== event.attempt) return false;
  if (event.type === "effect-succeeded") {
    succeedInstance(step, event.runKey, event.output, "out");
    return true;
  }
  const prefix = `node ${instance.nodeId}: `;
  const message = event.error.message.startsWith(prefix) ? event.error.message : prefix + event.error.message;
  failInstance(step, event.runKey, { ...event.error, message, nodeId: instance.nodeId });
  return true;
}

export function onTimerFired(step: Step, event: EventOf<"timer-fired">): boolean {
  const timers = step.state.engine.timers;
  const timer = timers[event.timerId];
  const instance = timer === undefined ? undefined : instanceAt(step, timer.runKey)?.instance;
  if (timer === undefined || instance === undefined || instance.attempt > timer.attempt) return false;
  const runKey = timer.runKey;
  switch (timer.purpose) {
    case "retry":
      if (instance.status !== "retrying") return false;
      delete timers[event.timerId];
      instance.attempt = timer.attempt;
      instance.status = "ready";
      step.queue.push(runKey);
      return true;
    case "delay":
      if (instance.status !== "waiting" || instance.wait?.kind !== "timer" || instance.wait.timerId !== event.timerId) return false;
      succeedInstance(step, runKey, instance.input ?? null, "out");
      return true;
    case "approval-timeout": {
      if (instance.status !== "waiting" || instance.wait?.kind !== "approval" || instance.wait.timerId !== event.timerId) return false;
      const node = step.wf.node(instance.nodeId) as WorkflowNodeOf<"approval">;
      const { onTimeout, timeoutSeconds } = node.config;
      step.commands.push({ type: "close-approval", runKey, reason: "expired" });
      if (onTimeout === "fail") {
        failInstance(step, runKey, timeoutError(node.id, `approval timed out after ${timeoutSeconds ?? 0} s`));
        return true;
      }
      const decision = onTimeout === "approve" ? "approved" : "rejected";
      succeedInstance(step, runKey, { decision, data: null, by: null, at: step.ctx.now, comment: "timed out" }, decision);
      return true;
    }
    case "subworkflow-timeout": {
      if (instance.status !== "waiting" || instance.wait?.kind !== "child" || instance.wait.timerId !== event.timerId) return false;
      const node = step.wf.node(instance.nodeId) as WorkflowNodeOf<"subworkflow">;
      step.commands.push({ type: "cancel-child", runKey });
      delete instance.wait;
      failInstance(step, runKey, timeoutError(node.id, `child workflow did not finish within ${node.config.timeoutSeconds ?? 0} s`));
      return true;
    }
  }
}

export function onApprovalDecided(step: Step, event: EventOf<"approval-decided">): boolean {
  const instance = instanceAt(step, event.runKey)?.instance;
  if (instance?.status !== "waiting" || instance.wait?.kind !== "approval") return false;
  const { decision, data, by, at, comment } = event.decision;
  const output: Json = { decision, data: data ?? null, by: by ?? null, at, comment: comment ?? null };
  succeedInstance(step, event.runKey, output, decision);
  return true;
}

export function onChildFinished(step: Step, event: EventOf<"child-finished">): boolean {
  const instance = instanceAt(step, event.runKey)?.instance;
  if (instance?.status !== "waiting" || instance.wait?.kind !== "child") return false;
  if (event.status === "succeeded") {
    succeedInstance(step, event.runKey, event.output, "out");
    return true;
  }
  const cause = event.error?.message ?? "no error message";
  const error: EngineError = {
    type: "NodeError",
    message: `node ${instance.nodeId}: child workflow ${event.status.replace("_", " ")}: ${cause}`,
    nodeId: instance.nodeId,
    retryable: false,
  };
  failInstance(step, event.runKey, error);
  return true;
}

function timeoutError(nodeId: string, message: string): EngineError {
  return { type: "Timeout", message: `node ${nodeId}: ${message}`, nodeId, retryable: false };
}
