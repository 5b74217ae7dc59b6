import { cancelFrame } from "./cancel-instances";
import { succeedInstance } from "./complete-instance";
import { iterationFrameKey } from "./interpreter-state";
import { instanceAt, requireInstance, type Step } from "./step";

/**
 * `break` and `continue`. The node itself succeeds (output = its input; it has
 * no outgoing edges), then:
 * - continue: the current iteration ends; its other unfinished instances are
 *   cancelled; it adds no result.
 * - break: the innermost loop ends: no further iteration starts, every
 *   unfinished instance of every running iteration of that loop (the current one
 *   and, with concurrency, the others) is cancelled, and `done` gets the results
 *   of the iterations that had finished. The breaking iteration adds none.
 * Both act on the frame they run in, which is always an iteration of the
 * innermost loop (try regions do not open frames). A try inside the iteration
 * is cancelled too: its finally does not run.
 */
export function runLoopExit(step: Step, runKey: string): void {
  const { frame, frameKey, instance } = requireInstance(step, runKey);
  const kind = step.wf.node(instance.nodeId).type;
  succeedInstance(step, runKey, instance.input ?? null, null);
  if (frame.loopKey === null) return; // the validator keeps break/continue inside loop bodies
  if (kind === "continue") {
    frame.ended = "continue";
    cancelFrame(step, frameKey, `iteration ended by continue at ${runKey}`);
    return;
  }
  frame.ended = "break";
  const loop = instanceAt(step, frame.loopKey)?.instance.loop;
  if (loop === undefined) return;
  loop.stopped = true;
  for (const index of loop.active) cancelFrame(step, iterationFrameKey(frame.loopKey, index), `loop stopped by break at ${runKey}`);
}
