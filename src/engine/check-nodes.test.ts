import { describe, expect, it } from "vitest";
import { node, problemLines, workflowOf } from "./fixtures/test-documents";

// Node-level problems, reported through validateWorkflow. Unless drawn otherwise
// each graph is `start → n`.
const start = node("start", "trigger.manual");

describe("node ids", () => {
  // start → "bad id!"   (the edge finds the node: only the id is wrong)
  it("refuses an id with characters outside letters, digits, _ and -", () => {
    const document = { ...workflowOf([start, node("bad id!", "set")], []), edges: [{ source: "start", target: "bad id!" }] };
    expect(problemLines(document)).toEqual([
      'node bad id!: id: must be 1 to 64 characters, using only letters, digits, "_" and "-"',
    ]);
  });

  // start → aaaa…(65)
  it("refuses an id longer than 64 characters", () => {
    const long = "a".repeat(65);
    const document = workflowOf([start, node(long, "set")], [`start -> ${long}`]);
    expect(problemLines(document)).toEqual([
      `node ${long}: id: must be 1 to 64 characters, using only letters, digits, "_" and "-"`,
    ]);
  });

  // start ; (a node without an id)
  it("locates a node without an id by its position", () => {
    const document = workflowOf([start, { type: "set", config: { values: {} } }, { id: "", type: "code" }], []);
    expect(problemLines(document)).toEqual([
      "workflow: nodes[1].id: this field is required",
      'workflow: nodes[2].id: must be 1 to 64 characters, using only letters, digits, "_" and "-"',
      "workflow: nodes[2].config.code: this field is required",
    ]);
  });

  // start → a ; a(set) ; a(code) ; a → b ; b → a   (the cycle is not analysed: "a" is ambiguous)
  it("reports a duplicated id once and skips the graph rules that need unique ids", () => {
    const document = workflowOf(
      [start, node("a", "set"), node("a", "code"), node("b", "set"), node("a", "delay")],
      ["start -> a", "a -> b", "b -> a", "b.nope -> a"],
    );
    expect(problemLines(document)).toEqual([
      "node a: 3 nodes use this id; each node needs its own id",
      'edge b→a: set has no handle "nope" (handles: out)',
    ]);
  });
});

describe("node types", () => {
  // start → x(foo) ; start → y(http.reqest)
  it("names an unknown type, suggesting a near match", () => {
    const document = workflowOf([start, node("x", "foo"), node("y", "http.reqest")], ["start -> x", "start -> y"]);
    expect(problemLines(document)).toEqual([
      'node x: unknown node type "foo"',
      'node y: unknown node type "http.reqest" (did you mean "http.request"?)',
    ]);
  });

  it("still checks the common fields of a node of unknown type", () => {
    const document = workflowOf([start, node("x", "foo", {}, { timeoutMs: -1 })], ["start -> x"]);
    expect(problemLines(document)).toEqual([
      'node x: unknown node type "foo"',
      "node x: timeoutMs: must be greater than 0, got -1",
    ]);
  });

  it("refuses a missing or non-text type", () => {
    const document = workflowOf([start, { id: "x" }, { id: "y", type: 3 }], ["start -> x", "start -> y"]);
    expect(problemLines(document)).toEqual(["node x: type: this field is required", "node y: type: expected text, got 3"]);
  });

  it("refuses a node that is not an object", () => {
    expect(problemLines(workflowOf([start, "fetch"], []))).toEqual(['workflow: nodes[1]: expected an object, got "fetch"']);
  });
});

describe("common node fields", () => {
  it("names an unknown field, suggesting the field that was probably meant", () => {
    const document = workflowOf([start, node("n", "set", undefined, { timeoutMS: 5000, colour: "red" })], ["start -> n"]);
    expect(problemLines(document)).toEqual([
      'node n: timeoutMS: unknown field (did you mean "timeoutMs"?)',
      "node n: colour: unknown field",
    ]);
  });

  it("checks every common field", () => {
    const fields = {
      name: "x".repeat(201),
      position: { x: "1", y: 2 },
      timeoutMs: 0,
      retry: { maxAttempts: 0, backoff: "linear", delay: 5 },
      cache: { ttlSeconds: "1h" },
      onError: "ignore",
      breakpoint: "yes",
    };
    const document = workflowOf([start, node("n", "set", undefined, fields)], ["start -> n"]);
    expect(problemLines(document)).toEqual([
      "node n: name: must be at most 200 characters long",
      'node n: position.x: expected a number, got "1"',
      "node n: timeoutMs: must be greater than 0, got 0",
      "node n: retry.maxAttempts: must be at least 1, got 0",
      'node n: retry.backoff: expected one of fixed, exponential, got "linear"',
      'node n: retry.delay: unknown field (did you mean "delayMs"?)',
      'node n: cache.ttlSeconds: expected a whole number, got "1h"',
      'node n: onError: expected one of fail, continue, got "ignore"',
      'node n: breakpoint: expected true or false, got "yes"',
    ]);
  });

  it("accepts every common field when valid", () => {
    const fields = {
      name: "Fetch order",
      position: { x: 10.5, y: -3 },
      timeoutMs: 1000,
      retry: { maxAttempts: 5, backoff: "exponential", delayMs: 0 },
      cache: { ttlSeconds: 30 },
      onError: "continue",
      breakpoint: false,
    };
    expect(problemLines(workflowOf([start, node("n", "set", undefined, fields)], ["start -> n"]))).toEqual([]);
  });
});
