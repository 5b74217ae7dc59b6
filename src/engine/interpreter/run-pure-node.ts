import type { EngineError, Json } from "../execution-types";
import type { LogLine } from "../ports";
import { SWITCH_DEFAULT_HANDLE } from "../nodes/switch";
import type { WorkflowNode } from "../workflow-schema";
import { buildScope, lookupVariable } from "./expression-scope";
import { ROOT_FRAME, type Instance } from "./interpreter-state";
import { deepEqual, describeJson, isJsonObject, isTruthy } from "./json-values";
import { nodeError, nodeErrorFrom, resolveValue, scopeUsedBy } from "./resolve-config";
import { runTransform } from "./run-transform";
import { frameAt, type Step } from "./step";

/** `logs`: what a `code` node's console printed (either way it ended); the caller puts them on the run's update. */
export type NodeOutcome = ({ ok: true; output: Json; handle: string | null } | { ok: false; error: EngineError }) & { logs?: LogLine[] };

/**
 * Nodes decided inside the step, with no I/O (expressions and `code` go
 * through the sandbox port). Returns the output and the handle to continue on.
 *
 * - trigger.*: output = the execution input (webhook/schedule receivers shape it).
 * - set: values evaluated; merged over the input (which must be an object)
 *   unless keepInput is false, then just the values.
 * - code: the sandbox runs the body with the expression scope as globals;
 *   node.timeoutMs (when set) is its time limit. Its console lines (the
 *   sandbox's `logs`) come back on the outcome, for the run's update.
 * - if: `true` when the condition is truthy, else `false`; output = input.
 * - switch: the first case whose evaluated `equals` deep-equals the value, else `default`.
 * - variable.set: stores the value (workflow: the execution; loop: the current
 *   iteration, or the workflow outside loops; node: flows on along the branch);
 *   output = input. variable.get: the visible value, else `default`, else null.
 * - output: the value, which also becomes the execution's result.
 * - fail: a NodeError with the (evaluated) message, not retryable.
 * - transform: see run-transform.ts.
 * Effect nodes, loop, try, join, break and continue are run elsewhere.
 */
export function runPureNode(step: Step, frameKey: string, instance: Instance, node: WorkflowNode): NodeOutcome {
  const input = instance.input ?? null;
  const scope = () => buildScope(step, frameKey, node.id, input, instance.vars);
  const evaluate = (value: unknown, path: (string | number)[]) => resolveValue(step.sandbox, node.id, value, scope(), path);
  switch (node.type) {
    case "trigger.manual":
    case "trigger.webhook":
    case "trigger.schedule":
      return { ok: true, output: input, handle: "out" };
    case "set": {
      const values = evaluate(node.config.values, ["config", "values"]);
      if (!values.ok) return values;
      if (!node.config.keepInput) return { ok: true, output: values.value, handle: "out" };
      if (!isJsonObject(input) || !isJsonObject(values.value)) {
        return failed(nodeError(node.id, `input must be an object to merge values into, got ${describeJson(input)} (set keepInput to false to output only the values)`));
      }
      return { ok: true, output: { ...input, ...values.value }, handle: "out" };
    }
    case "code": {
      const limits = node.timeoutMs === undefined ? undefined : { timeoutMs: node.timeoutMs };
      // Like expressions, code receives only the scope entries its text names: copying a large
      // `trigger` or `nodes` into the VM for every loop iteration dominated loops over big inputs.
      const result = step.sandbox.runCode(node.config.code, scopeUsedBy(node.config.code, scope()), limits);
      const outcome: NodeOutcome = result.ok ? { ok: true, output: result.value, handle: "out" } : failed(nodeErrorFrom(node.id, "", result.error));
      if (result.logs !== undefined && result.logs.length > 0) outcome.logs = result.logs;
      return outcome;
    }
    case "if": {
      const condition = evaluate(node.config.condition, ["config", "condition"]);
      if (!condition.ok) return condition;
      return { ok: true, output: input, handle: isTruthy(condition.value) ? "true" : "false" };
    }
    case "switch":
      return runSwitch(node, input, evaluate);
    case "variable.set": {
      const value = evaluate(node.config.value, ["config", "value"]);
      if (!value.ok) return value;
      const frame = frameAt(step, frameKey);
      const scopeName = node.config.scope ?? "workflow";
      if (scopeName === "node") instance.vars = { ...instance.vars, [node.config.name]: value.value };
      else if (scopeName === "loop" && frame !== undefined && frameKey !== ROOT_FRAME) frame.vars[node.config.name] = value.value;
      else step.state.engine.workflowVars[node.config.name] = value.value;
      return { ok: true, output: input, handle: "out" };
    }
    case "variable.get": {
      const found = lookupVariable(step, frameKey, instance.vars, node.config.name);
      if (found.found) return { ok: true, output: found.value, handle: "out" };
      if (node.config.default === undefined) return { ok: true, output: null, handle: "out" };
      const fallback = evaluate(node.config.default, ["config", "default"]);
      return fallback.ok ? { ok: true, output: fallback.value, handle: "out" } : fallback;
    }
    case "output": {
      const value = evaluate(node.config.value, ["config", "value"]);
      if (!value.ok) return value;
      step.state.engine.result = { value: value.value };
      return { ok: true, output: value.value, handle: "out" };
    }
    case "fail": {
      const message = evaluate(node.config.message, ["config", "message"]);
      if (!message.ok) return message;
      const text = typeof message.value === "string" ? message.value : JSON.stringify(message.value);
      return failed({ type: "NodeError", message: text, nodeId: node.id, retryable: false });
    }
    case "transform":
      return runTransform(step, scope(), node);
    default:
      return failed(nodeError(node.id, `a ${node.type} node cannot run as a pure node (interpreter bug)`));
  }
}

function runSwitch(
  node: Extract<WorkflowNode, { type: "switch" }>,
  input: Json,
  evaluate: (value: unknown, path: (string | number)[]) => ReturnType<typeof resolveValue>,
): NodeOutcome {
  const value = evaluate(node.config.value, ["config", "value"]);
  if (!value.ok) return value;
  for (const [index, switchCase] of node.config.cases.entries()) {
    const equals = evaluate(switchCase.equals, ["config", "cases", index, "equals"]);
    if (!equals.ok) return equals;
    if (deepEqual(value.value, equals.value)) return { ok: true, output: input, handle: switchCase.handle };
  }
  return { ok: true, output: input, handle: SWITCH_DEFAULT_HANDLE };
}

function failed(error: EngineError): NodeOutcome {
  return { ok: false, error };
}
