import { describe, expect, it } from "vitest";
import { delay, node, runWorkflow, setNode, trigger } from "./test-harness";

const setVar = (id: string, name: string, value: unknown, scope: "workflow" | "loop" | "node" = "workflow") =>
  node(id, "variable.set", { name, value, scope });
const getVar = (id: string, name: string, fallback?: unknown) =>
  node(id, "variable.get", fallback === undefined ? { name } : { name, default: fallback });
const forLoop = (id: string, items: unknown, extra: Record<string, unknown> = {}) => node(id, "loop", { mode: "for", items, ...extra });

describe("variable.set / variable.get", () => {
  // start → put(set x=5) → get(x)
  it("a workflow variable is visible to later nodes; variable.set passes its input on", () => {
    const sim = runWorkflow([trigger(), setVar("put", "x", "{{ input.n * 5 }}"), getVar("get", "x")], ["start -> put", "put -> get"], {
      input: { n: 1 },
    });
    expect(sim.lastUpdate("put")?.output).toEqual({ n: 1 });
    expect(sim.state?.output).toBe(5);
  });

  it("variable.get gives the default when missing, else null", () => {
    expect(runWorkflow([trigger(), getVar("get", "nope", { d: 1 })], ["start -> get"]).state?.output).toEqual({ d: 1 });
    expect(runWorkflow([trigger(), getVar("get", "nope")], ["start -> get"]).state?.output).toBeNull();
  });

  it("vars in expressions sees workflow variables", () => {
    const sim = runWorkflow([trigger(), setVar("put", "greeting", "hi"), setNode("s", { msg: "{{ vars.greeting }} there" }, false)], ["start -> put", "put -> s"]);
    expect(sim.state?.output).toEqual({ msg: "hi there" });
  });

  it("a later set overwrites a workflow variable", () => {
    const sim = runWorkflow([trigger(), setVar("a", "x", 1), setVar("b", "x", "{{ vars.x + 1 }}"), getVar("get", "x")], ["start -> a", "a -> b", "b -> get"]);
    expect(sim.state?.output).toBe(2);
  });

  // workflow variables survive across steps (state round-trip)
  it("a workflow variable survives a delay (JSON round-trip of the state)", () => {
    const sim = runWorkflow([trigger(), setVar("put", "x", 7), delay("d", 1), getVar("get", "x")], ["start -> put", "put -> d", "d -> get"]);
    expect(sim.steps).toHaveLength(2);
    expect(sim.state?.output).toBe(7);
  });
});

describe("node scope", () => {
  //         ┌→ put(node x=1) → see(get x)
  // start ──┤
  //         └→ other(get x)            (a sibling branch does not see it)
  it("flows along the branch only", () => {
    const sim = runWorkflow(
      [trigger(), setVar("put", "x", 1, "node"), getVar("see", "x", "none"), getVar("other", "x", "none")],
      ["start -> put", "put -> see", "start -> other"],
    );
    expect(sim.lastUpdate("see")?.output).toBe(1);
    expect(sim.lastUpdate("other")?.output).toBe("none");
  });

  //         ┌→ a(node x=1) ─┐
  // start ──┤                ├→ both(set) → get(y) / vars
  //         └→ b(node y=2) ─┘
  it("is merged at a fan-in", () => {
    const sim = runWorkflow(
      [trigger(), setVar("a", "x", 1, "node"), setVar("b", "y", 2, "node"), setNode("both", { seen: "{{ vars }}" }, false)],
      ["start -> a", "start -> b", "a -> both", "b -> both"],
    );
    expect(sim.state?.output).toEqual({ seen: { x: 1, y: 2 } });
  });

  // start → w(workflow x="wf") → n(node x="node") → get(x)
  it("shadows a workflow variable of the same name", () => {
    const sim = runWorkflow([trigger(), setVar("w", "x", "wf"), setVar("n", "x", "node", "node"), getVar("get", "x")], ["start -> w", "w -> n", "n -> get"]);
    expect(sim.state?.output).toBe("node");
  });

  // start → n(node x) → d(delay) → get(x): still visible after a step boundary
  it("survives effect nodes on the branch", () => {
    const sim = runWorkflow([trigger(), setVar("n", "x", 3, "node"), delay("d", 2), getVar("get", "x")], ["start -> n", "n -> d", "d -> get"]);
    expect(sim.state?.output).toBe(3);
  });
});

describe("loop scope", () => {
  // start → each(for [1,2,3]) ─body→ read(get acc, default 0) → put(loop acc = read+item) → out(get acc)
  it("lives for one iteration: each iteration starts without the previous value", () => {
    const sim = runWorkflow(
      [
        trigger(),
        forLoop("each", [1, 2, 3]),
        getVar("read", "acc", 0),
        setVar("put", "acc", "{{ input + loop.item }}", "loop"),
        getVar("out", "acc"),
      ],
      ["start -> each", "each.body -> read", "read -> put", "put -> out"],
    );
    expect(sim.state?.output).toEqual([1, 2, 3]);
  });

  it("is not visible after the loop", () => {
    const sim = runWorkflow(
      [trigger(), forLoop("each", [1]), setVar("put", "inner", 1, "loop"), getVar("after", "inner", "gone")],
      ["start -> each", "each.body -> put", "each.done -> after"],
    );
    expect(sim.state?.output).toBe("gone");
  });

  it("isolates concurrent iterations", () => {
    const sim = runWorkflow(
      [trigger(), forLoop("each", ["a", "b"], { concurrency: 2 }), setVar("put", "mine", "{{ loop.item }}", "loop"), delay("d", 1), getVar("out", "mine")],
      ["start -> each", "each.body -> put", "put -> d", "d -> out"],
    );
    expect(sim.state?.output).toEqual(["a", "b"]);
  });

  // outer ─body→ put(loop v="outer") → inner ─body→ read(get v) / inner-put(loop v="inner") → read2
  it("lookup goes inner loop → outer loop", () => {
    const sim = runWorkflow(
      [
        trigger(),
        forLoop("outer", [1]),
        setVar("put", "v", "outer", "loop"),
        forLoop("inner", [1, 2]),
        getVar("read", "v"),
        setVar("shadow", "v", "inner", "loop"),
        getVar("read2", "v"),
      ],
      ["start -> outer", "outer.body -> put", "put -> inner", "inner.body -> read", "read -> shadow", "shadow -> read2"],
    );
    expect(sim.timeline.filter((t) => t.includes("/read "))).toHaveLength(2);
    expect(sim.lastUpdate("outer#0/inner#0/read")?.output).toBe("outer");
    expect(sim.lastUpdate("outer#0/inner#0/read2")?.output).toBe("inner");
    // the inner iteration's variable does not leak into the next inner iteration
    expect(sim.lastUpdate("outer#0/inner#1/read")?.output).toBe("outer");
  });

  it("set outside any loop falls back to the workflow scope", () => {
    const sim = runWorkflow([trigger(), setVar("put", "x", 9, "loop"), getVar("get", "x")], ["start -> put", "put -> get"]);
    expect(sim.state?.output).toBe(9);
  });
});

describe("lookup order: node → loop (inner to outer) → workflow", () => {
  // start → w(workflow v) → each ─body→ l(loop v) → n(node v) → get ; also reads before n
  it("the nearest scope wins", () => {
    const sim = runWorkflow(
      [
        trigger(),
        setVar("w", "v", "workflow"),
        forLoop("each", [0]),
        getVar("g0", "v"),
        setVar("l", "v", "loop", "loop"),
        getVar("g1", "v"),
        setVar("n", "v", "node", "node"),
        getVar("g2", "v"),
        setNode("all", { vars: "{{ vars }}" }, false),
      ],
      ["start -> w", "w -> each", "each.body -> g0", "g0 -> l", "l -> g1", "g1 -> n", "n -> g2", "g2 -> all"],
    );
    expect(sim.lastUpdate("each#0/g0")?.output).toBe("workflow");
    expect(sim.lastUpdate("each#0/g1")?.output).toBe("loop");
    expect(sim.lastUpdate("each#0/g2")?.output).toBe("node");
    expect(sim.lastUpdate("each#0/all")?.output).toEqual({ vars: { v: "node" } });
  });

  it("a loop body sees workflow variables set before the loop and may update them", () => {
    const sim = runWorkflow(
      [trigger(), setVar("init", "total", 0), forLoop("each", [1, 2, 3]), setVar("add", "total", "{{ vars.total + loop.item }}"), getVar("get", "total")],
      ["start -> init", "init -> each", "each.body -> add", "each.done -> get"],
    );
    expect(sim.state?.output).toBe(6);
  });
});
