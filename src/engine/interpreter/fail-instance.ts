import type { EngineError } from "../execution-types";
import { cancelEverything, cancelLoopFrames, cancelRegion } from "./cancel-instances";
import { succeedInstance } from "./complete-instance";
import { TRY_REGION_HANDLES } from "../nodes/try";
import { runKeyOf, type ErrorObject } from "./interpreter-state";
import { handleTryRegionError } from "./run-try";
import { dropTimersOf, frameAt, instanceAt, isExecutionOver, recordRun, scheduleTimer, type Step } from "./step";

/**
 * A node instance's attempt failed with `error`.
 *
 * 1. Retry: the node has `retry`, attempts left and the error is retryable
 *    (`retryable !== false`) → the attempt ends `failed`, a `retry` timer is
 *    scheduled at now + backoff (fixed: delayMs; exponential: delayMs·2^(attempt-1))
 *    and the instance is `retrying` until it fires (then attempt + 1 starts).
 *    Loops and try nodes are containers and are never retried.
 * 2. A failing container first cancels what it contains.
 * 3. onError "continue": the node succeeds with `{ error: { message, nodeId, type } }`
 *    on its first non-region output handle (`out`, an if's `true`, a switch's
 *    first case, an approval's `approved`, a loop's `done`).
 * 4. Otherwise it ends `failed` and the error propagates (`propagateError`).
 * The error's nodeId is the node that raised it; it keeps it while propagating.
 */
export function failInstance(step: Step, runKey: string, cause: EngineError): void {
  const found = instanceAt(step, runKey);
  if (found === undefined || isExecutionOver(step)) return;
  const { frameKey, instance } = found;
  const node = step.wf.node(instance.nodeId);
  const error: EngineError = { ...cause, nodeId: cause.nodeId ?? node.id };
  const isContainer = node.type === "loop" || node.type === "try";
  const retry = node.retry;
  if (!isContainer && retry !== undefined && error.retryable !== false && instance.attempt < retry.maxAttempts) {
    recordRun(step, runKey, instance, "failed", { input: instance.input ?? null, error });
    delete instance.wait;
    dropTimersOf(step, runKey);
    instance.status = "retrying";
    const delayMs = retry.backoff === "exponential" ? retry.delayMs * 2 ** (instance.attempt - 1) : retry.delayMs;
    scheduleTimer(step, runKey, instance.attempt + 1, "retry", delayMs);
    return;
  }
  const reason = `${node.id} failed: ${error.message}`;
  if (node.type === "loop") cancelLoopFrames(step, runKey, reason);
  if (node.type === "try") for (const handle of TRY_REGION_HANDLES) cancelRegion(step, frameKey, node.id, handle, reason);
  if (node.onError === "continue") {
    succeedInstance(step, runKey, { error: errorObject(error) }, step.wf.firstFlowHandle(node.id));
    return;
  }
  instance.status = "failed";
  delete instance.wait;
  delete instance.loop;
  delete instance.try;
  dropTimersOf(step, runKey);
  recordRun(step, runKey, instance, "failed", { input: instance.input ?? null, error });
  propagateError(step, frameKey, node.id, error);
}

/**
 * Where an unhandled error goes, by the innermost region containing the node:
 * 1. none → the execution fails;
 * 2. a loop body → the iteration fails, which fails the loop instance (and so on outward);
 * 3. a try's try/catch/finally region → that try node handles it (run-try.ts).
 */
export function propagateError(step: Step, frameKey: string, nodeId: string, error: EngineError): void {
  const region = step.wf.enclosingRegions(nodeId)[0];
  if (region === undefined) {
    failExecution(step, error);
    return;
  }
  if (step.wf.node(region.owner).type === "loop") {
    const frame = frameAt(step, frameKey);
    if (frame?.loopKey == null) {
      failExecution(step, error);
      return;
    }
    frame.ended = "failed";
    failInstance(step, frame.loopKey, error);
    return;
  }
  handleTryRegionError(step, runKeyOf(frameKey, region.owner), region.handle, error);
}

/** The execution ends `failed` with `{ type, message, nodeId }`; everything in flight is cancelled. */
export function failExecution(step: Step, error: EngineError): void {
  if (isExecutionOver(step)) return;
  step.state.status = "failed";
  step.state.error = { type: error.type, message: error.message, ...(error.nodeId === undefined ? {} : { nodeId: error.nodeId }) };
  cancelEverything(step, `execution failed: ${error.message}`);
}

export function errorObject(error: EngineError): ErrorObject {
  return { message: error.message, nodeId: error.nodeId ?? null, type: error.type };
}
