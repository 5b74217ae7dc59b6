import type { EngineError, Json } from "../execution-types";
import { cancelRegion } from "./cancel-instances";
import { succeedInstance } from "./complete-instance";
import { fireRegionEdges } from "./deliver-arrival";
import { errorObject, failExecution, failInstance } from "./fail-instance";
import { isTerminal, type Frame, type Instance } from "./interpreter-state";
import { instanceAt, recordRun, requireInstance, type Step } from "./step";

/**
 * try / catch / finally. The try node's NodeRun spans all three phases; its
 * regions' nodes live in the try node's own frame.
 *
 * 1. Start: the `try` region opens; its entry nodes get the try node's input.
 * 2. The region is done when none of its instances is unfinished (an empty
 *    region is done at once). Its result is the output of its last completed
 *    node, or the region's entry input if none completed.
 * 3. try done → `finally` opens with the try result as entry input.
 * 4. An error in the try region: its other in-flight instances are cancelled.
 *    With a catch region: `catch` opens, entry input and `error` scope =
 *    `{ message, nodeId, type }`; catch done → finally opens with the catch
 *    result. Without one: the error is kept and finally opens with the error
 *    object as entry input.
 * 5. An error in catch: the catch region is cancelled, the error is kept, and
 *    finally still runs (entry input: the error object).
 * 6. finally done: a kept error is raised again at the try node (its onError
 *    applies, then the enclosing region's handler); otherwise the try node
 *    succeeds on `out` with the try (or catch) result, not finally's.
 * 7. An error in finally cancels the finally region and fails the try node.
 */
export function startTry(step: Step, runKey: string): void {
  const { frameKey, instance } = requireInstance(step, runKey);
  instance.status = "running";
  instance.try = { phase: "try" };
  recordRun(step, runKey, instance, "running", { input: instance.input ?? null });
  fireRegionEdges(step, frameKey, instance.nodeId, "try", instance.input ?? null, instance.vars);
}

/** True when the try instance's current region has no unfinished instance. */
export function tryPhaseIsDone(step: Step, frame: Frame, instance: Instance): boolean {
  if (instance.status !== "running" || instance.try === undefined) return false;
  for (const nodeId of step.wf.regionNodes(instance.nodeId, instance.try.phase)) {
    const member = frame.instances[nodeId];
    if (member !== undefined && !isTerminal(member)) return false;
  }
  return true;
}

/** Steps 3, 4 (catch done), 6: the current region finished without error. */
export function advanceTry(step: Step, runKey: string): void {
  const { frame, frameKey, instance } = requireInstance(step, runKey);
  const book = instance.try;
  if (book === undefined) return;
  if (book.phase === "finally") {
    if (book.pendingError !== undefined) failInstance(step, runKey, book.pendingError);
    else succeedInstance(step, runKey, book.result ?? null, "out");
    return;
  }
  const fallback = book.phase === "try" ? (instance.input ?? null) : (book.caught ?? null);
  book.result = lastCompletedIn(frame, step.wf.regionNodes(instance.nodeId, book.phase)) ?? fallback;
  openFinally(step, frameKey, instance, book.result);
}

/** Steps 4, 5, 7: an unhandled error raised by a node of the try's `handle` region. */
export function handleTryRegionError(step: Step, tryRunKey: string, handle: string, error: EngineError): void {
  const found = instanceAt(step, tryRunKey);
  const book = found?.instance.try;
  if (found === undefined || book === undefined || book.phase !== handle) {
    failExecution(step, error); // cannot happen in a consistent state; never lose an error
    return;
  }
  const { frameKey, instance } = found;
  cancelRegion(step, frameKey, instance.nodeId, handle, `${instance.nodeId} is handling an error from ${error.nodeId ?? "?"}`);
  const caught = errorObject(error);
  if (book.phase === "try" && step.wf.regionEdges(instance.nodeId, "catch").length > 0) {
    book.phase = "catch";
    book.caught = caught;
    fireRegionEdges(step, frameKey, instance.nodeId, "catch", caught, instance.vars);
    return;
  }
  if (book.phase === "finally") {
    failInstance(step, tryRunKey, error);
    return;
  }
  book.pendingError = error;
  openFinally(step, frameKey, instance, caught);
}

function openFinally(step: Step, frameKey: string, instance: Instance, entry: Json): void {
  if (instance.try === undefined) return;
  instance.try.phase = "finally";
  fireRegionEdges(step, frameKey, instance.nodeId, "finally", entry, instance.vars);
}

/** Output of the succeeded instance with the highest completion number among `nodeIds`. */
export function lastCompletedIn(frame: Frame, nodeIds: Iterable<string>): Json | undefined {
  let best: Instance | undefined;
  for (const nodeId of nodeIds) {
    const member = frame.instances[nodeId];
    if (member?.status === "succeeded" && (best === undefined || (member.doneSeq ?? 0) > (best.doneSeq ?? 0))) best = member;
  }
  return best?.output;
}
