import { describe, expect, it } from "vitest";
import type { Json } from "../execution-types";
import { node, runWorkflow, setNode, trigger } from "./test-harness";

// start → t(transform)
const transform = (config: Record<string, unknown>, input: Json = {}) =>
  runWorkflow([trigger(), node("t", "transform", config)], ["start -> t"], { input });

describe("transform map", () => {
  it("evaluates the expression per item with item and index", () => {
    const sim = transform({ op: "map", items: "{{ input.list }}", expression: "{{ item * 10 + index }}" }, { list: [1, 2, 3] });
    expect(sim.state?.output).toEqual([10, 21, 32]);
  });

  it("an interpolated expression gives strings", () => {
    const sim = transform({ op: "map", items: ["a", "b"], expression: "#{{ index }}: {{ item }}" });
    expect(sim.state?.output).toEqual(["#0: a", "#1: b"]);
  });

  it("sees the rest of the scope (input, vars, nodes)", () => {
    const sim = transform({ op: "map", items: [1], expression: "{{ item + input.offset + nodes.start.offset }}" }, { offset: 5 });
    expect(sim.state?.output).toEqual([11]);
  });

  it("an empty list maps to []", () => {
    expect(transform({ op: "map", items: [], expression: "{{ item }}" }).state?.output).toEqual([]);
  });

  it("an error names the field and the item", () => {
    const sim = transform({ op: "map", items: [1, null], expression: "{{ item.toFixed(1) }}" });
    expect(sim.state?.error?.message).toMatch(/^node t: config\.expression: TypeError: .* \(item 1\)$/);
  });

  it("items that are not a list are a NodeError", () => {
    const sim = transform({ op: "map", items: "{{ input }}", expression: "{{ item }}" }, { a: 1 });
    expect(sim.state?.error).toEqual({ type: "NodeError", message: "node t: config.items: expected a list, got an object", nodeId: "t" });
  });
});

describe("transform filter", () => {
  it("keeps the items whose expression is truthy", () => {
    const sim = transform({ op: "filter", items: [1, 2, 3, 4, 5], expression: "{{ item % 2 === 1 }}" });
    expect(sim.state?.output).toEqual([1, 3, 5]);
  });

  it("keeps the original items, not the expression values", () => {
    const sim = transform({ op: "filter", items: [{ n: 0 }, { n: 2 }], expression: "{{ item.n }}" });
    expect(sim.state?.output).toEqual([{ n: 2 }]);
  });

  it("can use the index", () => {
    expect(transform({ op: "filter", items: ["a", "b", "c"], expression: "{{ index > 0 }}" }).state?.output).toEqual(["b", "c"]);
  });
});

describe("transform reduce", () => {
  it("folds with acc starting at initial", () => {
    const sim = transform({ op: "reduce", items: [1, 2, 3], expression: "{{ acc + item }}", initial: 10 });
    expect(sim.state?.output).toBe(16);
  });

  it("without initial starts from the first item (like JavaScript)", () => {
    const sim = transform({ op: "reduce", items: [[1], [2], [3]], expression: "{{ acc.concat(item) }}" });
    expect(sim.state?.output).toEqual([1, 2, 3]);
  });

  it("an empty list with initial gives initial", () => {
    expect(transform({ op: "reduce", items: [], expression: "{{ acc + item }}", initial: { z: 0 } }).state?.output).toEqual({ z: 0 });
  });

  it("an empty list without initial is a NodeError", () => {
    const sim = transform({ op: "reduce", items: [], expression: "{{ acc + item }}" });
    expect(sim.state?.error?.message).toBe("node t: cannot reduce an empty list without config.initial");
  });

  it("builds an object keyed by a field", () => {
    const sim = transform({
      op: "reduce",
      items: [
        { id: "a", v: 1 },
        { id: "b", v: 2 },
      ],
      expression: "{{ ({ ...acc, [item.id]: item.v }) }}",
      initial: {},
    });
    expect(sim.state?.output).toEqual({ a: 1, b: 2 });
  });
});

describe("transform merge", () => {
  //         ┌→ a ─┐
  // start ──┤      ├→ m(transform merge)
  //         └→ b ─┘
  const twoBranches = (sources: unknown) =>
    runWorkflow(
      [trigger(), setNode("a", { x: 1, shared: "a" }, false), setNode("b", { y: 2, shared: "b" }, false), node("m", "transform", { op: "merge", sources })],
      ["start -> a", "start -> b", "a -> m", "b -> m"],
    );

  it("shallow-merges expression sources in order", () => {
    expect(twoBranches(["{{ nodes.a }}", "{{ nodes.b }}"]).state?.output).toEqual({ x: 1, y: 2, shared: "b" });
  });

  it("a plain string naming a node stands for that node's output", () => {
    expect(twoBranches(["b", "a"]).state?.output).toEqual({ x: 1, y: 2, shared: "a" });
  });

  it("accepts literal objects and a whole-expression list", () => {
    expect(twoBranches(["a", { z: 3 }]).state?.output).toEqual({ x: 1, shared: "a", z: 3 });
    expect(twoBranches("{{ [input.a, input.b] }}").state?.output).toEqual({ x: 1, y: 2, shared: "b" });
  });

  it('keeps a "__proto__" key of the data as a plain key (no prototype change, nothing dropped)', () => {
    // Data (not the document: validation already drops such keys from config literals) with an own "__proto__".
    const output = twoBranches(["a", `{{ JSON.parse('{"__proto__": {"polluted": true}, "k": 1}') }}`]).state?.output as Record<string, unknown>;
    expect(Object.getPrototypeOf(output)).toBe(Object.prototype);
    expect(Object.keys(output)).toEqual(["x", "shared", "__proto__", "k"]);
    expect(Object.getOwnPropertyDescriptor(output, "__proto__")?.value).toEqual({ polluted: true });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("a source that is not an object is a NodeError naming its position", () => {
    expect(twoBranches(["a", "{{ [1] }}"]).state?.error?.message).toBe("node m: config.sources[1]: expected an object to merge, got a list");
    expect(twoBranches(["a", "not-a-node"]).state?.error?.message).toBe(
      'node m: config.sources[1]: expected an object to merge, got "not-a-node"',
    );
  });

  it("a node named as a source that has not completed is a NodeError", () => {
    const sim = runWorkflow(
      [trigger(), node("gate", "if", { condition: false }), setNode("a", {}), node("m", "transform", { op: "merge", sources: ["a"] })],
      ["start -> gate", "gate.true -> a", "gate.false -> m"],
    );
    expect(sim.state?.error?.message).toBe("node m: config.sources[0]: node a has no output yet");
  });
});

describe("transform split", () => {
  it("splits into chunks of size; the last may be shorter", () => {
    expect(transform({ op: "split", items: [1, 2, 3, 4, 5], size: 2 }).state?.output).toEqual([[1, 2], [3, 4], [5]]);
  });

  it("size may be an expression; an empty list gives []", () => {
    expect(transform({ op: "split", items: "{{ input.l }}", size: "{{ input.n }}" }, { l: [1, 2, 3], n: 3 }).state?.output).toEqual([[1, 2, 3]]);
    expect(transform({ op: "split", items: [], size: 4 }).state?.output).toEqual([]);
  });

  it("a size that is not a whole number ≥ 1 is a NodeError", () => {
    expect(transform({ op: "split", items: [1], size: "{{ 0 }}" }).state?.error?.message).toBe("node t: config.size: expected a whole number ≥ 1, got 0");
  });
});
