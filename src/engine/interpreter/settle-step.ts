import { EFFECT_NODE_TYPES } from "../execution-types";
import type { LogLine } from "../ports";
import { succeedInstance } from "./complete-instance";
import { failExecution, failInstance } from "./fail-instance";
import { isTerminal, ROOT_FRAME, runKeyOf } from "./interpreter-state";
import { runJoin } from "./run-join";
import { finishIteration, startLoop } from "./run-loop";
import { runLoopExit } from "./run-loop-exit";
import { runPureNode } from "./run-pure-node";
import { advanceTry, startTry, tryPhaseIsDone } from "./run-try";
import { startEffect } from "./start-effect";
import { instanceAt, isExecutionOver, type Step } from "./step";

const EFFECT_TYPES: ReadonlySet<string> = new Set(EFFECT_NODE_TYPES);

/**
 * Runs a step to quiescence, then decides the execution's status.
 *
 * 1. Drain the queue: run every ready instance (pure nodes complete at once and
 *    make successors ready; effect nodes emit commands and wait; containers open
 *    regions). Fan-out effects therefore all start within the same step.
 * 2. Look for ONE finished container part: a try whose current region has no
 *    unfinished instance (advance it), or an iteration frame with no unfinished
 *    instance (finish it). If found, go to 1; the queue drains between any two.
 * 3. Status: the root frame has nothing unfinished → `succeeded` with the
 *    result (the last output node's value, else the last completed node's
 *    output, else null). Otherwise `running` while an http effect runs, else
 *    `waiting` (timers, approvals, children). Something unfinished with nothing
 *    in flight would wait forever: that is an interpreter bug, reported as a
 *    failed execution instead of a hang.
 */
export function settleStep(step: Step): void {
  for (;;) {
    drainQueue(step);
    if (isExecutionOver(step) || !advanceOneContainer(step)) break;
  }
  if (!isExecutionOver(step)) decideStatus(step);
}

function drainQueue(step: Step): void {
  for (let runKey = step.queue.shift(); runKey !== undefined; runKey = step.queue.shift()) {
    if (isExecutionOver(step)) return;
    if (instanceAt(step, runKey)?.instance.status === "ready") runReadyInstance(step, runKey);
  }
}

function runReadyInstance(step: Step, runKey: string): void {
  const { frameKey, instance } = instanceAt(step, runKey)!;
  const node = step.wf.node(instance.nodeId);
  if (EFFECT_TYPES.has(node.type)) return startEffect(step, runKey);
  switch (node.type) {
    case "loop":
      return startLoop(step, runKey);
    case "try":
      return startTry(step, runKey);
    case "join":
      return runJoin(step, runKey);
    case "break":
    case "continue":
      return runLoopExit(step, runKey);
  }
  const outcome = runPureNode(step, frameKey, instance, node);
  const attempt = instance.attempt;
  const firstUpdate = step.updates.length;
  if (outcome.ok) succeedInstance(step, runKey, outcome.output, outcome.handle);
  else failInstance(step, runKey, outcome.error);
  if (outcome.logs !== undefined) attachLogs(step, firstUpdate, runKey, attempt, outcome.logs);
}

/** A code node's console lines go on the update that recorded how this attempt ended (succeeded, failed or retrying). */
function attachLogs(step: Step, from: number, runKey: string, attempt: number, logs: LogLine[]): void {
  for (let i = from; i < step.updates.length; i++) {
    const update = step.updates[i]!;
    if (update.runKey === runKey && update.attempt === attempt) {
      update.logs = logs;
      return;
    }
  }
}

function advanceOneContainer(step: Step): boolean {
  for (const [frameKey, frame] of Object.entries(step.state.engine.frames)) {
    for (const instance of Object.values(frame.instances)) {
      if (tryPhaseIsDone(step, frame, instance)) {
        advanceTry(step, runKeyOf(frameKey, instance.nodeId));
        return true;
      }
    }
    if (frame.loopKey !== null && Object.values(frame.instances).every(isTerminal)) {
      finishIteration(step, frameKey);
      return true;
    }
  }
  return false;
}

function decideStatus(step: Step): void {
  const engine = step.state.engine;
  const unfinished = Object.values(engine.frames).flatMap((frame) => Object.values(frame.instances).filter((i) => !isTerminal(i)));
  const root = engine.frames[ROOT_FRAME];
  if (root !== undefined && Object.values(root.instances).every(isTerminal) && unfinished.length === 0) {
    step.state.status = "succeeded";
    step.state.output = engine.result?.value ?? engine.last?.value ?? null;
    engine.timers = {};
    return;
  }
  if (unfinished.some((i) => i.wait?.kind === "http")) {
    step.state.status = "running";
    return;
  }
  if (unfinished.some((i) => i.wait !== undefined || i.status === "retrying")) {
    step.state.status = "waiting";
    return;
  }
  const stuck = unfinished.map((i) => i.nodeId).join(", ");
  failExecution(step, { type: "NodeError", message: `interpreter: execution cannot progress (stuck at ${stuck})` });
}
