import type { Json, StepContext, StepResult } from "../execution-types";
import type { Sandbox } from "../ports";
import type { WorkflowDocument } from "../workflow-schema";
import { ROOT_FRAME, type InterpreterState } from "./interpreter-state";
import { settleStep } from "./settle-step";
import { createStep } from "./step";

/**
 * The first step of an execution.
 *
 * 1. A fresh state: status running, the input, an empty root frame.
 * 2. The trigger node becomes ready with the execution input as its input; it
 *    succeeds with that input as output (webhook/schedule receivers shape the
 *    input before the execution starts), so its successors become ready.
 * 3. The step runs to quiescence (settle-step.ts): a workflow of pure nodes
 *    finishes within this call; otherwise the result lists the commands that
 *    start its effects.
 * `workflow` MUST be a document that passed `validateWorkflow`.
 */
export function startExecution(workflow: WorkflowDocument, input: Json, ctx: StepContext, ports: { sandbox: Sandbox }): StepResult {
  const executionInput = structuredClone(input);
  const state: InterpreterState = {
    status: "running",
    input: executionInput,
    engine: {
      frames: {
        [ROOT_FRAME]: { loopKey: null, loopNodeId: null, parent: null, index: 0, item: null, entry: null, vars: {}, instances: {} },
      },
      workflowVars: {},
      timers: {},
      seq: 0,
      latestOutputs: {},
    },
  };
  const step = createStep(workflow, state, ctx, ports);
  const triggerId = step.wf.triggerId;
  state.engine.frames[ROOT_FRAME]!.instances[triggerId] = { nodeId: triggerId, status: "ready", attempt: 1, input: executionInput };
  step.queue.push(triggerId);
  settleStep(step);
  return { state: step.state, commands: step.commands, runUpdates: step.updates };
}
