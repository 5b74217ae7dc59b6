import { describe, expect, it } from "vitest";
import type { LiveEvent } from "@/lib/live-events";
import { emptyRunView, isEdgeTaken, reduceRunView } from "./run-view-reducer";

/** Events as save-step.ts writes them; `ms` is the time since the execution started. */
let seq = 0;
const at = (ms: number) => new Date(Date.UTC(2026, 10, 26, 18, 0, 0) + ms).toISOString();
function node(type: string, ms: number, runKey: string, options: { attempt?: number; error?: string; nodeType?: string } = {}): LiveEvent {
  const nodeId = runKey.split("/").at(-1)!;
  const error = options.error ? { type: "NodeError", message: options.error, nodeId, retryable: false } : null;
  const payload = { runKey, nodeId, nodeType: options.nodeType ?? "code", attempt: options.attempt ?? 1, error };
  return { executionId: "x1", workflowId: "w1", seq: ++seq, type: `node.${type}`, payload, at: at(ms) };
}
function execution(status: string, ms: number): LiveEvent {
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

  it("ignores events it does not know", () => {
    const state = run([{ executionId: "x1", workflowId: null, seq: ++seq, type: "node.retrying", payload: { runKey: "a", nodeId: "a" }, at: at(0) }]);
    expect(state.nodes).toEqual({});
  });
});
