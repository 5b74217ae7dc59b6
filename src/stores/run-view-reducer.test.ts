import { describe, expect, it } from "vitest";
import type { LiveEvent, NodeEvent } from "@/lib/live-events";
import { emptyRunView, isEdgeTaken, reduceRunView } from "./run-view-reducer";

/** Events as save-step.ts writes them; `ms` is the time since the execution started. */
let seq = 0;
const at = (ms: number) => new Date(Date.UTC(2026, 10, 26, 18, 0, 0) + ms).toISOString();
type NodeStatus = NodeEvent["type"] extends `node.${infer S}` ? S : never;
type ExecutionStatus = Extract<LiveEvent, { type: `execution.${string}` }>["payload"]["status"];
function node(
  status: NodeStatus,
  ms: number,
  runKey: string,
  options: { attempt?: number; error?: string; nodeType?: string; handles?: string[] } = {},
): LiveEvent {
  const nodeId = runKey.split("/").at(-1)!;
  const error = options.error ? { type: "NodeError", message: options.error, nodeId, retryable: false } : null;
  const payload = { runKey, nodeId, nodeType: options.nodeType ?? "code", attempt: options.attempt ?? 1, error };
  const envelope = { executionId: "x1", workflowId: "w1", seq: ++seq, at: at(ms) };
  if (status === "succeeded") return { ...envelope, type: "node.succeeded", payload: options.handles ? { ...payload, handles: options.handles } : payload };
  return { ...envelope, type: `node.${status}`, payload };
}
function execution(status: Exclude<ExecutionStatus, "queued">, ms: number): LiveEvent {
  return { executionId: "x1", workflowId: "w1", seq: ++seq, type: `execution.${status}`, payload: { status, error: null }, at: at(ms) };
}
const run = (events: LiveEvent[]) => reduceRunView(emptyRunView(), events);

describe("reduceRunView", () => {
  it("counts loop iterations as instances and totals their time", () => {
    // start → each(loop over 3) ─body→ fetch (one instance per iteration) ─done→ end
    const state = run([
      execution("running", 0),
      node("succeeded", 0, "start"),
      node("running", 0, "each", { nodeType: "loop" }),
      node("running", 10, "each#0/fetch"),
      node("succeeded", 110, "each#0/fetch"),
      node("running", 110, "each#1/fetch"),
      node("succeeded", 160, "each#1/fetch"),
      node("running", 160, "each#2/fetch"),
    ]);
    expect(state.nodes.fetch!.view).toEqual({ status: "running", runs: 3, iterations: 0, durationMs: 150, error: null });
    // The loop runs once; its iterations come from its body's run keys.
    expect(state.nodes.each!.view).toEqual({ status: "running", runs: 1, iterations: 3, durationMs: null, error: null });

    const done = reduceRunView(state, [node("succeeded", 190, "each#2/fetch"), node("succeeded", 200, "each", { nodeType: "loop" }), execution("succeeded", 200)]);
    expect(done.nodes.fetch!.view).toEqual({ status: "succeeded", runs: 3, iterations: 0, durationMs: 180, error: null });
    expect(done.nodes.each!.view).toEqual({ status: "succeeded", runs: 1, iterations: 3, durationMs: 200, error: null });
    // A node recorded only by its result ran inside one step.
    expect(done.nodes.start!.view).toEqual({ status: "succeeded", runs: 1, iterations: 0, durationMs: 0, error: null });
    expect(done.executionStatus).toBe("succeeded");
  });

  it("counts an inner loop's iterations in every outer iteration", () => {
    const state = run([
      node("running", 0, "outer", { nodeType: "loop" }),
      node("succeeded", 1, "outer#0/inner", { nodeType: "loop" }),
      node("succeeded", 1, "outer#0/inner#0/x"),
      node("succeeded", 2, "outer#0/inner#1/x"),
      node("succeeded", 3, "outer#1/inner", { nodeType: "loop" }),
      node("succeeded", 3, "outer#1/inner#0/x"),
    ]);
    expect(state.nodes.outer!.view.iterations).toBe(2);
    expect(state.nodes.inner!.view.iterations).toBe(3);
    expect(state.nodes.inner!.view.runs).toBe(2);
    expect(state.nodes.x!.view.iterations).toBe(0);
  });

  it("shows a parallel loop as running while any iteration runs", () => {
    const state = run([
      node("running", 0, "each#0/fetch"),
      node("running", 0, "each#1/fetch"),
      node("succeeded", 50, "each#1/fetch"),
    ]);
    expect(state.nodes.fetch!.view).toMatchObject({ status: "running", runs: 2, iterations: 0, durationMs: 50 });
  });

  it("counts retries once, and a success after a failed attempt clears the error", () => {
    const failedOnce = run([node("running", 0, "call", { nodeType: "http.request" }), node("failed", 100, "call", { error: "HTTP 503 from api.example.com" })]);
    expect(failedOnce.nodes.call!.view).toEqual({ status: "failed", runs: 1, iterations: 0, durationMs: 100, error: "HTTP 503 from api.example.com" });
    const retried = reduceRunView(failedOnce, [node("running", 1100, "call", { attempt: 2 }), node("succeeded", 1200, "call", { attempt: 2 })]);
    expect(retried.nodes.call!.view).toEqual({ status: "succeeded", runs: 1, iterations: 0, durationMs: 1200, error: null });
  });

  it("marks the branch not taken as skipped, and only taken edges as taken", () => {
    // start → check(if) ─true→ yes
    //                   └false→ no
    const state = run([
      node("succeeded", 0, "start"),
      node("succeeded", 5, "check", { nodeType: "if" }),
      node("skipped", 5, "no"),
      node("succeeded", 6, "yes"),
    ]);
    expect(state.nodes.no!.view).toEqual({ status: "skipped", runs: 1, iterations: 0, durationMs: null, error: null });
    expect(isEdgeTaken(state, { source: "check", target: "yes" })).toBe(true);
    expect(isEdgeTaken(state, { source: "check", target: "no" })).toBe(false);
    expect(isEdgeTaken(state, { source: "start", target: "check" })).toBe(true);
    // Target never ran: not taken.
    expect(isEdgeTaken(state, { source: "yes", target: "after" })).toBe(false);
  });

  it("shows a failure with its message, and the execution failed", () => {
    const state = run([
      node("succeeded", 0, "start"),
      node("failed", 20, "parse", { error: "parse: field total: expected a number" }),
      execution("failed", 20),
    ]);
    expect(state.nodes.parse!.view).toEqual({ status: "failed", runs: 1, iterations: 0, durationMs: 0, error: "parse: field total: expected a number" });
    expect(state.executionStatus).toBe("failed");
    expect(isEdgeTaken(state, { source: "parse", target: "next" })).toBe(false);
  });

  it("shows a cancelled wait as cancelled", () => {
    const state = run([
      node("succeeded", 0, "start"),
      node("waiting", 0, "nap", { nodeType: "delay" }),
      node("cancelled", 3000, "nap", { error: "the execution was cancelled" }),
      execution("cancelled", 3000),
    ]);
    expect(state.nodes.nap!.view).toEqual({ status: "cancelled", runs: 1, iterations: 0, durationMs: 3000, error: "the execution was cancelled" });
    expect(state.executionStatus).toBe("cancelled");
  });

  it("leaves earlier states and untouched nodes as they were (narrow re-renders)", () => {
    const first = run([node("succeeded", 0, "start"), node("running", 0, "slow")]);
    const second = reduceRunView(first, [node("succeeded", 40, "slow")]);
    expect(first.nodes.slow!.view.status).toBe("running");
    expect(second.nodes.start).toBe(first.nodes.start);
    expect(reduceRunView(second, [])).toBe(second);
  });

  it("ignores events the feed could not read", () => {
    const state = run([{ executionId: "x1", workflowId: null, seq: ++seq, type: "unreadable", payload: { type: "node.retrying", problem: "unknown event type" }, at: at(0) }]);
    expect(state.nodes).toEqual({});
    expect(state.executionStatus).toBeNull();
  });
});

describe("isEdgeTaken, from the handles a node fired", () => {
  //           ┌─true─┐
  // start → check     → x     (both branches into one node; the run took `false`)
  //           └─false┘
  it("an if whose two branches meet at one node: only the branch taken", () => {
    const state = run([
      node("succeeded", 0, "start", { handles: ["out"] }),
      node("succeeded", 1, "check", { nodeType: "if", handles: ["false"] }),
      node("succeeded", 2, "x", { handles: ["out"] }),
    ]);
    expect(isEdgeTaken(state, { source: "check", target: "x", sourceHandle: "false" })).toBe(true);
    expect(isEdgeTaken(state, { source: "check", target: "x", sourceHandle: "true" })).toBe(false);
    // The same events without handles (written before they were recorded): the old guess, both edges.
    const old = run([node("succeeded", 0, "start"), node("succeeded", 1, "check", { nodeType: "if" }), node("succeeded", 2, "x")]);
    expect(isEdgeTaken(old, { source: "check", target: "x", sourceHandle: "true" })).toBe(true);
    expect(isEdgeTaken(old, { source: "check", target: "x", sourceHandle: "false" })).toBe(true);
  });

  //             ┌─small──┐
  // start → route ─big────┴→ sized ─┐
  //             └─default→ d ───────┴→ after   (two cases into one node; the run took `big`)
  it("a switch: the matched case only", () => {
    const state = run([
      node("succeeded", 0, "start", { handles: ["out"] }),
      node("succeeded", 1, "route", { nodeType: "switch", handles: ["big"] }),
      node("skipped", 1, "d"),
      node("succeeded", 2, "sized", { handles: ["out"] }),
      node("succeeded", 3, "after", { handles: ["out"] }),
    ]);
    expect(isEdgeTaken(state, { source: "route", target: "sized", sourceHandle: "big" })).toBe(true);
    expect(isEdgeTaken(state, { source: "route", target: "sized", sourceHandle: "small" })).toBe(false);
    expect(isEdgeTaken(state, { source: "route", target: "d", sourceHandle: "default" })).toBe(false);
    expect(isEdgeTaken(state, { source: "sized", target: "after", sourceHandle: "out" })).toBe(true);
    // d was skipped: it fired nothing, so its edge into the shared node is not taken.
    expect(isEdgeTaken(state, { source: "d", target: "after", sourceHandle: "out" })).toBe(false);
  });

  // start → a → b     (one plain output)
  it("a node with one plain output: taken once it succeeded, not while it runs or after it failed", () => {
    const running = run([node("succeeded", 0, "start", { handles: ["out"] }), node("running", 0, "a")]);
    expect(isEdgeTaken(running, { source: "start", target: "a", sourceHandle: "out" })).toBe(true);
    expect(isEdgeTaken(running, { source: "a", target: "b", sourceHandle: "out" })).toBe(false);
    const done = reduceRunView(running, [node("succeeded", 10, "a", { handles: ["out"] })]);
    expect(isEdgeTaken(done, { source: "a", target: "b", sourceHandle: "out" })).toBe(true);
    const failed = reduceRunView(running, [node("failed", 10, "a", { error: "boom" })]);
    expect(isEdgeTaken(failed, { source: "a", target: "b", sourceHandle: "out" })).toBe(false);
  });

  // start → each(loop) ─body→ check(if) ─true→ big ; check ─false→ small ; each ─done→ after
  it("in a loop, every branch some iteration took; a loop's body and done", () => {
    const state = run([
      node("running", 0, "each", { nodeType: "loop" }),
      node("succeeded", 1, "each#0/check", { nodeType: "if", handles: ["false"] }),
      node("skipped", 1, "each#0/big"),
      node("succeeded", 1, "each#0/small", { handles: ["out"] }),
      node("succeeded", 2, "each#1/check", { nodeType: "if", handles: ["false"] }),
    ]);
    expect(isEdgeTaken(state, { source: "check", target: "big", sourceHandle: "true" })).toBe(false);
    const later = reduceRunView(state, [
      node("succeeded", 3, "each#2/check", { nodeType: "if", handles: ["true"] }),
      node("succeeded", 4, "each", { nodeType: "loop", handles: ["body", "done"] }),
    ]);
    expect(isEdgeTaken(later, { source: "check", target: "big", sourceHandle: "true" })).toBe(true);
    expect(isEdgeTaken(later, { source: "check", target: "small", sourceHandle: "false" })).toBe(true);
    expect(isEdgeTaken(later, { source: "each", target: "check", sourceHandle: "body" })).toBe(true);
    expect(isEdgeTaken(later, { source: "each", target: "after", sourceHandle: "done" })).toBe(true);
    // The state before the batch is untouched.
    expect(isEdgeTaken(state, { source: "check", target: "big", sourceHandle: "true" })).toBe(false);
  });

  it("without a sourceHandle to compare, the guess", () => {
    const state = run([node("succeeded", 1, "check", { nodeType: "if", handles: ["false"] }), node("skipped", 1, "yes"), node("succeeded", 2, "no")]);
    expect(isEdgeTaken(state, { source: "check", target: "no" })).toBe(true);
    expect(isEdgeTaken(state, { source: "check", target: "yes" })).toBe(false);
  });
});
