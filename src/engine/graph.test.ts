import { describe, expect, it } from "vitest";
import { edge } from "./fixtures/test-documents";
import {
  buildGraph,
  enclosingLoops,
  enclosingRegions,
  findCycle,
  findCycles,
  listRegions,
  predecessors,
  reachableFrom,
  regionOf,
  successors,
} from "./graph";

function graphOf(nodes: Record<string, string>, edges: readonly string[]) {
  return buildGraph(
    Object.entries(nodes).map(([id, type]) => ({ id, type })),
    edges.map(edge),
  );
}

describe("buildGraph", () => {
  // start → a ; a → ghost (dangling) ; a → b
  it("indexes edges by source and target, fills default handles and leaves out dangling edges", () => {
    const graph = graphOf({ start: "trigger.manual", a: "set", b: "set" }, ["start -> a", "a -> ghost", "a -> b"]);
    expect(graph.outgoing.get("a")).toEqual([{ index: 2, source: "a", target: "b", sourceHandle: "out", targetHandle: "in" }]);
    expect(graph.incoming.get("a")?.map((e) => e.index)).toEqual([0]);
    expect([...graph.nodeTypes.keys()]).toEqual(["start", "a", "b"]);
  });

  it("keeps the document index of edges passed with one", () => {
    const graph = buildGraph([{ id: "a", type: "set" }, { id: "b", type: "set" }], [{ index: 7, source: "a", target: "b" }]);
    expect(graph.outgoing.get("a")?.[0]?.index).toBe(7);
  });
});

describe("successors and predecessors", () => {
  // check ─true→ a ; check ─true→ a (again) ; check ─false→ b ; a → b
  const graph = graphOf({ check: "if", a: "set", b: "set" }, ["check.true -> a", "check.true -> a", "check.false -> b", "a -> b"]);

  it("lists each neighbour once, optionally through one handle", () => {
    expect(successors(graph, "check")).toEqual(["a", "b"]);
    expect(successors(graph, "check", "false")).toEqual(["b"]);
    expect(successors(graph, "b")).toEqual([]);
    expect(predecessors(graph, "b")).toEqual(["check", "a"]);
    expect(predecessors(graph, "missing")).toEqual([]);
  });
});

describe("reachableFrom", () => {
  // each ─body→ a → b ; each ─done→ c ; b → d
  const graph = graphOf({ each: "loop", a: "set", b: "set", c: "set", d: "set" }, [
    "each.body -> a",
    "a -> b",
    "each.done -> c",
    "b -> d",
  ]);

  it("follows every edge after the first step, in breadth-first order", () => {
    expect([...reachableFrom(graph, "each", "body")]).toEqual(["a", "b", "d"]);
    expect([...reachableFrom(graph, "each")]).toEqual(["a", "c", "b", "d"]);
    expect([...reachableFrom(graph, "d")]).toEqual([]);
  });

  // a → b → a
  it("includes the start node only when it lies on a cycle", () => {
    const cyclic = graphOf({ a: "set", b: "set" }, ["a -> b", "b -> a"]);
    expect([...reachableFrom(cyclic, "a")]).toEqual(["b", "a"]);
  });
});

describe("findCycles", () => {
  // start → a → b → c → a ; c → d ; d → d
  it("gives one cycle per group of mutually reachable nodes, from its first node in document order", () => {
    const graph = graphOf({ start: "trigger.manual", a: "set", b: "set", c: "set", d: "set" }, [
      "start -> a",
      "a -> b",
      "b -> c",
      "c -> a",
      "c -> d",
      "d -> d",
    ]);
    expect(findCycles(graph)).toEqual([["a", "b", "c"], ["d"]]);
    expect(findCycle(graph)).toEqual(["a", "b", "c"]);
  });

  // a → b → c → a ; b → a   (the shortest cycle through a is a → b → a)
  it("names the shortest cycle through the first node", () => {
    const graph = graphOf({ a: "set", b: "set", c: "set" }, ["a -> b", "b -> c", "c -> a", "b -> a"]);
    expect(findCycles(graph)).toEqual([["a", "b"]]);
  });

  // start → a → b ; start → b
  it("finds nothing in an acyclic graph", () => {
    const graph = graphOf({ start: "trigger.manual", a: "set", b: "set" }, ["start -> a", "a -> b", "start -> b"]);
    expect(findCycles(graph)).toEqual([]);
    expect(findCycle(graph)).toBeUndefined();
  });
});

describe("regions", () => {
  // start → outer(loop) ─body→ guard(try) ─try→ inner(loop) ─body→ work → stop(break)
  //                                     guard ─catch→ recover ; guard ─out→ after
  //                                     inner ─done→ tail
  // outer ─done→ finish
  const graph = graphOf(
    {
      start: "trigger.manual",
      outer: "loop",
      guard: "try",
      inner: "loop",
      work: "set",
      stop: "break",
      recover: "set",
      after: "set",
      tail: "set",
      finish: "output",
    },
    [
      "start -> outer",
      "outer.body -> guard",
      "guard.try -> inner",
      "inner.body -> work",
      "work -> stop",
      "guard.catch -> recover",
      "guard.out -> after",
      "inner.done -> tail",
      "outer.done -> finish",
    ],
  );

  it("regionOf is everything reachable from the owner's region handle", () => {
    expect([...regionOf(graph, "outer", "body")]).toEqual(["guard", "inner", "recover", "after", "work", "tail", "stop"]);
    expect([...regionOf(graph, "guard", "try")]).toEqual(["inner", "work", "tail", "stop"]);
    expect([...regionOf(graph, "guard", "finally")]).toEqual([]);
  });

  it("listRegions lists each region handle of each owner in document order", () => {
    expect(listRegions(graph).map((r) => `${r.owner}.${r.handle}`)).toEqual([
      "outer.body",
      "guard.try",
      "guard.catch",
      "guard.finally",
      "inner.body",
    ]);
  });

  it("enclosingRegions and enclosingLoops list the innermost first", () => {
    expect(enclosingRegions(graph, "stop").map((r) => `${r.owner}.${r.handle}`)).toEqual([
      "inner.body",
      "guard.try",
      "outer.body",
    ]);
    expect(enclosingLoops(graph, "stop")).toEqual(["inner", "outer"]);
    expect(enclosingLoops(graph, "tail")).toEqual(["outer"]);
    expect(enclosingLoops(graph, "finish")).toEqual([]);
  });
});
