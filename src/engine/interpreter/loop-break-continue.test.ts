import { describe, expect, it } from "vitest";
import { delay, http, node, runWorkflow, setNode, trigger } from "./test-harness";

const forLoop = (id: string, items: unknown, extra: Record<string, unknown> = {}) => node(id, "loop", { mode: "for", items, ...extra });
const ifNode = (id: string, condition: string) => node(id, "if", { condition });

describe("break", () => {
  // start → each(for [1..5]) ─body→ check(if item == 3) ─true→ stop(break)
  //                                               └─false→ keep(set)
  //              └─done→ after
  const build = (items: unknown[]) =>
    runWorkflow(
      [trigger(), forLoop("each", items), ifNode("check", "{{ input === 3 }}"), node("stop", "break", {}), setNode("keep", { v: "{{ input }}" }, false), setNode("after", { n: "{{ input.length }}" }, false)],
      ["start -> each", "each.body -> check", "check.true -> stop", "check.false -> keep", "each.done -> after"],
    );

  it("ends the loop; done gets the results so far and the breaking iteration adds none", () => {
    const sim = build([1, 2, 3, 4, 5]);
    expect(sim.lastUpdate("each")?.output).toEqual([{ v: 1 }, { v: 2 }]);
    expect(sim.timeline.filter((t) => t.startsWith("each#3"))).toEqual([]);
    expect(sim.runs).toMatchObject({ "each#2/stop@1": "succeeded", "each#2/keep@1": "skipped", "after@1": "succeeded" });
  });

  it("a break that never fires leaves the loop alone", () => {
    expect(build([1, 2]).lastUpdate("each")?.output).toEqual([{ v: 1 }, { v: 2 }]);
  });

  it("break in the first iteration gives []", () => {
    expect(build([3, 4]).lastUpdate("each")?.output).toEqual([]);
  });

  //  each(for, concurrency 3) ─body→ gate(if item=="b") ─true→ stop(break)
  //                                         └─false→ call(http, slow)
  it("cancels the other running iterations of that loop", () => {
    const sim = runWorkflow(
      [trigger(), forLoop("each", ["a", "b", "c", "d"], { concurrency: 3 }), ifNode("gate", "{{ input === 'b' }}"), node("stop", "break", {}), http("call")],
      ["start -> each", "each.body -> gate", "gate.true -> stop", "gate.false -> call"],
      { http: () => ({ output: "ok", afterMs: 1000 }) },
    );
    // Queue order: #0/call starts, then #1/stop breaks before #2/call (ready, never started) runs.
    expect(sim.steps[0]?.commands).toEqual([
      expect.objectContaining({ type: "run-effect", runKey: "each#0/call" }),
      { type: "abort-effect", runKey: "each#0/call" },
    ]);
    expect(sim.steps[0]?.state.status).toBe("succeeded");
    expect(sim.state?.output).toEqual([]);
    expect(sim.runs["each#0/call@1"]).toBe("cancelled");
    expect(sim.runs["each#2/call@1"]).toBeUndefined();
    expect(sim.timeline.some((t) => t.startsWith("each#3"))).toBe(false);
  });

  //  each(for, concurrency 2) ─body→ gate(if) ─true→ pause(delay 1) → stop(break)
  //                                      └─false→ done-fast(set)
  it("keeps results of iterations that finished before the break", () => {
    const sim = runWorkflow(
      [trigger(), forLoop("each", [1, 2, 3], { concurrency: 2 }), ifNode("gate", "{{ input === 1 }}"), delay("pause", 1), node("stop", "break", {}), setNode("fast", { v: "{{ input }}" }, false)],
      ["start -> each", "each.body -> gate", "gate.true -> pause", "pause -> stop", "gate.false -> fast"],
    );
    // #1 finishes at once, #2 starts and finishes at once, then #0 breaks after its delay.
    expect(sim.state?.output).toEqual([{ v: 2 }, { v: 3 }]);
  });
});

describe("continue", () => {
  // start → each ─body→ check(if odd) ─true→ skip(continue)
  //                             └─false→ keep(set)
  it("ends the iteration without a result; later iterations run", () => {
    const sim = runWorkflow(
      [trigger(), forLoop("each", [1, 2, 3, 4]), ifNode("check", "{{ input % 2 === 1 }}"), node("skip", "continue", {}), setNode("keep", { v: "{{ input }}" }, false)],
      ["start -> each", "each.body -> check", "check.true -> skip", "check.false -> keep"],
    );
    expect(sim.state?.output).toEqual([{ v: 2 }, { v: 4 }]);
  });

  //  each ─body→ slow(http)       (started first, then cancelled by the continue)
  //       └body→ skip(continue)
  it("cancels the iteration's other in-flight instances", () => {
    const sim = runWorkflow([trigger(), forLoop("each", [1, 2]), node("skip", "continue", {}), http("slow")], ["start -> each", "each.body -> slow", "each.body -> skip"], {
      http: () => ({ output: 1, afterMs: 1000 }),
    });
    expect(sim.commandsOf("abort-effect")).toEqual([
      { type: "abort-effect", runKey: "each#0/slow" },
      { type: "abort-effect", runKey: "each#1/slow" },
    ]);
    expect(sim.state?.output).toEqual([]);
  });

  //  each ─body→ a(set) → b(set)
  //       └body→ skip(continue)
  it("instances that already completed stay succeeded", () => {
    const sim = runWorkflow(
      [trigger(), forLoop("each", [1]), setNode("a", { a: 1 }, false), setNode("b", { b: 1 }, false), node("skip", "continue", {})],
      ["start -> each", "each.body -> a", "a -> b", "each.body -> skip"],
    );
    expect(sim.runs).toMatchObject({ "each#0/a@1": "succeeded", "each#0/skip@1": "succeeded" });
    expect(sim.state?.output).toEqual([]);
  });

  //  each ─body→ t(try) ─try→ c(continue)  ;  t ─finally→ fin
  it("continue inside a try region ends the iteration without running finally", () => {
    const sim = runWorkflow(
      [trigger(), forLoop("each", [1, 2]), node("t", "try", {}), node("c", "continue", {}), setNode("fin", { fin: true })],
      ["start -> each", "each.body -> t", "t.try -> c", "t.finally -> fin"],
    );
    expect(sim.state?.output).toEqual([]);
    expect(sim.timeline.some((t) => t.includes("/fin "))).toBe(false);
  });
});

describe("nested loops", () => {
  // start → outer(for [a,b]) ─body→ inner(for [1,2]) ─body→ cell(set)
  const build = () =>
    runWorkflow(
      [
        trigger(),
        forLoop("outer", ["a", "b"]),
        forLoop("inner", [1, 2]),
        setNode("cell", { o: "{{ loop.parent.item }}", oi: "{{ loop.parent.index }}", i: "{{ loop.item }}", ii: "{{ loop.index }}", pp: "{{ loop.parent.parent }}" }, false),
      ],
      ["start -> outer", "outer.body -> inner", "inner.body -> cell"],
    );

  it("keys inner instances inside the outer iteration", () => {
    expect(build().timeline).toEqual([
      "start succeeded",
      "outer running",
      "outer#0/inner running",
      "outer#0/inner#0/cell succeeded",
      "outer#0/inner#1/cell succeeded",
      "outer#0/inner succeeded",
      "outer#1/inner running",
      "outer#1/inner#0/cell succeeded",
      "outer#1/inner#1/cell succeeded",
      "outer#1/inner succeeded",
      "outer succeeded",
    ]);
  });

  it("loop.parent gives the enclosing loop's item and index", () => {
    expect(build().state?.output).toEqual([
      [
        { o: "a", oi: 0, i: 1, ii: 0, pp: null },
        { o: "a", oi: 0, i: 2, ii: 1, pp: null },
      ],
      [
        { o: "b", oi: 1, i: 1, ii: 0, pp: null },
        { o: "b", oi: 1, i: 2, ii: 1, pp: null },
      ],
    ]);
  });

  // outer ─body→ inner ─body→ check ─true→ stop(break)    (break ends the inner loop only)
  it("break ends only the innermost loop", () => {
    const sim = runWorkflow(
      [trigger(), forLoop("outer", [1, 2]), forLoop("inner", [1, 2, 3]), ifNode("check", "{{ input === 2 }}"), node("stop", "break", {})],
      ["start -> outer", "outer.body -> inner", "inner.body -> check", "check.true -> stop"],
    );
    expect(sim.state?.output).toEqual([[1], [1]]);
  });

  // outer(for [[1,2],[3]]) ─body→ inner(for input) ─body→ cell(http)
  it("nested loops with effects: run keys and idempotency keys carry the whole path", () => {
    const sim = runWorkflow([trigger(), forLoop("outer", [[1, 2], [3]]), forLoop("inner", "{{ input }}"), http("cell", { body: "{{ input }}" })], [
      "start -> outer",
      "outer.body -> inner",
      "inner.body -> cell",
    ]);
    expect(sim.commandsOf("run-effect").map((c) => c.idempotencyKey)).toEqual([
      "exec-1:outer#0/inner#0/cell",
      "exec-1:outer#0/inner#1/cell",
      "exec-1:outer#1/inner#0/cell",
    ]);
    expect(sim.state?.output).toEqual([
      [
        { status: 200, headers: {}, body: 1 },
        { status: 200, headers: {}, body: 2 },
      ],
      [{ status: 200, headers: {}, body: 3 }],
    ]);
  });

  // outer ─body→ a(set) ─→ inner ─body→ b(set reads nodes.a)
  it("nodes.<id> inside a body sees the current iteration's outputs", () => {
    const sim = runWorkflow(
      [trigger(), forLoop("outer", [1, 2]), setNode("a", { a: "{{ input * 100 }}" }, false), forLoop("inner", [0]), setNode("b", { seen: "{{ nodes.a.a }}" }, false)],
      ["start -> outer", "outer.body -> a", "a -> inner", "inner.body -> b"],
    );
    expect(sim.state?.output).toEqual([[{ seen: 100 }], [{ seen: 200 }]]);
  });
});
