import type { EngineCommand, Json } from "../execution-types";
import { succeedInstance } from "./complete-instance";
import { buildScope } from "./expression-scope";
import { failInstance } from "./fail-instance";
import { describeJson, type JsonObject } from "./json-values";
import { nodeError, resolveConfig } from "./resolve-config";
import { recordRun, requireInstance, scheduleTimer, type Step } from "./step";

/**
 * Starting an attempt of an effect node: the whole config is evaluated, then a
 * command asks the driver to do the work, and the instance waits for the event
 * that answers it (effect-events.ts).
 *
 * - http.request → `run-effect` (idempotencyKey `${executionId}:${runKey}`, the
 *   same on every attempt; timeoutMs = node.timeoutMs); `running`.
 * - delay → `schedule-timer` at now + seconds; `waiting`. 0 seconds succeeds at once.
 * - wait → `schedule-timer` at `until`; `waiting`. A time not after now succeeds at once.
 * - approval → `create-approval` (assignees: the list, or `[role]`, or []) and,
 *   with timeoutSeconds, an `approval-timeout` timer; `waiting`.
 * - subworkflow → `start-child` with `input` (default: this node's input).
 *   waitForCompletion (default true): `waiting`, plus a `subworkflow-timeout`
 *   timer with timeoutSeconds. waitForCompletion false: succeeds at once with
 *   `{ started: true }` (the child's result is not awaited and never arrives here).
 * Effects that finish at once emit only their terminal NodeRunUpdate.
 */
export function startEffect(step: Step, runKey: string): void {
  const { frameKey, instance } = requireInstance(step, runKey);
  const node = step.wf.node(instance.nodeId);
  const input = instance.input ?? null;
  const resolved = resolveConfig(step.sandbox, node.id, node.config, buildScope(step, frameKey, node.id, input, instance.vars));
  if (!resolved.ok) return failInstance(step, runKey, resolved.error);
  const config = resolved.value;
  const attempt = instance.attempt;
  const wait = (status: "running" | "waiting", command?: EngineCommand) => {
    instance.status = status;
    recordRun(step, runKey, instance, status, { input });
    if (command !== undefined) step.commands.push(command);
  };

  switch (node.type) {
    case "http.request":
      instance.wait = { kind: "http" };
      return wait("running", {
        type: "run-effect",
        runKey,
        nodeId: node.id,
        nodeType: "http.request",
        attempt,
        config,
        input,
        ...(node.timeoutMs === undefined ? {} : { timeoutMs: node.timeoutMs }),
        idempotencyKey: `${step.ctx.executionId}:${runKey}`,
      });
    case "delay": {
      const seconds = config.seconds;
      if (typeof seconds !== "number" || !Number.isFinite(seconds) || seconds < 0) {
        return failInstance(step, runKey, nodeError(node.id, `config.seconds: expected a number of seconds ≥ 0, got ${describeJson(seconds)}`));
      }
      if (seconds === 0) return succeedInstance(step, runKey, input, "out");
      instance.wait = { kind: "timer", timerId: scheduleTimer(step, runKey, attempt, "delay", seconds * 1000) };
      return wait("waiting");
    }
    case "wait": {
      const until = config.until;
      const at = typeof until === "string" ? Date.parse(until) : Number.NaN;
      if (Number.isNaN(at)) {
        return failInstance(step, runKey, nodeError(node.id, `config.until: expected an ISO date-time, got ${describeJson(until)}`));
      }
      const delayMs = at - Date.parse(step.ctx.now);
      if (delayMs <= 0) return succeedInstance(step, runKey, input, "out");
      instance.wait = { kind: "timer", timerId: scheduleTimer(step, runKey, attempt, "delay", delayMs) };
      return wait("waiting");
    }
    case "approval":
      return startApproval(step, runKey, config, node.config.timeoutSeconds, wait);
    case "subworkflow": {
      const workflowId = config.workflowId;
      if (typeof workflowId !== "string" || workflowId === "") {
        return failInstance(step, runKey, nodeError(node.id, `config.workflowId: expected a workflow id, got ${describeJson(workflowId)}`));
      }
      const childInput = node.config.input === undefined ? input : (config.input ?? null);
      const waitForCompletion = node.config.waitForCompletion;
      const command: EngineCommand = { type: "start-child", runKey, nodeId: node.id, workflowId, input: childInput, waitForCompletion };
      if (!waitForCompletion) {
        step.commands.push(command);
        return succeedInstance(step, runKey, { started: true }, "out");
      }
      const timeout = node.config.timeoutSeconds;
      instance.wait = { kind: "child" };
      wait("waiting", command);
      if (timeout !== undefined) instance.wait.timerId = scheduleTimer(step, runKey, attempt, "subworkflow-timeout", timeout * 1000);
      return;
    }
    default:
      return failInstance(step, runKey, nodeError(node.id, `${node.type} is not an effect node (interpreter bug)`));
  }
}

function startApproval(
  step: Step,
  runKey: string,
  config: JsonObject,
  timeoutSeconds: number | undefined,
  wait: (status: "waiting", command?: EngineCommand) => void,
): void {
  const { instance } = requireInstance(step, runKey);
  const assignees = config.assignees;
  const list = Array.isArray(assignees) ? assignees.map(String) : typeof assignees === "string" ? [assignees] : [];
  const command: EngineCommand = {
    type: "create-approval",
    runKey,
    nodeId: instance.nodeId,
    title: typeof config.title === "string" ? config.title : JSON.stringify(config.title ?? null),
    assignees: list,
    ...(typeof config.description === "string" ? { description: config.description } : {}),
    ...(config.form === undefined ? {} : { form: config.form as Json }),
  };
  instance.wait = { kind: "approval" };
  wait("waiting", command);
  if (timeoutSeconds !== undefined) {
    instance.wait.timerId = scheduleTimer(step, runKey, instance.attempt, "approval-timeout", timeoutSeconds * 1000);
  }
}
