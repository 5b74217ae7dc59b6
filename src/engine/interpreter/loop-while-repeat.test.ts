import { describe, expect, it } from "vitest";
import { delay, node, runWorkflow, setNode, trigger } from "./test-harness";

const incrementCount = (id: string) => node(id, "variable.set", { name: "count", value: "{{ (vars.count ?? 0) + 1 }}", scope: "workflow" });

describe("loop while", () => {
  // start → w(while vars.count < 3) ─body→ inc(variable.set workflow) → echo
  it("evaluates the condition before each iteration", () => {
    const sim = runWorkflow(
      [
        trigger(),
        node("w", "loop", { mode: "while", condition: "{{ (vars.count ?? 0) < 3 }}" }),
        incrementCount("inc"),
        setNode("echo", { count: "{{ vars.count }}", index: "{{ loop.index }}" }, false),
      ],
      ["start -> w", "w.body -> inc", "inc -> echo"],
    );
    expect(sim.state?.output).toEqual([
      { count: 1, index: 0 },
      { count: 2, index: 1 },
      { count: 3, index: 2 },
    ]);
  });

  it("body entry nodes receive the loop node's input; loop.item is null", () => {
    const sim = runWorkflow(
      [trigger(), node("w", "loop", { mode: "while", condition: "{{ loop.index < 2 }}" }), setNode("s", { item: "{{ loop.item }}" })],
      ["start -> w", "w.body -> s"],
      { input: { seed: 1 } },
    );
    expect(sim.state?.output).toEqual([
      { seed: 1, item: null },
      { seed: 1, item: null },
    ]);
  });

  it("a false condition at the start runs no iteration", () => {
    const sim = runWorkflow([trigger(), node("w", "loop", { mode: "while", condition: false }), setNode("s", {})], ["start -> w", "w.body -> s"]);
    expect(sim.state?.output).toEqual([]);
    expect(sim.timeline).toEqual(["start succeeded", "w running", "w succeeded"]);
  });

  it("a condition that stays true fails at maxIterations", () => {
    const sim = runWorkflow(
      [trigger(), node("w", "loop", { mode: "while", condition: true, maxIterations: 5 }), setNode("s", {})],
      ["start -> w", "w.body -> s"],
    );
    expect(sim.state?.error).toEqual({ type: "NodeError", message: "loop w: exceeded maxIterations (5)", nodeId: "w" });
    expect(sim.timeline.filter((t) => t.includes("/s "))).toHaveLength(5);
  });

  it("a condition error fails the loop node", () => {
    const sim = runWorkflow(
      [trigger(), node("w", "loop", { mode: "while", condition: "{{ nope > 1 }}" }), setNode("s", {})],
      ["start -> w", "w.body -> s"],
    );
    expect(sim.state?.error).toEqual({
      type: "NodeError",
      message: "node w: config.condition: ReferenceError: nope is not defined",
      nodeId: "w",
    });
  });

  // start → w(while) ─body→ pause(delay 5) → inc  — iterations are sequential across steps
  it("runs iterations with effects one at a time across steps", () => {
    const sim = runWorkflow(
      [trigger(), node("w", "loop", { mode: "while", condition: "{{ (vars.count ?? 0) < 2 }}" }), delay("pause", 5), incrementCount("inc")],
      ["start -> w", "w.body -> pause", "pause -> inc"],
    );
    expect(sim.commandsOf("schedule-timer").map((c) => [c.timerId, c.fireAt])).toEqual([
      ["w#0/pause@1:delay", "2025-01-01T00:00:05.000Z"],
      ["w#1/pause@1:delay", "2025-01-01T00:00:10.000Z"],
    ]);
    expect(sim.status).toBe("succeeded");
  });
});

describe("loop repeat", () => {
  // start → r(repeat 3) ─body→ s
  it("runs `times` iterations; entry input and loop.item are the index", () => {
    const sim = runWorkflow(
      [trigger(), node("r", "loop", { mode: "repeat", times: 3 }), setNode("s", { got: "{{ input }}", item: "{{ loop.item }}" }, false)],
      ["start -> r", "r.body -> s"],
    );
    expect(sim.state?.output).toEqual([
      { got: 0, item: 0 },
      { got: 1, item: 1 },
      { got: 2, item: 2 },
    ]);
  });

  it("times may be an expression", () => {
    const sim = runWorkflow([trigger(), node("r", "loop", { mode: "repeat", times: "{{ input.n }}" }), setNode("s", { i: "{{ input }}" }, false)], ["start -> r", "r.body -> s"], {
      input: { n: 2 },
    });
    expect(sim.state?.output).toEqual([{ i: 0 }, { i: 1 }]);
  });

  it("times 0 outputs []", () => {
    const sim = runWorkflow([trigger(), node("r", "loop", { mode: "repeat", times: 0 }), setNode("s", {})], ["start -> r", "r.body -> s"]);
    expect(sim.state?.output).toEqual([]);
  });

  it("a times expression that is not a whole number fails the loop", () => {
    const sim = runWorkflow([trigger(), node("r", "loop", { mode: "repeat", times: "{{ 'x' }}" }), setNode("s", {})], ["start -> r", "r.body -> s"]);
    expect(sim.state?.error?.message).toBe('node r: config.times: expected a whole number ≥ 0, got "x"');
  });

  it("more than maxIterations fails up front", () => {
    const sim = runWorkflow([trigger(), node("r", "loop", { mode: "repeat", times: 4, maxIterations: 3 }), setNode("s", {})], ["start -> r", "r.body -> s"]);
    expect(sim.state?.error?.message).toBe("loop r: exceeded maxIterations (3)");
  });

  // start → r(repeat 2) ─body→ d(delay 1) ; delay timer ids include the iteration
  it("repeat runs effects sequentially with per-iteration run keys", () => {
    const sim = runWorkflow([trigger(), node("r", "loop", { mode: "repeat", times: 2 }), delay("d", 1)], ["start -> r", "r.body -> d"]);
    expect(sim.commandsOf("schedule-timer").map((c) => c.timerId)).toEqual(["r#0/d@1:delay", "r#1/d@1:delay"]);
    expect(sim.state?.output).toEqual([0, 1]);
  });
});
