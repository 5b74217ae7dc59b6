import { TRY_REGION_HANDLES } from "../nodes/try";
import { isTerminal, ROOT_FRAME, runKeyOf, type Instance } from "./interpreter-state";
import { dropTimersOf, frameAt, recordRun, type Step } from "./step";

/**
 * Cancelling node instances (a lost join race, break/continue, an error that
 * ends a region or the execution, cancel/timeout of the execution).
 *
 * 1. Finished instances are left alone.
 * 2. An instance that never started (pending or ready) just becomes
 *    `cancelled`: it has no NodeRun row, so no update is emitted.
 *    `tombstone` also creates such an instance where none exists yet, so
 *    arrivals that come later are ignored (see deliver-arrival.ts).
 * 3. A started instance (running/waiting) gets a `cancelled` NodeRunUpdate with
 *    a Cancelled error giving the reason; a running http effect gets
 *    `abort-effect`, a waiting child `cancel-child`, a waiting approval
 *    `close-approval` (its task stops accepting decisions). Its timers become stale.
 *    An instance between attempts (`retrying`) is cancelled without an update:
 *    its last attempt already ended `failed`.
 * 4. Containers take their contents with them: a loop cancels every iteration
 *    frame (and deletes it), a try cancels the instances of its regions.
 */
export function cancelInstance(
  step: Step,
  frameKey: string,
  nodeId: string,
  reason: string,
  options: { tombstone?: boolean } = {},
): void {
  const frame = frameAt(step, frameKey);
  if (frame === undefined) return;
  const instance = frame.instances[nodeId];
  if (instance === undefined) {
    if (options.tombstone === true) frame.instances[nodeId] = { nodeId, status: "cancelled", attempt: 1 };
    return;
  }
  if (isTerminal(instance)) return;
  const runKey = runKeyOf(frameKey, nodeId);
  const started = instance.status === "running" || instance.status === "waiting";
  if (started && instance.wait?.kind === "http") step.commands.push({ type: "abort-effect", runKey });
  if (started && instance.wait?.kind === "child") step.commands.push({ type: "cancel-child", runKey });
  if (started && instance.wait?.kind === "approval") step.commands.push({ type: "close-approval", runKey, reason: "cancelled" });
  const wasLoop = instance.loop !== undefined;
  const wasTry = instance.try !== undefined;
  markCancelled(instance);
  dropTimersOf(step, runKey);
  if (wasLoop) cancelLoopFrames(step, runKey, reason);
  if (wasTry) for (const handle of TRY_REGION_HANDLES) cancelRegion(step, frameKey, nodeId, handle, reason);
  if (started) recordRun(step, runKey, instance, "cancelled", { error: { type: "Cancelled", message: reason } });
}

function markCancelled(instance: Instance): void {
  instance.status = "cancelled";
  delete instance.wait;
  delete instance.loop;
  delete instance.try;
  delete instance.arrivals;
}

/** Cancels every unfinished instance of a frame; the frame is marked as ended early. */
export function cancelFrame(step: Step, frameKey: string, reason: string): void {
  const frame = frameAt(step, frameKey);
  if (frame === undefined) return;
  frame.ended ??= "cancelled";
  for (const nodeId of Object.keys(frame.instances)) cancelInstance(step, frameKey, nodeId, reason);
}

/** Cancels and deletes every iteration frame of a loop instance (nested frames go with their loops). */
export function cancelLoopFrames(step: Step, loopRunKey: string, reason: string): void {
  const frames = step.state.engine.frames;
  for (const [frameKey, frame] of Object.entries(frames)) {
    if (frame.loopKey !== loopRunKey) continue;
    cancelFrame(step, frameKey, reason);
    delete frames[frameKey];
  }
}

/** Cancels the instances of one region of `ownerId` (a try's try/catch/finally) in its frame. */
export function cancelRegion(step: Step, frameKey: string, ownerId: string, handle: string, reason: string): void {
  for (const nodeId of step.wf.regionNodes(ownerId, handle)) cancelInstance(step, frameKey, nodeId, reason);
}

/** Execution over (failed, cancelled, timed out): everything in flight is cancelled, frames are deleted. */
export function cancelEverything(step: Step, reason: string): void {
  step.queue.length = 0;
  const frames = step.state.engine.frames;
  const root = frames[ROOT_FRAME];
  if (root !== undefined) for (const nodeId of Object.keys(root.instances)) cancelInstance(step, ROOT_FRAME, nodeId, reason);
  for (const frameKey of Object.keys(frames)) {
    if (frameKey === ROOT_FRAME) continue;
    cancelFrame(step, frameKey, reason);
    delete frames[frameKey];
  }
  step.state.engine.timers = {};
}
