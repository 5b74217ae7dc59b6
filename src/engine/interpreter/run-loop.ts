import type { EngineError, Json } from "../execution-types";
import { LOOP_BODY_HANDLE } from "../nodes/loop";
import type { WorkflowNodeOf } from "../workflow-schema";
import { succeedInstance } from "./complete-instance";
import { fireRegionEdges } from "./deliver-arrival";
import { buildScope, loopScopeOf } from "./expression-scope";
import { failInstance } from "./fail-instance";
import { iterationFrameKey, type Instance, type LoopBook } from "./interpreter-state";
import { describeJson, isTruthy } from "./json-values";
import { evaluateTemplate, nodeError, resolveConfig } from "./resolve-config";
import { lastCompletedIn } from "./run-try";
import { instanceAt, recordRun, requireInstance, type Step } from "./step";

/**
 * Loops. The loop node's NodeRun spans from its start to `done`. Each iteration
 * is a frame `${loopRunKey}#${index}` holding the body's instances.
 *
 * 1. Start: `items` (for) or `times` (repeat) are evaluated once; `items` must
 *    be a list. More than `maxIterations` iterations → NodeError
 *    "loop <id>: exceeded maxIterations (N)" before any iteration runs.
 * 2. Iterations start while allowed: for: up to `concurrency` at once, in index
 *    order; repeat and while: one at a time. while: `condition` is evaluated
 *    before each iteration in the loop node's scope with
 *    `loop = { item: null, index: <next index>, parent }`; false stops. A true
 *    condition at index maxIterations fails the loop as above.
 * 3. Body entry nodes receive: for → the item; repeat → the index; while → the
 *    loop node's input. `loop.item` is the item (for), the index (repeat) or null (while).
 * 4. An iteration ends when none of its instances is unfinished (settle-step.ts).
 *    Its result is its last completed instance's output (or its entry input if
 *    none completed); iterations ended by break/continue add no result. Its
 *    frame is then deleted and the next iterations start.
 * 5. No iteration running and none left to start → the loop succeeds on `done`
 *    with the results in index order.
 */
export function startLoop(step: Step, runKey: string): void {
  const { frameKey, instance } = requireInstance(step, runKey);
  const node = step.wf.node(instance.nodeId) as WorkflowNodeOf<"loop">;
  const scope = buildScope(step, frameKey, node.id, instance.input ?? null, instance.vars);
  const resolved = resolveConfig(step.sandbox, node.id, node.config, scope, ["condition"]);
  if (!resolved.ok) return failInstance(step, runKey, resolved.error);
  const { mode, maxIterations } = node.config;
  const book: LoopBook = { mode, maxIterations, concurrency: 1, next: 0, active: [], results: [], stopped: false };
  if (mode === "for") {
    const items = resolved.value.items;
    if (!Array.isArray(items)) return failInstance(step, runKey, nodeError(node.id, `config.items: expected a list, got ${describeJson(items)}`));
    if (items.length > maxIterations) return failInstance(step, runKey, maxIterationsError(node.id, maxIterations));
    book.items = items;
    book.concurrency = node.config.concurrency;
  } else if (mode === "repeat") {
    const times = resolved.value.times;
    if (typeof times !== "number" || !Number.isInteger(times) || times < 0) {
      return failInstance(step, runKey, nodeError(node.id, `config.times: expected a whole number ≥ 0, got ${describeJson(times)}`));
    }
    if (times > maxIterations) return failInstance(step, runKey, maxIterationsError(node.id, maxIterations));
    book.times = times;
  }
  instance.status = "running";
  instance.loop = book;
  recordRun(step, runKey, instance, "running", { input: instance.input ?? null });
  fillIterations(step, runKey);
}

export function maxIterationsError(nodeId: string, maxIterations: number): EngineError {
  return { type: "NodeError", message: `loop ${nodeId}: exceeded maxIterations (${maxIterations})`, nodeId, retryable: false };
}

/** Steps 2, 3 and 5. */
export function fillIterations(step: Step, loopRunKey: string): void {
  const found = instanceAt(step, loopRunKey);
  const book = found?.instance.loop;
  if (found === undefined || book === undefined || found.instance.status !== "running") return;
  const { frameKey, instance } = found;
  while (!book.stopped && book.active.length < book.concurrency) {
    const index = book.next;
    let entry: Json;
    let item: Json;
    if (book.mode === "for") {
      if (book.items === undefined || index >= book.items.length) break;
      entry = item = book.items[index] ?? null;
    } else if (book.mode === "repeat") {
      if (index >= (book.times ?? 0)) break;
      entry = item = index;
    } else {
      const verdict = whileConditionHolds(step, frameKey, instance, index);
      if (!verdict.ok) return failInstance(step, loopRunKey, verdict.error);
      if (!verdict.value) {
        book.stopped = true;
        break;
      }
      if (index >= book.maxIterations) return failInstance(step, loopRunKey, maxIterationsError(instance.nodeId, book.maxIterations));
      entry = instance.input ?? null;
      item = null;
    }
    book.next = index + 1;
    book.active.push(index);
    const iterationKey = iterationFrameKey(loopRunKey, index);
    step.state.engine.frames[iterationKey] = {
      loopKey: loopRunKey,
      loopNodeId: instance.nodeId,
      parent: frameKey,
      index,
      item,
      entry,
      vars: {},
      instances: {},
    };
    fireRegionEdges(step, iterationKey, instance.nodeId, LOOP_BODY_HANDLE, entry, instance.vars);
  }
  if (book.active.length === 0) {
    const results = [...book.results].sort((a, b) => a.index - b.index).map((result) => result.value);
    succeedInstance(step, loopRunKey, results, "done");
  }
}

function whileConditionHolds(step: Step, frameKey: string, instance: Instance, index: number) {
  const node = step.wf.node(instance.nodeId) as WorkflowNodeOf<"loop">;
  const scope = buildScope(step, frameKey, node.id, instance.input ?? null, instance.vars);
  scope.loop = { item: null, index, parent: loopScopeOf(step, frameKey) };
  const condition = node.config.condition ?? false;
  if (typeof condition === "boolean") return { ok: true as const, value: condition };
  const result = evaluateTemplate(step.sandbox, node.id, condition, scope, ["config", "condition"]);
  return result.ok ? { ok: true as const, value: isTruthy(result.value) } : result;
}

/** Step 4: called once the iteration frame has no unfinished instance. */
export function finishIteration(step: Step, iterationKey: string): void {
  const frames = step.state.engine.frames;
  const frame = frames[iterationKey];
  if (frame === undefined) return;
  for (const key of Object.keys(frames)) if (key === iterationKey || key.startsWith(`${iterationKey}/`)) delete frames[key];
  if (frame.loopKey === null) return;
  const book = instanceAt(step, frame.loopKey)?.instance.loop;
  if (book === undefined) return;
  book.active = book.active.filter((index) => index !== frame.index);
  if (frame.ended === undefined) {
    book.results.push({ index: frame.index, value: lastCompletedIn(frame, Object.keys(frame.instances)) ?? frame.entry });
  }
  fillIterations(step, frame.loopKey);
}
