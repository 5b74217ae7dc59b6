import type { Json } from "../execution-types";
import { LOOP_BODY_HANDLE } from "../nodes/loop";
import { fireFlowEdges } from "./deliver-arrival";
import type { Instance } from "./interpreter-state";
import { dropTimersOf, nextSeq, recordRun, requireInstance, type Step } from "./step";

/**
 * A node instance succeeds.
 *
 * 1. It becomes `succeeded` with its output and a completion number (`doneSeq`:
 *    "the last completed node" of a frame, a region or the execution is the
 *    succeeded instance with the highest one). Its timers become stale.
 * 2. The terminal NodeRunUpdate carries input, output and the handles whose
 *    edges fired live (`firedHandles`), read before the loop/try books go.
 * 3. The output becomes the node's latest output (the `nodes` scope) and the
 *    execution's fallback result.
 * 4. Flow edges leaving `handle` fire live with the output and the instance's
 *    node-scoped variables; every other flow edge fires dead. `handle` null:
 *    all dead (nodes without outputs).
 */
export function succeedInstance(step: Step, runKey: string, output: Json, handle: string | null): void {
  const { frameKey, instance } = requireInstance(step, runKey);
  const handles = firedHandles(instance, handle);
  instance.status = "succeeded";
  instance.output = output;
  instance.doneSeq = nextSeq(step);
  delete instance.wait;
  delete instance.loop;
  delete instance.try;
  delete instance.arrivals;
  dropTimersOf(step, runKey);
  recordRun(step, runKey, instance, "succeeded", { input: instance.input ?? null, output, handles });
  const engine = step.state.engine;
  engine.latestOutputs[instance.nodeId] = output;
  engine.last = { value: output };
  fireFlowEdges(step, frameKey, instance.nodeId, handle, output, instance.vars);
}

/**
 * The handles along which this instance sent anything: the regions it opened
 * (a loop's body once an iteration started; a try's `try` always, `catch` once
 * it caught, `finally` once it got there), then `handle`, the flow handle.
 */
function firedHandles(instance: Instance, handle: string | null): string[] {
  const handles: string[] = [];
  if (instance.loop !== undefined && instance.loop.next > 0) handles.push(LOOP_BODY_HANDLE);
  if (instance.try !== undefined) {
    handles.push("try");
    if (instance.try.caught !== undefined) handles.push("catch");
    if (instance.try.phase === "finally") handles.push("finally");
  }
  if (handle !== null) handles.push(handle);
  return handles;
}
