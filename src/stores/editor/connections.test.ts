import { describe, expect, it } from "vitest";
import { documentToFlow } from "@/components/canvas/document-to-flow";
import { WorkflowDocument } from "@/engine/workflow-schema";
import { connectionEdge, isValidConnection, outputHandlesOf } from "./connections";

/*
 *   start ──out→in── check (if) ──true→in── notify (http.request)
 *                                          stop (fail)     pick (switch: cases "a", "b")
 */
const graph = documentToFlow(
  WorkflowDocument.parse({
    version: 1,
    name: "Connections",
    nodes: [
      { id: "start", type: "trigger.manual" },
      { id: "check", type: "if", config: { condition: "{{ input.ok }}" } },
      { id: "notify", type: "http.request", config: { method: "POST", url: "https://example.test" } },
      { id: "stop", type: "fail", config: { message: "No" } },
      {
        id: "pick",
        type: "switch",
        config: { value: "{{ input.kind }}", cases: [{ handle: "a", equals: "a" }, { handle: "b", equals: "b" }] },
      },
    ],
    edges: [
      { source: "start", target: "check" },
      { source: "check", target: "notify", sourceHandle: "true" },
    ],
  }),
);

const connect = (source: string, sourceHandle: string | null, target: string, targetHandle: string | null = "in") =>
  isValidConnection(graph, { source, sourceHandle, target, targetHandle });

describe("isValidConnection", () => {
  it("allows a new edge between existing handles", () => {
    expect(connect("check", "false", "stop")).toBe(true);
    expect(connect("pick", "b", "notify")).toBe(true);
    expect(connect("pick", "default", "notify")).toBe(true);
    expect(connect("start", null, "pick", null)).toBe(true);
  });

  it("refuses an edge from a node to itself", () => {
    expect(connect("notify", "out", "notify")).toBe(false);
  });

  it("refuses an edge into a trigger", () => {
    expect(connect("notify", "out", "start")).toBe(false);
  });

  it("refuses an edge that repeats an existing one, but not the edge checked against itself", () => {
    expect(connect("check", "true", "notify")).toBe(false);
    const existing = graph.edges[1];
    expect(existing && isValidConnection(graph, existing)).toBe(true);
  });

  it("refuses handles the nodes do not have", () => {
    expect(connect("check", "out", "stop")).toBe(false);
    expect(connect("pick", "c", "notify")).toBe(false);
    expect(connect("stop", "out", "notify")).toBe(false);
    expect(connect("check", "false", "stop", "input")).toBe(false);
  });

  it("refuses nodes that are not on the canvas", () => {
    expect(connect("check", "false", "ghost")).toBe(false);
  });

  it("refuses an edge that would close a cycle", () => {
    expect(connect("notify", "out", "check")).toBe(false);
  });
});

describe("outputHandlesOf", () => {
  it("tolerates a switch config that is mid-edit", () => {
    const pick = graph.nodes[4]?.data.node;
    if (pick?.type !== "switch") throw new Error("fixture");
    expect(outputHandlesOf({ ...pick, config: { ...pick.config, cases: "oops" as never } })).toEqual(["default"]);
  });
});

describe("connectionEdge", () => {
  it("writes the document edge in the public format and an id from its ends", () => {
    expect(connectionEdge(graph, { source: "check", sourceHandle: "false", target: "stop", targetHandle: null })).toEqual({
      id: "check.false->stop.in",
      source: "check",
      target: "stop",
      sourceHandle: "false",
      targetHandle: "in",
      data: { edge: { source: "check", target: "stop", sourceHandle: "false", targetHandle: "in" } },
    });
  });
});
