import { describe, expect, it } from "vitest";
import type { Json } from "../execution-types";
import { delay, http, node, runWorkflow, setNode, trigger } from "./test-harness";

const join = (id: string, mode: string, aggregate: string, n?: number) =>
  node(id, "join", n === undefined ? { mode, aggregate } : { mode, aggregate, n });

/** Replies `{ from: nodeId }` after `latency[nodeId]` ms. */
const timed = (latency: Record<string, number>) => (command: { nodeId: string }) => ({
  output: { from: command.nodeId } as Json,
  afterMs: latency[command.nodeId] ?? 0,
});

//         ┌→ slow(http, 300 ms) ─┐
// start ──┤                       ├→ j(join all) → after
//         └→ fast(http, 100 ms) ─┘
describe("join all", () => {
  const run = (aggregate: string) =>
    runWorkflow(
      [trigger(), http("slow"), http("fast"), join("j", "all", aggregate), setNode("after", { x: 1 }, false)],
      ["start -> slow", "start -> fast", "slow -> j", "fast -> j", "j -> after"],
      { http: timed({ slow: 300, fast: 100 }) },
    );

  it("array: outputs in completion order", () => {
    expect(run("array").lastUpdate("j")?.output).toEqual([{ from: "fast" }, { from: "slow" }]);
  });

  it("first / last: by completion order", () => {
    expect(run("first").lastUpdate("j")?.output).toEqual({ from: "fast" });
    expect(run("last").lastUpdate("j")?.output).toEqual({ from: "slow" });
  });

  it("object: keyed by predecessor id", () => {
    expect(run("object").lastUpdate("j")?.output).toEqual({ fast: { from: "fast" }, slow: { from: "slow" } });
  });

  it("merge: shallow merge in arrival order (later wins)", () => {
    expect(run("merge").lastUpdate("j")?.output).toEqual({ from: "slow" });
  });

  it("waits for every branch, then continues once", () => {
    const sim = run("array");
    expect(sim.timeline).toEqual([
      "start succeeded",
      "slow running",
      "fast running",
      "fast succeeded",
      "slow succeeded",
      "j succeeded",
      "after succeeded",
    ]);
    expect(sim.lastUpdate("j")?.input).toEqual({ fast: { from: "fast" }, slow: { from: "slow" } });
  });

  it("merge of a non-object is a NodeError", () => {
    const sim = runWorkflow(
      [trigger(), setNode("a", { x: 1 }, false), node("b", "code", { code: "return [1];" }), join("j", "all", "merge")],
      ["start -> a", "start -> b", "a -> j", "b -> j"],
    );
    expect(sim.state?.error).toEqual({ type: "NodeError", message: 'node j: aggregate "merge" needs objects, but b gave a list', nodeId: "j" });
  });

  //            ┌─true──→ a ─┐
  // start → gate            ├→ j(all, array)
  //            └─false─→ b ─┘
  it("skipped branches are not awaited", () => {
    const sim = runWorkflow(
      [trigger(), node("gate", "if", { condition: true }), setNode("a", { v: "a" }, false), setNode("b", { v: "b" }, false), join("j", "all", "array")],
      ["start -> gate", "gate.true -> a", "gate.false -> b", "a -> j", "b -> j"],
    );
    expect(sim.state?.output).toEqual([{ v: "a" }]);
  });

  //            ┌─true──→ j(all)     (condition false: every edge dead)
  // start → gate
  it("a join whose every incoming edge is dead is skipped", () => {
    const sim = runWorkflow(
      [trigger(), node("gate", "if", { condition: false }), setNode("a", {}), join("j", "all", "array"), setNode("after", {})],
      ["start -> gate", "gate.true -> a", "a -> j", "j -> after"],
    );
    expect(sim.runs).toMatchObject({ "a@1": "skipped", "j@1": "skipped", "after@1": "skipped" });
  });
});

//         ┌→ slow(http, 300 ms) → tail ─┐
// start ──┤                              ├→ j(join any) → after
//         └→ fast(http, 100 ms) ─────────┘
describe("join any", () => {
  const build = (aggregate = "first") =>
    runWorkflow(
      [trigger(), http("slow"), setNode("tail", {}), http("fast"), join("j", "any", aggregate), setNode("after", { done: true })],
      ["start -> slow", "slow -> tail", "tail -> j", "start -> fast", "fast -> j", "j -> after"],
      { http: timed({ slow: 300, fast: 100 }) },
    );

  it("fires on the first arrival", () => {
    const sim = build();
    expect(sim.lastUpdate("j")?.output).toEqual({ from: "fast" });
    expect(sim.state?.output).toEqual({ from: "fast", done: true });
  });

  it("cancels the losing branch: abort-effect and a cancelled node run", () => {
    const sim = build();
    const joinStep = sim.steps.find((s) => s.runUpdates.some((u) => u.runKey === "j"));
    expect(joinStep?.commands).toEqual([{ type: "abort-effect", runKey: "slow" }]);
    expect(sim.lastUpdate("slow")).toMatchObject({ status: "cancelled", error: { type: "Cancelled" } });
  });

  it("ignores the late arrival: the losing branch's tail never runs and after runs once", () => {
    const sim = build();
    expect(sim.timeline).toEqual([
      "start succeeded",
      "slow running",
      "fast running",
      "fast succeeded",
      "slow cancelled",
      "j succeeded",
      "after succeeded",
    ]);
    // The slow reply is still delivered by the fake driver at 300 ms; it is a stale no-op.
    expect(sim.steps.at(-1)?.runUpdates).toEqual([]);
    expect(sim.status).toBe("succeeded");
  });

  it("every aggregate sees exactly one arrival", () => {
    expect(build("array").lastUpdate("j")?.output).toEqual([{ from: "fast" }]);
    expect(build("object").lastUpdate("j")?.output).toEqual({ fast: { from: "fast" } });
    expect(build("merge").lastUpdate("j")?.output).toEqual({ from: "fast" });
    expect(build("last").lastUpdate("j")?.output).toEqual({ from: "fast" });
  });

  //         ┌→ d(delay 60) ─┐
  // start ──┤                ├→ j(any)
  //         └→ now(set) ────┘
  it("a losing delay is cancelled and its timer becomes stale", () => {
    const sim = runWorkflow([trigger(), delay("d", 60), setNode("now", { v: 1 }, false), join("j", "any", "first")], [
      "start -> d",
      "start -> now",
      "d -> j",
      "now -> j",
    ]);
    expect(sim.steps).toHaveLength(2); // start, then the stale timer
    expect(sim.steps[0]?.state.status).toBe("succeeded");
    expect(sim.lastUpdate("d")?.status).toBe("cancelled");
  });

  //         ┌→ shared(http 300) ─┬→ j(any)
  // start ──┤                     └→ other
  //         └→ fast(http 100) ──────→ j
  it("does not cancel a branch that also leads elsewhere", () => {
    const sim = runWorkflow(
      [trigger(), http("shared"), setNode("other", { other: true }, false), http("fast"), join("j", "any", "first")],
      ["start -> shared", "shared -> j", "shared -> other", "start -> fast", "fast -> j"],
      { http: timed({ shared: 300, fast: 100 }) },
    );
    expect(sim.commandsOf("abort-effect")).toEqual([]);
    expect(sim.runs).toMatchObject({ "shared@1": "succeeded", "other@1": "succeeded", "j@1": "succeeded" });
    expect(sim.state?.output).toEqual({ other: true });
  });
});

//         ┌→ a(http 100) ─┐
// start ──┼→ b(http 200) ─┼→ j(n_of_m, n=2)
//         └→ c(http 300) ─┘
describe("join n_of_m", () => {
  it("fires on the n-th arrival and cancels the rest", () => {
    const sim = runWorkflow(
      [trigger(), http("a"), http("b"), http("c"), join("j", "n_of_m", "array", 2)],
      ["start -> a", "start -> b", "start -> c", "a -> j", "b -> j", "c -> j"],
      { http: timed({ a: 100, b: 200, c: 300 }) },
    );
    expect(sim.state?.output).toEqual([{ from: "a" }, { from: "b" }]);
    expect(sim.commandsOf("abort-effect")).toEqual([{ type: "abort-effect", runKey: "c" }]);
    expect(sim.runs).toMatchObject({ "a@1": "succeeded", "b@1": "succeeded", "c@1": "cancelled" });
  });

  it("object aggregate keys the n arrivals", () => {
    const sim = runWorkflow(
      [trigger(), http("a"), http("b"), http("c"), join("j", "n_of_m", "object", 2)],
      ["start -> a", "start -> b", "start -> c", "a -> j", "b -> j", "c -> j"],
      { http: timed({ a: 300, b: 200, c: 100 }) },
    );
    expect(sim.state?.output).toEqual({ c: { from: "c" }, b: { from: "b" } });
  });

  //         ┌→ a ─────────────┐
  // start ──┼→ gate ─true→ b ─┼→ j(n_of_m, n=2)
  //         │      └─true→ c ─┘    (gate false: b and c skipped)
  it("fewer than n live branches left is a NodeError", () => {
    const sim = runWorkflow(
      [trigger(), setNode("a", {}), node("gate", "if", { condition: false }), setNode("b", {}), setNode("c", {}), join("j", "n_of_m", "array", 2)],
      ["start -> a", "start -> gate", "gate.true -> b", "gate.true -> c", "a -> j", "b -> j", "c -> j"],
    );
    expect(sim.state?.error).toEqual({
      type: "NodeError",
      message: "node j: waits for 2 branches but only 1 can arrive (the others were skipped)",
      nodeId: "j",
    });
  });

  it("fails as soon as too few can still arrive, cancelling what still runs", () => {
    const sim = runWorkflow(
      [trigger(), http("slow"), node("gate", "if", { condition: false }), setNode("b", {}), setNode("c", {}), join("j", "n_of_m", "array", 3)],
      ["start -> slow", "start -> gate", "gate.true -> b", "gate.true -> c", "slow -> j", "b -> j", "c -> j"],
      { http: () => ({ output: 1, afterMs: 1000 }) },
    );
    expect(sim.steps[0]?.state.status).toBe("failed");
    expect(sim.steps[0]?.commands).toEqual([
      expect.objectContaining({ type: "run-effect", runKey: "slow" }),
      { type: "abort-effect", runKey: "slow" },
    ]);
  });
});
