import { describe, expect, it } from "vitest";
import { node, problemLines, workflowOf } from "./fixtures/test-documents";

const start = node("start", "trigger.manual");
const set = (id: string) => node(id, "set");
const REGION_RULE = "a region's nodes may not have edges leaving or entering the region";

describe("triggers", () => {
  // a → b
  it("needs a trigger", () => {
    expect(problemLines(workflowOf([set("a"), set("b")], ["a -> b"]))).toEqual([
      "workflow: a workflow needs exactly one trigger node",
    ]);
  });

  // start → a ; hook(webhook) → a ; nightly(schedule) → a
  it("names every trigger when there are several", () => {
    const document = workflowOf(
      [start, node("hook", "trigger.webhook"), node("nightly", "trigger.schedule"), set("a")],
      ["start -> a", "hook -> a", "nightly -> a"],
    );
    expect(problemLines(document)).toEqual([
      "workflow: a workflow needs exactly one trigger node, but it has 3: start, hook, nightly",
    ]);
  });

  // mail(trigger.email, unknown) → a
  it("does not count a node of unknown type as a trigger", () => {
    expect(problemLines(workflowOf([node("mail", "trigger.email"), set("a")], ["mail -> a"]))).toEqual([
      'node mail: unknown node type "trigger.email"',
      "workflow: a workflow needs exactly one trigger node",
    ]);
  });
});

describe("cycles", () => {
  // start → a → b → c → a
  it("reports a cycle on the edge that closes it, naming its nodes", () => {
    const document = workflowOf([start, set("a"), set("b"), set("c")], ["start -> a", "a -> b", "b -> c", "c -> a"]);
    expect(problemLines(document)).toEqual([
      "edge c→a: this edge closes a cycle (a → b → c → a); a workflow cannot flow back to an earlier node, use a loop node to repeat steps",
    ]);
  });

  // start → a → a ; start → b → c → b
  it("reports each separate cycle, including an edge from a node to itself", () => {
    const document = workflowOf([start, set("a"), set("b"), set("c")], ["start -> a", "a -> a", "start -> b", "b -> c", "c -> b"]);
    expect(problemLines(document)).toEqual([
      "edge a→a: this edge closes a cycle (a → a); a workflow cannot flow back to an earlier node, use a loop node to repeat steps",
      "edge c→b: this edge closes a cycle (b → c → b); a workflow cannot flow back to an earlier node, use a loop node to repeat steps",
    ]);
  });

  // start → each(loop) ─body→ a → each   (a back edge to the loop itself)
  it("refuses a back edge to a loop node too", () => {
    const document = workflowOf([start, node("each", "loop"), set("a")], ["start -> each", "each.body -> a", "a -> each"]);
    expect(problemLines(document)).toEqual([
      "edge a→each: this edge closes a cycle (each → a → each); a workflow cannot flow back to an earlier node, use a loop node to repeat steps",
    ]);
  });

  // start → a → ghost (dangling) ; ghost → a (dangling)
  it("leaves dangling edges out of the cycle search", () => {
    const document = workflowOf([start, set("a")], ["start -> a", "a -> ghost", "ghost -> a"]);
    expect(problemLines(document)).toEqual([
      'edge a→ghost: the target node "ghost" does not exist',
      'edge ghost→a: the source node "ghost" does not exist',
    ]);
  });
});

describe("loop body regions", () => {
  // start → each(loop) ─body→ a → b ; each ─done→ c ; b → c   (edge b→c leaves the body)
  it("reports an edge leaving the body, naming the edge that pulls the node in", () => {
    const document = workflowOf([start, node("each", "loop"), set("a"), set("b"), set("c")], [
      "start -> each",
      "each.body -> a",
      "a -> b",
      "each.done -> c",
      "b -> c",
    ]);
    expect(problemLines(document)).toEqual([
      `edge each→c: c is inside the body of loop "each" (through b→c) but this edge comes from outside it; ${REGION_RULE}`,
    ]);
  });

  // start → each(loop) ─body→ c ; start → a → c   (edge a→c enters the body)
  it("reports an edge entering the body from outside", () => {
    const document = workflowOf([start, node("each", "loop"), set("a"), set("c")], [
      "start -> each",
      "each.body -> c",
      "start -> a",
      "a -> c",
    ]);
    expect(problemLines(document)).toEqual([
      `edge a→c: c is inside the body of loop "each" but this edge comes from outside it; ${REGION_RULE}`,
    ]);
  });

  // start → outer(loop) ─body→ inner(loop) ─body→ a ; outer ─done→ x → a
  it("reports an edge entering nested bodies once, for the innermost", () => {
    const document = workflowOf([start, node("outer", "loop"), node("inner", "loop"), set("a"), set("x")], [
      "start -> outer",
      "outer.body -> inner",
      "inner.body -> a",
      "outer.done -> x",
      "x -> a",
    ]);
    expect(problemLines(document)).toEqual([
      `edge x→a: a is inside the body of loop "inner" but this edge comes from outside it; ${REGION_RULE}`,
    ]);
  });

  // start → outer(loop) ─body→ inner(loop) ─body→ a → b ; inner ─done→ c ; outer ─done→ d
  it("accepts nested loops whose bodies stay closed", () => {
    const document = workflowOf([start, node("outer", "loop"), node("inner", "loop"), set("a"), set("b"), set("c"), set("d")], [
      "start -> outer",
      "outer.body -> inner",
      "inner.body -> a",
      "a -> b",
      "inner.done -> c",
      "outer.done -> d",
    ]);
    expect(problemLines(document)).toEqual([]);
  });

  // start → each(loop) ─body→ a ; a ─typo→ x ; x → y ; a → y   (only the handle is reported)
  it("does not judge regions downstream of an edge with a wrong handle", () => {
    const document = workflowOf([start, node("each", "loop"), set("a"), set("x"), set("y")], [
      "start -> each",
      "each.body -> a",
      "a.typo -> x",
      "x -> y",
      "a -> y",
    ]);
    expect(problemLines(document)).toEqual(['edge a→x: set has no handle "typo" (handles: out)']);
  });
});

describe("try regions", () => {
  // start → t(try) ─try→ a ; t ─catch→ b ; a → b   (an edge between try regions)
  it("reports an edge from one region of a try into another", () => {
    const document = workflowOf([start, node("t", "try"), set("a"), set("b")], ["start -> t", "t.try -> a", "t.catch -> b", "a -> b"]);
    expect(problemLines(document)).toEqual([
      'edge a→b: this edge connects the try region of try "t" to its catch region; the regions of one try must stay separate',
    ]);
  });

  // start → t(try) ─try→ a ; t ─finally→ a
  it("reports a node wired to two region handles of one try, once", () => {
    const document = workflowOf([start, node("t", "try"), set("a")], ["start -> t", "t.try -> a", "t.finally -> a"]);
    expect(problemLines(document)).toEqual([
      'edge t→a: a is connected to both the try and finally handles of try "t"; the regions of one try must stay separate',
    ]);
  });

  // start → t(try) ─try→ a → b ; t ─out→ b   (b is in the try region, so out may not lead to it)
  it("reports the try's own out edge into its try region", () => {
    const document = workflowOf([start, node("t", "try"), set("a"), set("b")], ["start -> t", "t.try -> a", "a -> b", "t.out -> b"]);
    expect(problemLines(document)).toEqual([
      `edge t→b: b is inside the try region of try "t" (through a→b) but this edge comes from outside it; ${REGION_RULE}`,
    ]);
  });

  // start → t(try) ─try→ a → a2 ; t ─catch→ b ; t ─finally→ c ; t ─out→ d
  it("accepts separate regions", () => {
    const document = workflowOf([start, node("t", "try"), set("a"), set("a2"), set("b"), set("c"), set("d")], [
      "start -> t",
      "t.try -> a",
      "a -> a2",
      "t.catch -> b",
      "t.finally -> c",
      "t.out -> d",
    ]);
    expect(problemLines(document)).toEqual([]);
  });
});

describe("break and continue", () => {
  // start → stop(break) ; start → skip(continue)
  it("must be inside a loop body", () => {
    const document = workflowOf([start, node("stop", "break"), node("skip", "continue")], ["start -> stop", "start -> skip"]);
    expect(problemLines(document)).toEqual([
      "node stop: break must be inside a loop body",
      "node skip: continue must be inside a loop body",
    ]);
  });

  // start → each(loop) ─done→ stop(break)   (after the loop, not inside it)
  it("may not follow a loop's done handle", () => {
    const document = workflowOf([start, node("each", "loop"), node("stop", "break")], ["start -> each", "each.done -> stop"]);
    expect(problemLines(document)).toEqual(["node stop: break must be inside a loop body"]);
  });

  // start → each(loop) ─body→ t(try) ─catch→ skip(continue) ; t ─try→ check(if) ─true→ stop(break)
  it("may sit in a try region inside a loop body", () => {
    const document = workflowOf(
      [start, node("each", "loop"), node("t", "try"), node("skip", "continue"), node("check", "if"), node("stop", "break")],
      ["start -> each", "each.body -> t", "t.catch -> skip", "t.try -> check", "check.true -> stop"],
    );
    expect(problemLines(document)).toEqual([]);
  });
});

describe("n-of-m joins", () => {
  const join = (n: number) => node("j", "join", { mode: "n_of_m", n, aggregate: "array" });

  // start → a → j ; start → b → j   (j waits for 3)
  it("cannot wait for more arrivals than it has incoming edges", () => {
    const document = workflowOf([start, set("a"), set("b"), join(3)], ["start -> a", "start -> b", "a -> j", "b -> j"]);
    expect(problemLines(document)).toEqual(["node j: config.n: waits for 3 arrivals but only 2 edges lead into this join"]);
  });

  // start → a → j ; start → b → j   (j waits for 2)
  it("accepts n up to the number of incoming edges", () => {
    const document = workflowOf([start, set("a"), set("b"), join(2)], ["start -> a", "start -> b", "a -> j", "b -> j"]);
    expect(problemLines(document)).toEqual([]);
  });
});

describe("independent problems", () => {
  // start → a → b → a ; start → stop(break) ; start → j(join n=2)
  it("still reports rules that do not depend on the broken part", () => {
    const document = workflowOf(
      [start, set("a"), set("b"), node("stop", "break"), node("j", "join", { mode: "n_of_m", n: 2, aggregate: "first" })],
      ["start -> a", "a -> b", "b -> a", "start -> stop", "start -> j"],
    );
    expect(problemLines(document)).toEqual([
      "edge b→a: this edge closes a cycle (a → b → a); a workflow cannot flow back to an earlier node, use a loop node to repeat steps",
      "node stop: break must be inside a loop body",
      "node j: config.n: waits for 2 arrivals but only 1 edge leads into this join",
    ]);
  });
});
