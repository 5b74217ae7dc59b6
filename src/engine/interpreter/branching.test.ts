import { describe, expect, it } from "vitest";
import type { Json } from "../execution-types";
import { delay, http, node, runWorkflow, setNode, trigger } from "./test-harness";

const ifNode = (id: string, condition: string | boolean) => node(id, "if", { condition });
const switchNode = (id: string, value: unknown, cases: { handle: string; equals: unknown }[]) => node(id, "switch", { value, cases });

describe("if", () => {
  //            ┌─true──→ yes
  // start → check
  //            └─false─→ no
  it("takes the true handle when the condition is truthy and skips the other branch", () => {
    const sim = runWorkflow(
      [trigger(), ifNode("check", "{{ input.n > 1 }}"), setNode("yes", { r: "yes" }), setNode("no", { r: "no" })],
      ["start -> check", "check.true -> yes", "check.false -> no"],
      { input: { n: 2 } },
    );
    // Skips are recorded as soon as an edge goes dead; ready nodes run from the queue after.
    expect(sim.timeline).toEqual(["start succeeded", "check succeeded", "no skipped", "yes succeeded"]);
    expect(sim.state?.output).toEqual({ n: 2, r: "yes" });
    expect(sim.lastUpdate("check")?.output).toEqual({ n: 2 });
  });

  it("takes the false handle for falsy values (0, '', null)", () => {
    for (const value of [0, "", null]) {
      const sim = runWorkflow(
        [trigger(), ifNode("check", "{{ input.v }}"), setNode("yes", { r: "yes" }), setNode("no", { r: "no" })],
        ["start -> check", "check.true -> yes", "check.false -> no"],
        { input: { v: value } },
      );
      expect(sim.runs).toMatchObject({ "yes@1": "skipped", "no@1": "succeeded" });
    }
  });

  it("accepts a literal boolean condition", () => {
    const sim = runWorkflow([trigger(), ifNode("check", false), setNode("no", { r: "no" })], ["start -> check", "check.false -> no"]);
    expect(sim.state?.output).toEqual({ r: "no" });
  });

  //            ┌─true──→ a → a2 ─┐
  // start → check                 ├→ merge(set)
  //            └─false─→ b ──────┘
  it("dead paths propagate transitively and a downstream fan-in waits only for live predecessors", () => {
    const sim = runWorkflow(
      [
        trigger(),
        ifNode("check", "{{ input.go }}"),
        setNode("a", { a: 1 }, false),
        setNode("a2", { a2: 1 }, false),
        setNode("b", { b: 1 }, false),
        setNode("merge", { done: true }),
      ],
      ["start -> check", "check.true -> a", "a -> a2", "check.false -> b", "a2 -> merge", "b -> merge"],
      { input: { go: false } },
    );
    expect(sim.timeline).toEqual(["start succeeded", "check succeeded", "a skipped", "a2 skipped", "b succeeded", "merge succeeded"]);
    expect(sim.lastUpdate("merge")?.input).toEqual({ b: { b: 1 } });
    expect(sim.state?.output).toEqual({ b: { b: 1 }, done: true });
  });

  //            ┌─true──→ a ─→ end
  // start → check
  it("a node whose every incoming edge is dead is skipped, and so are its successors", () => {
    const sim = runWorkflow(
      [trigger(), ifNode("check", false), setNode("a", {}), setNode("end", {})],
      ["start -> check", "check.true -> a", "a -> end"],
    );
    expect(sim.timeline).toEqual(["start succeeded", "check succeeded", "a skipped", "end skipped"]);
    expect(sim.status).toBe("succeeded");
    expect(sim.state?.output).toEqual({});
  });

  //           ┌─true─┐
  // start → check     → x   (both handles into the same node)
  //           └─false┘
  it("two edges from one predecessor give that predecessor's output, not a keyed object", () => {
    const sim = runWorkflow(
      [trigger(), ifNode("check", true), setNode("x", { seen: true })],
      ["start -> check", "check.true -> x", "check.false -> x"],
      { input: { v: 1 } },
    );
    expect(sim.state?.output).toEqual({ v: 1, seen: true });
  });
});

describe("skipped containers", () => {
  //            ┌─true──→ each(loop) ─body→ inBody ; each ─done→ afterLoop
  // start → gate
  //            └─true──→ t(try) ─try→ inTry ; t ─out→ afterTry        (gate is false)
  it("a skipped loop or try skips what follows it and never opens its regions", () => {
    const sim = runWorkflow(
      [
        trigger(),
        ifNode("gate", false),
        node("each", "loop", { mode: "for", items: [1] }),
        setNode("inBody", {}),
        setNode("afterLoop", {}),
        node("t", "try", {}),
        setNode("inTry", {}),
        setNode("afterTry", {}),
      ],
      ["start -> gate", "gate.true -> each", "each.body -> inBody", "each.done -> afterLoop", "gate.true -> t", "t.try -> inTry", "t.out -> afterTry"],
    );
    expect(sim.timeline).toEqual(["start succeeded", "gate succeeded", "each skipped", "afterLoop skipped", "t skipped", "afterTry skipped"]);
    expect(sim.status).toBe("succeeded");
  });
});

describe("switch", () => {
  const cases = [
    { handle: "small", equals: "S" },
    { handle: "big", equals: { size: "L" } },
  ];
  const build = (value: Json) =>
    runWorkflow(
      [trigger(), switchNode("route", "{{ input.v }}", cases), setNode("s", { r: "s" }), setNode("b", { r: "b" }), setNode("d", { r: "d" })],
      ["start -> route", "route.small -> s", "route.big -> b", "route.default -> d"],
      { input: { v: value } },
    );

  //             ┌─small───→ s
  // start → route ─big─────→ b
  //             └─default─→ d
  it("takes the first matching case and skips the others", () => {
    const sim = build("S");
    expect(sim.runs).toMatchObject({ "s@1": "succeeded", "b@1": "skipped", "d@1": "skipped" });
    expect(sim.state?.output).toEqual({ v: "S", r: "s" });
  });

  it("compares with deep equality", () => {
    expect(build({ size: "L" }).runs).toMatchObject({ "s@1": "skipped", "b@1": "succeeded", "d@1": "skipped" });
  });

  it("takes default when no case matches", () => {
    expect(build("M").runs).toMatchObject({ "s@1": "skipped", "b@1": "skipped", "d@1": "succeeded" });
  });

  it("evaluates case values and picks the first of several matches", () => {
    const sim = runWorkflow(
      [
        trigger(),
        switchNode("route", 2, [
          { handle: "one", equals: "{{ input.a }}" },
          { handle: "two", equals: "{{ input.b }}" },
        ]),
        setNode("one", { r: 1 }, false),
        setNode("two", { r: 2 }, false),
      ],
      ["start -> route", "route.one -> one", "route.two -> two"],
      { input: { a: 2, b: 2 } },
    );
    expect(sim.state?.output).toEqual({ r: 1 });
  });

  //             ┌─small─→ s ─┐
  // start → route              ├→ after
  //             └─big───→ b ─┘
  it("skipped switch branches do not block the fan-in after them", () => {
    const sim = runWorkflow(
      [trigger(), switchNode("route", "{{ input.v }}", cases), setNode("s", { r: "s" }, false), setNode("b", { r: "b" }, false), setNode("after", {})],
      ["start -> route", "route.small -> s", "route.big -> b", "s -> after", "b -> after"],
      { input: { v: { size: "L" } } },
    );
    expect(sim.state?.output).toEqual({ b: { r: "b" } });
  });
});

describe("fan-out and fan-in", () => {
  //         ┌→ a ─┐
  // start ──┤      ├→ both
  //         └→ b ─┘
  it("a node with several predecessors waits for all and gets an object keyed by id", () => {
    const sim = runWorkflow(
      [trigger(), setNode("a", { v: "a" }, false), setNode("b", { v: "b" }, false), setNode("both", { n: 2 })],
      ["start -> a", "start -> b", "a -> both", "b -> both"],
    );
    expect(sim.lastUpdate("both")?.input).toEqual({ a: { v: "a" }, b: { v: "b" } });
    expect(sim.state?.output).toEqual({ a: { v: "a" }, b: { v: "b" }, n: 2 });
  });

  //         ┌→ d1(delay 10) ─┐
  // start ──┤                 ├→ after
  //         └→ d2(delay 10) ─┘
  it("two delays fan out in the same step with the same fireAt", () => {
    const sim = runWorkflow([trigger(), delay("d1", 10), delay("d2", 10), setNode("after", {})], ["start -> d1", "start -> d2", "d1 -> after", "d2 -> after"], {
      input: { x: 1 },
    });
    expect(sim.steps[0]?.commands).toEqual([
      { type: "schedule-timer", timerId: "d1@1:delay", fireAt: "2025-01-01T00:00:10.000Z", purpose: "delay" },
      { type: "schedule-timer", timerId: "d2@1:delay", fireAt: "2025-01-01T00:00:10.000Z", purpose: "delay" },
    ]);
    expect(sim.steps[0]?.state.status).toBe("waiting");
    expect(sim.steps[1]?.state.status).toBe("waiting");
    expect(sim.state?.output).toEqual({ d1: { x: 1 }, d2: { x: 1 } });
    expect(sim.timeline).toEqual(["start succeeded", "d1 waiting", "d2 waiting", "d1 succeeded", "d2 succeeded", "after succeeded"]);
  });

  //         ┌→ h1(http) ─┐
  // start ──┤             ├→ after
  //         └→ h2(http) ─┘
  it("http effects fan out as run-effect commands of one step; the join fires after the slower", () => {
    const sim = runWorkflow([trigger(), http("h1"), http("h2"), setNode("after", {})], ["start -> h1", "start -> h2", "h1 -> after", "h2 -> after"], {
      http: (command) => ({ output: command.nodeId, afterMs: command.nodeId === "h1" ? 500 : 100 }),
    });
    expect(sim.steps[0]?.commands.map((c) => c.type)).toEqual(["run-effect", "run-effect"]);
    expect(sim.steps[0]?.state.status).toBe("running");
    expect(sim.timeline).toEqual(["start succeeded", "h1 running", "h2 running", "h2 succeeded", "h1 succeeded", "after succeeded"]);
    expect(sim.state?.output).toEqual({ h1: "h1", h2: "h2" });
  });

  //         ┌→ a ─┐
  // start ──┼→ b ─┼→ all3
  //         └→ c ─┘      (c is skipped behind an if)
  it("the keyed input of a fan-in lists live predecessors only", () => {
    const sim = runWorkflow(
      [trigger(), setNode("a", { v: 1 }, false), setNode("b", { v: 2 }, false), ifNode("gate", false), setNode("c", { v: 3 }, false), setNode("all3", {})],
      ["start -> a", "start -> b", "start -> gate", "gate.true -> c", "a -> all3", "b -> all3", "c -> all3"],
    );
    expect(sim.lastUpdate("all3")?.input).toEqual({ a: { v: 1 }, b: { v: 2 } });
  });
});
