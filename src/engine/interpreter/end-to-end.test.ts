import { describe, expect, it } from "vitest";
import { everyNodeTypeWorkflow } from "../fixtures/every-node-type";
import { validateWorkflow } from "../validate-workflow";
import type { Script } from "./test-harness";
import { deepFreeze, fail, http, node, runWorkflow, setNode, Simulation, trigger } from "./test-harness";

/*
 * The fixture that uses every node type:
 *   start → prepare(set) → script(code) → fetch(http, retry 3, onError continue) → check(if)
 *   check ─true→ route(switch) ; check ─false→ bad(fail)
 *   route ─big→ review(approval) ; ─small→ pause(delay 30) ; ─default→ hold(wait)
 *   review/pause/hold → merge(join any, first) → each(for lines)
 *   each ─body→ guard(try) ─try→ child(subworkflow) ; ─catch→ skip(continue) ; ─finally→ tally(var seen+1)
 *               guard ─out→ decide(if index ≥ 100) ─true→ stop(break) ; ─false→ shape(map skus)
 *   each ─done→ total(variable.get seen) → result(output { seen })
 */
function runFixture(script: Script, input = { user: "ann" }) {
  const valid = validateWorkflow(everyNodeTypeWorkflow);
  if (!valid.ok) throw new Error("the fixture is invalid");
  const sim = new Simulation(deepFreeze(valid.workflow), script);
  sim.start(input);
  return sim.runToEnd();
}

const order = (size: string) => ({
  output: { status: 200, headers: {}, body: { size, lines: [{ items: [{ sku: "a" }] }, { items: [{ sku: "b" }, { sku: "c" }] }] } },
});

describe("every node type together", () => {
  it("a small order: delay, join any, loop with try/subworkflow/finally, variables, output", () => {
    const sim = runFixture({ http: () => order("S"), child: (command) => ({ status: "succeeded", output: command.input }) });
    expect(sim.status).toBe("succeeded");
    expect(sim.state?.output).toEqual({ seen: 2 });
    expect(sim.lastUpdate("each")?.output).toEqual([["a"], ["b", "c"]]);
    expect(sim.timeline).toEqual([
      "start succeeded",
      "prepare succeeded",
      "script succeeded",
      "fetch running",
      "fetch succeeded",
      "check succeeded",
      "bad skipped",
      "route succeeded",
      "review skipped",
      "hold skipped",
      "pause waiting",
      "pause succeeded",
      "merge succeeded",
      "each running",
      "each#0/guard running",
      "each#0/child waiting",
      "each#0/child succeeded",
      "each#0/tally succeeded",
      "each#0/guard succeeded",
      "each#0/decide succeeded",
      "each#0/stop skipped",
      "each#0/shape succeeded",
      "each#1/guard running",
      "each#1/child waiting",
      "each#1/child succeeded",
      "each#1/tally succeeded",
      "each#1/guard succeeded",
      "each#1/decide succeeded",
      "each#1/stop skipped",
      "each#1/shape succeeded",
      "each succeeded",
      "total succeeded",
      "result succeeded",
    ]);
  });

  it("a big order waits for the approval; a failing child is caught and the iteration continues", () => {
    const sim = runFixture({
      http: () => order("L"),
      approval: () => ({ decision: { decision: "approved", by: "boss@example.com", at: "2025-01-01T02:00:00.000Z" }, afterMs: 3_600_000 }),
      child: (command) =>
        command.runKey === "each#0/child"
          ? { status: "failed", error: { type: "NodeError", message: "out of stock" } }
          : { status: "succeeded", output: command.input },
    });
    expect(sim.commandsOf("create-approval")).toHaveLength(1);
    // Iteration 0 ends by continue in the catch region (no result, finally not run); iteration 1 completes.
    expect(sim.lastUpdate("each")?.output).toEqual([["b", "c"]]);
    expect(sim.state?.output).toEqual({ seen: 1 });
  });

  it("an http failure becomes { error } (onError continue) and the if sends it to the fail node", () => {
    const sim = runFixture({ http: () => ({ error: { type: "NodeError", message: "HTTP 500", retryable: false } }) });
    expect(sim.lastUpdate("fetch")?.output).toEqual({ error: { message: "node fetch: HTTP 500", nodeId: "fetch", type: "NodeError" } });
    expect(sim.state?.error).toEqual({ type: "NodeError", message: "The order service failed", nodeId: "bad" });
  });
});

describe("errors crossing regions", () => {
  // start → t(try) ─try→ each(for [1,2]) ─body→ boom(fail)
  //           └─catch→ handle
  it("a loop failing inside a try region is caught by the try", () => {
    const sim = runWorkflow(
      [trigger(), node("t", "try", {}), node("each", "loop", { mode: "for", items: [1, 2] }), fail("boom", "bad {{ input }}"), setNode("handle", { got: "{{ error.message }}" }, false)],
      ["start -> t", "t.try -> each", "each.body -> boom", "t.catch -> handle"],
    );
    expect(sim.state?.output).toEqual({ got: "bad 1" });
    expect(sim.runs).toMatchObject({ "each#0/boom@1": "failed", "each@1": "failed", "t@1": "succeeded" });
  });

  // outer(for) ─body→ inner(for) ─body→ boom   (fails outward through both loops)
  it("an error in a nested loop fails both loops and the execution", () => {
    const sim = runWorkflow(
      [trigger(), node("outer", "loop", { mode: "for", items: [1] }), node("inner", "loop", { mode: "for", items: [1] }), fail("boom", "deep")],
      ["start -> outer", "outer.body -> inner", "inner.body -> boom"],
    );
    expect(sim.timeline).toEqual(["start succeeded", "outer running", "outer#0/inner running", "outer#0/inner#0/boom failed", "outer#0/inner failed", "outer failed"]);
    expect(sim.state?.error).toEqual({ type: "NodeError", message: "deep", nodeId: "boom" });
  });

  // each(for [1,2]) ─body→ fast(set) ─┐
  //                 └body→ slow(http) ─┴→ j(join any)     (the race is per iteration)
  it("a join any inside a loop body cancels the losing branch of its own iteration only", () => {
    const sim = runWorkflow(
      [trigger(), node("each", "loop", { mode: "for", items: [1, 2] }), http("slow"), setNode("fast", { fast: "{{ input }}" }, false), node("j", "join", { mode: "any", aggregate: "first" })],
      ["start -> each", "each.body -> slow", "each.body -> fast", "slow -> j", "fast -> j"],
      { http: () => ({ output: 1, afterMs: 100 }) },
    );
    expect(sim.commandsOf("abort-effect")).toEqual([
      { type: "abort-effect", runKey: "each#0/slow" },
      { type: "abort-effect", runKey: "each#1/slow" },
    ]);
    expect(sim.state?.output).toEqual([{ fast: 1 }, { fast: 2 }]);
  });

  // each(for) ─body→ out(output)  — the last output node to run gives the result
  it("an output node inside a loop sets the result (the last one to run)", () => {
    const sim = runWorkflow(
      [trigger(), node("each", "loop", { mode: "for", items: ["a", "b"] }), node("out", "output", { value: "{{ loop.item }}" })],
      ["start -> each", "each.body -> out"],
    );
    expect(sim.state?.output).toBe("b");
  });

  // start → call(http) → x ; the http error is not retryable and there is no try
  it("an unhandled effect error keeps the driver's type and names the node", () => {
    const sim = runWorkflow([trigger(), http("call"), setNode("x", {})], ["start -> call", "call -> x"], {
      http: () => ({ error: { type: "ValidationError", message: "bad url", retryable: false } }),
    });
    expect(sim.state?.error).toEqual({ type: "ValidationError", message: "node call: bad url", nodeId: "call" });
  });
});
