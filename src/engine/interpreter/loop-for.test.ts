import { describe, expect, it } from "vitest";
import { http, node, runWorkflow, setNode, trigger } from "./test-harness";

const forLoop = (id: string, items: unknown, extra: Record<string, unknown> = {}) => node(id, "loop", { mode: "for", items, ...extra });
const double = (id: string) => setNode(id, { v: "{{ input * 2 }}" }, false);

describe("loop for", () => {
  // start → each(for) ─body→ dbl
  //              └─done→ after
  it("runs the body once per item and outputs the results in order on done", () => {
    const sim = runWorkflow(
      [trigger(), forLoop("each", "{{ input.items }}"), double("dbl"), setNode("after", { n: "{{ input.length }}" }, false)],
      ["start -> each", "each.body -> dbl", "each.done -> after"],
      { input: { items: [1, 2, 3] } },
    );
    expect(sim.lastUpdate("each")?.output).toEqual([{ v: 2 }, { v: 4 }, { v: 6 }]);
    expect(sim.state?.output).toEqual({ n: 3 });
    expect(sim.steps).toHaveLength(1);
  });

  it("keys body instances `loopRunKey#index/nodeId` and the loop's NodeRun spans start to done", () => {
    const sim = runWorkflow([trigger(), forLoop("each", [10, 20]), double("dbl")], ["start -> each", "each.body -> dbl"]);
    expect(sim.timeline).toEqual(["start succeeded", "each running", "each#0/dbl succeeded", "each#1/dbl succeeded", "each succeeded"]);
    expect(sim.lastUpdate("each#1/dbl")).toEqual({
      runKey: "each#1/dbl",
      nodeId: "dbl",
      nodeType: "set",
      attempt: 1,
      status: "succeeded",
      input: 20,
      output: { v: 40 },
      handles: ["out"],
    });
  });

  // start → each ─body→ a → b     (iteration result = last completed node)
  it("an iteration's result is the output of its last completed body node", () => {
    const sim = runWorkflow(
      [trigger(), forLoop("each", ["x", "y"]), setNode("a", { s: "{{ input }}" }, false), setNode("b", { t: "{{ input.s + '!' }}" }, false)],
      ["start -> each", "each.body -> a", "a -> b"],
    );
    expect(sim.state?.output).toEqual([{ t: "x!" }, { t: "y!" }]);
  });

  it("loop.item and loop.index are in scope; loop.parent is null at the top level", () => {
    const sim = runWorkflow(
      [trigger(), forLoop("each", ["a", "b"]), setNode("s", { item: "{{ loop.item }}", index: "{{ loop.index }}", parent: "{{ loop.parent }}" }, false)],
      ["start -> each", "each.body -> s"],
    );
    expect(sim.state?.output).toEqual([
      { item: "a", index: 0, parent: null },
      { item: "b", index: 1, parent: null },
    ]);
  });

  it("an empty list runs no iteration and outputs []", () => {
    const sim = runWorkflow([trigger(), forLoop("each", []), double("dbl")], ["start -> each", "each.body -> dbl"]);
    expect(sim.timeline).toEqual(["start succeeded", "each running", "each succeeded"]);
    expect(sim.state?.output).toEqual([]);
  });

  // start → each(for, no body edges) ─done→ after
  it("an empty body makes each iteration's result its item", () => {
    const sim = runWorkflow([trigger(), forLoop("each", [1, 2]), setNode("after", {}, true)], ["start -> each", "each.done -> after"]);
    expect(sim.lastUpdate("each")?.output).toEqual([1, 2]);
  });

  it("items that are not a list fail the loop node", () => {
    const sim = runWorkflow([trigger(), forLoop("each", "{{ input.items }}"), double("dbl")], ["start -> each", "each.body -> dbl"], {
      input: { items: { a: 1 } },
    });
    expect(sim.state?.error).toEqual({ type: "NodeError", message: "node each: config.items: expected a list, got an object", nodeId: "each" });
  });

  it("more items than maxIterations fail before any iteration runs", () => {
    const sim = runWorkflow([trigger(), forLoop("each", [1, 2, 3], { maxIterations: 2 }), double("dbl")], ["start -> each", "each.body -> dbl"]);
    expect(sim.state?.error).toEqual({ type: "NodeError", message: "loop each: exceeded maxIterations (2)", nodeId: "each" });
    expect(sim.timeline).toEqual(["start succeeded", "each failed"]);
  });

  it("the default maxIterations is 10000", () => {
    const items = Array.from({ length: 10_001 }, (_, i) => i);
    const sim = runWorkflow([trigger(), forLoop("each", "{{ input.items }}"), double("dbl")], ["start -> each", "each.body -> dbl"], {
      input: { items },
    });
    expect(sim.state?.error?.message).toBe("loop each: exceeded maxIterations (10000)");
  });

  // Exactly maxIterations is allowed; a 10 000-iteration pure loop finishes inside the first step.
  it("runs 10 000 pure iterations in one step", () => {
    const items = Array.from({ length: 10_000 }, (_, i) => i);
    const sim = runWorkflow([trigger(), forLoop("each", "{{ input.items }}"), double("dbl")], ["start -> each", "each.body -> dbl"], {
      input: { items },
    });
    expect(sim.steps).toHaveLength(1);
    expect(sim.status).toBe("succeeded");
    expect((sim.state?.output as unknown[])[9_999]).toEqual({ v: 19_998 });
  });

  it("deletes finished iteration frames, so the state stays small", () => {
    const sim = runWorkflow([trigger(), forLoop("each", [1, 2, 3]), http("call")], ["start -> each", "each.body -> call"]);
    for (const step of sim.steps) {
      const frames = Object.keys((step.state as unknown as { engine: { frames: object } }).engine.frames);
      expect(frames.length).toBeLessThanOrEqual(2);
    }
  });

  // each ─body→ a ─┐
  //      └─body→ b ─┴→ both      (fan-in inside the body, with the loop's own edge)
  it("supports fan-out and fan-in inside the body", () => {
    const sim = runWorkflow(
      [trigger(), forLoop("each", [1, 2]), setNode("a", { a: "{{ input }}" }, false), setNode("b", { b: "{{ input * 10 }}" }, false), setNode("both", {})],
      ["start -> each", "each.body -> a", "each.body -> b", "a -> both", "b -> both"],
    );
    expect(sim.state?.output).toEqual([
      { a: { a: 1 }, b: { b: 10 } },
      { a: { a: 2 }, b: { b: 20 } },
    ]);
  });
});

describe("loop for with effects and concurrency", () => {
  // start → each(for, concurrency c) ─body→ call(http)
  const run = (concurrency: number, latency: Record<string, number>) =>
    runWorkflow([trigger(), forLoop("each", ["a", "b", "c"], { concurrency }), http("call", { body: "{{ input }}" })], ["start -> each", "each.body -> call"], {
      http: (command) => ({ output: command.input, afterMs: latency[command.runKey] ?? 0 }),
    });

  it("concurrency 1 runs iterations one after another", () => {
    const sim = run(1, {});
    expect(sim.steps[0]?.commands.map((c) => (c.type === "run-effect" ? c.runKey : c.type))).toEqual(["each#0/call"]);
    expect(sim.commandsOf("run-effect").map((c) => c.runKey)).toEqual(["each#0/call", "each#1/call", "each#2/call"]);
    expect(sim.state?.output).toEqual(["a", "b", "c"]);
  });

  it("concurrency 2 starts two iterations in one step and keeps results in index order", () => {
    const sim = run(2, { "each#0/call": 500, "each#1/call": 100, "each#2/call": 100 });
    expect(sim.steps[0]?.commands.map((c) => (c.type === "run-effect" ? c.runKey : c.type))).toEqual(["each#0/call", "each#1/call"]);
    // #1 finishes first at 100 ms, which starts #2 (done at 200 ms); #0 finishes last at 500 ms.
    expect(sim.timeline.filter((t) => t.endsWith("succeeded"))).toEqual([
      "start succeeded",
      "each#1/call succeeded",
      "each#2/call succeeded",
      "each#0/call succeeded",
      "each succeeded",
    ]);
    expect(sim.state?.output).toEqual(["a", "b", "c"]);
  });

  it("concurrency above the item count starts everything at once", () => {
    const sim = run(10, {});
    expect(sim.steps[0]?.commands).toHaveLength(3);
    expect(sim.state?.output).toEqual(["a", "b", "c"]);
  });

  it("uses the same idempotency key scheme inside loops", () => {
    const sim = run(1, {});
    expect(sim.commandsOf("run-effect").map((c) => c.idempotencyKey)).toEqual(["exec-1:each#0/call", "exec-1:each#1/call", "exec-1:each#2/call"]);
  });

  // start → each ─body→ fail ;  body error fails the loop and the execution
  it("an error in the body fails the iteration, the loop node and the execution", () => {
    const sim = runWorkflow(
      [trigger(), forLoop("each", [1, 2, 3]), node("check", "code", { code: "if (input === 2) throw new Error('bad ' + input); return input;" })],
      ["start -> each", "each.body -> check"],
    );
    expect(sim.timeline).toEqual(["start succeeded", "each running", "each#0/check succeeded", "each#1/check failed", "each failed"]);
    expect(sim.state?.error).toEqual({ type: "NodeError", message: "node check: Error: bad 2", nodeId: "check" });
  });

  it("a body error with concurrency cancels the other running iterations", () => {
    const sim = runWorkflow([trigger(), forLoop("each", [1, 2], { concurrency: 2 }), http("call")], ["start -> each", "each.body -> call"], {
      http: (command) =>
        command.runKey === "each#1/call" ? { error: { type: "NodeError", message: "HTTP 500" }, afterMs: 10 } : { output: 1, afterMs: 100 },
    });
    expect(sim.commandsOf("abort-effect")).toEqual([{ type: "abort-effect", runKey: "each#0/call" }]);
    expect(sim.runs).toMatchObject({ "each#0/call@1": "cancelled", "each#1/call@1": "failed", "each@1": "failed" });
    expect(sim.state?.error).toEqual({ type: "NodeError", message: "node call: HTTP 500", nodeId: "call" });
  });

  it("onError continue on the loop turns a body error into { error } on done", () => {
    const sim = runWorkflow(
      [trigger(), forLoop("each", [1], {}), node("bad", "fail", { message: "nope" }), setNode("after", { ok: true })],
      ["start -> each", "each.body -> bad", "each.done -> after"],
    );
    expect(sim.status).toBe("failed");
    const tolerant = runWorkflow(
      [trigger(), node("each", "loop", { mode: "for", items: [1] }, { onError: "continue" }), node("bad", "fail", { message: "nope" }), setNode("after", { ok: true })],
      ["start -> each", "each.body -> bad", "each.done -> after"],
    );
    expect(tolerant.state?.output).toEqual({ error: { message: "nope", nodeId: "bad", type: "NodeError" }, ok: true });
  });
});
