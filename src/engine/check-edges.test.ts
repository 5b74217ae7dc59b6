import { describe, expect, it } from "vitest";
import { node, problemLines, workflowOf } from "./fixtures/test-documents";

const start = node("start", "trigger.manual");

describe("edge ends", () => {
  // start → a ; ghost → a ; a → nowhere ; phantom → void
  it("reports a dangling edge for each missing end", () => {
    const document = workflowOf([start, node("a", "set")], ["start -> a", "ghost -> a", "a -> nowhere", "phantom -> void"]);
    expect(problemLines(document)).toEqual([
      'edge ghost→a: the source node "ghost" does not exist',
      'edge a→nowhere: the target node "nowhere" does not exist',
      'edge phantom→void: the source node "phantom" does not exist',
      'edge phantom→void: the target node "void" does not exist',
    ]);
  });
});

describe("source handles", () => {
  // start → check(if) ─yes→ b
  it("refuses a handle the source node does not have, listing the ones it has", () => {
    const document = workflowOf([start, node("check", "if"), node("b", "set")], ["start -> check", "check.yes -> b"]);
    expect(problemLines(document)).toEqual(['edge check→b: if has no handle "yes" (handles: true, false)']);
  });

  // start → check(if) → b   (an if has no "out" handle)
  it("refuses the default handle on a node without one", () => {
    const document = workflowOf([start, node("check", "if"), node("b", "set")], ["start -> check", "check -> b"]);
    expect(problemLines(document)).toEqual(['edge check→b: if has no handle "out" (handles: true, false)']);
  });

  // start → route(switch: big, small) ─gold→ a ; route ─default→ b
  it("knows a switch's handles from its cases", () => {
    const route = node("route", "switch", {
      value: "{{ input.size }}",
      cases: [
        { handle: "big", equals: "L" },
        { handle: "small", equals: "S" },
      ],
    });
    const document = workflowOf([start, route, node("a", "set"), node("b", "set")], [
      "start -> route",
      "route.gold -> a",
      "route.default -> b",
    ]);
    expect(problemLines(document)).toEqual(['edge route→a: switch has no handle "gold" (handles: big, small, default)']);
  });

  // start → route(switch with a broken config) ─gold→ a ; start → x(unknown type) ─whatever→ a
  it("does not guess the handles of a switch with a broken config or of an unknown type", () => {
    const document = workflowOf(
      [start, node("route", "switch", { value: 1, cases: [] }), node("x", "mystery"), node("a", "set")],
      ["start -> route", "route.gold -> a", "start -> x", "x.whatever -> a"],
    );
    expect(problemLines(document)).toEqual([
      "node route: config.cases: must have at least one item",
      'node x: unknown node type "mystery"',
    ]);
  });

  // start → each(loop) ─body→ stop(break) → a ; each ─body→ skip(continue) → a ; start → bad(fail) → a
  it("refuses any edge leaving break, continue or fail", () => {
    const document = workflowOf(
      [start, node("each", "loop"), node("stop", "break"), node("skip", "continue"), node("bad", "fail"), node("a", "set")],
      ["start -> each", "each.body -> stop", "each.body -> skip", "stop -> a", "skip -> a", "start -> bad", "bad -> a"],
    );
    expect(problemLines(document)).toEqual([
      "edge stop→a: break has no output handles, so no edge can leave it",
      "edge skip→a: continue has no output handles, so no edge can leave it",
      "edge bad→a: fail has no output handles, so no edge can leave it",
    ]);
  });
});

describe("target handles", () => {
  // start → a → start
  it("refuses an edge into a trigger", () => {
    const document = workflowOf([start, node("a", "set")], ["start -> a"]);
    document.edges.push({ source: "a", target: "start" });
    expect(problemLines(document)).toEqual([
      "edge a→start: start is a trigger, and a trigger cannot have incoming edges",
      "edge a→start: this edge closes a cycle (start → a → start); a workflow cannot flow back to an earlier node, use a loop node to repeat steps",
    ]);
  });

  // start → a (into handle "data")
  it('refuses a target handle other than "in"', () => {
    const document = { ...workflowOf([start, node("a", "set")], []), edges: [{ source: "start", target: "a", targetHandle: "data" }] };
    expect(problemLines(document)).toEqual(['edge start→a: set has no input handle "data" (input handles: in)']);
  });
});

describe("repeated edges and edge ids", () => {
  // start → a (twice: once written out, once with default handles) ; start → b and a → b both with id "e1"
  it("reports a repeated connection and a reused edge id", () => {
    const document = {
      ...workflowOf([start, node("a", "set"), node("b", "set")], []),
      edges: [
        { source: "start", target: "a" },
        { source: "start", target: "a", sourceHandle: "out", targetHandle: "in" },
        { id: "e1", source: "start", target: "b" },
        { id: "e1", source: "a", target: "b" },
      ],
    };
    expect(problemLines(document)).toEqual([
      "edge start→a: this edge repeats an earlier edge with the same ends and handles",
      'edge a→b: id: "e1" is already used by another edge',
    ]);
  });
});

describe("edge shape", () => {
  it("checks each edge's fields, locating edges without both ends by position", () => {
    const document = {
      ...workflowOf([start, node("a", "set")], []),
      edges: [
        5,
        { source: "start" },
        { source: "start", target: "a", sourcehandle: "out" },
        { source: "start", target: "a", sourceHandle: 3, label: "x" },
      ],
    };
    expect(problemLines(document)).toEqual([
      "workflow: edges[0]: expected an object, got 5",
      "workflow: edges[1].target: this field is required",
      'edge start→a: sourcehandle: unknown field (did you mean "sourceHandle"?)',
      "edge start→a: sourceHandle: expected text, got 3",
      "edge start→a: label: unknown field",
    ]);
  });
});
