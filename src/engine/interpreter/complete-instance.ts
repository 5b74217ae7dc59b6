import type { Json } from "../execution-types";
import { fireFlowEdges } from "./deliver-arrival";
import { dropTimersOf, nextSeq, recordRun, requireInstance, type Step } from "./step";

/**
 * A node instance succeeds.
 *
 * 1. It becomes `succeeded` with its output and a completion number (`doneSeq`:
 *    "the last completed node" of a frame, a region or the execution is the
 *    succeeded instance with the highest one). Its timers become stale.
 * 2. The terminal NodeRunUpdate carries input and output.
 * 3. The output becomes the node's latest output (the `nodes` scope) and the
 *    execution's fallback result.
 * 4. Flow edges leaving `handle` fire live with the output and the instance's
 *    node-scoped variables; every other flow edge fires dead. `handle` null:
 *    all dead (nodes without outputs).
 */
export function succeedInstance(step: Step, runKey: string, output: Json, handle: string | null): void {
  const { frameKey, instance } = requireInstance(step, runKey);
  instance.status = "succeeded";
  instance.output = output;
  instance.doneSeq = nextSeq(step);
  delete instance.wait;
  delete instance.loop;
  delete instance.try;
  delete instance.arrivals;
  dropTimersOf(step, runKey);
  recordRun(step, runKey, instance, "succeeded", { input: instance.input ?? null, output });
  const engine = step.state.engine;
  engine.latestOutputs[instance.nodeId] = output;
  engine.last = { value: output };
  fireFlowEdges(step, frameKey, instance.nodeId, handle, output, instance.vars);
}
