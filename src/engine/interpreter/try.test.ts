import { describe, expect, it } from "vitest";
import { delay, fail, http, node, runWorkflow, setNode, trigger } from "./test-harness";

const tryNode = (id: string, fields: Record<string, unknown> = {}) => node(id, "try", {}, fields);

describe("try without an error", () => {
  // start → t(try) ─try→ work(set)
  //            ├─finally→ fin(set)
  //            └─out→ after(set)
  it("runs try, then finally, then out with the try region's result", () => {
    const sim = runWorkflow(
      [trigger(), tryNode("t"), setNode("work", { worked: true }), setNode("fin", { fin: "{{ input.worked }}" }), setNode("after", { after: true })],
      ["start -> t", "t.try -> work", "t.finally -> fin", "t.out -> after"],
      { input: { v: 1 } },
    );
    expect(sim.timeline).toEqual(["start succeeded", "t running", "work succeeded", "fin succeeded", "t succeeded", "after succeeded"]);
    expect(sim.lastUpdate("work")?.input).toEqual({ v: 1 });
    expect(sim.lastUpdate("fin")?.input).toEqual({ v: 1, worked: true });
    expect(sim.lastUpdate("t")?.output).toEqual({ v: 1, worked: true });
    expect(sim.state?.output).toEqual({ v: 1, worked: true, after: true });
  });

  it("does not run catch", () => {
    const sim = runWorkflow(
      [trigger(), tryNode("t"), setNode("work", {}), setNode("handler", {})],
      ["start -> t", "t.try -> work", "t.catch -> handler"],
    );
    expect(sim.timeline.some((t) => t.startsWith("handler"))).toBe(false);
    expect(sim.status).toBe("succeeded");
  });

  it("empty regions pass the try node's input through", () => {
    const sim = runWorkflow([trigger(), tryNode("t"), setNode("after", { x: 1 })], ["start -> t", "t.out -> after"], { input: { v: 2 } });
    expect(sim.state?.output).toEqual({ v: 2, x: 1 });
  });

  // t ─try→ pause(delay 5) → call(http)   (the region spans several steps)
  it("waits for effects inside the region", () => {
    const sim = runWorkflow([trigger(), tryNode("t"), delay("pause", 5), http("call"), setNode("after", {})], [
      "start -> t",
      "t.try -> pause",
      "pause -> call",
      "t.out -> after",
    ]);
    expect(sim.lastUpdate("t")?.output).toEqual({ status: 200, headers: {}, body: { from: "call" } });
    expect(sim.steps.map((s) => s.state.status)).toEqual(["waiting", "running", "succeeded"]);
  });
});

describe("try with an error", () => {
  // start → t ─try→ boom(fail)
  //           ├─catch→ handle(set)
  //           ├─finally→ fin(set)
  //           └─out→ after
  const build = (extraNodes: ReturnType<typeof node>[] = [], extraEdges: string[] = []) =>
    runWorkflow(
      [
        trigger(),
        tryNode("t"),
        fail("boom", "it broke"),
        setNode("handle", { handled: "{{ error.message }}", from: "{{ error.nodeId }}", t: "{{ error.type }}" }, false),
        setNode("fin", { fin: true }),
        setNode("after", { after: true }),
        ...extraNodes,
      ],
      ["start -> t", "t.try -> boom", "t.catch -> handle", "t.finally -> fin", "t.out -> after", ...extraEdges],
    );

  it("runs catch with error in scope, then finally, then out with the catch result", () => {
    const sim = build();
    expect(sim.timeline).toEqual([
      "start succeeded",
      "t running",
      "boom failed",
      "handle succeeded",
      "fin succeeded",
      "t succeeded",
      "after succeeded",
    ]);
    const caught = { handled: "it broke", from: "boom", t: "NodeError" };
    expect(sim.lastUpdate("handle")?.input).toEqual({ message: "it broke", nodeId: "boom", type: "NodeError" });
    expect(sim.lastUpdate("fin")?.input).toEqual(caught);
    expect(sim.state?.output).toEqual({ ...caught, after: true });
    expect(sim.status).toBe("succeeded");
  });

  //  t ─try→ boom(fail)
  //    └try→ slow(http)      (cancelled when boom fails)
  it("cancels the try region's other in-flight instances", () => {
    const sim = runWorkflow(
      [trigger(), tryNode("t"), http("slow"), fail("boom", "x"), setNode("handle", { ok: 1 }, false)],
      ["start -> t", "t.try -> slow", "t.try -> boom", "t.catch -> handle"],
      { http: () => ({ output: 1, afterMs: 1000 }) },
    );
    expect(sim.steps[0]?.commands).toEqual([expect.objectContaining({ type: "run-effect", runKey: "slow" }), { type: "abort-effect", runKey: "slow" }]);
    expect(sim.runs).toMatchObject({ "slow@1": "cancelled", "boom@1": "failed", "t@1": "succeeded" });
    expect(sim.state?.output).toEqual({ ok: 1 });
  });

  // start → t ─try→ boom ; t ─finally→ fin ; t ─out→ after   (no catch)
  it("without catch: finally runs with the error object, then the error is raised again at the try node", () => {
    const sim = runWorkflow(
      [trigger(), tryNode("t"), fail("boom", "it broke"), setNode("fin", { fin: true }), setNode("after", {})],
      ["start -> t", "t.try -> boom", "t.finally -> fin", "t.out -> after"],
    );
    expect(sim.lastUpdate("fin")?.input).toEqual({ message: "it broke", nodeId: "boom", type: "NodeError" });
    expect(sim.timeline).toEqual(["start succeeded", "t running", "boom failed", "fin succeeded", "t failed"]);
    expect(sim.lastUpdate("t")?.error).toEqual({ type: "NodeError", message: "it broke", nodeId: "boom", retryable: false });
    expect(sim.state?.error).toEqual({ type: "NodeError", message: "it broke", nodeId: "boom" });
  });

  it("the rethrown error respects onError continue on the try node", () => {
    const sim = runWorkflow(
      [trigger(), tryNode("t", { onError: "continue" }), fail("boom", "it broke"), setNode("after", { next: true })],
      ["start -> t", "t.try -> boom", "t.out -> after"],
    );
    expect(sim.state?.output).toEqual({ error: { message: "it broke", nodeId: "boom", type: "NodeError" }, next: true });
  });

  // t ─try→ boom ; t ─catch→ bad(fail "catch broke") ; t ─finally→ fin
  it("an error in catch still runs finally, then propagates", () => {
    const sim = build([fail("bad", "catch broke")], ["handle -> bad"]);
    expect(sim.timeline).toEqual([
      "start succeeded",
      "t running",
      "boom failed",
      "handle succeeded",
      "bad failed",
      "fin succeeded",
      "t failed",
    ]);
    expect(sim.lastUpdate("fin")?.input).toEqual({ message: "catch broke", nodeId: "bad", type: "NodeError" });
    expect(sim.state?.error).toEqual({ type: "NodeError", message: "catch broke", nodeId: "bad" });
  });

  // t ─finally→ fin → bad(fail)
  it("an error in finally propagates", () => {
    const sim = runWorkflow(
      [trigger(), tryNode("t"), setNode("work", {}), setNode("fin", {}), fail("bad", "finally broke"), setNode("after", {})],
      ["start -> t", "t.try -> work", "t.finally -> fin", "fin -> bad", "t.out -> after"],
    );
    expect(sim.state?.error).toEqual({ type: "NodeError", message: "finally broke", nodeId: "bad" });
    expect(sim.runs).toMatchObject({ "t@1": "failed" });
    expect(sim.runs["after@1"]).toBeUndefined(); // the execution failed: nothing after the try runs
  });

  it("error is null outside the catch region (finally does not see it)", () => {
    const sim = runWorkflow(
      [trigger(), tryNode("t"), fail("boom", "x"), setNode("handle", { e: "{{ error.message }}" }, false), setNode("fin", { e: "{{ error }}" }, false)],
      ["start -> t", "t.try -> boom", "t.catch -> handle", "t.finally -> fin"],
    );
    expect(sim.lastUpdate("fin")?.output).toEqual({ e: null });
  });

  // t ─try→ call(http, fails after retries) ; t ─catch→ handle
  it("catches an effect's error after its retries are used up", () => {
    const sim = runWorkflow(
      [trigger(), tryNode("t"), http("call", {}, { retry: { maxAttempts: 2, delayMs: 100 } }), setNode("handle", { got: "{{ error.message }}" }, false)],
      ["start -> t", "t.try -> call", "t.catch -> handle"],
      { http: () => ({ error: { type: "NodeError", message: "HTTP 503" } }) },
    );
    expect(sim.timeline).toEqual([
      "start succeeded",
      "t running",
      "call running",
      "call failed",
      "call@2 running",
      "call@2 failed",
      "handle succeeded",
      "t succeeded",
    ]);
    expect(sim.state?.output).toEqual({ got: "node call: HTTP 503" });
  });
});

describe("nested try and try in loops", () => {
  // outer ─try→ inner ─try→ boom ; inner ─catch→ innerCatch ; outer ─catch→ outerCatch
  it("the innermost try catches", () => {
    const sim = runWorkflow(
      [trigger(), tryNode("outer"), tryNode("inner"), fail("boom", "x"), setNode("innerCatch", { by: "inner" }, false), setNode("outerCatch", { by: "outer" }, false)],
      ["start -> outer", "outer.try -> inner", "inner.try -> boom", "inner.catch -> innerCatch", "outer.catch -> outerCatch"],
    );
    expect(sim.state?.output).toEqual({ by: "inner" });
    expect(sim.timeline.some((t) => t.startsWith("outerCatch"))).toBe(false);
  });

  it("a rethrow from the inner try is caught by the outer one", () => {
    const sim = runWorkflow(
      [trigger(), tryNode("outer"), tryNode("inner"), fail("boom", "deep"), setNode("outerCatch", { got: "{{ error.message }}" }, false)],
      ["start -> outer", "outer.try -> inner", "inner.try -> boom", "outer.catch -> outerCatch"],
    );
    expect(sim.state?.output).toEqual({ got: "deep" });
    expect(sim.runs).toMatchObject({ "inner@1": "failed", "outer@1": "succeeded" });
  });

  // each(for [1,2,3]) ─body→ t ─try→ check(code: throws on 2) ; t ─catch→ fallback
  it("a try inside a loop body catches per iteration", () => {
    const sim = runWorkflow(
      [
        trigger(),
        node("each", "loop", { mode: "for", items: [1, 2, 3] }),
        tryNode("t"),
        node("check", "code", { code: "if (input === 2) throw new Error('two'); return input * 10;" }),
        setNode("fallback", { failed: "{{ error.message }}", item: "{{ loop.item }}" }, false),
      ],
      ["start -> each", "each.body -> t", "t.try -> check", "t.catch -> fallback"],
    );
    expect(sim.state?.output).toEqual([10, { failed: "node check: Error: two", item: 2 }, 30]);
    expect(sim.runs).toMatchObject({ "each#1/check@1": "failed", "each#1/t@1": "succeeded" });
  });
});
